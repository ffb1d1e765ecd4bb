import { Badge, type MantineSize } from '@mantine/core';
import { IconArrowsExchange, IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CasePriority, CaseStatus, CaseType } from '../../../../contract/cases.ts';
import { PRIORITY_COLORS, STATUS_COLORS, TYPE_COLORS } from '../case-words.ts';

const noClip = { root: { flexShrink: 0, overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } };

export function CaseStatusBadge({ status, size = 'sm', testId = 'case-status' }: { status: CaseStatus; size?: MantineSize; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} data-testid={testId} data-status={status} styles={noClip}>
      {t(`cases.status.${status}`)}
    </Badge>
  );
}

export function CasePriorityBadge({ priority, size = 'sm', testId = 'case-priority-badge' }: { priority: CasePriority; size?: MantineSize; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant={priority === 'critical' ? 'filled' : 'light'}
      size={size}
      leftSection={priority === 'critical' ? <IconFlame size={12} /> : undefined}
      data-testid={testId}
      data-priority={priority}
      styles={noClip}
    >
      {t(`cases.priority.${priority}`)}
    </Badge>
  );
}

export function CaseTypeBadge({ type, size = 'sm' }: { type: CaseType; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color={TYPE_COLORS[type]} variant="outline" size={size} data-testid="case-type-badge" data-type={type} styles={noClip}>
      {t(`cases.type.${type}`)}
    </Badge>
  );
}

/** The case bounced straight back between two pools (A → B → A): for managers, a sign the routing or a pool needs a look. */
export function PingPongBadge({ size = 'sm' }: { size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color="grape" variant="light" size={size} leftSection={<IconArrowsExchange size={12} />} data-testid="case-ping-pong" styles={noClip}>
      {t('cases.pingPong')}
    </Badge>
  );
}
