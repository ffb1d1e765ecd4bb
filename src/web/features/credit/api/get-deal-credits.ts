import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DealCredits } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** Per line of a won deal: the ledger entries, with their explanation and evidence, and the net share per person. */
export const getDealCredits = (dealId: string, signal?: AbortSignal) => api.get<DealCredits>(`/deals/${dealId}/credits`, { signal });

export const dealCreditsQueryOptions = (dealId: string) =>
  queryOptions({ queryKey: queryKeys.deals.credits(dealId), queryFn: ({ signal }) => getDealCredits(dealId, signal) });

export const useDealCredits = (dealId: string, enabled = true) => useQuery({ ...dealCreditsQueryOptions(dealId), enabled });
