// Who is credited for a sale, and why, in plain words. Pure functions of plain data.
//
// The initiator is whoever first initiated the sale: the earliest recorded_at among the leads and
// deals on the account for the product family, within the attribution window before the win.
// recorded_at is the database clock, so a back-dated entry (occurred_at) can never take credit.
// Ties on the same instant: a lead beats a deal (relaying is initiating by nature), then the
// smaller id wins (UUIDv7, so the row written first) — deterministic whatever the reading order.
import type { ArbiterLevel, CreditRole } from '../db/schema.ts';
import type { AttributionConfig } from '../../contract/credit.ts';
import type { Bilingual } from '../../contract/values.ts';
import { momentInWords } from '../calendar/rules.ts';

export const DEFAULT_ATTRIBUTION: AttributionConfig = { windowDays: 90, initiatorSharePct: 50 };

export const FULL_SHARE_BP = 10_000;
const DAY_MS = 86_400_000;

export interface Initiative {
  kind: 'lead' | 'deal';
  /** The lead's or deal's id. */
  id: string;
  /** Who initiated it; null for the public web form. */
  personId: string | null;
  recordedAt: Date;
}

export type InitiativeStatus = 'initiator' | 'later' | 'outside_window' | 'after_sale' | 'no_person';

const KIND_RANK = { lead: 0, deal: 1 } as const;

