import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { convertLeadBody, Lead } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { afterLeadChange } from './invalidate-lead.ts';

export type ConvertLeadInput = z.output<typeof convertLeadBody>;

/** Creates a deal stub (stage qualification) linked to the lead. */
export const convertLead = ({ id, body }: { id: string; body: ConvertLeadInput }) => api.post<Lead>(`/leads/${id}/convert`, body);

export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: convertLead, onSuccess: (lead) => afterLeadChange(queryClient, lead) });
}
