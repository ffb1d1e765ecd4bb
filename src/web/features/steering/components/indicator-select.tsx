import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, IndicatorId } from '../../../../contract/steering.ts';
import { inLanguage } from '../format-figure.ts';
import { GROUPS } from './indicator-groups.tsx';

/** Choose the indicator a chart shows, grouped as the cards are; `only` keeps those the chart can draw. */
export function IndicatorSelect({
  catalogue,
  value,
  onChange,
  only,
  testId,
}: {
  catalogue: readonly IndicatorDefinition[];
  value: IndicatorId;
  onChange: (id: IndicatorId) => void;
  only?: (indicator: IndicatorDefinition) => boolean;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const data = GROUPS.map((group) => ({
    group: t(`steering.group.${group}`),
    items: catalogue.filter((i) => i.group === group && (!only || only(i))).map((i) => ({ value: i.id, label: inLanguage(i.name, i18n.language) })),
  })).filter((g) => g.items.length);
  return (
    <Select
      aria-label={t('steering.trend.indicator')}
      data={data}
      value={data.some((g) => g.items.some((i) => i.value === value)) ? value : null}
      placeholder={t('steering.trend.indicator')}
      onChange={(v) => v && onChange(v as IndicatorId)}
      allowDeselect={false}
      searchable
      w={300}
      maw="100%"
      size="xs"
      data-testid={testId}
    />
  );
}
