import type { QueryClient } from '@tanstack/react-query';
import type { Dispute } from '../../../../contract/credit.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** After a dispute is filed, decided or appealed: its detail, every dispute list, the deal's credits and everyone's totals. */
export function afterDisputeChange(queryClient: QueryClient, dispute: Dispute): void {
  queryClient.setQueryData(queryKeys.disputes.detail(dispute.id), dispute);
  void queryClient.invalidateQueries({ queryKey: ['disputes', 'list'] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.deals.credits(dispute.dealId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.credits.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${dispute.accountId}`) });
}
