import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { appealDisputeBody, Dispute } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { afterDisputeChange } from './invalidate-dispute.ts';

export type AppealDisputeInput = { id: string; body: z.output<typeof appealDisputeBody> };

/** A party asks the next level's manager to review the decision (once). */
export const appealDispute = ({ id, body }: AppealDisputeInput) => api.post<Dispute>(`/disputes/${id}/appeal`, body);

export function useAppealDispute() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: appealDispute, onSuccess: (dispute) => afterDisputeChange(queryClient, dispute) });
}
