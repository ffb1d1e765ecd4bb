// Live notifications: one EventSource per signed-in tab on /api/notifications/stream (same-origin cookie).
import { notifications as toasts } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationMessage } from '../notification-message.ts';
import { notificationAlertId, notificationCaseId, notificationColor } from '../notification-target.ts';
import type { Notification } from '../../../../contract/leads.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import type { NotificationInbox } from './get-notifications.ts';

const RETRY_MS = 5_000;

/**
 * Each notification bumps the bell, refreshes what it is about (every lead list, so "Ma journée" shows a new lead
 * without reload; a deal's credits, the disputes and "Mes crédits" for credit and dispute news; the case and the case
 * queues for case news; the alert inbox and the dashboards for a steering alert) and shows a toast
 * that opens it. EventSource reconnects by itself on network errors; when the server refused the stream (closed
 * state) we open a new one after a pause.
 */
export function useNotificationStream(onOpen: (n: Notification) => void) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const tRef = useRef(t);
  const openRef = useRef(onOpen);
  useEffect(() => {
    tRef.current = t;
    openRef.current = onOpen;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let opens = 0;

    const onNotification = (event: MessageEvent<string>) => {
      let n: Notification;
      try {
        n = JSON.parse(event.data) as Notification;
      } catch {
        return;
      }
      queryClient.setQueryData<NotificationInbox>(queryKeys.notifications, (inbox) =>
        inbox && !inbox.items.some((x) => x.id === n.id) ? { items: [n, ...inbox.items].slice(0, 30), unread: inbox.unread + 1 } : inbox,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
      if (n.kind.startsWith('credit.') || n.kind.startsWith('dispute.')) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.credits.all });
        void queryClient.invalidateQueries({ queryKey: queryKeys.disputes.all });
        if (n.dealId) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.deals.credits(n.dealId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.deals.detail(n.dealId) });
        }
      }
      const caseId = notificationCaseId(n);
      if (n.kind.startsWith('case.')) {
        void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
        if (caseId) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(caseId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.cases.timeline(caseId) });
        }
      }
      // A steering alert: the inbox, its page and the dashboards' alert blocks.
      const alertId = notificationAlertId(n);
      if (n.kind.startsWith('alert.')) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.steering.alerts });
        void queryClient.invalidateQueries({ queryKey: ['steering', 'dashboard'] });
      }
      const tr = tRef.current;
      const openable = !!(n.leadId || n.dealId || n.disputeId || caseId || alertId);
      toasts.show({
        id: `notification-${n.id}`,
        color: n.kind === 'lead.answered' ? 'relais' : (notificationColor[n.kind] ?? 'relais'),
        title: tr(`notifications.kinds.${n.kind.replace('.', '_')}`, { defaultValue: n.kind }),
        message: notificationMessage(tr, n),
        autoClose: 8_000,
        onClick: openable ? () => openRef.current(n) : undefined,
        style: openable ? { cursor: 'pointer' } : undefined,
        'data-testid': 'notification-toast',
      } as Parameters<typeof toasts.show>[0]);
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource('/api/notifications/stream', { withCredentials: true });
      source.addEventListener('notification', onNotification as EventListener);
      source.onopen = () => {
        // After a reconnect, resync what may have arrived while we were away.
        if (opens++ === 0) return;
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
        void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
      };
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(open, RETRY_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [queryClient]);
}
