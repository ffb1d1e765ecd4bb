import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Lead, LeadStatus } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type LeadView = 'inbox' | 'relayed' | 'unit' | 'offered' | 'account';

export interface LeadFilters {
  view: LeadView;
  accountId?: string;
  status?: LeadStatus | null;
}

export const getLeads = (filters: LeadFilters, cursor: string | undefined) =>
  api.get<{ items: Lead[]; nextCursor: string | null }>('/leads', { query: { ...filters, cursor, limit: 100 } });

export const leadsQueryOptions = (filters: LeadFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.leads.list({ ...filters }),
    queryFn: ({ pageParam }) => getLeads(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** A list of leads (inbox, relayed, unit, offered, account), keyset pages; live notifications invalidate it. */
export const useLeads = (filters: LeadFilters, enabled = true) => useInfiniteQuery({ ...leadsQueryOptions(filters), enabled });
