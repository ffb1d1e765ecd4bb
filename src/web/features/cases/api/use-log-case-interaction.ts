import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { logCaseInteractionBody } from '../../../../contract/cases.ts';
import type { Interaction } from '../../../../contract/interactions.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type LogCaseInteractionInput = { id: string; body: z.output<typeof logCaseInteractionBody> };

/** A call or an email about the case: an interaction on its account, linked to the case. */
export const logCaseInteraction = ({ id, body }: LogCaseInteractionInput) => api.post<Interaction>(`/cases/${id}/interactions`, body);

export function useLogCaseInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logCaseInteraction,
    onSuccess: (interaction, { id }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.cases.timeline(id) });
      // Logging may count as the first response: the case and its queues show the new SLA state.
      void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(interaction.accountId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${interaction.accountId}`) });
    },
  });
}
