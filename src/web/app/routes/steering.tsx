import { Alert, Badge, Button, Group, Loader, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconLock, IconScale, IconTarget, IconUser } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { IndicatorId } from '../../../contract/steering.ts';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useAlerts } from '../../features/steering/api/get-alerts.ts';
import { dashboardCsvUrl } from '../../features/steering/api/get-dashboard-csv.ts';
import { useDashboard } from '../../features/steering/api/get-dashboard.ts';
import { useIndicators } from '../../features/steering/api/get-indicators.ts';
import { ChildrenChart } from '../../features/steering/components/children-chart.tsx';
import { LeadFunnel } from '../../features/steering/components/lead-funnel.tsx';
import { ChildrenTable } from '../../features/steering/components/children-table.tsx';
import { DashboardAlerts } from '../../features/steering/components/dashboard-alerts.tsx';
import { IndicatorGroups } from '../../features/steering/components/indicator-groups.tsx';
import { ObjectivesModal } from '../../features/steering/components/objectives-modal.tsx';
import { PeriodPicker } from '../../features/steering/components/period-picker.tsx';
import { SteeringBreadcrumb } from '../../features/steering/components/steering-breadcrumb.tsx';
import { SteeringDenied } from '../../features/steering/components/steering-denied.tsx';
import { TrendChart } from '../../features/steering/components/trend-chart.tsx';
import { formatHeadcount } from '../../features/steering/format-figure.ts';
import { useLandingDashboard } from '../../features/steering/hooks/use-landing-dashboard.ts';
import { landingUnits } from '../../features/steering/landing-units.ts';
import { dashboardQueryOf, readSteeringParams, steeringHref, steeringSearch, type PeriodParams, type UnitParams } from '../../features/steering/steering-params.ts';
import { ApiError } from '../../lib/api-client.ts';
import { apiFieldErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';

/**
 * "Pilotage": the indicators of a unit or a person over a period, grouped as the catalogue groups them, with the
 * trend of one indicator, the next level down side by side and as a table, and CSV exports. The unit, the period
 * and the indicator the charts show live in the URL.
 */
export function SteeringPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const { unit, period, indicator } = useMemo(() => readSteeringParams(new URLSearchParams(search)), [search]);
  const catalogue = useIndicators();
  const inbox = useAlerts('active');
  const activeAlerts = inbox.data?.items.length ?? 0;
  const [objectivesOpened, objectives] = useDisclosure(false);

  const candidates = useMemo(() => (unit ? null : landingUnits(user)), [unit, user]);
  const landing = useLandingDashboard(candidates, period);
  const query = useMemo(() => (unit ? dashboardQueryOf(unit, period) : null), [unit, period]);
  const direct = useDashboard(query);

  // Once the landing has found the reader's unit, the URL names it: a reload or a shared link shows the same.
  const landed = landing.data?.query;
  useEffect(() => {
    if (!unit && landed) navigate({ search: steeringSearch({ type: landed.type ?? 'nation', id: landed.id }, period, indicator) }, { replace: true });
  }, [unit, landed, period, indicator, navigate]);

  const dashboard = unit ? direct.data : landing.data?.dashboard;
  const error = unit ? direct.error : landing.error;
  const activeQuery = unit ? query : (landing.data?.query ?? null);
  const refreshing = !!unit && direct.isPlaceholderData;
  const status = error instanceof ApiError ? error.status : 0;
  const denied = status === 403 || status === 404;
  const fieldErrors = error instanceof ApiError && status === 400 ? apiFieldErrors(t, error) : {};

  const me: UnitParams = { type: 'person', id: user.id };
  const myFiguresHref = steeringHref(me, period, indicator);
  const isMine = unit?.type === 'person' && unit.id === user.id;

  // The unit on screen: the one the URL names, or the one the landing found (until the URL catches up).
  const shownUnit: UnitParams | null = unit ?? (landed ? { type: landed.type ?? 'nation', id: landed.id } : null);
  const go = (next: PeriodParams) => setParams(new URLSearchParams(steeringSearch(shownUnit, next, indicator)));
  const choose = (id: IndicatorId) => setParams(new URLSearchParams(steeringSearch(shownUnit, period, id)), { replace: true });
  const chooseFromCard = (id: IndicatorId) => {
    choose(id);
    document.getElementById('steering-charts')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const indicatorDef = catalogue.find((i) => i.id === indicator) ?? catalogue[0]!;
  const hasChildren = !!dashboard && dashboard.children.length > 0;
  const hasNull =
    !!dashboard &&
    (Object.values(dashboard.figures).some((f) => f?.value === null) || dashboard.children.some((c) => Object.values(c.figures).some((f) => f?.value === null)));

  const subtitle = dashboard && (
    <span data-testid="steering-subtitle">
      {[
        t('steering.title'),
        dashboard.unit.type !== 'person' ? t('steering.headcount', { count: dashboard.unit.headcount, value: formatHeadcount(dashboard.unit.headcount, lang) }) : null,
        dashboard.freshAt ? t('steering.freshAt', { date: formatDateTime(dashboard.freshAt, lang) }) : t('steering.notFresh'),
      ]
        .filter(Boolean)
        .join(' · ')}
    </span>
  );

  return (
    <>
      {dashboard && <SteeringBreadcrumb dashboard={dashboard} period={period} indicator={indicator} />}
      <PageHeader
        title={dashboard ? dashboard.unit.name : t('steering.title')}
        badge={
          dashboard && (
            <Badge variant="light" data-testid="steering-unit-type">
              {t(`steering.unitType.${dashboard.unit.type}`)}
            </Badge>
          )
        }
        subtitle={subtitle}
        actions={
          <>
            <Button
              component={Link}
              to={paths.steeringAlerts}
              variant="default"
              color={activeAlerts ? 'red' : undefined}
              leftSection={<IconAlertTriangle size={16} />}
              rightSection={
                inbox.data ? (
                  <Badge size="sm" circle={activeAlerts < 10} color={activeAlerts ? 'red' : 'gray'} variant={activeAlerts ? 'filled' : 'light'}>
                    {activeAlerts}
                  </Badge>
                ) : undefined
              }
              aria-label={t('steering.alerts.linkLabel', { count: activeAlerts })}
              data-testid="steering-alerts-link"
              data-count={inbox.data ? activeAlerts : undefined}
            >
              {t('steering.alerts.title')}
            </Button>
            <Button component={Link} to={paths.steeringAlertRules} variant="default" leftSection={<IconScale size={16} />} data-testid="steering-alert-rules-link">
              {t('steering.rules.title')}
            </Button>
            {dashboard && !denied && (
              <Button variant="default" leftSection={<IconTarget size={16} />} onClick={objectives.open} data-testid="steering-objectives">
                {t('steering.objectives.button')}
              </Button>
            )}
            <Button
              component={Link}
              to={myFiguresHref}
              variant={isMine ? 'filled' : 'light'}
              leftSection={<IconUser size={16} />}
              aria-current={isMine ? 'page' : undefined}
              data-testid="steering-my-figures"
            >
              {t('steering.myFigures')}
            </Button>
          </>
        }
      />
      {dashboard && <ObjectivesModal key={`${dashboard.unit.type}:${dashboard.unit.id ?? ''}`} dashboard={dashboard} opened={objectivesOpened} onClose={objectives.close} />}

      {!denied && (
        <Group justify="space-between" align="flex-end" mb="lg" gap="md">
          <PeriodPicker shown={dashboard?.period} current={period} onChange={go} serverErrors={fieldErrors} />
          {refreshing && (
            <Group gap={6} role="status">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">{t('steering.refreshing')}</Text>
            </Group>
          )}
        </Group>
      )}

      {denied ? (
        <SteeringDenied status={status as 403 | 404} myFiguresHref={myFiguresHref} />
      ) : error ? (
        <ErrorBlock error={error} onRetry={() => void (unit ? direct.refetch() : landing.refetch())} />
      ) : !dashboard || !activeQuery ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="md" data-testid="steering-loading" aria-busy>
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} h={150} radius="md" />
          ))}
        </SimpleGrid>
      ) : (
        <Stack
          gap="xl"
          data-testid="steering-dashboard"
          data-unit-type={dashboard.unit.type}
          data-unit-id={dashboard.unit.id ?? ''}
          data-period={`${dashboard.period.from}/${dashboard.period.to}`}
          aria-busy={refreshing}
          style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
        >
          <DashboardAlerts alerts={dashboard.alerts} />

          <IndicatorGroups catalogue={catalogue} dashboard={dashboard} selected={indicator} onSelect={chooseFromCard} />

          <div id="steering-charts" style={{ scrollMarginTop: 80 }}>
            <SimpleGrid cols={{ base: 1, lg: hasChildren ? 2 : 1 }} spacing="md">
              <TrendChart dashboard={dashboard} catalogue={catalogue} indicator={indicatorDef} onIndicatorChange={choose} csvHref={dashboardCsvUrl(activeQuery, 'trend', lang)} />
              {hasChildren && <ChildrenChart dashboard={dashboard} catalogue={catalogue} indicator={indicatorDef} onIndicatorChange={choose} />}
            </SimpleGrid>
          </div>

          <LeadFunnel funnel={dashboard.funnel} />

          {dashboard.unit.type !== 'person' && (
            <Stack gap="sm">
              {dashboard.childrenHidden === 'individuals_private' && (
                <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="steering-children-hidden">
                  <Text size="sm">{t('steering.children.hidden')}</Text>
                  <Text size="sm" c="dimmed">{t('steering.children.minGroup', { count: dashboard.minGroup })}</Text>
                </Alert>
              )}
              {(hasChildren || !dashboard.childrenHidden) && (
                <ChildrenTable dashboard={dashboard} catalogue={catalogue} period={period} indicator={indicator} csvHref={dashboardCsvUrl(activeQuery, 'children', lang)} />
              )}
            </Stack>
          )}

          {hasNull && (
            <Text size="xs" c="dimmed" data-testid="steering-null-legend">
              {t('steering.nullLegend')}
            </Text>
          )}
        </Stack>
      )}
    </>
  );
}
