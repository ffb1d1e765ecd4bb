import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { SearchHit } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';

export const searchAccounts = (q: string) =>
  api.get<{ items: SearchHit[] }>('/search', { query: { q, limit: 20 } });

export const searchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.search(q),
    queryFn: () => searchAccounts(q),
    enabled: q.length > 0,
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });

/** Search as you type: the query runs ~150 ms after the last keystroke. */
export function useSearchAccounts(input: string) {
  const q = useDebounced(input.trim(), 150);
  const query = useQuery(searchQueryOptions(q));
  return { ...query, q, settled: q === input.trim() };
}
