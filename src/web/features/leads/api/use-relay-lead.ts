import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Lead, relayLeadBody } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type RelayLeadInput = z.output<typeof relayLeadBody>;

/** 409 lead.possible_duplicate (details.existingLeadId) when the same product was relayed for the account within a day. */
export const relayLead = (body: RelayLeadInput) => api.post<Lead>('/leads', body);

export function useRelayLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: relayLead,
    onSuccess: (lead) => {
      queryClient.setQueryData(queryKeys.leads.detail(lead.id), lead);
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(lead.accountId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${lead.accountId}`) });
    },
  });
}
