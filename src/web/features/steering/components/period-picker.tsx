import { ActionIcon, Button, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { IconCalendarEvent, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardQuery, periodKindSchema, type Period, type PeriodKind } from '../../../../contract/steering.ts';
import { periodLabel } from '../format-figure.ts';
import { isIsoDate, shiftedPeriod, todayInParis, withKind, type PeriodParams } from '../steering-params.ts';

type RangeErrors = Partial<Record<'from' | 'to' | 'at', string>>;

/** The first and last day of a custom period, checked by the contract's own rules before the page asks for it. */
function CustomRange({ current, onChange, serverErrors }: { current: PeriodParams; onChange: (p: PeriodParams) => void; serverErrors: RangeErrors }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(current.from ?? '');
  const [to, setTo] = useState(current.to ?? '');
  const [errors, setErrors] = useState<RangeErrors>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = dashboardQuery.safeParse({ type: 'nation', period: 'custom', from: from || undefined, to: to || undefined });
    if (parsed.success) {
      setErrors({});
      onChange({ period: 'custom', from, to });
      return;
    }
    const out: RangeErrors = {};
    if (!isIsoDate(from)) out.from = t('steering.period.errors.missing');
    if (!isIsoDate(to)) out.to = t('steering.period.errors.missing');
    if (!out.from && !out.to) out.to = from > to ? t('steering.period.errors.order') : t('steering.period.errors.tooLong');
    setErrors(out);
  }

  return (
    <form onSubmit={submit} noValidate data-testid="period-custom">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          type="date"
          size="xs"
          label={t('steering.period.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          error={errors.from ?? serverErrors.from}
          data-testid="period-from"
          w={150}
        />
        <TextInput
          type="date"
          size="xs"
          label={t('steering.period.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={errors.to ?? serverErrors.to}
          data-testid="period-to"
          w={150}
        />
        <Button type="submit" size="xs" mt={22} data-testid="period-apply">
          {t('steering.period.apply')}
        </Button>
      </Group>
    </form>
  );
}

/**
 * Week, month, quarter, year or chosen dates, with arrows to the period before and after. `shown` is the period
 * the server resolved (its exact days); until it arrives the arrows wait.
 */
export function PeriodPicker({
  shown,
  current,
  onChange,
  serverErrors = {},
}: {
  shown: Period | undefined;
  current: PeriodParams;
  onChange: (p: PeriodParams) => void;
  serverErrors?: RangeErrors;
}) {
  const { t, i18n } = useTranslation();
  const today = todayInParis();
  const isCurrent = !shown || (shown.from <= today && today <= shown.to);
  return (
    <Group gap="md" wrap="wrap" align="flex-end" data-testid="period-picker" role="group" aria-label={t('steering.period.label')}>
      <SegmentedControl
        size="sm"
        aria-label={t('steering.period.label')}
        value={current.period}
        onChange={(k) => onChange(withKind(k as PeriodKind, shown, current))}
        data={periodKindSchema.options.map((k) => ({ value: k, label: t(`steering.period.kind.${k}`) }))}
        data-testid="period-kind"
      />
      <Group gap={6} wrap="nowrap" align="center">
        <ActionIcon variant="default" size="lg" aria-label={t('steering.period.previous')} disabled={!shown} onClick={() => shown && onChange(shiftedPeriod(shown, -1))} data-testid="period-previous">
          <IconChevronLeft size={18} />
        </ActionIcon>
        <Text fw={600} miw={150} ta="center" aria-live="polite" data-testid="period-label" data-from={shown?.from} data-to={shown?.to}>
          {shown ? periodLabel(shown, i18n.language, t) : '…'}
        </Text>
        <ActionIcon variant="default" size="lg" aria-label={t('steering.period.next')} disabled={!shown || shown.to >= today} onClick={() => shown && onChange(shiftedPeriod(shown, 1))} data-testid="period-next">
          <IconChevronRight size={18} />
        </ActionIcon>
        {current.period !== 'custom' && !isCurrent && (
          <Button variant="subtle" size="xs" leftSection={<IconCalendarEvent size={14} />} onClick={() => onChange({ period: current.period })} data-testid="period-current">
            {t('steering.period.current')}
          </Button>
        )}
      </Group>
      {current.period === 'custom' && <CustomRange key={`${current.from}|${current.to}`} current={current} onChange={onChange} serverErrors={serverErrors} />}
      {serverErrors.at && (
        <Text size="xs" c="red.7" role="alert">
          {serverErrors.at}
        </Text>
      )}
    </Group>
  );
}
