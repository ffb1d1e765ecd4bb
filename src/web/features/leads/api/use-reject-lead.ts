import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Lead, rejectLeadBody } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { afterLeadChange } from './invalidate-lead.ts';

export type RejectLeadInput = z.output<typeof rejectLeadBody>;

export const rejectLead = ({ id, body }: { id: string; body: RejectLeadInput }) => api.post<Lead>(`/leads/${id}/reject`, body);

export function useRejectLead() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: rejectLead, onSuccess: (lead) => afterLeadChange(queryClient, lead) });
}
