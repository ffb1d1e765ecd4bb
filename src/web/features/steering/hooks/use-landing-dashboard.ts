import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dashboard, DashboardQuery } from '../../../../contract/steering.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { dashboardQueryOptions, getDashboard } from '../api/get-dashboard.ts';
import { dashboardQueryOf, type PeriodParams, type UnitParams } from '../steering-params.ts';

/**
 * The page opened without a unit: the first of `candidates` (the widest view first, the reader's own figures
 * last) the server lets the reader see. Refusals (403) and unknown units (404) move on to the next one; the
 * dashboard found is kept in the cache under its own query, so naming it in the URL costs no second request.
 */
export function useLandingDashboard(candidates: UnitParams[] | null, period: PeriodParams) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.steering.landing(candidates ?? [], { ...period }),
    enabled: candidates !== null && candidates.length > 0,
    staleTime: 0,
    gcTime: 0,
    queryFn: async (): Promise<{ query: DashboardQuery; dashboard: Dashboard }> => {
      let refusal: unknown = null;
      for (const unit of candidates ?? []) {
        const query = dashboardQueryOf(unit, period);
        try {
          const dashboard = await getDashboard(query);
          queryClient.setQueryData(dashboardQueryOptions(query).queryKey, dashboard);
          return { query, dashboard };
        } catch (error) {
          if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
            refusal = error;
            continue;
          }
          throw error;
        }
      }
      throw refusal ?? new Error('No unit to show');
    },
  });
}
