import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DealCredits } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** Per line of a won deal: the ledger entries, with their explanation and evidence, and the net share per person. */
export const getDealCredits = (dealId: string) => api.get<DealCredits>(`/deals/${dealId}/credits`);

export const dealCreditsQueryOptions = (dealId: string) =>
  queryOptions({ queryKey: queryKeys.deals.credits(dealId), queryFn: () => getDealCredits(dealId) });

export const useDealCredits = (dealId: string, enabled = true) => useQuery({ ...dealCreditsQueryOptions(dealId), enabled });
