import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Lead } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { afterLeadChange } from './invalidate-lead.ts';

export const acceptLead = ({ id, version }: { id: string; version: number }) => api.post<Lead>(`/leads/${id}/accept`, { version });

export function useAcceptLead() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: acceptLead, onSuccess: (lead) => afterLeadChange(queryClient, lead) });
}
