import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';
import { IconArrowRight, IconChartHistogram } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionUser } from '../../../../contract/auth.ts';
import type { IndicatorDefinition, IndicatorId } from '../../../../contract/steering.ts';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useIndicators } from '../api/get-indicators.ts';
import { periodLabel } from '../format-figure.ts';
import { useLandingDashboard } from '../hooks/use-landing-dashboard.ts';
import { landingUnits } from '../landing-units.ts';
import { steeringHref, STEERING_PATH, type PeriodParams } from '../steering-params.ts';
import { IndicatorCard } from './indicator-card.tsx';

/** The figures a manager glances at first: money against the objective, leads, service, activity, lateness. */
export const MANAGER_HOME_INDICATORS: readonly IndicatorId[] = [
  'won_revenue',
  'lead_conversion',
  'leads_on_time',
  'case_sla_adherence',
  'interactions_per_rep_week',
  'late_lead_share',
];

const THIS_MONTH: PeriodParams = { period: 'month' };

/** This month's key figures for the unit "Pilotage" opens on (the reader's first managed unit), with the way there. */
export function ManagerHomeFigures({ user }: { user: Pick<SessionUser, 'id' | 'roles' | 'homeAgencyId'> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const catalogue = useIndicators();
  const candidates = useMemo(() => landingUnits(user), [user]);
  const landing = useLandingDashboard(candidates, THIS_MONTH);
  const dashboard = landing.data?.dashboard;
  const unit = dashboard ? { type: dashboard.unit.type, id: dashboard.unit.id } : null;
  const href = unit ? steeringHref(unit, THIS_MONTH) : STEERING_PATH;
  const indicators = dashboard ? MANAGER_HOME_INDICATORS.map((id) => catalogue.find((i) => i.id === id)).filter((i): i is IndicatorDefinition => !!i && !!dashboard.figures[i.id]) : [];
  const denied = landing.error instanceof ApiError && (landing.error.status === 403 || landing.error.status === 404);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="my-unit-figures-title" data-testid="my-unit-figures">
      <Group justify="space-between" align="center" mb="sm" wrap="wrap" gap="xs">
        <Group gap={8} wrap="wrap">
          <IconChartHistogram size={20} color="var(--mantine-color-relais-6)" aria-hidden />
          <Title order={3} size="h4" id="my-unit-figures-title">
            {dashboard ? t('steering.myUnit.figures.titleOf', { unit: dashboard.unit.name }) : t('steering.myUnit.figures.title')}
          </Title>
          {dashboard && (
            <>
              <Badge variant="light" size="sm">{t(`steering.unitType.${dashboard.unit.type}`)}</Badge>
              <Text size="sm" c="dimmed" data-testid="my-unit-figures-period">
                {periodLabel(dashboard.period, i18n.language, t)}
              </Text>
            </>
          )}
        </Group>
        <Anchor component={Link} to={href} size="sm" data-testid="my-unit-open-steering">
          <Group gap={4} wrap="nowrap">
            {t('steering.myUnit.figures.open')}
            <IconArrowRight size={14} aria-hidden />
          </Group>
        </Anchor>
      </Group>
      {denied ? (
        <Text size="sm" c="dimmed" data-testid="my-unit-figures-denied">
          {t('steering.myUnit.figures.denied')}
        </Text>
      ) : landing.isError ? (
        <ErrorBlock error={landing.error} onRetry={() => void landing.refetch()} />
      ) : !dashboard ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm" aria-busy>
          {MANAGER_HOME_INDICATORS.map((id) => (
            <Skeleton key={id} h={150} radius="md" />
          ))}
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm" data-testid="my-unit-figures-cards" data-unit-type={dashboard.unit.type} data-unit-id={dashboard.unit.id ?? ''}>
          {indicators.map((indicator) => (
            <IndicatorCard
              key={indicator.id}
              indicator={indicator}
              figure={dashboard.figures[indicator.id]!}
              series={dashboard.trend.series[indicator.id]}
              comparable={dashboard.period.kind !== 'custom'}
              selected={false}
              onSelect={() => void navigate(steeringHref(unit, THIS_MONTH, indicator.id))}
            />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}
