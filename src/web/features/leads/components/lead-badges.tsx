import { Badge } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const statusColors: Record<string, string> = { new: 'blue', accepted: 'teal', rejected: 'red', converted: 'grape', expired: 'gray' };

export function LeadStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColors[status] ?? 'gray'}
      variant="light"
      size="sm"
      data-testid="lead-status"
      data-status={status}
      styles={{ root: { flexShrink: 0, overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {t(`enums.leadStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function LateBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm" leftSection={<IconAlarm size={12} />} data-testid="late-badge">
      {t('leads.late')}
    </Badge>
  );
}

export function OfferedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="light" size="sm" data-testid="offered-badge">
      {t('leads.offeredBadge')}
    </Badge>
  );
}
