import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CreditRole, DisputeSummary } from '../../../../contract/credit.ts';

const roleColor: Record<CreditRole, string> = { initiator: 'grape', seller: 'relais', owner_incentive: 'cyan', adjustment: 'orange' };

/** Initiateur, vendeur, intéressement du commercial, ajustement (contestation). */
export const creditRoleColor = roleColor;

export function CreditRoleBadge({ role }: { role: CreditRole }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={roleColor[role]} data-testid="credit-role" data-role={role} style={{ minWidth: 'max-content' }}>
      {t(`credit.roles.${role}`)}
    </Badge>
  );
}

const statusColor: Record<DisputeSummary['status'], string> = { open: 'orange', decided: 'teal', appealed: 'grape', final: 'gray' };

export function DisputeStatusBadge({ status, size = 'sm' }: { status: DisputeSummary['status']; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="light" color={statusColor[status]} data-testid="dispute-status" data-status={status} style={{ minWidth: 'max-content' }}>
      {t(`disputes.status.${status}`)}
    </Badge>
  );
}
