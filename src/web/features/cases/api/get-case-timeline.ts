import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseTimelineItem } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getCaseTimeline = (id: string, signal?: AbortSignal) => api.get<{ items: CaseTimelineItem[] }>(`/cases/${id}/timeline`, { signal });

export const caseTimelineQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.cases.timeline(id), queryFn: ({ signal }) => getCaseTimeline(id, signal) });

/** The case's own history, oldest first: its trace events and the contacts logged on it. */
export const useCaseTimeline = (id: string) => useQuery(caseTimelineQueryOptions(id));