/** The attribution order: earlier recorded_at first; on a tie, leads before deals, then the smaller id. */
export function compareInitiatives(a: Initiative, b: Initiative): number {
  const dt = a.recordedAt.getTime() - b.recordedAt.getTime();
  if (dt !== 0) return dt;
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Attribution {
  initiator: Initiative | null;
  /** Every initiative, in attribution order, with why it does or does not count. */
  classified: Array<{ initiative: Initiative; status: InitiativeStatus }>;
}

export function attribute(initiatives: readonly Initiative[], wonAt: Date, config: AttributionConfig): Attribution {
  const windowStart = wonAt.getTime() - config.windowDays * DAY_MS;
  const sorted = [...initiatives].sort(compareInitiatives);
  let initiator: Initiative | null = null;
  const classified = sorted.map((initiative) => {
    const t = initiative.recordedAt.getTime();
    let status: InitiativeStatus;
    if (t > wonAt.getTime()) status = 'after_sale';
    else if (t < windowStart) status = 'outside_window';
    else if (initiative.personId === null) status = 'no_person';
    else if (initiator === null) {
      initiator = initiative;
      status = 'initiator';
    } else status = 'later';
    return { initiative, status };
  });
  return { initiator, classified };
}

export interface ShareInput {
  initiatorId: string | null;
  sellerId: string;
  /** The account's owner rep when the deal was won. */
  ownerRepId: string | null;
  /** The incentive rule's share for the family, in whole percent. */
  incentivePct: number;
  initiatorSharePct: number;
}

export interface Share {
  userId: string;
  role: Exclude<CreditRole, 'adjustment'>;
  shareBp: number;
}

/**
 * Splits a line's credit. The owner rep's incentive comes first when another channel sold; what is
 * left goes to the initiator and the seller by the attribution rule's split (all of it to the seller
 * when they initiated the sale themselves). Shares are whole basis points and always add up to 100 %.
 */
export function creditShares(input: ShareInput): Share[] {
  const shares: Share[] = [];
  let rest = FULL_SHARE_BP;
  if (input.ownerRepId && input.ownerRepId !== input.sellerId && input.incentivePct > 0) {
    const bp = input.incentivePct * 100;
    shares.push({ userId: input.ownerRepId, role: 'owner_incentive', shareBp: bp });
    rest -= bp;
  }
  if (input.initiatorId && input.initiatorId !== input.sellerId) {
    const initiatorBp = Math.round((rest * input.initiatorSharePct) / 100);
    if (initiatorBp > 0) shares.push({ userId: input.initiatorId, role: 'initiator', shareBp: initiatorBp });
    if (rest - initiatorBp > 0) shares.push({ userId: input.sellerId, role: 'seller', shareBp: rest - initiatorBp });
  } else if (rest > 0) {
    shares.push({ userId: input.sellerId, role: 'seller', shareBp: rest });
  }
  return shares;
}

/** Cents per share, adding up exactly to the amount: floors, then the leftover cents by largest remainder (first share on ties). */
export function splitAmount(amountCents: number, sharesBp: readonly number[]): number[] {
  const exact = sharesBp.map((bp) => (amountCents * bp) / FULL_SHARE_BP);
  const floors = exact.map(Math.floor);
  let left = amountCents - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

/**
 * The cents a dispute moves from one side to the other: the same figure on both, so the line still sums.
 * Halves round away from zero, so moving a share back (negative bp) moves back exactly the same cents.
 */
export function movedAmount(lineAmountCents: number, bp: number): number {
  const exact = (lineAmountCents * bp) / FULL_SHARE_BP;
  const cents = Math.round(Math.abs(exact));
  return exact < 0 ? 0 - cents : cents;
}

// --- Explanations ---

export interface Person {
  id: string;
  name: string;
}

/** The facts a credit line rests on, stored with it, worded in either language on reading. */
export interface CreditFacts {
  family: string;
  wonAt: string;
  windowDays: number;
  seller: Person;
  dealOpenedAt: string;
  dealOpenedBy: Person | null;
  initiator: (Person & { kind: 'lead' | 'deal'; recordedAt: string }) | null;
  ownerRep: Person | null;
  incentivePct: number;
  initiatorSharePct: number;
}

export interface LineCreditInput {
  family: string;
  amountCents: number;
  wonAt: Date;
  /** The deal's owner. */
  seller: Person;
  /** When the deal was recorded as opened, and by whom. */
  opened: { at: Date; by: Person | null };
  initiator: (Person & { kind: Initiative['kind']; recordedAt: Date }) | null;
  /** The account's owner rep when the deal was won. */
  ownerRep: Person | null;
  incentivePct: number;
  attribution: AttributionConfig;
}

/** One line's credit: the shares with their cents, and the facts its explanations are worded from. */
export function creditLine(i: LineCreditInput): { facts: CreditFacts; shares: Array<Share & { amountCents: number }> } {
  const shares = creditShares({
    initiatorId: i.initiator?.id ?? null,
    sellerId: i.seller.id,
    ownerRepId: i.ownerRep?.id ?? null,
    incentivePct: i.incentivePct,
    initiatorSharePct: i.attribution.initiatorSharePct,
  });
  const amounts = splitAmount(i.amountCents, shares.map((s) => s.shareBp));
  const facts: CreditFacts = {
    family: i.family,
    wonAt: i.wonAt.toISOString(),
    windowDays: i.attribution.windowDays,
    seller: i.seller,
    dealOpenedAt: i.opened.at.toISOString(),
    dealOpenedBy: i.opened.by,
    initiator: i.initiator && { id: i.initiator.id, name: i.initiator.name, kind: i.initiator.kind, recordedAt: i.initiator.recordedAt.toISOString() },
    ownerRep: i.ownerRep,
    incentivePct: i.incentivePct,
    initiatorSharePct: i.attribution.initiatorSharePct,
  };
  return { facts, shares: shares.map((s, n) => ({ ...s, amountCents: amounts[n]! })) };
}

export interface AdjustmentFacts {
  reference: string;
  round: number;
  arbiter: Person;
  from: Person;
  to: Person;
  justification: string;
}

type Lang = 'en' | 'fr';

const NUMBER_WORDS: Record<Lang, string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  fr: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'],
};

function count(n: number, unit: 'day' | 'hour' | 'minute', lang: Lang): string {
  const words = { en: { day: 'day', hour: 'hour', minute: 'minute' }, fr: { day: 'jour', hour: 'heure', minute: 'minute' } }[lang][unit];
  let number = n <= 10 ? NUMBER_WORDS[lang][n]! : String(n);
  if (lang === 'fr' && n === 1 && unit !== 'day') number = 'une';
  return `${number} ${words}${n > 1 ? 's' : ''}`;
}

/** "2 days", "5 hours", "3 minutes": the largest whole unit of the gap. */
export function durationInWords(ms: number, lang: Lang): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 1440) return count(Math.floor(minutes / 1440), 'day', lang);
  if (minutes >= 60) return count(Math.floor(minutes / 60), 'hour', lang);
  return count(Math.max(minutes, 1), 'minute', lang);
}

