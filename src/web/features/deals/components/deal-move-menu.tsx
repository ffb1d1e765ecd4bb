import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconArrowsMove, IconCircleCheck, IconCircleX, IconDotsVertical, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DealStage } from '../../../../contract/deals.ts';
import { STAGE_COLORS, targetsFrom, type MovableDeal } from '../deal-stage.ts';

const icons: Partial<Record<DealStage, typeof IconCircleCheck>> = { won: IconCircleCheck, lost: IconCircleX };

/** "Move to…": the keyboard and screen-reader way to do what dragging a card does. */
export function DealMoveMenu({ deal, onMove, disabled }: { deal: MovableDeal; onMove: (deal: MovableDeal, stage: DealStage) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const targets = targetsFrom(deal.stage);
  if (targets.length === 0) {
    return (
      <Tooltip label={t('deals.card.final')} withArrow>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('deals.card.final')} data-testid={`deal-move-menu-${deal.id}`} data-final>
          <IconLock size={14} />
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={220}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('deals.card.moveMenu', { title: deal.title })} disabled={disabled} data-testid={`deal-move-menu-${deal.id}`}>
          <IconDotsVertical size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('deals.card.moveTo')}</Menu.Label>
        {targets.map((stage) => {
          const Icon = icons[stage] ?? IconArrowsMove;
          return (
            <Menu.Item key={stage} leftSection={<Icon size={16} color={`var(--mantine-color-${STAGE_COLORS[stage]}-6)`} />} onClick={() => onMove(deal, stage)} data-testid={`deal-move-${stage}`}>
              {t(`deals.stages.${stage}`)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
