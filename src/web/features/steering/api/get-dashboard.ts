import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Dashboard, DashboardQuery } from '../../../../contract/steering.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** The query as the URL carries it: only the fields that are set. */
export const dashboardQueryParams = (query: DashboardQuery) => ({
  type: query.type,
  id: query.id,
  period: query.period,
  at: query.at,
  from: query.from,
  to: query.to,
});

export const getDashboard = (query: DashboardQuery) =>
  api.get<Dashboard>('/steering/dashboard', { query: dashboardQueryParams(query) });

export const dashboardQueryOptions = (query: DashboardQuery) =>
  queryOptions({
    queryKey: queryKeys.steering.dashboard({ ...dashboardQueryParams(query) }),
    queryFn: () => getDashboard(query),
    staleTime: 60_000,
  });

/**
 * One unit's or one person's figures over a period, with the trend and the next level down. While another
 * period or unit loads, the previous figures stay on screen (`isPlaceholderData`).
 */
export const useDashboard = (query: DashboardQuery | null) =>
  useQuery({ ...dashboardQueryOptions(query ?? {}), enabled: query !== null, placeholderData: keepPreviousData });
