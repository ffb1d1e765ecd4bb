import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlarm, IconCheck, IconClock, IconPlayerPause, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../../contract/cases.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { businessSpanText, clockColor, clockText, firstResponseClock, resolutionClock, type ClockView } from '../case-sla.ts';

const icons = { running: IconClock, warning: IconClock, breached: IconAlarm, paused: IconPlayerPause, met: IconCheck, missed: IconX, none: IconClock };
const badgeColors = { running: 'blue', warning: 'orange', breached: 'red', paused: 'yellow', met: 'teal', missed: 'red', none: 'gray' };

function Clock({ view, budget, doneAt, testId }: { view: ClockView; budget: number; doneAt: string | null; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const Icon = icons[view.state];
  return (
    <Stack gap={6} data-testid={testId} data-state={view.state}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{t(`cases.sla.clock.${view.clock}`)}</Text>
        <Badge size="sm" variant={view.state === 'breached' ? 'filled' : 'light'} color={badgeColors[view.state]} data-testid={`${testId}-state`}>{t(`cases.sla.state.${view.state}`)}</Badge>
      </Group>
      <Group gap={6} wrap="nowrap" c={clockColor[view.state]}>
        <Icon size={20} />
        <Text fz={20} fw={700} c="inherit" lh={1.2} data-testid={`${testId}-countdown`}>{clockText(t, view)}</Text>
      </Group>
      {view.dueAt && (
        <Text size="sm" data-testid={`${testId}-due`}>
          {view.state === 'breached' ? t('cases.sla.wasDueAt', { at: formatDateTime(view.dueAt, lang) }) : t('cases.sla.dueAt', { at: formatDateTime(view.dueAt, lang) })}
        </Text>
      )}
      {view.businessMinutesLeft !== null && view.state !== 'met' && view.state !== 'missed' && (
        <Text size="sm" c="dimmed" data-testid={`${testId}-business`}>
          {view.businessMinutesLeft >= 0
            ? t('cases.sla.businessLeft', { span: businessSpanText(t, view.businessMinutesLeft) })
            : t('cases.sla.businessOver', { span: businessSpanText(t, view.businessMinutesLeft) })}
        </Text>
      )}
      {view.warnAt && view.state === 'running' && <Text size="xs" c="dimmed">{t('cases.sla.warnAt', { at: formatDateTime(view.warnAt, lang) })}</Text>}
      {view.state === 'paused' && <Text size="xs" c="dimmed">{t('cases.sla.pausedHelp')}</Text>}
      {doneAt && (view.state === 'met' || view.state === 'missed') && <Text size="sm" c="dimmed">{t(`cases.sla.doneAt.${view.clock}`, { at: formatDateTime(doneAt, lang) })}</Text>}
      <Text size="xs" c="dimmed">{t('cases.sla.budget', { span: businessSpanText(t, budget) })}</Text>
    </Stack>
  );
}

/** Both clocks of a case: the first response (until someone answers the customer) and the resolution (paused while waiting for the customer). */
export function SlaCard({ c, now }: { c: CaseListItem; now: number }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" data-testid="case-sla">
      <Group gap="xs" mb="md">
        <IconClock size={18} />
        <Title order={4}>{t('cases.sla.title')}</Title>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Clock view={firstResponseClock(c.sla, now)} budget={c.sla.budgets.firstResponseMinutes} doneAt={c.sla.firstRespondedAt} testId="case-sla-first-response" />
        <Clock view={resolutionClock(c.sla, now)} budget={c.sla.budgets.resolutionMinutes} doneAt={c.resolvedAt} testId="case-sla-resolution" />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">{t('cases.sla.help')}</Text>
    </Card>
  );
}
