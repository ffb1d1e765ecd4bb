import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Interaction, logInteractionBody } from '../../../../contract/interactions.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type LogInteractionInput = z.output<typeof logInteractionBody>;

export const logInteraction = (body: LogInteractionInput) => api.post<Interaction>('/interactions', body);

/** Logging a contact refreshes the timeline (so it shows on top) and the account's trace. */
export function useLogInteraction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logInteraction,
    onSuccess: (interaction) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(interaction.accountId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.trace.stream(`account:${interaction.accountId}`) });
    },
  });
}
