import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DealStage, DealSummary } from '../../../../contract/deals.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type DealView = 'mine' | 'unit' | 'account';

export interface DealFilters {
  view: DealView;
  unitId?: string;
  accountId?: string;
  stage?: DealStage;
  /** Won and lost deals closed within this many days come with the open ones. */
  closedWithinDays?: number;
}

export const getDeals = (filters: DealFilters) =>
  api.get<{ items: DealSummary[]; nextCursor: string | null }>('/deals', { query: { ...filters, limit: 500 } });

export const dealsQueryOptions = (filters: DealFilters) =>
  queryOptions({ queryKey: queryKeys.deals.list({ ...filters }), queryFn: () => getDeals(filters) });

/** One list of deals (mine, my units', one account's): open ones plus those closed recently. */
export const useDeals = (filters: DealFilters, enabled = true) => useQuery({ ...dealsQueryOptions(filters), enabled });
