import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Case, CaseListQuery, CasePriority, CaseStatus, CaseType } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type CaseView = NonNullable<CaseListQuery['view']>;

export interface CaseFilters {
  view: CaseView;
  accountId?: string;
  /** Resolved and closed cases too (the account view has them anyway). */
  includeDone?: boolean;
  status?: CaseStatus[];
  priority?: CasePriority[];
  type?: CaseType[];
  assigned?: 'me' | 'none' | 'any';
  pingPong?: boolean;
  /** Only cases past a deadline: resolution, or first response while nobody has answered yet. */
  breached?: boolean;
}

export const getCases = (filters: CaseFilters) =>
  api.get<{ items: Case[] }>('/cases', {
    query: {
      view: filters.view,
      accountId: filters.accountId,
      includeDone: filters.includeDone ? 'true' : undefined,
      status: filters.status,
      priority: filters.priority,
      type: filters.type,
      assigned: filters.assigned && filters.assigned !== 'any' ? filters.assigned : undefined,
      pingPong: filters.pingPong ? 'true' : undefined,
      breached: filters.breached ? 'true' : undefined,
    },
  });

export const casesQueryOptions = (filters: CaseFilters) =>
  queryOptions({ queryKey: queryKeys.cases.list({ ...filters }), queryFn: () => getCases(filters) });

/**
 * A list of cases (mine, my pools', my units', one account's), most urgent first as the server sorts them.
 * `refetchEvery` keeps a queue fresh while it is on screen (the SLA countdowns tick on their own in between).
 */
export const useCases = (filters: CaseFilters, options: { enabled?: boolean; refetchEvery?: number } = {}) =>
  useQuery({ ...casesQueryOptions(filters), enabled: options.enabled ?? true, refetchInterval: options.refetchEvery });
