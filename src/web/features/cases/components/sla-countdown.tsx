import { Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlarm, IconClock, IconPlayerPause } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../contract/cases.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { activeClock, businessSpanText, clockColor, clockText } from '../case-sla.ts';

/**
 * The deadline that matters now — the first response until the customer was answered, then the resolution —
 * as "dans 3 h" (orange past the warning point), "dépassé de 2 h" in red, or "en pause" while waiting for the
 * customer. `now` ticks in the parent (every 30 s), so this moves without asking the server.
 */
export function SlaCountdown({ c, now, showClock = true }: { c: Pick<Case, 'sla'>; now: number; showClock?: boolean }) {
  const { t, i18n } = useTranslation();
  const view = activeClock(c, now);
  const Icon = view.state === 'breached' ? IconAlarm : view.state === 'paused' ? IconPlayerPause : IconClock;
  const strong = view.state === 'breached' || view.state === 'warning';
  const tip = [
    view.dueAt ? t('cases.sla.dueAt', { at: formatDateTime(view.dueAt, i18n.language) }) : null,
    view.businessMinutesLeft !== null && view.state !== 'breached' ? t('cases.sla.businessLeft', { span: businessSpanText(t, view.businessMinutesLeft) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const body = (
    <Stack gap={0} data-testid="case-sla-countdown" data-state={view.state} data-clock={view.clock}>
      <Group gap={4} wrap="nowrap" c={clockColor[view.state]}>
        <Icon size={14} />
        <Text size="sm" fw={strong ? 650 : 400} c="inherit" style={{ whiteSpace: 'nowrap' }}>{clockText(t, view)}</Text>
      </Group>
      {showClock && view.state !== 'met' && view.state !== 'missed' && view.state !== 'none' && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{t(`cases.sla.clock.${view.clock}`)}</Text>
      )}
    </Stack>
  );
  return tip ? <Tooltip label={tip} withArrow>{body}</Tooltip> : body;
}
