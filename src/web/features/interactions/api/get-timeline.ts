import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { TimelinePage } from '../../../../contract/interactions.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const TIMELINE_PAGE_SIZE = 20;

export const getTimeline = (accountId: string, channels: string[], cursor: string | undefined) =>
  api.get<TimelinePage>(`/accounts/${accountId}/timeline`, {
    query: { cursor, limit: TIMELINE_PAGE_SIZE, channels },
  });

export const timelineQueryOptions = (accountId: string, channels: string[]) =>
  infiniteQueryOptions({
    queryKey: queryKeys.timeline(accountId, channels),
    queryFn: ({ pageParam }) => getTimeline(accountId, channels, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Newest first, keyset pages ("load more"). */
export const useTimeline = (accountId: string, channels: string[]) => useInfiniteQuery(timelineQueryOptions(accountId, channels));
