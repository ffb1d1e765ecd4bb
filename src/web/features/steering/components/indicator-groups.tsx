import { SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard, IndicatorDefinition, IndicatorGroup, IndicatorId } from '../../../../contract/steering.ts';
import { IndicatorCard } from './indicator-card.tsx';

export const GROUPS: readonly IndicatorGroup[] = ['leads', 'activity', 'sales', 'cases', 'data', 'collective'];

/** The indicator cards, by group (leads, activity, sales, cases, data, collective), in the catalogue's order. */
export function IndicatorGroups({
  catalogue,
  dashboard,
  selected,
  onSelect,
}: {
  catalogue: readonly IndicatorDefinition[];
  dashboard: Dashboard;
  selected: IndicatorId;
  onSelect: (id: IndicatorId) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="indicator-groups">
      {GROUPS.map((group) => {
        const indicators = catalogue.filter((i) => i.group === group && dashboard.figures[i.id]);
        if (!indicators.length) return null;
        return (
          <section key={group} aria-labelledby={`steering-group-${group}`} data-testid={`indicator-group-${group}`}>
            <Title order={3} size="h5" id={`steering-group-${group}`} mb="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: '0.04em' }}>
              {t(`steering.group.${group}`)}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="md">
              {indicators.map((indicator) => (
                <IndicatorCard
                  key={indicator.id}
                  indicator={indicator}
                  figure={dashboard.figures[indicator.id]!}
                  series={dashboard.trend.series[indicator.id]}
                  comparable={dashboard.period.kind !== 'custom'}
                  selected={selected === indicator.id}
                  onSelect={() => onSelect(indicator.id)}
                />
              ))}
            </SimpleGrid>
          </section>
        );
      })}
    </Stack>
  );
}
