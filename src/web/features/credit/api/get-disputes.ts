import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DisputeSummary } from '../../../../contract/credit.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type DisputeListRole = 'party' | 'arbiter' | 'unit';
export interface DisputeFilters {
  role: DisputeListRole;
  dealId?: string;
}

/** party: filed by me or against me; arbiter: mine to decide (or decided); unit: a manager's units'. */
export const getDisputes = (filters: DisputeFilters) =>
  api.get<{ items: DisputeSummary[]; nextCursor: null }>('/disputes', { query: { role: filters.role, dealId: filters.dealId } });

export const disputesQueryOptions = (filters: DisputeFilters) =>
  queryOptions({ queryKey: queryKeys.disputes.list({ ...filters }), queryFn: () => getDisputes(filters) });

export const useDisputes = (filters: DisputeFilters, enabled = true) => useQuery({ ...disputesQueryOptions(filters), enabled });
