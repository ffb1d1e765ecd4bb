import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrgUser } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getUser = (id: string, signal?: AbortSignal) => api.get<OrgUser>(`/users/${id}`, { signal });

export const userQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.users.detail(id), queryFn: ({ signal }) => getUser(id, signal), staleTime: 0 });

export const useUser = (id: string | null) => useQuery({ ...userQueryOptions(id ?? ''), enabled: !!id });
