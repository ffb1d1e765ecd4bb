import { Card, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { IconChartBar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, IndicatorDefinition, IndicatorId, SteeringUnitType } from '../../../../contract/steering.ts';
import { formatValue, inLanguage } from '../format-figure.ts';
import { DefinitionInfo } from './definition-info.tsx';
import { IndicatorSelect } from './indicator-select.tsx';

/** The heading word for the next level down: regions, agencies, pools, people, or a mix. */
export const childrenKind = (dashboard: Dashboard) => {
  const types = new Set(dashboard.children.map((c) => c.type));
  return types.size === 1 ? [...types][0]! : 'mixed';
};

/** The kinds of rows below, most numerous first (an agency's people before its pools). */
function rowTypes(dashboard: Dashboard): SteeringUnitType[] {
  const counts = new Map<SteeringUnitType, number>();
  for (const c of dashboard.children) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
}

/**
 * The next level down side by side (the regions on the nation's page) for the chosen indicator, best first. For
 * a share or an average the unit's own figure is drawn across (it is computed over the whole unit, not averaged).
 * When the level below mixes kinds (an agency's pools and people), one kind at a time: they overlap.
 */
export function ChildrenChart({
  dashboard,
  catalogue,
  indicator,
  onIndicatorChange,
}: {
  dashboard: Dashboard;
  catalogue: readonly IndicatorDefinition[];
  indicator: IndicatorDefinition;
  onIndicatorChange: (id: IndicatorId) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = inLanguage(indicator.name, lang);
  const types = rowTypes(dashboard);
  const [chosenType, setChosenType] = useState<SteeringUnitType | null>(null);
  const type = chosenType && types.includes(chosenType) ? chosenType : types[0];
  const direction = indicator.better === 'higher' ? -1 : 1;
  const rows = dashboard.children
    .filter((c) => c.type === type)
    .map((c) => ({ name: c.name, value: c.figures[indicator.id]?.value ?? null }))
    .sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : direction * (a.value - b.value)) || a.name.localeCompare(b.name, lang));
  const nulls = rows.filter((r) => r.value === null).length;
  const unitValue = dashboard.figures[indicator.id]?.value ?? null;
  const averaged = indicator.format !== 'cents' && indicator.format !== 'count';
  const kind = type ?? 'mixed';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="steering-compare-title" data-testid="steering-compare" data-indicator={indicator.id}>
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Group gap={6} wrap="nowrap">
          <IconChartBar size={18} aria-hidden />
          <Title order={3} size="h4" id="steering-compare-title">
            {t(`steering.compare.title.${kind}`)}
          </Title>
        </Group>
        <IndicatorSelect catalogue={catalogue} value={indicator.id} onChange={onIndicatorChange} testId="steering-compare-indicator" />
      </Group>
      <Group justify="space-between" gap="xs" mb="xs">
        <Group gap={4}>
          <Text size="sm" fw={600}>{name}</Text>
          <DefinitionInfo indicator={indicator} size="xs" />
        </Group>
        {types.length > 1 && (
          <SegmentedControl
            size="xs"
            value={type}
            onChange={(v) => setChosenType(v as SteeringUnitType)}
            data={types.map((x) => ({ value: x, label: t(`steering.children.title.${x}`) }))}
            aria-label={t('steering.compare.kind')}
            data-testid="steering-compare-kind"
          />
        )}
      </Group>
      {nulls === rows.length ? (
        <Text size="sm" c="dimmed" py="xl" ta="center" data-testid="steering-compare-empty">
          {t('steering.compare.empty')}
        </Text>
      ) : (
        <>
          <BarChart
            h={Math.max(200, rows.length * 30 + 50)}
            data={rows}
            dataKey="name"
            orientation="vertical"
            series={[{ name: 'value', label: name, color: 'relais.6' }]}
            valueFormatter={(v) => formatValue(indicator.format, v, lang, true)}
            yAxisProps={{ width: 150, interval: 0 }}
            xAxisProps={indicator.format === 'ratio' ? { domain: [0, 1] } : undefined}
            gridAxis="x"
            maxBarWidth={22}
            tooltipAnimationDuration={150}
            referenceLines={
              averaged && unitValue !== null
                ? [{ x: unitValue, color: 'orange.6', label: t('steering.compare.unitValue', { name: dashboard.unit.name, value: formatValue(indicator.format, unitValue, lang) }), labelPosition: 'insideTopRight' }]
                : undefined
            }
            role="img"
            aria-label={`${t(`steering.compare.title.${kind}`)} — ${name}`}
          />
          {nulls > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('steering.compare.nulls', { count: nulls })}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}
