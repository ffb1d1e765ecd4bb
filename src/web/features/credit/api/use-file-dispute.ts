import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Dispute, fileDisputeBody } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { afterDisputeChange } from './invalidate-dispute.ts';

export type FileDisputeInput = { dealId: string; lineId: string; body: z.output<typeof fileDisputeBody> };

/**
 * 422 dispute.counterparty_not_credited | dispute.already_open | dispute.deal_not_won | dispute.no_arbiter;
 * 400 with the field named on bad input.
 */
export const fileDispute = ({ dealId, lineId, body }: FileDisputeInput) => api.post<Dispute>(`/deals/${dealId}/lines/${lineId}/disputes`, body);

export function useFileDispute() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fileDispute, onSuccess: (dispute) => afterDisputeChange(queryClient, dispute) });
}
