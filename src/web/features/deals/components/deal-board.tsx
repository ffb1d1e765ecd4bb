import { Badge, Box, Group, Paper, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_STAGES, type DealStage, type DealSummary } from '../../../../contract/deals.ts';
import { formatMoney } from '../../../lib/format.ts';
import { canMove, isOpenStage, isOverdue, STAGE_COLORS, weightedCents } from '../deal-stage.ts';
import { DEAL_DRAG_TYPE, DealCard } from './deal-card.tsx';

interface Props {
  deals: DealSummary[];
  today: string;
  showOwner: boolean;
  movingId: string | null;
  onMove: (deal: DealSummary, stage: DealStage) => void;
}

/** Open deals soonest to close first (no date last); closed ones most recent first. */
function sortColumn(stage: DealStage, deals: DealSummary[]): DealSummary[] {
  if (!isOpenStage(stage)) return [...deals].sort((a, b) => b.stageChangedAt.localeCompare(a.stageChangedAt));
  return [...deals].sort((a, b) => {
    if (a.expectedClose !== b.expectedClose) {
      if (a.expectedClose === null) return 1;
      if (b.expectedClose === null) return -1;
      return a.expectedClose.localeCompare(b.expectedClose);
    }
    return b.amountCents - a.amountCents;
  });
}

/** The pipeline: one column per stage; drop a card on a column to move the deal there. */
export function DealBoard({ deals, today, showOwner, movingId, onMove }: Props) {
  const [dragging, setDragging] = useState<DealSummary | null>(null);
  const [over, setOver] = useState<DealStage | null>(null);
  // The board fills the window below its top and each column scrolls on its own, so every column is
  // on screen whole while a card is dragged (the page never has to scroll mid-drag).
  const boardRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(560);
  useLayoutEffect(() => {
    const fit = () => {
      const el = boardRef.current;
      if (el) setHeight(Math.max(420, Math.floor(window.innerHeight - (el.getBoundingClientRect().top + window.scrollY) - 28)));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  const byStage = useMemo(() => {
    const map = new Map<DealStage, DealSummary[]>(DEAL_STAGES.map((s) => [s, []]));
    for (const d of deals) map.get(d.stage)?.push(d);
    return new Map([...map].map(([s, list]) => [s, sortColumn(s, list)] as const));
  }, [deals]);

  function accepts(event: DragEvent, stage: DealStage): boolean {
    if (dragging) return canMove(dragging.stage, stage);
    return event.dataTransfer.types.includes(DEAL_DRAG_TYPE);
  }

  function drop(event: DragEvent, stage: DealStage) {
    event.preventDefault();
    const id = event.dataTransfer.getData(DEAL_DRAG_TYPE) || dragging?.id;
    const deal = deals.find((d) => d.id === id);
    setOver(null);
    setDragging(null);
    if (deal && canMove(deal.stage, stage)) onMove(deal, stage);
  }

  return (
    <ScrollArea type="auto" offsetScrollbars scrollbarSize={8}>
      <Box
        ref={boardRef}
        data-testid="deal-board"
        style={{ display: 'grid', gridTemplateColumns: `repeat(${DEAL_STAGES.length}, minmax(248px, 1fr))`, gap: 'var(--mantine-spacing-sm)', height, minWidth: 5 * 248 }}
      >
        {DEAL_STAGES.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            deals={byStage.get(stage) ?? []}
            today={today}
            showOwner={showOwner}
            movingId={movingId}
            draggingId={dragging?.id ?? null}
            highlighted={over === stage}
            dropAllowed={dragging !== null && canMove(dragging.stage, stage)}
            onDragOver={(e) => {
              if (!accepts(e, stage)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (over !== stage) setOver(stage);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null) && over === stage) setOver(null);
            }}
            onDrop={(e) => drop(e, stage)}
            onMove={onMove}
            onDragStart={setDragging}
            onDragEnd={() => {
              setDragging(null);
              setOver(null);
            }}
          />
        ))}
      </Box>
    </ScrollArea>
  );
}

interface ColumnProps {
  stage: DealStage;
  deals: DealSummary[];
  today: string;
  showOwner: boolean;
  movingId: string | null;
  draggingId: string | null;
  highlighted: boolean;
  dropAllowed: boolean;
  onDragOver: (e: DragEvent<HTMLDivElement>) => void;
  onDragLeave: (e: DragEvent<HTMLDivElement>) => void;
  onDrop: (e: DragEvent<HTMLDivElement>) => void;
  onMove: (deal: DealSummary, stage: DealStage) => void;
  onDragStart: (deal: DealSummary) => void;
  onDragEnd: () => void;
}

function BoardColumn({ stage, deals, today, showOwner, movingId, draggingId, highlighted, dropAllowed, onDragOver, onDragLeave, onDrop, onMove, onDragStart, onDragEnd }: ColumnProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const color = STAGE_COLORS[stage];
  const total = deals.reduce((s, d) => s + d.amountCents, 0);
  const weighted = deals.reduce((s, d) => s + weightedCents(d), 0);
  const closed = !isOpenStage(stage);
  return (
    <Paper
      radius="md"
      p="xs"
      data-testid={`deal-column-${stage}`}
      data-drop-target={highlighted || undefined}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      aria-label={t(`deals.columns.${stage}`)}
      role="region"
      style={{
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        background: highlighted ? `var(--mantine-color-${color}-0)` : 'var(--mantine-color-gray-1)',
        outline: highlighted ? `2px dashed var(--mantine-color-${color}-5)` : dropAllowed ? '2px dashed var(--mantine-color-gray-4)' : '2px solid transparent',
        outlineOffset: -2,
        transition: 'background 120ms',
      }}
    >
      <Stack gap={2} px={4} pt={2} pb="xs" style={{ borderTop: `3px solid var(--mantine-color-${color}-5)`, borderRadius: 2 }}>
        <Group justify="space-between" wrap="nowrap" mt={6}>
          <Text fw={700} size="sm" tt="uppercase" lts={0.3}>{t(`deals.columns.${stage}`)}</Text>
          <Badge variant="light" color={color} size="sm" data-testid={`column-count-${stage}`} aria-label={t('deals.column.count', { count: deals.length })}>{deals.length}</Badge>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="xs" c="dimmed">{t('deals.column.total')}</Text>
          <Text size="sm" fw={600} data-testid={`column-total-${stage}`}>{formatMoney(total, lang)}</Text>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Tooltip label={t('deals.summary.weightedHelp')} withArrow openDelay={300}>
            <Text size="xs" c="dimmed" style={{ cursor: 'help' }}>{t('deals.column.weighted')}</Text>
          </Tooltip>
          <Text size="xs" fw={500} c="dimmed" data-testid={`column-weighted-${stage}`}>{formatMoney(weighted, lang)}</Text>
        </Group>
        {closed && <Text size="xs" c="dimmed" fs="italic">{t('deals.column.recent')}</Text>}
      </Stack>
      <Stack gap="xs" px={2} pb={4} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid={`column-body-${stage}`}>
        {deals.map((deal) => (
          <DealCard
            key={deal.id}
            deal={deal}
            showOwner={showOwner}
            overdue={isOverdue(deal, today)}
            moving={movingId === deal.id}
            dragging={draggingId === deal.id}
            onMove={onMove}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
          />
        ))}
        {deals.length === 0 && (
          <Stack align="center" justify="center" gap={4} py="xl" c="dimmed" style={{ flex: 1 }}>
            <IconInbox size={22} stroke={1.5} />
            <Text size="xs" c="dimmed">{dropAllowed ? t('deals.column.drop') : t('deals.column.empty')}</Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
