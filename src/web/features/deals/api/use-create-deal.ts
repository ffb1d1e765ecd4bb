import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createDealBody, Deal } from '../../../../contract/deals.ts';
import { api } from '../../../lib/api-client.ts';
import { afterDealChange } from './invalidate-deal.ts';

export type CreateDealInput = z.output<typeof createDealBody>;

/** Opens a deal (stage qualification) on an account; 400 names the field, e.g. lines.0.productId. */
export const createDeal = (body: CreateDealInput) => api.post<Deal>('/deals', body);

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createDeal, onSuccess: (deal) => afterDealChange(queryClient, deal) });
}
