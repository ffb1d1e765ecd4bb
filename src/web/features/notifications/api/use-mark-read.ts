import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import type { NotificationInbox } from './get-notifications.ts';

/** Marks the given notifications read, or all of them when ids is omitted. */
export const markRead = (ids?: string[]) => api.post<{ marked: number }>('/notifications/read', ids ? { ids } : {});

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onMutate: (ids) => {
      // Optimistic: the badge drops at once.
      queryClient.setQueryData<NotificationInbox>(queryKeys.notifications, (inbox) => {
        if (!inbox) return inbox;
        const now = new Date().toISOString();
        const items = inbox.items.map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n));
        const dropped = inbox.items.filter((n) => !n.readAt).length - items.filter((n) => !n.readAt).length;
        return { items, unread: ids ? Math.max(0, inbox.unread - dropped) : 0 };
      });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
