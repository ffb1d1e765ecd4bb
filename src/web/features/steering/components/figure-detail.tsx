import { Box, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figure, IndicatorDefinition } from '../../../../contract/steering.ts';
import { formatCount, formatDecimal, formatValue } from '../format-figure.ts';

/** What a figure is made of, in one small line: "12 / 40", "7 affaires gagnées", "sur 31 leads qualifiés". */
export function FigureDetail({ indicator, figure }: { indicator: IndicatorDefinition; figure: Figure }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { numerator, denominator } = figure;
  let text: string | null = null;
  switch (indicator.id) {
    case 'won_revenue':
      if (numerator !== undefined) text = t('steering.detail.wonDeals', { count: numerator, value: formatCount(numerator, lang) });
      break;
    case 'qualification_median':
      if (denominator !== undefined) text = t('steering.detail.qualified', { count: denominator, value: formatCount(denominator, lang) });
      break;
    case 'case_resolution_mean':
      if (denominator !== undefined) text = t('steering.detail.resolved', { count: denominator, value: formatCount(denominator, lang) });
      break;
    case 'data_completeness':
      if (denominator !== undefined) text = t('steering.detail.accounts', { count: denominator, value: formatCount(denominator, lang) });
      break;
    case 'interactions_per_rep_week':
      if (numerator !== undefined && denominator !== undefined)
        text = t('steering.detail.perRepWeek', { numerator: formatCount(numerator, lang), denominator: formatDecimal(denominator, lang) });
      break;
    case 'case_transfers':
      if (numerator !== undefined && denominator !== undefined)
        text = t('steering.detail.transfers', { numerator: formatCount(numerator, lang), denominator: formatCount(denominator, lang) });
      break;
    default:
      if (numerator !== undefined && denominator !== undefined)
        text = t('steering.detail.ratio', { numerator: formatCount(numerator, lang), denominator: formatCount(denominator, lang) });
  }
  if (!text) return null;
  return (
    <Text size="xs" c="dimmed" data-testid={`indicator-${indicator.id}-detail`}>
      {text}
    </Text>
  );
}

const STAGE_COLORS: Record<string, string> = { qualification: 'relais.3', proposal: 'relais.5', negotiation: 'relais.8', won: 'teal.6', weightedPipeline: 'teal.3', runRate: 'cyan.2' };

/** Breakdowns: the pipeline by stage, the forecast's won, weighted and run-rate parts, the backlog's breached cases. */
export function FigureParts({ indicator, figure }: { indicator: IndicatorDefinition; figure: Figure }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const parts = figure.parts;
  if (!parts || figure.value === null) return null;

  if (indicator.id === 'case_backlog') {
    const breached = parts.breached ?? 0;
    return (
      <Text size="xs" fw={breached ? 600 : 400} c={breached ? 'red.7' : 'dimmed'} data-testid="indicator-case_backlog-breached">
        {breached ? t('steering.parts.breached', { count: breached, value: formatCount(breached, lang) }) : t('steering.parts.noneBreached')}
      </Text>
    );
  }

  const entries = Object.entries(parts);
  const total = entries.reduce((s, [, v]) => s + Math.max(0, v), 0);
  return (
    <Stack gap={4} mt={4} data-testid={`indicator-${indicator.id}-parts`}>
      {total > 0 && (
        <Progress.Root size="sm" aria-hidden>
          {entries.map(([key, v]) => (
            <Progress.Section key={key} value={(Math.max(0, v) / total) * 100} color={STAGE_COLORS[key] ?? 'gray.5'} />
          ))}
        </Progress.Root>
      )}
      <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('steering.parts.label')}>
        {entries.map(([key, v]) => (
          <Group key={key} component="li" justify="space-between" gap="xs" wrap="nowrap" data-testid={`part-${key}`}>
            <Group gap={6} wrap="nowrap">
              <Box w={8} h={8} bg={STAGE_COLORS[key] ?? 'gray.5'} style={{ borderRadius: 2, flexShrink: 0 }} />
              <Text size="xs" c="dimmed">{t(`steering.parts.${key}`, { defaultValue: key })}</Text>
            </Group>
            <Text size="xs" fw={500}>{formatValue(indicator.format, v, lang)}</Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

/** The objective set for exactly this period (top-down: nation → region → agency → person), and how far along. */
export function FigureObjective({ indicator, figure }: { indicator: IndicatorDefinition; figure: Figure }) {
  const { t, i18n } = useTranslation();
  const objective = figure.objective;
  if (!objective) return null;
  const lang = i18n.language;
  const attainment = objective.attainment;
  const reached = attainment !== null && attainment >= 1;
  return (
    <Stack gap={2} mt={2} data-testid={`indicator-${indicator.id}-objective`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed">{t('steering.objective.target', { value: formatValue(indicator.format, objective.target, lang) })}</Text>
        {attainment !== null && (
          <Text size="xs" fw={600} c={reached ? 'teal.7' : undefined}>
            {t('steering.objective.attainment', { value: formatValue('ratio', attainment, lang) })}
          </Text>
        )}
      </Group>
      {attainment !== null && (
        <Progress
          size="xs"
          value={Math.max(0, Math.min(100, attainment * 100))}
          color={reached ? 'teal' : 'relais'}
          aria-label={t('steering.objective.label', { value: formatValue('ratio', attainment, lang) })}
        />
      )}
    </Stack>
  );
}
