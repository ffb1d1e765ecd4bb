import { Anchor, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../lib/paths.ts';
import { useAlerts } from '../api/get-alerts.ts';
import { DashboardAlert } from './dashboard-alerts.tsx';
import { ManagerHomeSection, ManagerHomeList } from './manager-home-section.tsx';

const SHOWN = 6;

/** The alerts still active on the units and people I lead, the most recent first, each acknowledged in one click. */
export function ManagerHomeAlerts() {
  const { t } = useTranslation();
  const alerts = useAlerts('active');
  const items = useMemo(() => [...(alerts.data?.items ?? [])].sort((a, b) => b.firedAt.localeCompare(a.firedAt)), [alerts.data]);
  const hidden = items.length - SHOWN;

  return (
    <ManagerHomeSection
      id="my-unit-alerts"
      icon={<IconAlertTriangle size={20} />}
      title={t('steering.myUnit.alerts.title')}
      help={t('steering.myUnit.alerts.help')}
      count={alerts.data ? items.length : undefined}
      link={{ to: paths.steeringAlerts, label: t('steering.myUnit.alerts.all'), testId: 'my-unit-alerts-all' }}
    >
      <ManagerHomeList
        error={alerts.isError ? alerts.error : null}
        onRetry={() => void alerts.refetch()}
        items={alerts.data ? items : undefined}
        empty={{ title: t('steering.myUnit.alerts.empty'), help: t('steering.myUnit.alerts.emptyHelp'), testId: 'my-unit-alerts-empty' }}
      >
        {(items) => (
          <Stack gap={0} data-testid="my-unit-alerts">
            {items.slice(0, SHOWN).map((a) => (
              <DashboardAlert key={a.id} alert={a} showTarget />
            ))}
            {hidden > 0 && (
              <Text size="sm" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
                <Anchor component={Link} to={paths.steeringAlerts}>
                  {t('steering.myUnit.alerts.more', { count: hidden })}
                </Anchor>
              </Text>
            )}
          </Stack>
        )}
      </ManagerHomeList>
    </ManagerHomeSection>
  );
}
