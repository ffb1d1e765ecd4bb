import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseTimelineItem } from '../../../../contract/cases.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getCaseTimeline = (id: string) => api.get<{ items: CaseTimelineItem[] }>(`/cases/${id}/timeline`);

export const caseTimelineQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.cases.timeline(id), queryFn: () => getCaseTimeline(id) });

/** The case's own history, oldest first: its trace events and the contacts logged on it. */
export const useCaseTimeline = (id: string) => useQuery(caseTimelineQueryOptions(id));
