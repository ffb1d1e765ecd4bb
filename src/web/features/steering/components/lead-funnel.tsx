import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { FunnelChart } from '@mantine/charts';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LeadFunnel as Funnel } from '../../../../contract/steering.ts';
import { formatCount, formatValue } from '../format-figure.ts';

const FUNNEL_STAGES = ['received', 'answered', 'converted', 'won'] as const;
type FunnelStage = (typeof FUNNEL_STAGES)[number];

const STAGE_COLORS: Record<FunnelStage, string> = { received: 'relais.3', answered: 'relais.5', converted: 'relais.7', won: 'teal.6' };

/**
 * "Du lead à la vente": leads received, answered, converted into a deal, and deals won that came from a lead, as a
 * chart and, beside it, each stage with its share of the stage before.
 */
export function LeadFunnel({ funnel }: { funnel: Funnel }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const stages = FUNNEL_STAGES.map((stage) => ({ stage, value: funnel[stage] }));
  const empty = stages.every((s) => s.value === 0);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="steering-funnel-title" data-testid="steering-funnel">
      <Group gap={6} wrap="nowrap" mb="sm">
        <IconFilter size={18} aria-hidden />
        <Title order={3} size="h4" id="steering-funnel-title">
          {t('steering.funnel.title')}
        </Title>
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed" py="md" ta="center" data-testid="steering-funnel-empty">
          {t('steering.funnel.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <FunnelChart
            data={stages.map((s) => ({ name: t(`steering.funnel.stage.${s.stage}`), value: s.value, color: STAGE_COLORS[s.stage] }))}
            size={200}
            withTooltip
            tooltipDataSource="segment"
            valueFormatter={(v) => formatCount(v, lang)}
            role="img"
            aria-label={t('steering.funnel.title')}
          />
          <Stack gap={4} justify="center">
            <Table verticalSpacing={4} data-testid="steering-funnel-table">
              <Table.Tbody>
                {stages.map((s, i) => {
                  const before = i > 0 ? stages[i - 1]!.value : null;
                  return (
                    <Table.Tr key={s.stage} data-testid={`funnel-${s.stage}`} data-value={s.value}>
                      <Table.Td>
                        <Text size="sm">{t(`steering.funnel.stage.${s.stage}`)}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" fw={600}>{formatCount(s.value, lang)}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="xs" c="dimmed">
                          {before ? t('steering.funnel.ofBefore', { value: formatValue('ratio', s.value / before, lang) }) : ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">{t('steering.funnel.note')}</Text>
          </Stack>
        </SimpleGrid>
      )}
    </Card>
  );
}
