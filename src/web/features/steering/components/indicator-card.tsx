import { ActionIcon, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { Sparkline } from '@mantine/charts';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight, IconChartLine } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Figure, IndicatorDefinition } from '../../../../contract/steering.ts';
import { deltaOf, formatValue, inLanguage } from '../format-figure.ts';
import { DefinitionInfo } from './definition-info.tsx';
import { FigureDetail, FigureObjective, FigureParts } from './figure-detail.tsx';

const TONE_COLOR = { better: 'teal.7', worse: 'red.7', same: 'gray.6' } as const;
const TREND_ICON = { up: IconArrowUpRight, down: IconArrowDownRight, flat: IconArrowRight } as const;

interface IndicatorCardProps {
  indicator: IndicatorDefinition;
  figure: Figure;
  /** The values of the trend's periods, oldest first, ending with the period shown (none for a figure of now). */
  series: ReadonlyArray<number | null> | undefined;
  /** Whether the trend's last-but-one value is the previous period (not for a custom period, cut into weeks or months). */
  comparable: boolean;
  selected: boolean;
  onSelect: () => void;
}

/** One indicator: its value, what it is made of, its change from the previous period and a small trend. */
export function IndicatorCard({ indicator, figure, series, comparable, selected, onSelect }: IndicatorCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = inLanguage(indicator.name, lang);
  const nameId = `indicator-${indicator.id}-name`;
  const values = series ?? [];
  const measured = values.filter((v): v is number => v !== null);
  const previous = values.length >= 2 ? values[values.length - 2] : undefined;
  const delta = indicator.snapshot || !comparable ? null : deltaOf(indicator, figure.value, previous, lang);
  const DeltaIcon = delta ? TREND_ICON[delta.trend] : null;

  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={nameId}
      data-testid={`indicator-${indicator.id}`}
      data-selected={selected || undefined}
      style={selected ? { borderColor: 'var(--mantine-color-relais-5)', boxShadow: '0 0 0 1px var(--mantine-color-relais-5)' } : undefined}
    >
      <Stack gap={6} h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
          <Text id={nameId} component="h4" size="sm" fw={600} c="dark.4" lh={1.3} m={0}>
            {name}
          </Text>
          <Group gap={2} wrap="nowrap" style={{ flexShrink: 0 }}>
            <DefinitionInfo indicator={indicator} />
            <Tooltip label={t('steering.card.showCharts', { name })} withArrow openDelay={300}>
              <ActionIcon
                variant={selected ? 'light' : 'subtle'}
                color={selected ? 'relais' : 'gray'}
                size="sm"
                aria-label={t('steering.card.showCharts', { name })}
                aria-pressed={selected}
                onClick={onSelect}
                data-testid={`indicator-${indicator.id}-chart`}
              >
                <IconChartLine size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>

        <Group gap="xs" align="baseline" wrap="wrap">
          <Text fz={26} fw={700} lh={1.15} data-testid={`indicator-${indicator.id}-value`} c={figure.value === null ? 'dimmed' : undefined}>
            {formatValue(indicator.format, figure.value, lang)}
          </Text>
          {indicator.snapshot && (
            <Badge size="xs" variant="light" color="gray" title={t('steering.card.snapshotHelp')}>
              {t('steering.card.snapshot')}
            </Badge>
          )}
        </Group>

        {figure.value === null ? (
          <Text size="xs" c="dimmed" data-testid={`indicator-${indicator.id}-nothing`}>
            {indicator.snapshot ? t('steering.card.nothingNow') : t('steering.card.nothing')}
          </Text>
        ) : (
          <FigureDetail indicator={indicator} figure={figure} />
        )}
        <FigureParts indicator={indicator} figure={figure} />
        <FigureObjective indicator={indicator} figure={figure} />

        {(delta || measured.length >= 2) && (
          <Stack gap={2} mt="auto" pt={4}>
            {measured.length >= 2 && (
              <Sparkline
                w="100%"
                h={34}
                data={[...values]}
                curveType="monotone"
                color="relais.5"
                fillOpacity={0.25}
                strokeWidth={1.5}
                connectNulls={false}
                role="img"
                aria-label={t('steering.card.trendLabel', { count: values.length })}
                data-testid={`indicator-${indicator.id}-sparkline`}
              />
            )}
            {delta && DeltaIcon && (
              <Group gap={4} wrap="nowrap" aria-label={t('steering.card.deltaLabel', { delta: delta.text })} data-testid={`indicator-${indicator.id}-delta`} data-tone={delta.tone}>
                <DeltaIcon size={14} color={`var(--mantine-color-${TONE_COLOR[delta.tone].replace('.', '-')})`} aria-hidden style={{ flexShrink: 0 }} />
                <Text size="xs" fw={600} c={TONE_COLOR[delta.tone]} style={{ whiteSpace: 'nowrap' }} aria-hidden>
                  {delta.text}
                </Text>
                <Text size="xs" c="dimmed" truncate aria-hidden>
                  {t('steering.card.vsPrevious')}
                </Text>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