export function percentInWords(bp: number, lang: Lang): string {
  const pct = Math.abs(bp) / 100;
  const text = Number.isInteger(pct) ? String(pct) : pct.toFixed(2).replace(/0$/, '');
  return `${lang === 'fr' ? text.replace('.', ',') : text} %`;
}

function initiativeInWords(i: NonNullable<CreditFacts['initiator']>, lang: Lang, wonAt: string): string {
  const when = momentInWords(i.recordedAt, lang, wonAt);
  if (lang === 'en') return i.kind === 'lead' ? `${i.name} relayed the lead on ${when}` : `${i.name} opened a deal on ${when}`;
  return i.kind === 'lead' ? `${i.name} a relayé la piste le ${when}` : `${i.name} a ouvert une affaire le ${when}`;
}

function firstInWindow(f: CreditFacts, lang: Lang): string {
  return lang === 'en'
    ? `the first initiative for ${f.family} on this account within ${f.windowDays} days`
    : `la première initiative pour ${f.family} sur ce compte dans les ${f.windowDays} jours`;
}

/** Why one credit line is what it is, in both languages. */
export function explainCredit(role: Exclude<CreditRole, 'adjustment'>, shareBp: number, f: CreditFacts): Bilingual {
  return { en: explainIn('en', role, shareBp, f), fr: explainIn('fr', role, shareBp, f) };
}

function explainIn(lang: Lang, role: Exclude<CreditRole, 'adjustment'>, shareBp: number, f: CreditFacts): string {
  const share = percentInWords(shareBp, lang);
  const wonWhen = momentInWords(f.wonAt, lang, f.wonAt);
  const en = lang === 'en';
  switch (role) {
    case 'initiator': {
      const i = f.initiator!;
      const opener = f.dealOpenedBy ?? f.seller;
      const gap = new Date(f.dealOpenedAt).getTime() - new Date(i.recordedAt).getTime();
      let relation: string;
      if (gap > 0) {
        relation = en
          ? `${durationInWords(gap, lang)} before ${opener.name} opened the deal`
          : `${durationInWords(gap, lang)} avant que ${opener.name} ouvre l'affaire`;
      } else if (gap === 0 && i.kind === 'lead') {
        relation = en
          ? `at the same instant ${opener.name} opened the deal (on a tie, the lead comes first)`
          : `au même instant où ${opener.name} ouvrait l'affaire (à égalité, la piste passe en premier)`;
      } else relation = firstInWindow(f, lang);
      return en
        ? `Credited to ${i.name} as initiator (${share}): ${initiativeInWords(i, lang, f.wonAt)}, ${relation}.`
        : `Crédité à ${i.name} comme initiateur (${share}) : ${initiativeInWords(i, lang, f.wonAt)}, ${relation}.`;
    }
    case 'seller': {
      const s = f.seller.name;
      if (f.initiator && f.initiator.id === f.seller.id) {
        return en
          ? `Credited to ${s} as initiator and seller (${share}): ${initiativeInWords(f.initiator, lang, f.wonAt)}, ${firstInWindow(f, lang)}, and won it on ${wonWhen}.`
          : `Crédité à ${s} comme initiateur et vendeur (${share}) : ${initiativeInWords(f.initiator, lang, f.wonAt)}, ${firstInWindow(f, lang)}, et l'a remportée le ${wonWhen}.`;
      }
      if (f.initiator) {
        return en
          ? `Credited to ${s} as seller (${share}): ${s} won the deal on ${wonWhen}; the sale was initiated by ${f.initiator.name}.`
          : `Crédité à ${s} comme vendeur (${share}) : ${s} a remporté l'affaire le ${wonWhen} ; la vente a été initiée par ${f.initiator.name}.`;
      }
      return en
        ? `Credited to ${s} as seller (${share}): ${s} won the deal on ${wonWhen}; no initiative by a colleague for ${f.family} on this account within ${f.windowDays} days.`
        : `Crédité à ${s} comme vendeur (${share}) : ${s} a remporté l'affaire le ${wonWhen} ; aucune initiative d'un collègue pour ${f.family} sur ce compte dans les ${f.windowDays} jours.`;
    }
    case 'owner_incentive': {
      const o = f.ownerRep!.name;
      return en
        ? `Credited to ${o} as the account's rep (${share}): ${f.seller.name}, another channel, sold a product of the ${f.family} family on ${o}'s account; the ${f.family} incentive rule gives the rep ${f.incentivePct} %.`
        : `Crédité à ${o} comme commercial du compte (${share}) : ${f.seller.name}, un autre canal, a vendu un produit de la famille ${f.family} sur le compte de ${o} ; la règle d'intéressement ${f.family} donne ${f.incentivePct} % au commercial.`;
    }
  }
}

