import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Deal, moveDealBody } from '../../../../contract/deals.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { afterDealChange } from './invalidate-deal.ts';

export type MoveDealInput = z.output<typeof moveDealBody>;

/**
 * Moves a deal to another stage. Closing as won checks channel eligibility: 422 deal.not_eligible
 * (details: eligibilityRefusalDetails); a won deal is final (422 deal.already_won); lost needs a reason.
 */
export const moveDeal = ({ id, body }: { id: string; body: MoveDealInput }) => api.post<Deal>(`/deals/${id}/stage`, body);

export function useMoveDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveDeal,
    onSuccess: (deal) => afterDealChange(queryClient, deal),
    // A refusal may mean the board was stale (someone moved it first): show what is true now.
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.deals.all }),
  });
}
