import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Case } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';

// R, a year, a number, separators optional ('R-2026-000012', 'r2026 12', 'R 2026/12'): the server's reading, loosely.
const REFERENCE_LIKE = /^r[\s\-‐‑–—/._]*2\d{3}[\s\-‐‑–—/._]*\d{1,9}$/i;

/** Whether typed text looks like a case reference: only then is the lookup asked. */
export const looksLikeCaseReference = (input: string) => REFERENCE_LIKE.test(input.normalize('NFKC').trim());

export const lookupCase = (q: string) => api.get<{ items: Case[] }>('/cases/lookup', { query: { q } });

export const caseLookupQueryOptions = (q: string) =>
  queryOptions({ queryKey: queryKeys.cases.lookup(q), queryFn: () => lookupCase(q), enabled: looksLikeCaseReference(q), staleTime: 15_000 });

/** The case a typed reference names (none, or the one the reader may see), asked ~150 ms after the last keystroke. */
export function useCaseLookup(input: string) {
  const q = useDebounced(input.trim(), 150);
  const query = useQuery(caseLookupQueryOptions(q));
  const items = looksLikeCaseReference(q) && q === input.trim() ? (query.data?.items ?? []) : [];
  return { ...query, items };
}
