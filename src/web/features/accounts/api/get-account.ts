import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Account } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getAccount = (id: string, signal?: AbortSignal) => api.get<Account>(`/accounts/${id}`, { signal });

export const accountQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.accounts.detail(id), queryFn: ({ signal }) => getAccount(id, signal) });

export const useAccount = (id: string) => useQuery(accountQueryOptions(id));
