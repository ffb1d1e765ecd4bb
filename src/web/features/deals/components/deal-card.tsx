import { Anchor, Avatar, Badge, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconBuilding, IconCalendarEvent } from '@tabler/icons-react';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DealStage, DealSummary } from '../../../../contract/deals.ts';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { formatPercent, isOpenStage, STAGE_COLORS } from '../deal-stage.ts';
import { DealMoveMenu } from './deal-move-menu.tsx';

export const DEAL_DRAG_TYPE = 'application/x-relais-deal';

interface Props {
  deal: DealSummary;
  showOwner: boolean;
  overdue: boolean;
  moving: boolean;
  dragging: boolean;
  onMove: (deal: DealSummary, stage: DealStage) => void;
  onDragStart: (deal: DealSummary) => void;
  onDragEnd: () => void;
}

/** One deal on the board: drag it to another column, or use its "Move to…" menu. */
export function DealCard({ deal, showOwner, overdue, moving, dragging, onMove, onDragStart, onDragEnd }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const open = isOpenStage(deal.stage);
  const draggable = deal.stage !== 'won' && !moving;

  function start(event: DragEvent<HTMLDivElement>) {
    event.dataTransfer.setData(DEAL_DRAG_TYPE, deal.id);
    event.dataTransfer.setData('text/plain', deal.id);
    event.dataTransfer.effectAllowed = 'move';
    onDragStart(deal);
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      shadow={dragging ? 'md' : 'xs'}
      draggable={draggable}
      onDragStart={draggable ? start : undefined}
      onDragEnd={onDragEnd}
      data-testid={`deal-card-${deal.id}`}
      data-stage={deal.stage}
      data-overdue={overdue || undefined}
      aria-busy={moving || undefined}
      style={{
        flexShrink: 0,
        cursor: draggable ? 'grab' : 'default',
        opacity: dragging || moving ? 0.55 : 1,
        borderLeft: `3px solid var(--mantine-color-${overdue ? 'red-6' : `${STAGE_COLORS[deal.stage]}-4`})`,
        background: 'var(--mantine-color-body)',
        transition: 'opacity 120ms, box-shadow 120ms',
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
          <Anchor component={Link} to={paths.deal(deal.id)} draggable={false} size="sm" fw={600} c="inherit" lineClamp={2} style={{ wordBreak: 'break-word' }} data-testid="card-title">
            {deal.title}
          </Anchor>
          {moving ? <Loader size={16} aria-label={t('deals.card.moving')} /> : <DealMoveMenu deal={deal} onMove={(d, s) => onMove(deal, s)} disabled={moving} />}
        </Group>
        <Group gap={4} wrap="nowrap">
          <IconBuilding size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
          <Text size="xs" c="dimmed" truncate="end" data-testid="card-account">{deal.accountName}</Text>
        </Group>
        <Group justify="space-between" gap={6} wrap="nowrap">
          <Text size="sm" fw={700} data-testid="card-amount">{formatMoney(deal.amountCents, lang, deal.currency)}</Text>
          {open && (
            <Tooltip label={t('deals.page.probability')} withArrow>
              <Badge size="sm" variant="light" color={STAGE_COLORS[deal.stage]} data-testid="card-probability">{formatPercent(deal.probability, lang)}</Badge>
            </Tooltip>
          )}
        </Group>
        {open ? (
          <Group gap={4} wrap="nowrap" c={overdue ? 'red.7' : 'dimmed'}>
            {overdue ? <IconAlertTriangle size={14} style={{ flexShrink: 0 }} /> : <IconCalendarEvent size={14} style={{ flexShrink: 0 }} />}
            <Text size="xs" fw={overdue ? 600 : 400} c={overdue ? 'red.7' : 'dimmed'} data-testid="card-close">
              {overdue
                ? t('deals.card.overdue', { date: formatDate(deal.expectedClose, lang) })
                : deal.expectedClose ? t('deals.card.closeOn', { date: formatDate(deal.expectedClose, lang) }) : t('deals.card.noClose')}
            </Text>
          </Group>
        ) : (
          <Group gap={4} wrap="nowrap" c="dimmed">
            <IconCalendarEvent size={14} style={{ flexShrink: 0 }} />
            <Text size="xs" c="dimmed">{t('deals.card.closedOn', { date: formatDate(deal.stageChangedAt, lang) })}</Text>
          </Group>
        )}
        {showOwner && (
          <Group gap={6} wrap="nowrap" data-testid="card-owner">
            <Avatar size={20} radius="xl" color="initials" name={deal.ownerName} />
            <Text size="xs" truncate="end">{deal.ownerName}</Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
