import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Lead } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { afterLeadChange } from './invalidate-lead.ts';

export const takeLead = ({ id, version }: { id: string; version: number }) => api.post<Lead>(`/leads/${id}/take`, { version });

export function useTakeLead() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: takeLead, onSuccess: (lead) => afterLeadChange(queryClient, lead) });
}
