import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { casePoolMembersSchema } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type CasePoolMembers = z.infer<typeof casePoolMembersSchema>;
export type CasePoolMember = CasePoolMembers['items'][number];

export const getCaseMembers = (id: string) => api.get<CasePoolMembers>(`/cases/${id}/members`);

export const caseMembersQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.cases.members(id), queryFn: () => getCaseMembers(id), staleTime: 15_000 });

/** The case pool's members for the assign menu: who is available today, and how many open cases each holds. */
export const useCaseMembers = (id: string, enabled = true) => useQuery({ ...caseMembersQueryOptions(id), enabled });
