import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Notification } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export interface NotificationInbox {
  items: Notification[];
  unread: number;
}

export const getNotifications = (signal?: AbortSignal) => api.get<NotificationInbox>('/notifications', { query: { limit: 20 }, signal });

export const notificationsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.notifications, queryFn: ({ signal }) => getNotifications(signal), staleTime: 60_000 });

export const useNotifications = () => useQuery(notificationsQueryOptions());
