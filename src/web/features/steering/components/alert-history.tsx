import { Group, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconEye, IconMessage, IconTrendingUp, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../contract/steering.ts';
import { indicatorDefinition } from '../../../../contract/steering.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { formatValue } from '../format-figure.ts';

type Action = Alert['events'][number]['action'];

const LOOK: Record<Action, { icon: Icon; color: string }> = {
  fired: { icon: IconAlertTriangle, color: 'red' },
  acknowledged: { icon: IconEye, color: 'orange' },
  commented: { icon: IconMessage, color: 'blue' },
  cleared: { icon: IconTrendingUp, color: 'teal' },
  resolved: { icon: IconCircleCheck, color: 'teal' },
};

/**
 * What happened to an alert, oldest first: fired (with the figure), acknowledged, commented, back to normal (with the
 * figure then), resolved — each with who did it (the sweep for what Relais did by itself) and what they wrote.
 */
export function AlertHistory({ alert }: { alert: Alert }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const format = indicatorDefinition(alert.indicator).format;
  return (
    <Timeline bulletSize={26} lineWidth={2} active={alert.events.length} data-testid="alert-history">
      {alert.events.map((e, i) => {
        const look = LOOK[e.action];
        return (
          <Timeline.Item
            key={`${e.at}-${i}`}
            bullet={
              <ThemeIcon size={26} radius="xl" color={look.color} variant="light">
                <look.icon size={15} />
              </ThemeIcon>
            }
            title={
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600}>{t(`steering.alert.events.${e.action}`)}</Text>
                <Text size="sm" c="dimmed">{e.actor ? t('steering.alert.by', { name: e.actor.name }) : t('steering.alert.byRelais')}</Text>
              </Group>
            }
            data-testid="alert-event"
            data-action={e.action}
          >
            <Text size="xs" c="dimmed">{formatDateTime(e.at, lang)}</Text>
            {e.value !== null && (e.action === 'fired' || e.action === 'cleared') && (
              <Text size="sm" mt={2}>{t('steering.alert.eventValue', { value: formatValue(format, e.value, lang) })}</Text>
            )}
            {e.comment && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} data-testid="alert-event-comment">
                « {e.comment} »
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
