import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Dispute } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** One dispute with its claim, frozen evidence packet, rulings and what I may do with it. */
export const getDispute = (id: string) => api.get<Dispute>(`/disputes/${id}`);

export const disputeQueryOptions = (id: string) => queryOptions({ queryKey: queryKeys.disputes.detail(id), queryFn: () => getDispute(id) });

export const useDispute = (id: string) => useQuery(disputeQueryOptions(id));
