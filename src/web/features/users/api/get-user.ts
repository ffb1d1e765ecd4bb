import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrgUser } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getUser = (id: string) => api.get<OrgUser>(`/users/${id}`);

export const userQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.users.detail(id), queryFn: () => getUser(id), staleTime: 0 });

export const useUser = (id: string | null) => useQuery({ ...userQueryOptions(id ?? ''), enabled: !!id });
