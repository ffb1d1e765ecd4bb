import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StreamTrace } from '../../../../contract/trace.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getStreamTrace = (stream: string) =>
  api.get<StreamTrace>(`/trace/streams/${encodeURIComponent(stream)}`);

export const streamTraceQueryOptions = (stream: string) =>
  queryOptions({ queryKey: queryKeys.trace.stream(stream), queryFn: () => getStreamTrace(stream), staleTime: 0 });

export const useStreamTrace = (stream: string | null) =>
  useQuery({ ...streamTraceQueryOptions(stream ?? ''), enabled: !!stream });
