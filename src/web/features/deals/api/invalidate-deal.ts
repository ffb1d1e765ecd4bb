import type { QueryClient } from '@tanstack/react-query';
import type { Deal, DealSummary } from '../../../../contract/deals.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

type DealList = { items: DealSummary[]; nextCursor: string | null };

function summaryOf(deal: Deal): DealSummary {
  const { id, title, accountId, accountName, ownerId, ownerName, stage, probability, amountCents, currency, expectedClose, stageChangedAt, createdAt, version } = deal;
  return { id, title, accountId, accountName, ownerId, ownerName, stage, probability, amountCents, currency, expectedClose, stageChangedAt, createdAt, version };
}

/**
 * After any write on a deal: its detail now, the lists it appears in patched at once (so a second move
 * right after the first carries the new version), then every deal list, figure and history refetched,
 * with its account's timeline, the credits it may have recorded and the lead it came from.
 */
export function afterDealChange(queryClient: QueryClient, deal: Deal): void {
  queryClient.setQueryData(queryKeys.deals.detail(deal.id), deal);
  queryClient.setQueriesData<DealList>({ queryKey: ['deals', 'list'] }, (list) =>
    list && list.items.some((d) => d.id === deal.id) ? { ...list, items: list.items.map((d) => (d.id === deal.id ? summaryOf(deal) : d)) } : list,
  );
  void queryClient.invalidateQueries({ queryKey: queryKeys.deals.all, predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === deal.id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(deal.accountId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${deal.accountId}`) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.credits.all });
  if (deal.leadId) void queryClient.invalidateQueries({ queryKey: queryKeys.leads.detail(deal.leadId) });
}
