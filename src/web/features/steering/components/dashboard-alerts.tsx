import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowRight, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Alert } from '../../../../contract/steering.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useAcknowledgeAlert } from '../api/use-acknowledge-alert.ts';
import { alertFigures } from '../alert-words.ts';
import { inLanguage } from '../format-figure.ts';
import { steeringErrorText } from '../steering-errors.ts';
import { AlertClearedBadge, AlertStatusBadge } from './alert-badges.tsx';
import { alertTargetHref } from './alerts-table.tsx';

/**
 * One alert: its words, its figure, a link to its page and, while it is open, acknowledge in one click. Away from
 * its own dashboard (`showTarget`), it also names the unit or person it is about, linked to their figures.
 */
export function DashboardAlert({ alert, showTarget = false }: { alert: Alert; showTarget?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const acknowledge = useAcknowledgeAlert();
  const [error, setError] = useState<string | null>(null);
  const figures = alertFigures(t, lang, alert);

  function onAcknowledge() {
    setError(null);
    acknowledge.mutate(
      { id: alert.id, body: { version: alert.version } },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('steering.alert.acknowledged') }),
        onError: (e) => setError(steeringErrorText(t, e)),
      },
    );
  }

  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      gap="md"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="steering-alert"
      data-alert-id={alert.id}
      data-status={alert.status}
    >
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          <AlertStatusBadge status={alert.status} />
          <AlertClearedBadge clearedAt={alert.clearedAt} size="xs" />
          <Text size="xs" c="dimmed">{t('steering.alerts.firedAt', { at: formatDateTime(alert.firedAt, lang) })}</Text>
        </Group>
        <Anchor component={Link} to={paths.steeringAlert(alert.id)} size="sm" fw={600} data-testid="steering-alert-link">
          {inLanguage(alert.text, lang)}
        </Anchor>
        {showTarget && (
          <Group gap={6} wrap="wrap">
            <Anchor component={Link} to={alertTargetHref(alert)} size="xs" fw={600} data-testid="steering-alert-target">
              {alert.target.name}
            </Anchor>
            <Text size="xs" c="dimmed">{t(`steering.unitType.${alert.target.type}`)}</Text>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('steering.alerts.rule', { name: alert.rule.name })} · {figures.indicator} {figures.value} ({figures.threshold})
        </Text>
        {error && (
          <Text size="xs" c="red.7" role="alert" data-testid="steering-alert-error">
            {error}
          </Text>
        )}
      </Stack>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        {alert.abilities.acknowledge && (
          <Button size="xs" variant="light" color="orange" leftSection={<IconEye size={14} />} loading={acknowledge.isPending} onClick={onAcknowledge} data-testid="steering-alert-acknowledge">
            {t('steering.alert.acknowledge')}
          </Button>
        )}
        <Button size="xs" variant="subtle" component={Link} to={paths.steeringAlert(alert.id)} rightSection={<IconArrowRight size={14} />} aria-label={t('steering.alerts.openOne', { text: inLanguage(alert.text, lang) })}>
          {t('steering.alerts.open')}
        </Button>
      </Group>
    </Group>
  );
}

/** The alerts still active on this unit or person, shown to its leaders (the server sends none to anyone else). */
export function DashboardAlerts({ alerts }: { alerts: Alert[] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="steering-alerts-title" data-testid="steering-alerts" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
      <Group justify="space-between" align="center" mb={4}>
        <Group gap={6} wrap="nowrap">
          <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" aria-hidden />
          <Title order={3} size="h4" id="steering-alerts-title">{t('steering.alerts.blockTitle')}</Title>
          <Badge color="red" variant="light" size="sm">{alerts.length}</Badge>
        </Group>
        <Anchor component={Link} to={paths.steeringAlerts} size="sm">{t('steering.alerts.inboxLink')}</Anchor>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">{t('steering.alerts.blockHelp')}</Text>
      <Stack gap={0}>
        {alerts.map((a) => (
          <DashboardAlert key={a.id} alert={a} />
        ))}
      </Stack>
    </Card>
  );
}
