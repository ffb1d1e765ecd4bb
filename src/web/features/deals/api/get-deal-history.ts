import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export interface DealHistoryItem {
  action: string;
  actorName: string | null;
  recordedAt: string;
  payload: Record<string, unknown>;
}

export const getDealHistory = (id: string) => api.get<{ items: DealHistoryItem[] }>(`/deals/${id}/history`);

export const dealHistoryQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.deals.history(id), queryFn: () => getDealHistory(id) });

/** The deal's trace events, newest first. */
export const useDealHistory = (id: string) => useQuery(dealHistoryQueryOptions(id));
