import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { caseListQuery, type CaseListItem, type CaseListPage, type CaseListQuery, type CasePriority, type CaseStatus, type CaseType } from '../../../../contract/cases.ts';
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

/** A queue opens on the contract's page: its 50 most urgent cases. */
const CASE_PAGE = caseListQuery.parse({}).limit;

export const getCases = (filters: CaseFilters, page: { after?: string; limit: number }) =>
  api.get<CaseListPage>('/cases', {
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
      limit: page.limit,
      after: page.after,
    },
  });

/** Other filters, another list: it starts again from its first page. */
export const casesQueryOptions = (filters: CaseFilters, limit = CASE_PAGE) =>
  infiniteQueryOptions({
    queryKey: queryKeys.cases.list({ ...filters, limit }),
    queryFn: ({ pageParam }) => getCases(filters, { after: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export interface LoadedCases {
  /** Every page loaded so far, in the server's order; a case that moved between two pages' reads shows once. */
  items: CaseListItem[];
  /** The whole list's counts, from the latest page (every page carries them). */
  total: number;
  unassigned: number;
  late: number;
}

function loaded(data: InfiniteData<CaseListPage>): LoadedCases {
  const seen = new Set<string>();
  const items = data.pages
    .flatMap((p) => p.items)
    .filter((c) => {
      if (seen.has(c.id)) return false;
      seen.add(c.id);
      return true;
    });
  const latest = data.pages.at(-1);
  return { items, total: latest?.total ?? 0, unassigned: latest?.unassigned ?? 0, late: latest?.late ?? 0 };
}

/**
 * A list of cases (mine, my pools', my units', one account's), most urgent first as the server sorts them, a page
 * at a time (`fetchNextPage` appends the next). `refetchEvery` keeps a queue fresh while it is on screen (every
 * loaded page is asked again; the SLA countdowns tick on their own in between).
 */
export const useCases = (filters: CaseFilters, options: { enabled?: boolean; refetchEvery?: number; limit?: number } = {}) =>
  useInfiniteQuery({ ...casesQueryOptions(filters, options.limit), select: loaded, enabled: options.enabled ?? true, refetchInterval: options.refetchEvery });
