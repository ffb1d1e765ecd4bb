import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Case } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getCase = (id: string) => api.get<Case>(`/cases/${id}`);

export const caseQueryOptions = (id: string) => queryOptions({ queryKey: queryKeys.cases.detail(id), queryFn: () => getCase(id) });

/** One case with its live SLA state, transfers, the unit held responsible and what the reader may do with it. */
export const useCase = (id: string) => useQuery({ ...caseQueryOptions(id), refetchInterval: 60_000 });
