import { Badge, Tooltip, type MantineSize } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AlertStatus } from '../../../../contract/steering.ts';
import { formatDateTime } from '../../../lib/format.ts';

const STATUS_COLOR: Record<AlertStatus, string> = { open: 'red', acknowledged: 'orange', resolved: 'teal' };

/** Open (nobody has taken it up), acknowledged (someone has), resolved (with what was done). */
export function AlertStatusBadge({ status, size = 'sm' }: { status: AlertStatus; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'open' ? 'filled' : 'light'} size={size} data-testid="alert-status" data-status={status}>
      {t(`steering.alerts.status.${status}`)}
    </Badge>
  );
}

/** The figure came back on the right side of the threshold: the alert stays until someone resolves it. */
export function AlertClearedBadge({ clearedAt, size = 'sm' }: { clearedAt: string | null; size?: MantineSize }) {
  const { t, i18n } = useTranslation();
  if (!clearedAt) return null;
  return (
    <Tooltip label={t('steering.alerts.clearedHelp', { at: formatDateTime(clearedAt, i18n.language) })} withArrow multiline w={280}>
      <Badge color="teal" variant="outline" size={size} leftSection={<IconCircleCheck size={12} />} data-testid="alert-cleared">
        {t('steering.alerts.cleared')}
      </Badge>
    </Tooltip>
  );
}