export function explainAdjustment(shareBp: number, a: AdjustmentFacts): Bilingual {
  const moved = (lang: Lang) => percentInWords(shareBp, lang);
  const appeal = a.round === 2;
  return {
    en: `${appeal ? 'Adjusted on appeal' : 'Adjusted'} by dispute ${a.reference}: ${a.arbiter.name}, the arbiter, moved ${moved('en')} of this line ${shareBp >= 0 ? `from ${a.from.name} to ${a.to.name}` : `back from ${a.to.name} to ${a.from.name}`} — “${a.justification}”`,
    fr: `${appeal ? 'Ajusté en appel' : 'Ajusté'} par la contestation ${a.reference} : ${a.arbiter.name}, arbitre, a transféré ${moved('fr')} de cette ligne ${shareBp >= 0 ? `de ${a.from.name} à ${a.to.name}` : `de ${a.to.name} à ${a.from.name} en retour`} — « ${a.justification} »`,
  };
}

export function attributionText(c: AttributionConfig): Bilingual {
  return {
    en: `The initiator of a sale is whoever first relayed a lead or opened a deal for the product family on the account, by the database clock, within the ${c.windowDays} days before the win; dates typed by users never decide. On a tie, the lead comes first, then the record written first. When someone other than the initiator sells, the initiator receives ${c.initiatorSharePct} % of the credit left after the owner rep's incentive, the seller the rest.`,
    fr: `L'initiateur d'une vente est celui qui, le premier, a relayé une piste ou ouvert une affaire pour la famille de produits sur le compte, selon l'horloge de la base, dans les ${c.windowDays} jours avant la signature ; les dates saisies ne décident jamais. À égalité, la piste passe en premier, puis l'enregistrement écrit le premier. Quand un autre que l'initiateur vend, l'initiateur reçoit ${c.initiatorSharePct} % du crédit restant après l'intéressement du commercial du compte, le vendeur le reste.`,
  };
}

// --- Disputes: who arbitrates ---

export interface Place {
  userId: string;
  agencyId: string | null;
  regionId: string | null;
}

export interface ManagerCandidate {
  userId: string;
  level: ArbiterLevel;
  /** The agency or region managed; null for the nation. */
  unitId: string | null;
  /** Active and not absent today. */
  available: boolean;
}

const LEVELS: ArbiterLevel[] = ['agency', 'region', 'nation'];

/** The lowest level containing both parties: their agency, else their region, else the nation. */
export function commonLevel(a: Place, b: Place): ArbiterLevel {
  if (a.agencyId && a.agencyId === b.agencyId) return 'agency';
  if (a.regionId && a.regionId === b.regionId) return 'region';
  return 'nation';
}

export function levelAbove(level: ArbiterLevel): ArbiterLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/**
 * The arbiter: an available manager of the lowest unit common to both parties, never a party,
 * going up a level when there is none. `atLeast` starts higher (an appeal goes to the next level).
 * Among several managers of one unit, the smallest id, so the choice is reproducible.
 */
export function pickArbiter(
  a: Place,
  b: Place,
  managers: readonly ManagerCandidate[],
  atLeast: ArbiterLevel = 'agency',
): { userId: string; level: ArbiterLevel } | null {
  const start = Math.max(LEVELS.indexOf(commonLevel(a, b)), LEVELS.indexOf(atLeast));
  for (const level of LEVELS.slice(start)) {
    const unitId = level === 'agency' ? a.agencyId : level === 'region' ? a.regionId : null;
    if (level !== 'nation' && !unitId) continue;
    const found = managers
      .filter((m) => m.level === level && m.unitId === unitId && m.available && m.userId !== a.userId && m.userId !== b.userId)
      .map((m) => m.userId)
      .sort()[0];
    if (found) return { userId: found, level };
  }
  return null;
}
