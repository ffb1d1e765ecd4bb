import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const statusColors: Record<string, string> = { prospect: 'yellow', customer: 'teal', former: 'gray' };
const segmentColors: Record<string, string> = { mass: 'gray', intermediate: 'indigo', key: 'grape' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status] ?? 'gray'} variant="light" size="sm" data-testid="status-badge">
      {t(`enums.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function SegmentBadge({ segment }: { segment: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={segmentColors[segment] ?? 'gray'} variant="outline" size="sm">
      {t(`enums.segment.${segment}`, { defaultValue: segment })}
    </Badge>
  );
}
