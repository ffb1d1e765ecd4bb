// Deal stages, probabilities and line amounts. Pure.
import type { StageProbabilityConfig } from '../../contract/credit.ts';
import type { Bilingual } from '../../contract/values.ts';
import type { DealStage } from '../db/schema.ts';

export const DEFAULT_STAGE_PROBABILITY: StageProbabilityConfig = { qualification: 10, proposal: 30, negotiation: 60 };

export const isClosed = (stage: DealStage) => stage === 'won' || stage === 'lost';

/** The probability a deal takes on entering a stage: the rule's for open stages, 100 won, 0 lost. */
export function stageProbability(stage: DealStage, config: StageProbabilityConfig): number {
  if (stage === 'won') return 100;
  if (stage === 'lost') return 0;
  return config[stage];
}

export type MoveCheck = { allowed: true } | { allowed: false; code: 'deal.same_stage' | 'deal.already_won' | 'deal.reopen_first'; message: string };

/** Open deals move freely; a lost deal may be reopened at an open stage; a won deal is final (its credit is on the ledger). */
export function checkMove(from: DealStage, to: DealStage): MoveCheck {
  if (from === to) return { allowed: false, code: 'deal.same_stage', message: `The deal is already at ${to}` };
  if (from === 'won') return { allowed: false, code: 'deal.already_won', message: 'A won deal is final: its credit is on the ledger' };
  if (from === 'lost' && to === 'won') return { allowed: false, code: 'deal.reopen_first', message: 'Reopen a lost deal at an open stage before winning it' };
  return { allowed: true };
}

/** quantity × unit price, less the discount, rounded to the cent. */
export function lineAmount(quantity: number, unitPriceCents: number, discountBp: number): number {
  return Math.round((quantity * unitPriceCents * (10_000 - discountBp)) / 10_000);
}

export const pctToBp = (pct: number) => Math.round(pct * 100);

export function stageProbabilityText(c: StageProbabilityConfig): Bilingual {
  return {
    en: `A deal's probability follows its stage unless its owner sets it: qualification ${c.qualification} %, proposal ${c.proposal} %, negotiation ${c.negotiation} %, won 100 %, lost 0 %. The weighted forecast is the amount times this probability.`,
    fr: `La probabilité d'une affaire suit son étape sauf si son responsable la fixe : qualification ${c.qualification} %, proposition ${c.proposal} %, négociation ${c.negotiation} %, gagnée 100 %, perdue 0 %. La prévision pondérée est le montant multiplié par cette probabilité.`,
  };
}
