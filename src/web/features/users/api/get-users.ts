import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { OrgUser } from '../../../../contract/org.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getUsers = (cursor: string | undefined) =>
  api.get<{ items: OrgUser[]; nextCursor: string | null }>('/users', { query: { cursor } });

export const usersQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: queryKeys.users.all,
    queryFn: ({ pageParam }) => getUsers(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useUsers = () => useInfiniteQuery(usersQueryOptions());
