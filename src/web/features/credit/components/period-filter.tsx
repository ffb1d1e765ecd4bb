import { ActionIcon, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { parisDay } from './credit-format.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export const PERIOD_KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'custom'];

export interface Period {
  kind: PeriodKind;
  /** 0 = the current month / quarter / year, -1 the one before… */
  offset: number;
  /** Custom bounds, ISO days (inclusive). */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The inclusive ISO days a period covers, on the Paris calendar. */
export function periodRange(p: Period, today = parisDay(new Date())): { from: string | undefined; to: string | undefined } {
  if (p.kind === 'custom') return { from: p.from || undefined, to: p.to || undefined };
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (p.kind === 'year') return { from: `${y + p.offset}-01-01`, to: `${y + p.offset}-12-31` };
  const months = p.kind === 'month' ? 1 : 3;
  const startIndex = (p.kind === 'month' ? m - 1 : Math.floor((m - 1) / 3) * 3) + p.offset * months;
  const sy = y + Math.floor(startIndex / 12);
  const sm = (((startIndex % 12) + 12) % 12) + 1;
  const endIndex = startIndex + months - 1;
  const ey = y + Math.floor(endIndex / 12);
  const em = (((endIndex % 12) + 12) % 12) + 1;
  return { from: `${sy}-${pad(sm)}-01`, to: `${ey}-${pad(em)}-${pad(lastDay(ey, em))}` };
}

/** "novembre 2026", "T4 2026", "2026". */
export function periodLabel(p: Period, lang: string, t: (key: string, o?: Record<string, unknown>) => string): string {
  const { from } = periodRange(p);
  if (!from) return t('credit.period.all');
  const [y, m] = from.split('-').map(Number) as [number, number];
  if (p.kind === 'year') return String(y);
  if (p.kind === 'quarter') return t('credit.period.quarterLabel', { quarter: Math.floor((m - 1) / 3) + 1, year: y });
  const s = new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Month, quarter, year (with previous / next) or chosen dates. */
export function PeriodFilter({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="credits-period">
      <SegmentedControl
        data-testid="credits-period-kind"
        value={value.kind}
        onChange={(k) => onChange({ ...value, kind: k as PeriodKind, offset: 0 })}
        data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`credit.period.${k}`) }))}
      />
      {value.kind === 'custom' ? (
        <Group gap="xs" align="flex-end">
          <TextInput type="date" label={t('credit.period.from')} size="sm" data-testid="credits-from" value={value.from} max={value.to || undefined} onChange={(e) => onChange({ ...value, from: e.currentTarget.value })} />
          <TextInput type="date" label={t('credit.period.to')} size="sm" data-testid="credits-to" value={value.to} min={value.from || undefined} onChange={(e) => onChange({ ...value, to: e.currentTarget.value })} />
        </Group>
      ) : (
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="default" size="lg" aria-label={t('credit.period.previous')} onClick={() => onChange({ ...value, offset: value.offset - 1 })} data-testid="credits-previous">
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Text fw={600} miw={150} ta="center" data-testid="credits-period-label">{periodLabel(value, i18n.language, t)}</Text>
          <ActionIcon variant="default" size="lg" aria-label={t('credit.period.next')} disabled={value.offset >= 0} onClick={() => onChange({ ...value, offset: value.offset + 1 })} data-testid="credits-next">
            <IconChevronRight size={16} />
          </ActionIcon>
        </Group>
      )}
    </Group>
  );
}
