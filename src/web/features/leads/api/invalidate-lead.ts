import type { QueryClient } from '@tanstack/react-query';
import type { Lead } from '../../../../contract/leads.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** After any answer to a lead: its detail, every lead list, and its account's history. */
export function afterLeadChange(queryClient: QueryClient, lead: Lead): void {
  queryClient.setQueryData(queryKeys.leads.detail(lead.id), lead);
  void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(lead.accountId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${lead.accountId}`) });
}
