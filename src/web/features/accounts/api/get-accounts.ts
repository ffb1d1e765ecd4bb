import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AccountSummary } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export interface AccountFilters {
  segment?: string | null;
  status?: string | null;
  agencyId?: string | null;
  ownerId?: string | null;
}

export const getAccounts = (filters: AccountFilters, cursor: string | undefined) =>
  api.get<{ items: AccountSummary[]; nextCursor: string | null }>('/accounts', {
    query: { ...filters, cursor, limit: 50 },
  });

export const accountsQueryOptions = (filters: AccountFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.accounts.list({ ...filters }),
    queryFn: ({ pageParam }) => getAccounts(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAccounts = (filters: AccountFilters) => useInfiniteQuery(accountsQueryOptions(filters));
