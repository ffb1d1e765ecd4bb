import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealStage } from '../../../../contract/deals.ts';
import { STAGE_COLORS } from '../deal-stage.ts';

export function DealStageBadge({ stage, testId, size = 'sm', variant = 'light' }: { stage: DealStage; testId?: string; size?: BadgeProps['size']; variant?: BadgeProps['variant'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STAGE_COLORS[stage]} variant={variant} size={size} data-testid={testId} data-stage={stage}>
      {t(`deals.stages.${stage}`)}
    </Badge>
  );
}
