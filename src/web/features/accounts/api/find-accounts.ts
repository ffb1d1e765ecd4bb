import { useQuery } from '@tanstack/react-query';
import type { SearchHit } from '../../../../contract/accounts.ts';
import { api } from '../../../lib/api-client.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';

/** Account lookup for pickers (parent account). */
export const findAccounts = (q: string) => api.get<{ items: SearchHit[] }>('/search', { query: { q, limit: 10 } });

export function useFindAccounts(input: string) {
  const q = useDebounced(input.trim(), 200);
  return useQuery({
    queryKey: ['search', 'picker', q],
    queryFn: () => findAccounts(q),
    enabled: q.length >= 2,
    staleTime: 15_000,
  });
}
