import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Notification } from '../../../../contract/leads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export interface NotificationInbox {
  items: Notification[];
  unread: number;
}

export const getNotifications = () => api.get<NotificationInbox>('/notifications', { query: { limit: 20 } });

export const notificationsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.notifications, queryFn: () => getNotifications(), staleTime: 60_000 });

export const useNotifications = () => useQuery(notificationsQueryOptions());
