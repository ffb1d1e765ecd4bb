import { Alert, Anchor, Breadcrumbs, Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AlertRule } from '../../../contract/steering.ts';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useOrganisation } from '../../features/org/api/get-organisation.ts';
import { useAlertRules } from '../../features/steering/api/get-alert-rules.ts';
import { useIndicators } from '../../features/steering/api/get-indicators.ts';
import { AlertRuleModal } from '../../features/steering/components/alert-rule-form.tsx';
import { AlertRulesList } from '../../features/steering/components/alert-rules-list.tsx';
import { STEERING_PATH } from '../../features/steering/steering-params.ts';
import { steeringErrorText } from '../../features/steering/steering-errors.ts';
import { paths } from '../../lib/paths.ts';

/**
 * "Règles d'alerte": every rule in plain words, visible to all; the leaders of a unit (and admins) write and change
 * its rules. A rule is evaluated as soon as it is saved, then on every sweep.
 */
export function SteeringAlertRulesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const rules = useAlertRules();
  const catalogue = useIndicators();
  const writes = user.roles.some((r) => r === 'admin' || r === 'manager' || r === 'director');
  const organisation = useOrganisation();
  // The rule being written stays set while the modal closes, so its title does not change under the animation.
  const [opened, setOpened] = useState(false);
  const [rule, setRule] = useState<AlertRule | null>(null);
  const edit = (next: AlertRule | null) => {
    setRule(next);
    setOpened(true);
  };
  // A new rule starts on the reader's own ground: the nation for admins and directors, the home agency for a manager.
  const defaults =
    user.roles.includes('manager') && !user.roles.includes('director') && !user.roles.includes('admin') && user.homeAgencyId
      ? { unitType: 'agency' as const, unitId: user.homeAgencyId }
      : { unitType: 'nation' as const, unitId: null };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={STEERING_PATH} size="sm">{t('steering.title')}</Anchor>
        <Anchor component={Link} to={paths.steeringAlerts} size="sm">{t('steering.alerts.title')}</Anchor>
        <Text size="sm" c="dimmed" aria-current="page">{t('steering.rules.title')}</Text>
      </Breadcrumbs>
      <PageHeader
        title={t('steering.rules.title')}
        subtitle={t('steering.rules.subtitle')}
        actions={
          <>
            <Button component={Link} to={paths.steeringAlerts} variant="default" leftSection={<IconAlertTriangle size={16} />}>
              {t('steering.alerts.title')}
            </Button>
            {writes && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => edit(null)} data-testid="alert-rule-new">
                {t('steering.rules.new')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
          <Text size="sm">{t('steering.rules.help')}</Text>
        </Alert>
        {rules.isPending ? (
          <Stack gap="sm">
            <Skeleton h={110} />
            <Skeleton h={110} />
            <Skeleton h={110} />
          </Stack>
        ) : rules.isError ? (
          <ErrorBlock error={new Error(steeringErrorText(t, rules.error))} onRetry={() => void rules.refetch()} />
        ) : (
          <AlertRulesList rules={rules.data.items} onEdit={edit} />
        )}
      </Stack>
      <AlertRuleModal
        opened={opened}
        rule={rule}
        organisation={organisation.data}
        catalogue={catalogue}
        defaults={defaults}
        onClose={() => setOpened(false)}
      />
    </>
  );
}
