import { Button, Group, Skeleton, Stack, Text, ThemeIcon, Timeline, Tooltip } from '@mantine/core';
import {
  IconArrowRight, IconCircleCheck, IconCircleX, IconCoins, IconGavel, IconPencil, IconPlus, type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DEAL_STAGES } from '../../../../contract/deals.ts';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatDate, formatDateTime, formatDateTimeSeconds, formatMoney } from '../../../lib/format.ts';
import { useDealHistory, type DealHistoryItem } from '../api/get-deal-history.ts';
import { formatPercent, STAGE_COLORS, stageWord } from '../deal-stage.ts';

const STAGES = DEAL_STAGES as readonly string[];
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const stage = (v: unknown): string | undefined => (typeof v === 'string' && STAGES.includes(v) ? v : undefined);

function look(action: string): { icon: Icon; color: string } {
  switch (action) {
    case 'deal.created': return { icon: IconPlus, color: 'blue' };
    case 'deal.won': return { icon: IconCircleCheck, color: STAGE_COLORS.won };
    case 'deal.lost': return { icon: IconCircleX, color: STAGE_COLORS.lost };
    case 'deal.updated': return { icon: IconPencil, color: 'gray' };
    case 'credit.recorded':
    case 'credit.adjusted': return { icon: IconCoins, color: 'yellow' };
    default:
      if (action.startsWith('dispute.')) return { icon: IconGavel, color: 'orange' };
      return { icon: IconArrowRight, color: 'indigo' };
  }
}

/** "moved the deal from proposal to negotiation", worded from the event's payload. */
function phrase(t: TFunction, item: DealHistoryItem): string {
  const p = item.payload;
  const to = stage(p.to);
  const from = stage(p.from);
  if (item.action === 'deal.stage_changed') {
    if (from === 'lost' && to) return t('deals.history.actions.deal.reopened', { to: stageWord(t, to) });
    if (from && to) return t('deals.history.actions.deal.stage_changed', { from: stageWord(t, from), to: stageWord(t, to) });
    if (to) return t('deals.history.actions.deal.stage_changed_to', { to: stageWord(t, to) });
  }
  const key = `deals.history.actions.${item.action}`;
  const known = t(key, { defaultValue: '' });
  return typeof known === 'string' && known !== '' && known !== key ? known : t('deals.history.actions.other', { action: item.action });
}

/** The facts worth a second line: amounts, reasons, what was edited, the rule applied. */
function detailLines(t: TFunction, lang: string, item: DealHistoryItem): string[] {
  const p = item.payload;
  const out: string[] = [];
  if (item.action === 'deal.created') {
    if (int(p.amountCents) !== undefined) out.push(t('deals.history.amount', { amount: formatMoney(int(p.amountCents), lang) }));
    if (str(p.leadId)) out.push(t('deals.history.fromLead'));
  }
  if (item.action === 'deal.updated') {
    const changes = p.changes && typeof p.changes === 'object' ? (p.changes as Record<string, unknown>) : {};
    const words = Object.keys(changes).map((f) => t(`deals.history.fields.${f}`, { defaultValue: '' })).filter(Boolean);
    if (words.length) out.push(t('deals.history.changed', { fields: [...new Set(words)].join(', ') }));
    if (str(changes.title)) out.push(t('deals.history.title', { title: str(changes.title) }));
    if ('expectedClose' in changes) out.push(t('deals.history.expectedClose', { date: formatDate(str(changes.expectedClose), lang) }));
    if (int(changes.probability) !== undefined) out.push(t('deals.history.probability', { value: formatPercent(int(changes.probability)!, lang) }));
    if (int(changes.amountCents) !== undefined) out.push(t('deals.history.amount', { amount: formatMoney(int(changes.amountCents), lang) }));
  }
  if (item.action === 'deal.lost') {
    const reason = str(p.lossReason);
    if (reason) out.push(t('deals.history.reason', { reason: t(`deals.lossReasons.${reason}`, { defaultValue: reason }) }));
    const note = str(p.lossNote);
    if (note) out.push(`« ${note} »`);
  }
  if (item.action === 'credit.recorded' && p.ruleVersions && typeof p.ruleVersions === 'object') {
    const version = int((p.ruleVersions as Record<string, unknown>).attribution);
    if (version !== undefined) out.push(version > 0 ? t('deals.history.attributionRule', { version }) : t('deals.history.attributionDefault'));
  }
  if (item.action.startsWith('dispute.') && str(p.reference)) out.push(t('deals.history.dispute', { reference: str(p.reference) }));
  return out;
}

/** The deal's own history from the trace, newest first, each action in words. */
export function DealHistory({ dealId }: { dealId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const history = useDealHistory(dealId);
  const [all, setAll] = useState(false);
  if (history.isPending) return <Skeleton h={140} />;
  if (history.isError) return <ErrorBlock error={history.error} onRetry={() => history.refetch()} />;
  const items = history.data.items;
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('deals.page.historyEmpty')}</Text>;
  const shown = all ? items : items.slice(0, 12);
  return (
    <Stack gap="xs" data-testid="deal-history">
      <Timeline bulletSize={26} lineWidth={2} active={-1}>
        {shown.map((item, i) => {
          const { icon: ItemIcon, color } = look(item.action);
          const details = detailLines(t, lang, item);
          return (
            <Timeline.Item
              key={`${item.recordedAt}-${item.action}-${i}`}
              bullet={<ThemeIcon size={26} radius="xl" variant="light" color={color}><ItemIcon size={14} /></ThemeIcon>}
              data-testid="deal-history-item"
              data-action={item.action}
            >
              <Group gap={6} wrap="wrap" align="baseline">
                <Text size="sm">
                  <Text span fw={600}>{item.actorName ?? t('deals.history.someone')}</Text> {phrase(t, item)}
                </Text>
                <Tooltip label={formatDateTimeSeconds(item.recordedAt, lang)} withArrow>
                  <Text size="xs" c="dimmed">{formatDateTime(item.recordedAt, lang)}</Text>
                </Tooltip>
              </Group>
              {details.map((line) => <Text key={line} size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>{line}</Text>)}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {items.length > shown.length && (
        <Button variant="subtle" size="xs" onClick={() => setAll(true)} style={{ alignSelf: 'flex-start' }}>{t('common.loadMore')}</Button>
      )}
    </Stack>
  );
}
