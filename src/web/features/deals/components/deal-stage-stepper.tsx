import { Box, Button, Divider, Group, Text } from '@mantine/core';
import { IconCheck, IconChevronRight, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STAGES, type Deal, type DealStage } from '../../../../contract/deals.ts';
import { formatDate } from '../../../lib/format.ts';
import { canMove, STAGE_COLORS, stageWord } from '../deal-stage.ts';

/**
 * Where the deal stands and the buttons that move it: the three open stages in order, then won or lost.
 * Passed stages are ticked; a lost deal may be reopened at any open stage; a won one no longer moves.
 */
export function DealStageStepper({ deal, onMove, movingTo }: { deal: Deal; onMove: (stage: DealStage) => void; movingTo: DealStage | null }) {
  const { t, i18n } = useTranslation();
  const current = OPEN_STAGES.indexOf(deal.stage as (typeof OPEN_STAGES)[number]);
  const locked = deal.stage === 'won' || !deal.abilities.move;
  const busy = movingTo !== null;

  const label = (stage: DealStage) => {
    if (deal.stage === 'lost' && stage !== 'lost' && stage !== 'won') return t('deals.page.reopen', { stage: stageWord(t, stage) });
    return t(`deals.stages.${stage}`);
  };
  const help = (stage: DealStage) => {
    if (stage === deal.stage || locked) return undefined;
    return canMove(deal.stage, stage) ? t('deals.page.moveTo', { stage: stageWord(t, stage) }) : t('deals.page.reopenFirst');
  };

  return (
    <Box data-testid="deal-stepper">
      <Group gap={6} wrap="wrap" align="center">
        {OPEN_STAGES.map((stage, i) => {
          const isCurrent = deal.stage === stage;
          const passed = deal.stage === 'won' || (current >= 0 && i < current);
          return (
            <Fragment key={stage}>
              {i > 0 && <IconChevronRight size={16} color="var(--mantine-color-gray-5)" aria-hidden />}
              <Button
                size="sm"
                radius="xl"
                color={STAGE_COLORS[stage]}
                variant={isCurrent ? 'filled' : passed ? 'light' : 'default'}
                leftSection={passed ? <IconCheck size={14} /> : <Text span size="xs" fw={700}>{i + 1}</Text>}
                disabled={!isCurrent && (locked || busy)}
                loading={movingTo === stage}
                aria-current={isCurrent ? 'step' : undefined}
                title={help(stage)}
                onClick={() => !isCurrent && onMove(stage)}
                data-testid={`deal-stage-button-${stage}`}
                data-current={isCurrent || undefined}
                style={isCurrent ? { cursor: 'default' } : undefined}
              >
                {label(stage)}
              </Button>
            </Fragment>
          );
        })}
        <Divider orientation="vertical" mx={6} />
        {(['won', 'lost'] as const).map((stage) => {
          const isCurrent = deal.stage === stage;
          const Icon = stage === 'won' ? IconCircleCheck : IconCircleX;
          return (
            <Button
              key={stage}
              size="sm"
              radius="xl"
              color={STAGE_COLORS[stage]}
              variant={isCurrent ? 'filled' : 'light'}
              leftSection={<Icon size={16} />}
              disabled={!isCurrent && (locked || busy || !canMove(deal.stage, stage))}
              loading={movingTo === stage}
              aria-current={isCurrent ? 'step' : undefined}
              title={help(stage)}
              onClick={() => !isCurrent && onMove(stage)}
              data-testid={`deal-stage-button-${stage}`}
              data-current={isCurrent || undefined}
              style={isCurrent ? { cursor: 'default' } : undefined}
            >
              {stage === 'won' ? t('deals.page.markWon') : t('deals.page.markLost')}
            </Button>
          );
        })}
      </Group>
      {deal.stage === 'won' && (
        <Text size="sm" c="teal.8" mt="sm">{t('deals.page.wonFinal', { date: formatDate(deal.closedAt ?? deal.stageChangedAt, i18n.language) })}</Text>
      )}
      {deal.stage !== 'won' && !deal.abilities.move && <Text size="sm" c="dimmed" mt="sm">{t('deals.page.readOnly')}</Text>}
    </Box>
  );
}
