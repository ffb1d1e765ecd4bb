import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../../contract/leads.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { notificationMessage } from '../notification-message.ts';
import { notificationColor as dotColor, notificationTarget } from '../notification-target.ts';
import { useNotifications } from '../api/get-notifications.ts';
import { useMarkRead } from '../api/use-mark-read.ts';
import { useNotificationStream } from '../api/use-notification-stream.ts';

/** The bell in the header: unread count, latest notifications, live updates over server-sent events. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const inbox = useNotifications();
  const markRead = useMarkRead();
  useNotificationStream((n) => navigate(notificationTarget(n)));
  const unread = inbox.data?.unread ?? 0;
  const items = inbox.data?.items ?? [];

  function openOne(n: Notification) {
    if (!n.readAt) markRead.mutate([n.id]);
    setOpened(false);
    navigate(notificationTarget(n));
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4} data-testid="notification-badge" data-count={unread}>
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => setOpened((o) => !o)} aria-label={t('notifications.open', { count: unread })} data-testid="notification-bell">
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-list">
        <Group justify="space-between" px="md" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fw={600} size="sm">{t('notifications.title')}</Text>
          <Button size="compact-xs" variant="subtle" leftSection={<IconChecks size={14} />} disabled={unread === 0} onClick={() => markRead.mutate(undefined)} data-testid="notification-read-all">
            {t('notifications.readAll')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" p="md" ta="center">{t('notifications.empty')}</Text>
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => openOne(n)}
                  px="md"
                  py="xs"
                  data-testid="notification-item"
                  data-unread={!n.readAt || undefined}
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-1)', background: n.readAt ? undefined : 'var(--mantine-color-relais-0)' }}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Indicator color={dotColor[n.kind] ?? 'relais'} size={8} disabled={!!n.readAt} position="middle-start" mt={6} processing={false}>
                      <span style={{ display: 'inline-block', width: 8 }} />
                    </Indicator>
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Text size="xs" fw={600} c={dotColor[n.kind] === 'red' ? 'red.7' : undefined}>{t(`notifications.kinds.${n.kind.replace('.', '_')}`, { defaultValue: n.kind })}</Text>
                      <Text size="sm" lineClamp={2}>{notificationMessage(t, n)}</Text>
                      <Text size="xs" c="dimmed">{formatDateTime(n.createdAt, i18n.language)}</Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
