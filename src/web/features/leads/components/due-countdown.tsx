import { Group, Text, Tooltip } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../../contract/leads.ts';
import { formatDateTime } from '../../../lib/format.ts';

/** The current time, refreshed every `ms` (default 30 s): enough for a countdown in hours. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** A lead still to qualify is late once the sweep marked it, or once its deadline has passed. */
export function isLate(lead: Pick<Lead, 'status' | 'lateAt' | 'dueAt'>, now: number): boolean {
  return lead.status === 'new' && (lead.lateAt !== null || new Date(lead.dueAt).getTime() <= now);
}

/** "3 h", "45 min", "2 j" — a plain duration between now and the deadline. */
export function spanLabel(t: (k: string, o?: Record<string, unknown>) => string, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('leads.span.minutes', { count: Math.max(1, m) });
  const h = Math.floor(m / 60);
  if (h < 24) return t('leads.span.hours', { count: h });
  const d = Math.floor(h / 24);
  return h % 24 ? t('leads.span.daysHours', { days: d, hours: h % 24 }) : t('leads.span.days', { count: d });
}

/** "échéance dans 3 h" / "en retard de 2 h", red when late; the exact deadline in a tooltip. */
export function DueCountdown({ lead, now, size = 'sm' }: { lead: Pick<Lead, 'status' | 'lateAt' | 'dueAt'>; now: number; size?: string }) {
  const { t, i18n } = useTranslation();
  // The qualification deadline only matters while the lead waits to be qualified.
  if (lead.status !== 'new') return null;
  const minutes = (new Date(lead.dueAt).getTime() - now) / 60_000;
  const late = isLate(lead, now);
  const label = late ? t('leads.lateBy', { span: spanLabel(t, -minutes) }) : t('leads.dueIn', { span: spanLabel(t, minutes) });
  const soon = !late && minutes < 120;
  return (
    <Tooltip label={t('leads.dueAt', { at: formatDateTime(lead.dueAt, i18n.language) })} withArrow>
      <Group gap={4} wrap="nowrap" c={late ? 'red.7' : soon ? 'orange.7' : 'dimmed'} data-testid="lead-countdown" data-late={late || undefined}>
        <IconClock size={14} />
        <Text size={size} fw={late || soon ? 600 : 400} c="inherit" style={{ whiteSpace: 'nowrap' }}>{label}</Text>
      </Group>
    </Tooltip>
  );
}
