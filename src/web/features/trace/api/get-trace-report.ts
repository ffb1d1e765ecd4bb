import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { traceReportSchema } from '../../../../contract/trace.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type TraceReport = z.infer<typeof traceReportSchema>;

export const getTraceReport = () => api.get<TraceReport>('/trace/verify');

export const traceReportQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.trace.report, queryFn: () => getTraceReport(), staleTime: 0, gcTime: 0 });

/** Recomputes the whole trace on the server: only run on demand. */
export const useTraceReport = (enabled: boolean) => useQuery({ ...traceReportQueryOptions(), enabled });
