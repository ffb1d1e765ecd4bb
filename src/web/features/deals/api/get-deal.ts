import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Deal } from '../../../../contract/deals.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getDeal = (id: string) => api.get<Deal>(`/deals/${id}`);

export const dealQueryOptions = (id: string) => queryOptions({ queryKey: queryKeys.deals.detail(id), queryFn: () => getDeal(id) });

/** A deal with its lines and what the signed-in person may do with it. */
export const useDeal = (id: string) => useQuery(dealQueryOptions(id));
