import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Case, CaseListPage } from '../../../../contract/cases.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/**
 * After any write on a case: its detail now, the lists it appears in patched at once (so a second action
 * right after the first carries the new version), then every case list (the queues, its account's), its
 * timeline, its pool's loads and the lookups refetched, with its account's history and trace.
 */
export function afterCaseChange(queryClient: QueryClient, updated: Case): void {
  queryClient.setQueryData(queryKeys.cases.detail(updated.id), updated);
  queryClient.setQueriesData<InfiniteData<CaseListPage>>({ queryKey: ['cases', 'list'] }, (list) =>
    list?.pages.some((p) => p.items.some((c) => c.id === updated.id))
      ? { ...list, pages: list.pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === updated.id ? updated : c)) })) }
      : list,
  );
  void queryClient.invalidateQueries({ queryKey: queryKeys.cases.all, predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === updated.id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(updated.account.id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${updated.account.id}`) });
}

/** After a refusal that may mean our copy is stale (409 version conflict, 422 not allowed any more): reload it. */
export function reloadCase(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.cases.timeline(id) });
  void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
}
