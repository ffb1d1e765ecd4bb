import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { decideDisputeBody, Dispute } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { afterDisputeChange } from './invalidate-dispute.ts';

export type DecideDisputeInput = { id: string; body: z.output<typeof decideDisputeBody> };

/** The arbiter's written decision: awards 0 … the requested share; compensating ledger entries follow. */
export const decideDispute = ({ id, body }: DecideDisputeInput) => api.post<Dispute>(`/disputes/${id}/decision`, body);

export function useDecideDispute() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: decideDispute, onSuccess: (dispute) => afterDisputeChange(queryClient, dispute) });
}
