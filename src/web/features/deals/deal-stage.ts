// What the board and the deal page agree on: stage colours, open or closed, weighted amounts, overdue dates.
import { DEAL_STAGES, type DealStage, type DealSummary } from '../../../contract/deals.ts';
import { TIME_ZONE } from '../../lib/format.ts';

/** What moving a deal needs to know about it (a board card or the whole deal). */
export type MovableDeal = Pick<DealSummary, 'id' | 'title' | 'version' | 'stage' | 'accountId' | 'accountName'>;

export const STAGE_COLORS: Record<DealStage, string> = {
  qualification: 'blue',
  proposal: 'indigo',
  negotiation: 'grape',
  won: 'teal',
  lost: 'red',
};

export const isOpenStage = (stage: DealStage) => stage !== 'won' && stage !== 'lost';

/** Amount × probability, in cents. */
export const weightedCents = (deal: Pick<DealSummary, 'amountCents' | 'probability'>) => Math.round((deal.amountCents * deal.probability) / 100);

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Paris, "2025-05-03" (what expected close dates compare with). */
export const parisDay = (at: Date | number = Date.now()) => dayFormat.format(at);

/** An open deal whose expected close is before today. */
export const isOverdue = (deal: Pick<DealSummary, 'stage' | 'expectedClose'>, today: string) =>
  isOpenStage(deal.stage) && deal.expectedClose !== null && deal.expectedClose < today;

/** A stage name inside a sentence ("passée en proposition"). */
export const stageWord = (t: (key: string) => string, stage: string) => t(`deals.stages.${stage}`).toLocaleLowerCase();

/**
 * The server's move rule, so the board only offers what it accepts: open deals move anywhere; a lost deal
 * is reopened at an open stage before it can be won; a won deal is final, its credit being on the ledger.
 */
export const canMove = (from: DealStage, to: DealStage) => from !== to && from !== 'won' && !(from === 'lost' && to === 'won');

export const targetsFrom = (stage: DealStage): DealStage[] => DEAL_STAGES.filter((s) => canMove(stage, s));

const percentFormats = new Map<string, Intl.NumberFormat>();
/** 60 → "60 %" in French, "60%" in English. */
export function formatPercent(value: number, lang: string): string {
  const locale = lang.startsWith('en') ? 'en-GB' : 'fr-FR';
  let f = percentFormats.get(locale);
  if (!f) percentFormats.set(locale, (f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 })));
  return f.format(value / 100);
}
