import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Deal, updateDealBody } from '../../../../contract/deals.ts';
import { api } from '../../../lib/api-client.ts';
import { afterDealChange } from './invalidate-deal.ts';

export type UpdateDealInput = z.output<typeof updateDealBody>;

/** Changes what is given; lines replace all lines. 409 deal.version_conflict when someone saved first. */
export const updateDeal = ({ id, body }: { id: string; body: UpdateDealInput }) => api.patch<Deal>(`/deals/${id}`, body);

export function useUpdateDeal() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateDeal, onSuccess: (deal) => afterDealChange(queryClient, deal) });
}
