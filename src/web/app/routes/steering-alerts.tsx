import { Anchor, Badge, Breadcrumbs, Button, Card, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChartHistogram, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { ALERT_LIST_SCOPES, ALERT_LIST_STATUSES, useAlerts, type AlertListScope, type AlertListStatus } from '../../features/steering/api/get-alerts.ts';
import { isManagerial } from '../layout/nav-abilities.ts';
import { AlertsTable } from '../../features/steering/components/alerts-table.tsx';
import { STEERING_PATH } from '../../features/steering/steering-params.ts';
import { steeringErrorText } from '../../features/steering/steering-errors.ts';
import { paths } from '../../lib/paths.ts';

const readStatus = (value: string | null): AlertListStatus => (ALERT_LIST_STATUSES as readonly string[]).includes(value ?? '') ? (value as AlertListStatus) : 'active';
const readScope = (value: string | null, fallback: AlertListScope): AlertListScope =>
  (ALERT_LIST_SCOPES as readonly string[]).includes(value ?? '') ? (value as AlertListScope) : fallback;

/**
 * "Alertes": the alerts I am told of or, for a leader, every alert on the units and people I lead (an admin's
 * default: the whole network), the active ones (open or acknowledged) first; each in plain words, with whom it is
 * about, the rule that fired it and the figure against its threshold. The filters live in the URL.
 */
export function SteeringAlertsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const admin = user.roles.includes('admin');
  const leads = admin || isManagerial(user);
  const [params, setParams] = useSearchParams();
  const status = readStatus(params.get('status'));
  const defaultScope: AlertListScope = admin ? 'units' : 'mine';
  const scope = leads ? readScope(params.get('scope'), defaultScope) : 'mine';
  const alerts = useAlerts(status, scope);
  const items = alerts.data?.items ?? [];
  /** Changes one filter, keeping the other; defaults stay out of the URL. */
  const setFilter = (next: { status?: AlertListStatus; scope?: AlertListScope }) => {
    const [s, sc] = [next.status ?? status, next.scope ?? scope];
    setParams({ ...(s === 'active' ? {} : { status: s }), ...(sc === defaultScope ? {} : { scope: sc }) }, { replace: true });
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={STEERING_PATH} size="sm">{t('steering.title')}</Anchor>
        <Text size="sm" c="dimmed" aria-current="page">{t('steering.alerts.title')}</Text>
      </Breadcrumbs>
      <PageHeader
        title={t('steering.alerts.title')}
        badge={alerts.data && <Badge variant="light" color={status === 'resolved' ? 'gray' : 'red'} data-testid="alerts-count">{items.length}</Badge>}
        subtitle={scope === 'mine' ? t('steering.alerts.subtitle') : admin ? t('steering.alerts.subtitleAdmin') : t('steering.alerts.subtitleUnits')}
        actions={
          <>
            <Button component={Link} to={paths.steeringAlertRules} variant="default" leftSection={<IconScale size={16} />} data-testid="alerts-rules-link">
              {t('steering.rules.title')}
            </Button>
            <Button component={Link} to={STEERING_PATH} variant="light" leftSection={<IconChartHistogram size={16} />}>
              {t('steering.title')}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <SegmentedControl
            value={status}
            onChange={(s) => setFilter({ status: s as AlertListStatus })}
            data={ALERT_LIST_STATUSES.map((s) => ({ value: s, label: t(`steering.alerts.filter.${s}`) }))}
            aria-label={t('steering.alerts.filterLabel')}
            data-testid="alerts-status"
          />
          {leads && (
            <SegmentedControl
              value={scope}
              onChange={(s) => setFilter({ scope: s as AlertListScope })}
              data={ALERT_LIST_SCOPES.map((s) => ({ value: s, label: t(`steering.alerts.scope.${s}`) }))}
              aria-label={t('steering.alerts.scopeLabel')}
              data-testid="alerts-scope"
            />
          )}
        </Group>
        <Card withBorder padding={0} data-testid="alerts-list" data-state={alerts.isPending ? 'loading' : alerts.isError ? 'error' : 'ready'} data-status={status} data-scope={scope}>
          {alerts.isPending ? (
            <Skeleton h={220} />
          ) : alerts.isError ? (
            <ErrorBlock error={new Error(steeringErrorText(t, alerts.error))} onRetry={() => void alerts.refetch()} />
          ) : items.length === 0 ? (
            <EmptyBlock icon={<IconAlertTriangle />} title={t(`steering.alerts.empty.${status}`)} description={t('steering.alerts.emptyHelp')} />
          ) : (
            <AlertsTable items={items} />
          )}
        </Card>
      </Stack>
    </>
  );
}
