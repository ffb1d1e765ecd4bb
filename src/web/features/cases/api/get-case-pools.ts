import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { casePoolOptionsSchema } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type CasePoolOptions = z.infer<typeof casePoolOptionsSchema>;
export type CasePoolOption = CasePoolOptions['items'][number];

export const getCasePools = (id: string) => api.get<CasePoolOptions>(`/cases/${id}/pools`);

export const casePoolsQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.cases.pools(id), queryFn: () => getCasePools(id), staleTime: 5 * 60_000 });

/** The back-office pools a case may be transferred to, with their scope, for the transfer form. */
export const useCasePools = (id: string, enabled = true) => useQuery({ ...casePoolsQueryOptions(id), enabled });
