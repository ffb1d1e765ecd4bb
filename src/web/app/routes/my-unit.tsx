import { Button, Stack } from '@mantine/core';
import { IconChartHistogram } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useCases } from '../../features/cases/api/get-cases.ts';
import { useLeads } from '../../features/leads/api/get-leads.ts';
import { isLate, useNow } from '../../features/leads/components/due-countdown.tsx';
import { ManagerHomeAlerts } from '../../features/steering/components/manager-home-alerts.tsx';
import { ManagerHomeBreachedCases, overdueOf } from '../../features/steering/components/manager-home-breached-cases.tsx';
import { ManagerHomeFigures } from '../../features/steering/components/manager-home-figures.tsx';
import { ManagerHomeLateLeads } from '../../features/steering/components/manager-home-late-leads.tsx';
import { STEERING_PATH } from '../../features/steering/steering-params.ts';

/**
 * "Mon unité": where managers and directors land. What needs them in the units they lead — the alerts still
 * active, the leads not qualified in time, the cases past their deadline — and this month's key figures.
 */
export function MyUnitPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const now = useNow();

  const leads = useLeads({ view: 'unit' });
  const lateLeads = useMemo(
    () =>
      leads.data
        ? leads.data.pages
            .flatMap((p) => p.items)
            .filter((l) => isLate(l, now))
            .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        : undefined,
    [leads.data, now],
  );

  // The section shows the longest overdue and counts the rest: the server's largest page keeps that count exact up to 200.
  const cases = useCases({ view: 'unit', breached: true }, { refetchEvery: 60_000, limit: 200 });
  const breached = useMemo(
    () => (cases.data ? [...cases.data.items].sort((a, b) => (overdueOf(b, now)?.minutes ?? 0) - (overdueOf(a, now)?.minutes ?? 0)) : undefined),
    [cases.data, now],
  );

  return (
    <>
      <PageHeader
        title={t('steering.myUnit.title')}
        subtitle={t('steering.myUnit.subtitle', { name: user.name.split(/\s+/)[0] })}
        actions={
          <Button component={Link} to={STEERING_PATH} variant="default" leftSection={<IconChartHistogram size={16} />} data-testid="my-unit-steering">
            {t('steering.myUnit.figures.open')}
          </Button>
        }
      />
      <Stack gap="lg" data-testid="my-unit">
        <ManagerHomeFigures user={user} />
        <ManagerHomeAlerts />
        <ManagerHomeLateLeads leads={lateLeads} more={!!leads.hasNextPage} error={leads.error} onRetry={() => void leads.refetch()} now={now} />
        <ManagerHomeBreachedCases cases={breached} error={cases.error} onRetry={() => void cases.refetch()} now={now} />
      </Stack>
    </>
  );
}
