import { Button, Card, Collapse, Group, Stack, Table, Text, Title } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { useDisclosure } from '@mantine/hooks';
import { IconTable, IconTimeline } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, IndicatorDefinition, IndicatorId } from '../../../../contract/steering.ts';
import { formatValue, inLanguage, periodLabel, shortPeriodLabel } from '../format-figure.ts';
import { CsvLink } from './csv-link.tsx';
import { DefinitionInfo } from './definition-info.tsx';
import { IndicatorSelect } from './indicator-select.tsx';

/**
 * The chosen indicator over the trend's periods (the 11 before the one shown, and it), with its data as a table.
 * Figures of now and the forecast have no series: the chart says so.
 */
export function TrendChart({
  dashboard,
  catalogue,
  indicator,
  onIndicatorChange,
  csvHref,
}: {
  dashboard: Dashboard;
  catalogue: readonly IndicatorDefinition[];
  indicator: IndicatorDefinition;
  onIndicatorChange: (id: IndicatorId) => void;
  csvHref: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [tableOpen, table] = useDisclosure(false);
  const name = inLanguage(indicator.name, lang);
  const series = dashboard.trend.series[indicator.id];
  const rows = dashboard.trend.periods.map((p, i) => ({ period: p, label: shortPeriodLabel(p, lang, t), value: series?.[i] ?? null }));
  const measured = rows.some((r) => r.value !== null);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="steering-trend-title" data-testid="steering-trend" data-indicator={indicator.id}>
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Group gap={6} wrap="nowrap">
          <IconTimeline size={18} aria-hidden />
          <Title order={3} size="h4" id="steering-trend-title">
            {t('steering.trend.title')}
          </Title>
        </Group>
        <Group gap="xs">
          <IndicatorSelect catalogue={catalogue} value={indicator.id} onChange={onIndicatorChange} only={(i) => !!dashboard.trend.series[i.id]} testId="steering-trend-indicator" />
          <CsvLink href={csvHref} label={t('steering.trend.csv')} testId="steering-trend-csv" />
        </Group>
      </Group>
      <Group gap={4} mb="xs">
        <Text size="sm" fw={600}>{name}</Text>
        <DefinitionInfo indicator={indicator} size="xs" />
      </Group>

      {!series ? (
        <Text size="sm" c="dimmed" py="xl" ta="center" data-testid="steering-trend-none">
          {t('steering.trend.noTrend', { name })}
        </Text>
      ) : !measured ? (
        <Text size="sm" c="dimmed" py="xl" ta="center" data-testid="steering-trend-empty">
          {t('steering.trend.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          <LineChart
            h={260}
            data={rows.map((r) => ({ period: r.label, value: r.value }))}
            dataKey="period"
            series={[{ name: 'value', label: name, color: 'relais.6' }]}
            curveType="monotone"
            connectNulls={false}
            valueFormatter={(v) => formatValue(indicator.format, v, lang, true)}
            yAxisProps={{ domain: indicator.format === 'ratio' ? [0, 1] : [0, 'auto'], width: 72 }}
            gridAxis="y"
            tooltipAnimationDuration={150}
            role="img"
            aria-label={`${t('steering.trend.title')} — ${name}`}
          />
          <Group justify="flex-end">
            <Button
              variant="subtle"
              size="compact-xs"
              leftSection={<IconTable size={14} />}
              onClick={table.toggle}
              aria-expanded={tableOpen}
              aria-controls="steering-trend-table"
              data-testid="steering-trend-table-toggle"
            >
              {tableOpen ? t('steering.trend.hideTable') : t('steering.trend.showTable')}
            </Button>
          </Group>
          <Collapse expanded={tableOpen} id="steering-trend-table">
            <Table striped withTableBorder fz="sm" data-testid="steering-trend-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('steering.trend.period')}</Table.Th>
                  <Table.Th scope="col" ta="right">{name}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.period.from}-${r.period.to}`}>
                    <Table.Th scope="row" fw={400}>{periodLabel(r.period, lang, t)}</Table.Th>
                    <Table.Td ta="right">{formatValue(indicator.format, r.value, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Collapse>
        </Stack>
      )}
    </Card>
  );
}
