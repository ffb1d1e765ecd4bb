// Pure rules of complaints and after-sales cases: the status machine, the SLA clock with its pauses,
// priority changes, the sweep's decisions, routing to a back-office pool, transfers and references.
// Plain data in, plain data out: no database, no clock reads (every function is given `now`), no I/O.
//
// Decisions (each one is repeated where it is implemented):
// - The SLA budgets are business minutes on the business calendar (by default Monday–Friday
//   9:00–18:00 Paris time, French public holidays closed). A deadline is the instant at which the
//   running clock reaches the budget, so it always lies in opening hours or exactly at a closing
//   time — never at an opening time, never on a closed day: `isOpen(cal, deadline − 1 ms)` holds.
// - The resolution clock runs while a case is `open` or `in_progress`, is paused while it is
//   `waiting_customer`, and stops while it is `resolved` or `closed`. A reopened case carries on
//   from where its clock stood: the time spent before the resolution still counts (the customer's
//   problem was not solved), the time spent resolved does not.
// - The first-response clock runs from the opening, without pauses, until the first action towards
//   the customer. Putting the case on hold for the customer (`wait_customer`) or resolving it counts
//   as that first response, so the first-response clock never needs to pause.
// - "Due at D" means "done by D": done at D is on time, late once now > D. A warning is due at its
//   instant (now ≥ warnAt).
// - The reopen window is in calendar days (default 14), up to the same Paris wall-clock time, both
//   ends included.
// - A case keeps the budgets it was given (`budgetsFor` at opening, stored with the case), so an edit
//   of the SLA rule never moves the deadlines of cases already running. A priority upgrade takes the
//   smaller of the current and the new budgets (never later); a downgrade takes the new rule's.
import type { ErrorKind } from '../errors.ts';
import { addBusinessMinutes, businessMinutesBetween, momentInWords, parisInstant, parisTime, type BusinessCalendar } from '../calendar/rules.ts';
import { isAbsent } from '../leads/rules.ts';
import type { Bilingual } from '../../contract/values.ts';

type Lang = keyof Bilingual;

const MINUTE_MS = 60_000;

// --- Vocabulary ---

export const CASE_STATUSES = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_TRANSITIONS = ['start', 'wait_customer', 'resume', 'resolve', 'close', 'reopen'] as const;
export type CaseTransition = (typeof CASE_TRANSITIONS)[number];

export const CASE_TYPES = ['complaint', 'billing', 'technical', 'delivery', 'information'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** From the least to the most urgent. */
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

const TYPE_WORDS: Record<CaseType, Bilingual> = {
  complaint: { en: 'complaint', fr: 'réclamation' },
  billing: { en: 'billing', fr: 'facturation' },
  technical: { en: 'technical', fr: 'technique' },
  delivery: { en: 'delivery', fr: 'livraison' },
  information: { en: 'information', fr: 'information' },
};

const PRIORITY_WORDS: Record<CasePriority, Bilingual> = {
  low: { en: 'Low', fr: 'Basse' },
  normal: { en: 'Normal', fr: 'Normale' },
  high: { en: 'High', fr: 'Haute' },
  critical: { en: 'Critical', fr: 'Critique' },
};

/** A refusal a command turns into `new DomainError(kind, code, message, field, details)`. */
export interface Refusal {
  ok: false;
  kind: ErrorKind;
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

// --- 1. The status machine ---

const TRANSITIONS: Record<CaseTransition, { from: readonly CaseStatus[]; to: CaseStatus; verb: string }> = {
  start: { from: ['open'], to: 'in_progress', verb: 'started' },
  wait_customer: { from: ['in_progress'], to: 'waiting_customer', verb: 'put on hold for the customer' },
  resume: { from: ['waiting_customer'], to: 'in_progress', verb: 'resumed' },
  resolve: { from: ['in_progress', 'waiting_customer'], to: 'resolved', verb: 'resolved' },
  close: { from: ['resolved'], to: 'closed', verb: 'closed' },
  reopen: { from: ['resolved'], to: 'in_progress', verb: 'reopened' },
};

const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'open',
  in_progress: 'in progress',
  waiting_customer: 'waiting for the customer',
  resolved: 'resolved',
  closed: 'closed',
};

/** The status a transition leads to. */
export function nextCaseStatus(transition: CaseTransition): CaseStatus {
  return TRANSITIONS[transition].to;
}

/** The transitions the status machine allows from a status, ignoring the facts (summary, reopen window): for the UI's buttons. */
export function allowedTransitions(from: CaseStatus): CaseTransition[] {
  return CASE_TRANSITIONS.filter((t) => TRANSITIONS[t].from.includes(from));
}

/** Transitions that are an action towards the customer, hence a first response (asking the customer for something is responding). */
export function isCustomerFacing(transition: CaseTransition): boolean {
  return transition === 'wait_customer' || transition === 'resolve';
}

/**
 * Until when a resolved case may be reopened: `reopenDays` calendar days after the resolution, at the
 * same Paris wall-clock time (so a DST change in between does not shift it by an hour).
 */
export function reopenUntil(resolvedAt: Date, reopenDays: number): Date {
  const local = parisTime(resolvedAt);
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + reopenDays)).toISOString().slice(0, 10);
  const wholeMinutes = Math.floor(local.minutes);
  return new Date(parisInstant(date, wholeMinutes).getTime() + (resolvedAt.getTime() - Math.floor(resolvedAt.getTime() / MINUTE_MS) * MINUTE_MS));
}

export interface TransitionFacts {
  now: Date;
  /** When the case was (last) resolved; required to reopen. */
  resolvedAt: Date | null;
  /** The resolution summary typed with `resolve`; ignored by the other transitions. */
  summary?: string | null;
  /** From the SLA config. 0 disables reopening. */
  reopenDays: number;
}

export type TransitionCheck = { ok: true; to: CaseStatus } | Refusal;

/**
 * Whether `transition` may be applied to a case in status `from`, enforced by the command on the server:
 * - 'case.transition_not_allowed' (field 'status'): not in the status machine;
 * - 'case.summary_required' (field 'summary'): resolving needs a non-blank resolution summary;
 * - 'case.reopen_window_passed' (field 'status'): reopening after `reopenUntil` — close the case and open a new one.
 */
export function checkTransition(from: CaseStatus, transition: CaseTransition, facts: TransitionFacts): TransitionCheck {
  const t = TRANSITIONS[transition];
  if (!t.from.includes(from)) {
    return {
      ok: false,
      kind: 'unprocessable',
      code: 'case.transition_not_allowed',
      message: `This case is ${STATUS_WORDS[from]}: it cannot be ${t.verb}`,
      field: 'status',
      details: { from, transition, allowed: allowedTransitions(from) },
    };
  }
  if (transition === 'resolve' && !facts.summary?.trim()) {
    return { ok: false, kind: 'invalid', code: 'case.summary_required', message: 'Say how the case was resolved', field: 'summary' };
  }
  if (transition === 'reopen') {
    if (!facts.resolvedAt) throw new RangeError('a resolved case must say when it was resolved');
    const until = reopenUntil(facts.resolvedAt, facts.reopenDays);
    if (facts.now.getTime() > until.getTime()) {
      return {
        ok: false,
        kind: 'unprocessable',
        code: 'case.reopen_window_passed',
        message: `A resolved case can be reopened within ${facts.reopenDays} days of its resolution; open a new case instead`,
        field: 'status',
        details: { resolvedAt: facts.resolvedAt.toISOString(), reopenUntil: until.toISOString(), reopenDays: facts.reopenDays },
      };
    }
  }
  return { ok: true, to: t.to };
}

// --- 2. The SLA rule, as data ---

export interface SlaTargets {
  /** Business minutes from the opening to the first action towards the customer. */
  firstResponseMinutes: number;
  /** Business minutes of running clock to resolve the case. */
  resolutionMinutes: number;
}

export interface SlaConfig {
  byPriority: Record<CasePriority, SlaTargets>;
  /** The warning comes at this share of each budget (0 < warnRatio < 1). */
  warnRatio: number;
  /** Calendar days after the resolution during which the case may be reopened. */
  reopenDays: number;
}

/** A business day of the default calendar is 540 minutes (9:00–18:00). */
export const DEFAULT_SLA_CONFIG: SlaConfig = {
  byPriority: {
    critical: { firstResponseMinutes: 60, resolutionMinutes: 540 },
    high: { firstResponseMinutes: 240, resolutionMinutes: 1080 },
    normal: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
    low: { firstResponseMinutes: 1080, resolutionMinutes: 5400 },
  },
  warnRatio: 0.75,
  reopenDays: 14,
};

/** The budgets a case receives at opening, to be stored with it. */
export function budgetsFor(config: SlaConfig, priority: CasePriority): SlaTargets {
  return { ...config.byPriority[priority] };
}

export function priorityRank(p: CasePriority): number {
  return CASE_PRIORITIES.indexOf(p);
}

/** A change towards a more urgent priority. */
export function isUpgrade(from: CasePriority, to: CasePriority): boolean {
  return priorityRank(to) > priorityRank(from);
}

/**
 * Problems with an SLA rule an administrator is saving, each naming its field: whole positive budgets,
 * the first response no later than the resolution, a more urgent priority never given more time than
 * a less urgent one, 0 < warnRatio < 1, and 0–365 whole reopen days.
 */
export function validateSlaConfig(config: SlaConfig): Refusal[] {
  const problems: Refusal[] = [];
  const bad = (code: string, message: string, field: string) => problems.push({ ok: false, kind: 'invalid', code, message, field });
  for (const p of CASE_PRIORITIES) {
    const t = config.byPriority[p];
    for (const key of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
      if (!Number.isInteger(t[key]) || t[key] < 1) bad('sla.minutes_invalid', 'A budget is a whole number of business minutes, at least 1', `byPriority.${p}.${key}`);
    }
    if (t.firstResponseMinutes > t.resolutionMinutes) {
      bad('sla.first_response_after_resolution', 'The first response cannot be due after the resolution', `byPriority.${p}.firstResponseMinutes`);
    }
  }
  for (let i = 1; i < CASE_PRIORITIES.length; i++) {
    const less = CASE_PRIORITIES[i - 1]!;
    const more = CASE_PRIORITIES[i]!;
    for (const key of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
      if (config.byPriority[more][key] > config.byPriority[less][key]) {
        bad('sla.priority_order', `A ${more} case cannot be given more time than a ${less} one`, `byPriority.${more}.${key}`);
      }
    }
  }
  if (!(config.warnRatio > 0 && config.warnRatio < 1)) bad('sla.warn_ratio_invalid', 'The warning comes strictly between 0 % and 100 % of the time', 'warnRatio');
  if (!Number.isInteger(config.reopenDays) || config.reopenDays < 0 || config.reopenDays > 365) {
    bad('sla.reopen_days_invalid', 'The reopen window is a whole number of days between 0 and 365', 'reopenDays');
  }
  return problems;
}

type Hours = Pick<BusinessCalendar, 'opensAt' | 'closesAt' | 'workdays'>;

const DEFAULT_HOURS: Hours = { opensAt: 9 * 60, closesAt: 18 * 60, workdays: new Set([1, 2, 3, 4, 5]) };

const DAY_NAMES: Record<Lang, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
};

function clockInWords(minutes: number, lang: Lang): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'en') return `${h}:${String(m).padStart(2, '0')}`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function list(items: string[], lang: Lang, or = false): string {
  if (items.length <= 1) return items.join('');
  const last = lang === 'en' ? (or ? ' or ' : ' and ') : or ? ' ou ' : ' et ';
  return `${items.slice(0, -1).join(', ')}${last}${items.at(-1)}`;
}

function workdaysInWords(days: ReadonlySet<number>, lang: Lang): string {
  const sorted = [...days].sort((a, b) => a - b);
  const names = sorted.map((d) => DAY_NAMES[lang][d - 1]!);
  const consecutive = sorted.length >= 3 && sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (consecutive) return lang === 'en' ? `${names[0]}–${names.at(-1)}` : `du ${names[0]} au ${names.at(-1)}`;
  return list(names, lang);
}

/** "1 business day", "4 business hours", "90 business minutes" — in days of the calendar's length when whole. */
export function businessDurationInWords(minutes: number, dayMinutes: number, lang: Lang): string {
  const [n, unit] = minutes % dayMinutes === 0 ? [minutes / dayMinutes, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  const s = n > 1 ? 's' : '';
  if (lang === 'en') return `${n} business ${unit}${s}`;
  if (unit === 'day') return `${n} jour${s} ouvré${s}`;
  return `${n} ${unit === 'hour' ? 'heure' : 'minute'}${s} ouvrée${s}`;
}

/** The SLA rule in plain words, in both languages, for the Rules page every employee reads. */
export function slaText(config: SlaConfig, hours: Hours = DEFAULT_HOURS): Bilingual {
  const day = hours.closesAt - hours.opensAt;
  const pct = Math.round(config.warnRatio * 100);
  const lines = (lang: Lang) =>
    [...CASE_PRIORITIES]
      .reverse()
      .map((p) => {
        const t = config.byPriority[p];
        const fr = businessDurationInWords(t.firstResponseMinutes, day, lang);
        const res = businessDurationInWords(t.resolutionMinutes, day, lang);
        return lang === 'en'
          ? `${PRIORITY_WORDS[p].en}: first response within ${fr}, resolution within ${res}.`
          : `${PRIORITY_WORDS[p].fr} : première réponse sous ${fr}, résolution sous ${res}.`;
      })
      .join(' ');
  const when = (lang: Lang) =>
    lang === 'en'
      ? `${workdaysInWords(hours.workdays, 'en')} ${clockInWords(hours.opensAt, 'en')}–${clockInWords(hours.closesAt, 'en')} Paris time, French public holidays closed`
      : `${workdaysInWords(hours.workdays, 'fr')} de ${clockInWords(hours.opensAt, 'fr')} à ${clockInWords(hours.closesAt, 'fr')}, heure de Paris, hors jours fériés`;
  return {
    en:
      `Every case has two deadlines set by its priority, counted in business time (${when('en')}). ${lines('en')} ` +
      'The first response is the first action towards the customer — a call, an email, a question put to them, or the resolution itself. ' +
      'The resolution clock stops while the case waits for the customer and starts again when they answer; it stops when the case is resolved, ' +
      'and a reopened case carries on from where its clock stood. ' +
      `At ${pct} % of either time the person in charge is warned; past a deadline, the pool’s manager is alerted. ` +
      'Raising the priority never pushes a deadline later; lowering it recomputes the deadlines from the new priority, keeping the time already spent. ' +
      (config.reopenDays > 0
        ? `A resolved case can be reopened within ${config.reopenDays} calendar day${config.reopenDays > 1 ? 's' : ''}; after that, a new case is opened.`
        : 'A resolved case cannot be reopened; a new case is opened.'),
    fr:
      `Chaque dossier a deux échéances fixées par sa priorité, comptées en temps ouvré (${when('fr')}). ${lines('fr')} ` +
      'La première réponse est la première action vers le client : un appel, un courriel, une question posée au client, ou la résolution elle-même. ' +
      'L’horloge de résolution s’arrête pendant que le dossier attend le client et repart à sa réponse ; elle s’arrête à la résolution, ' +
      'et un dossier rouvert reprend là où son horloge en était. ' +
      `À ${pct} % de l’un ou l’autre délai, la personne en charge est prévenue ; l’échéance dépassée, le responsable du pôle est alerté. ` +
      'Relever la priorité ne repousse jamais une échéance ; l’abaisser recalcule les échéances selon la nouvelle priorité, en gardant le temps déjà écoulé. ' +
      (config.reopenDays > 0
        ? `Un dossier résolu peut être rouvert pendant ${config.reopenDays} jour${config.reopenDays > 1 ? 's' : ''} calendaire${config.reopenDays > 1 ? 's' : ''} ; au-delà, on ouvre un nouveau dossier.`
        : 'Un dossier résolu ne peut pas être rouvert ; on ouvre un nouveau dossier.'),
  };
}

// --- 3. The SLA clock ---

/** A status change of the case: the status holds from `at` until the next change. */
export interface StatusChange {
  status: CaseStatus;
  at: Date;
}

export interface StatusInterval {
  status: CaseStatus;
  from: Date;
  /** null: still the status at `now`. */
  until: Date | null;
}

/** The resolution clock runs in these statuses, is paused in waiting_customer and stopped in resolved and closed. */
const RUNNING: ReadonlySet<CaseStatus> = new Set(['open', 'in_progress']);
const PAUSED: ReadonlySet<CaseStatus> = new Set(['waiting_customer']);
/** Being in one of these statuses implies the customer was answered. */
const RESPONDED: ReadonlySet<CaseStatus> = new Set(['waiting_customer', 'resolved', 'closed']);

export const clockRuns = (s: CaseStatus) => RUNNING.has(s);

function sortedHistory(history: readonly StatusChange[]): StatusChange[] {
  // Array.prototype.sort is stable: changes recorded at the same instant keep their order.
  return [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The history as intervals up to `now`: each status lasts until the next change; changes after `now`
 * are not yet history. Looked at before the first change, the case is in its first status.
 */
export function statusIntervals(history: readonly StatusChange[], now: Date): StatusInterval[] {
  const sorted = sortedHistory(history);
  if (sorted.length === 0) return [];
  const t = Math.max(now.getTime(), sorted[0]!.at.getTime());
  const begun = sorted.filter((c) => c.at.getTime() <= t);
  return begun.map((c, i) => ({ status: c.status, from: c.at, until: begun[i + 1]?.at ?? null }));
}

interface Segment {
  from: number;
  /** Clipped to now. */
  end: number;
  current: boolean;
}

interface Clock {
  status: CaseStatus;
  /** Stretches of running clock, in order, the last one possibly still running. */
  segments: Segment[];
}

function clock(history: readonly StatusChange[], now: Date): Clock | null {
  const intervals = statusIntervals(history, now);
  const last = intervals.at(-1);
  if (!last) return null;
  const t = Math.max(now.getTime(), last.from.getTime());
  const segments = intervals
    .filter((i) => RUNNING.has(i.status))
    .map((i) => ({ from: i.from.getTime(), end: i.until ? i.until.getTime() : t, current: i.until === null }));
  return { status: last.status, segments };
}

function businessMs(cal: BusinessCalendar, from: number, to: number): number {
  // businessMinutesBetween divides whole milliseconds by 60 000: rounding recovers them exactly.
  return Math.round(businessMinutesBetween(cal, new Date(from), new Date(to)) * MINUTE_MS);
}

function addBusinessMs(cal: BusinessCalendar, from: number, ms: number): Date {
  return addBusinessMinutes(cal, new Date(from), Math.max(0, ms) / MINUTE_MS);
}

function consumedMs(cal: BusinessCalendar, c: Clock): number {
  return c.segments.reduce((sum, s) => sum + businessMs(cal, s.from, s.end), 0);
}

/**
 * Business minutes of running clock up to `now`: counted while the case is open or in progress, not
 * while it waits for the customer, not while it is resolved or closed. Changes after `now` are ignored,
 * so the answer for a past `now` is what the clock showed then. The history starts with the opening
 * (`open` at openedAt, as the command that opens a case records it).
 */
export function consumedBusinessMinutes(cal: BusinessCalendar, history: readonly StatusChange[], now: Date): number {
  const c = clock(history, now);
  return c ? consumedMs(cal, c) / MINUTE_MS : 0;
}

/**
 * The instant at which the running clock reaches `budgetMs`: within the stretch that reaches it, or,
 * when the clock still runs, counted on from the last (re)start — so the brief's "from the last resume,
 * budget − consumed". null when the clock is not running and has not reached it.
 */
function reachedAt(cal: BusinessCalendar, c: Clock, budgetMs: number): Date | null {
  let consumed = 0;
  for (const s of c.segments) {
    if (s.current) return addBusinessMs(cal, s.from, budgetMs - consumed);
    const length = businessMs(cal, s.from, s.end);
    // The budget is used up in this stretch (exactly at its end at the latest).
    if (consumed + length >= budgetMs) return addBusinessMs(cal, s.from, budgetMs - consumed);
    consumed += length;
  }
  return null;
}

export interface SlaFacts {
  openedAt: Date;
  /** The first action towards the customer, as recorded; a wait_customer or resolve in the history counts too. */
  firstRespondedAt: Date | null;
  /** Every status change; an implicit `open` at openedAt precedes the first one recorded later. */
  history: readonly StatusChange[];
  /** The budgets stored with the case; null means the rule's for its priority. */
  budgets: SlaTargets | null;
}

/** The four instants the sweep reads: stored with the case by every command that changes them. */
export interface SlaDeadlines {
  firstResponseDueAt: Date | null;
  firstResponseWarnAt: Date | null;
  resolutionDueAt: Date | null;
  resolutionWarnAt: Date | null;
}

export interface SlaState extends SlaDeadlines {
  status: CaseStatus;
  /** Waiting for the customer: the resolution clock stands still. */
  paused: boolean;
  /** Resolved or closed: the resolution clock stopped. */
  stopped: boolean;
  budgets: SlaTargets;
  /** The effective first response (recorded, or implied by the history), null while there is none. */
  firstRespondedAt: Date | null;
  /** Business minutes of the resolution clock so far. */
  consumedMinutes: number;
  /** Business minutes left (negative once late); null for a clock that is done (responded, resolved). */
  remainingMinutes: { firstResponse: number | null; resolution: number | null };
  /** Late: the first response came, or is still missing, after its deadline; the resolution clock ran past its deadline. */
  breached: { firstResponse: boolean; resolution: boolean };
}

/** The warning's budget: warnRatio of the whole, in whole minutes, at least 1 and never more than the whole. */
export function warnMinutes(budget: number, warnRatio: number): number {
  return Math.min(budget, Math.max(1, Math.round(budget * warnRatio)));
}

function normalisedHistory(facts: SlaFacts): StatusChange[] {
  const sorted = sortedHistory(facts.history);
  const first = sorted[0];
  if (!first || first.at.getTime() > facts.openedAt.getTime()) sorted.unshift({ status: 'open', at: facts.openedAt });
  return sorted;
}

/**
 * Where a case stands against its SLA at `now`.
 *
 * First response: due `firstResponseMinutes` of business time after the opening (a case opened on a
 * Saturday night counts from Monday 9:00, or the next business day after a holiday); due and warning
 * instants are null once responded.
 *
 * Resolution: the instant the running clock reaches the budget. While the clock runs it is counted on
 * from the last (re)start with the budget minus the time consumed before it. While paused it is null —
 * unless the budget had already run out before the pause, in which case it is that past instant, so a
 * late case stays visibly late (and the sweep still alerts). Once resolved or closed it is null; the
 * outcome is in `breached.resolution`. The warning instant follows the same rule with the warning's budget.
 *
 * Degenerate edge: a clock paused exactly when its budget ran out is not late while paused, and is late
 * as soon as it runs again (its deadline is that pause instant), rather than at the next opening.
 */
export function slaState(cal: BusinessCalendar, config: SlaConfig, priority: CasePriority, facts: SlaFacts, now: Date): SlaState {
  const budgets = facts.budgets ?? budgetsFor(config, priority);
  const history = normalisedHistory(facts);
  const c = clock(history, now)!;
  const t = now.getTime();

  // First response: the recorded one, or the first status that implies one, whichever came first.
  const implied = history.find((h) => RESPONDED.has(h.status) && h.at.getTime() <= t)?.at ?? null;
  const recorded = facts.firstRespondedAt && facts.firstRespondedAt.getTime() <= t ? facts.firstRespondedAt : null;
  const respondedAt = recorded && implied ? (recorded <= implied ? recorded : implied) : (recorded ?? implied);
  const opened = facts.openedAt.getTime();
  const frDue = addBusinessMs(cal, opened, budgets.firstResponseMinutes * MINUTE_MS);
  const frWarn = addBusinessMs(cal, opened, warnMinutes(budgets.firstResponseMinutes, config.warnRatio) * MINUTE_MS);
  const frLate = (respondedAt ? respondedAt.getTime() : t) > frDue.getTime();

  // Resolution.
  const running = RUNNING.has(c.status);
  const paused = PAUSED.has(c.status);
  const lastRun = c.segments.at(-1)?.end ?? -Infinity;
  const resDue = reachedAt(cal, c, budgets.resolutionMinutes * MINUTE_MS);
  const resWarn = reachedAt(cal, c, warnMinutes(budgets.resolutionMinutes, config.warnRatio) * MINUTE_MS);
  // Late when the clock ran on past the deadline (for a running clock: now > due).
  const resLate = resDue !== null && lastRun > resDue.getTime();
  const shown = (at: Date | null) => (at === null ? null : running || (paused && lastRun > at.getTime()) ? at : null);
  const consumed = consumedMs(cal, c);

  return {
    status: c.status,
    paused,
    stopped: !running && !paused,
    budgets,
    firstRespondedAt: respondedAt,
    firstResponseDueAt: respondedAt ? null : frDue,
    firstResponseWarnAt: respondedAt ? null : frWarn,
    resolutionDueAt: shown(resDue),
    resolutionWarnAt: shown(resWarn),
    consumedMinutes: consumed / MINUTE_MS,
    remainingMinutes: {
      firstResponse: respondedAt ? null : budgets.firstResponseMinutes - businessMs(cal, opened, t) / MINUTE_MS,
      resolution: running || paused ? (budgets.resolutionMinutes * MINUTE_MS - consumed) / MINUTE_MS : null,
    },
    breached: { firstResponse: frLate, resolution: resLate },
  };
}

/** What the last write stored for a case: its deadlines (as slaState gave them then) and the facts beside them. */
export interface StoredSla extends SlaDeadlines {
  status: CaseStatus;
  /** When the status last changed (the opening when it never did). */
  lastChangeAt: Date;
  openedAt: Date;
  firstRespondedAt: Date | null;
  budgets: SlaTargets;
}

/**
 * slaState for a case whose clock runs (open, in progress), read from what its last write stored instead
 * of replaying its history: the deadlines do not move while the status stays, so only the time left and
 * the lateness depend on `now`. Equal to slaState at any `now` after that write (tested as a property);
 * null when the clock does not run (paused, stopped), or when the resolution deadline passed before the
 * last change (a pause may lie between it and now): the caller replays the history then. Queues show
 * hundreds of cases: this is what keeps them fast.
 */
export function runningSlaState(cal: BusinessCalendar, stored: StoredSla, now: Date): SlaState | null {
  if (!RUNNING.has(stored.status) || !stored.resolutionDueAt || stored.resolutionDueAt < stored.lastChangeAt) return null;
  const t = now.getTime();
  // Business time from now to an instant: negative once it has passed.
  const left = (due: Date) => (t <= due.getTime() ? businessMs(cal, t, due.getTime()) : -businessMs(cal, due.getTime(), t));
  const responded = stored.firstRespondedAt;
  const frDue = responded ? addBusinessMs(cal, stored.openedAt.getTime(), stored.budgets.firstResponseMinutes * MINUTE_MS) : stored.firstResponseDueAt;
  if (!frDue) return null;
  const resolutionLeft = left(stored.resolutionDueAt);
  return {
    status: stored.status,
    paused: false,
    stopped: false,
    budgets: stored.budgets,
    firstRespondedAt: responded,
    firstResponseDueAt: responded ? null : frDue,
    firstResponseWarnAt: responded ? null : stored.firstResponseWarnAt,
    resolutionDueAt: stored.resolutionDueAt,
    resolutionWarnAt: stored.resolutionWarnAt,
    consumedMinutes: (stored.budgets.resolutionMinutes * MINUTE_MS - resolutionLeft) / MINUTE_MS,
    remainingMinutes: { firstResponse: responded ? null : left(frDue) / MINUTE_MS, resolution: resolutionLeft / MINUTE_MS },
    breached: { firstResponse: (responded ? responded.getTime() : t) > frDue.getTime(), resolution: t > stored.resolutionDueAt.getTime() },
  };
}

// --- 4. Priority change mid-flight ---

export interface PriorityChange {
  from: CasePriority;
  to: CasePriority;
  at: Date;
}

export interface PriorityChangeResult {
  ok: true;
  direction: 'upgrade' | 'downgrade';
  /** The budgets to store with the case from now on. */
  budgets: SlaTargets;
  before: SlaState;
  after: SlaState;
  /** Sweep flags to clear because their threshold now lies ahead (a downgrade re-arms the warning for the new deadline). */
  rearm: Array<keyof SweepFlags>;
  /** The trace event's payload. */
  trace: {
    priority: { from: CasePriority; to: CasePriority };
    direction: 'upgrade' | 'downgrade';
    budgets: { before: SlaTargets; after: SlaTargets };
    consumedMinutes: number;
    firstResponseDueAt: { before: string | null; after: string | null };
    resolutionDueAt: { before: string | null; after: string | null };
  };
}

/**
 * New deadlines after a priority change at `change.at`, recomputed from the rule with the time already
 * consumed unchanged. An upgrade takes, for each budget, the smaller of the case's current one and the
 * new priority's, so it never moves a deadline later (even under a rule where a more urgent priority
 * would get more time, or budgets frozen under an older rule); a downgrade takes the new priority's
 * budgets, which may move the deadlines later. Refused with 'case.priority_unchanged' when from = to.
 */
export function deadlinesAfterPriorityChange(
  cal: BusinessCalendar,
  config: SlaConfig,
  facts: SlaFacts,
  change: PriorityChange,
): PriorityChangeResult | Refusal {
  if (change.from === change.to) {
    return { ok: false, kind: 'unprocessable', code: 'case.priority_unchanged', message: `The case is already ${change.to}`, field: 'priority' };
  }
  const current = facts.budgets ?? budgetsFor(config, change.from);
  const rule = config.byPriority[change.to];
  const direction = isUpgrade(change.from, change.to) ? 'upgrade' : 'downgrade';
  const budgets =
    direction === 'upgrade'
      ? {
          firstResponseMinutes: Math.min(current.firstResponseMinutes, rule.firstResponseMinutes),
          resolutionMinutes: Math.min(current.resolutionMinutes, rule.resolutionMinutes),
        }
      : { ...rule };
  const before = slaState(cal, config, change.from, { ...facts, budgets: current }, change.at);
  const after = slaState(cal, config, change.to, { ...facts, budgets }, change.at);
  const passed = (s: SlaState): SweepFlags => ({
    warnedFirstResponse: s.firstResponseWarnAt !== null && s.firstResponseWarnAt <= change.at,
    breachedFirstResponse: s.breached.firstResponse,
    warnedResolution: s.resolutionWarnAt !== null && s.resolutionWarnAt <= change.at,
    breachedResolution: s.breached.resolution,
  });
  const was = passed(before);
  const now = passed(after);
  const rearm = SWEEP_FLAGS.filter((f) => was[f] && !now[f]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ok: true,
    direction,
    budgets,
    before,
    after,
    rearm,
    trace: {
      priority: { from: change.from, to: change.to },
      direction,
      budgets: { before: current, after: budgets },
      consumedMinutes: after.consumedMinutes,
      firstResponseDueAt: { before: iso(before.firstResponseDueAt), after: iso(after.firstResponseDueAt) },
      resolutionDueAt: { before: iso(before.resolutionDueAt), after: iso(after.resolutionDueAt) },
    },
  };
}

// --- 5. The sweep's decisions ---

/** What the sweep has already sent for a case, stored with it. */
export interface SweepFlags {
  warnedFirstResponse: boolean;
  breachedFirstResponse: boolean;
  warnedResolution: boolean;
  breachedResolution: boolean;
}

export const SWEEP_FLAGS = ['warnedFirstResponse', 'breachedFirstResponse', 'warnedResolution', 'breachedResolution'] as const;

export const NO_ALERTS_SENT: SweepFlags = { warnedFirstResponse: false, breachedFirstResponse: false, warnedResolution: false, breachedResolution: false };

export interface SlaAlert {
  flag: keyof SweepFlags;
  clock: 'first_response' | 'resolution';
  kind: 'warning' | 'breach';
  /** The deadline concerned. */
  dueAt: Date;
  /** A warning goes to the assignee (the pool when nobody is assigned); a breach to the pool's manager, and the assignee. */
  notify: Array<'assignee' | 'pool_manager'>;
}

/**
 * The alerts to send now, and the flags to store with them, so running the sweep again sends nothing
 * more. Reads only the stored instants (null means nothing to watch: responded, paused in time, or
 * resolved). A warning is due at warnAt (now ≥ warnAt), a breach once now > dueAt; when both are due
 * in the same run only the breach is sent (a warning after the fact is noise) and both flags are set.
 * Never twice: a set flag is never sent again, and flags are only ever set here.
 */
export function sweepActions(deadlines: SlaDeadlines, already: SweepFlags, now: Date): { alerts: SlaAlert[]; flags: SweepFlags } {
  const alerts: SlaAlert[] = [];
  const flags = { ...already };
  const t = now.getTime();
  const clocks = [
    { clock: 'first_response', due: deadlines.firstResponseDueAt, warn: deadlines.firstResponseWarnAt, warned: 'warnedFirstResponse', breached: 'breachedFirstResponse' },
    { clock: 'resolution', due: deadlines.resolutionDueAt, warn: deadlines.resolutionWarnAt, warned: 'warnedResolution', breached: 'breachedResolution' },
  ] as const;
  // A warning names its deadline: none is sent while a case waits for the customer in time (its
  // resolution deadline is null then); it comes when the clock runs again.
  for (const k of clocks) {
    if (flags[k.breached]) continue;
    if (k.due && t > k.due.getTime()) {
      alerts.push({ flag: k.breached, clock: k.clock, kind: 'breach', dueAt: k.due, notify: ['pool_manager', 'assignee'] });
      flags[k.breached] = true;
      flags[k.warned] = true;
    } else if (k.warn && k.due && !flags[k.warned] && t >= k.warn.getTime()) {
      alerts.push({ flag: k.warned, clock: k.clock, kind: 'warning', dueAt: k.due, notify: ['assignee'] });
      flags[k.warned] = true;
    }
  }
  return { alerts, flags };
}

/**
 * The next instant at which `sweepActions` has something to send, given the stored deadlines and what was
 * already sent; null when nothing is pending (responded, paused in time, stopped, or everything sent).
 * A warning is due at warnAt, a breach just after dueAt (late once now > dueAt). Stored with the case, so
 * the sweep reads only the cases due.
 */
export function nextAlertAt(deadlines: SlaDeadlines, sent: SweepFlags): Date | null {
  const candidates: number[] = [];
  const clocks = [
    { due: deadlines.firstResponseDueAt, warn: deadlines.firstResponseWarnAt, warned: sent.warnedFirstResponse, breached: sent.breachedFirstResponse },
    { due: deadlines.resolutionDueAt, warn: deadlines.resolutionWarnAt, warned: sent.warnedResolution, breached: sent.breachedResolution },
  ];
  for (const k of clocks) {
    if (k.breached || !k.due) continue;
    candidates.push(!k.warned && k.warn ? Math.min(k.warn.getTime(), k.due.getTime() + 1) : k.due.getTime() + 1);
  }
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

// --- 6. Routing to a back-office pool ---

export interface CasePool {
  id: string;
  name: string;
  /** The agencies whose cases this pool handles. */
  agencyIds: readonly string[];
}

/** Absent or empty criteria match anything; `families` never matches a case without a product family. */
export interface CaseRoutingMatch {
  types?: readonly CaseType[];
  families?: readonly string[];
  regionIds?: readonly string[];
}

export interface CaseRoutingEntry {
  match: CaseRoutingMatch;
  poolId: string;
}

export interface CaseRoutingRule {
  /** Tried in order. */
  entries: readonly CaseRoutingEntry[];
  fallback: {
    /** Region id → the pool taking that region's cases no entry routes. */
    byRegion: Readonly<Record<string, string>>;
    national: string;
  };
}

export interface CaseRoutingFacts {
  type: CaseType;
  family: string | null;
  regionId: string;
  agencyId: string;
}

export interface CaseRoutingDecision {
  poolId: string;
  /** Index of the entry used, null for a fallback. */
  entryIndex: number | null;
  /** Entries that matched but could not take the case, for the simulator. */
  skipped: Array<{ entryIndex: number; poolId: string; why: 'pool_does_not_serve_agency' | 'unknown_pool' }>;
  /** default_*: no routing rule is saved, the back-office pool serving the agency took it (the agency's, the region's, the nation's). */
  reason: { code: 'rule_entry' | 'region_fallback' | 'national_fallback' | 'default_agency' | 'default_region' | 'default_nation'; text: Bilingual };
}

export function entryMatches(match: CaseRoutingMatch, facts: CaseRoutingFacts): boolean {
  const any = (xs: readonly string[] | undefined) => xs === undefined || xs.length === 0;
  return (
    (any(match.types) || match.types!.includes(facts.type)) &&
    (any(match.families) || (facts.family !== null && match.families!.includes(facts.family))) &&
    (any(match.regionIds) || match.regionIds!.includes(facts.regionId))
  );
}

function matchInWords(match: CaseRoutingMatch, lang: Lang, regionNames: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (match.types?.length) parts.push(list(match.types.map((t) => TYPE_WORDS[t][lang]), lang, true));
  if (match.families?.length) parts.push(`${lang === 'en' ? 'family' : 'famille'} ${list([...match.families], lang, true)}`);
  if (match.regionIds?.length) parts.push(`${lang === 'en' ? 'region' : 'région'} ${list(match.regionIds.map((r) => regionNames[r] ?? r), lang, true)}`);
  if (parts.length === 0) return lang === 'en' ? 'any case' : 'tout dossier';
  return parts.join(', ');
}

/**
 * The pool that takes a case: the first entry that matches the case and whose pool serves the case's
 * agency; else the fallback pool of the case's region; else the national fallback. Deterministic: the
 * same rule, facts and pools always give the same answer (the "simulate" view calls it with the live rule).
 */
export function routeCase(
  rule: CaseRoutingRule,
  facts: CaseRoutingFacts,
  pools: readonly CasePool[],
  regionNames: Readonly<Record<string, string>> = {},
): CaseRoutingDecision {
  const byId = new Map(pools.map((p) => [p.id, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const skipped: CaseRoutingDecision['skipped'] = [];
  for (const [i, entry] of rule.entries.entries()) {
    if (!entryMatches(entry.match, facts)) continue;
    const pool = byId.get(entry.poolId);
    if (!pool) {
      skipped.push({ entryIndex: i, poolId: entry.poolId, why: 'unknown_pool' });
      continue;
    }
    if (!pool.agencyIds.includes(facts.agencyId)) {
      skipped.push({ entryIndex: i, poolId: entry.poolId, why: 'pool_does_not_serve_agency' });
      continue;
    }
    return {
      poolId: pool.id,
      entryIndex: i,
      skipped,
      reason: {
        code: 'rule_entry',
        text: {
          en: `${skippedInWords(skipped, name, 'en')}Line ${i + 1} of the routing rule (${matchInWords(entry.match, 'en', regionNames)}) sends it to ${pool.name}, which serves this agency.`,
          fr: `${skippedInWords(skipped, name, 'fr')}La ligne ${i + 1} de la règle d’orientation (${matchInWords(entry.match, 'fr', regionNames)}) l’envoie à ${pool.name}, qui sert cette agence.`,
        },
      },
    };
  }
  const regional = rule.fallback.byRegion[facts.regionId];
  const poolId = regional ?? rule.fallback.national;
  const none = { en: 'No line of the routing rule sends this case to a pool serving its agency', fr: 'Aucune ligne de la règle d’orientation n’envoie ce dossier à un pôle qui sert son agence' };
  return {
    poolId,
    entryIndex: null,
    skipped,
    reason: regional
      ? {
          code: 'region_fallback',
          text: {
            en: `${skippedInWords(skipped, name, 'en')}${none.en}: ${name(poolId)} takes the region’s other cases.`,
            fr: `${skippedInWords(skipped, name, 'fr')}${none.fr} : ${name(poolId)} reçoit les autres dossiers de la région.`,
          },
        }
      : {
          code: 'national_fallback',
          text: {
            en: `${skippedInWords(skipped, name, 'en')}${none.en}, and the region has no pool of its own: ${name(poolId)} takes them nationally.`,
            fr: `${skippedInWords(skipped, name, 'fr')}${none.fr}, et la région n’a pas de pôle attitré : ${name(poolId)} les reçoit au niveau national.`,
          },
        },
  };
}

function skippedInWords(skipped: CaseRoutingDecision['skipped'], name: (id: string) => string, lang: Lang): string {
  return skipped
    .map((s) =>
      lang === 'en'
        ? `Line ${s.entryIndex + 1} applies but ${name(s.poolId)} ${s.why === 'unknown_pool' ? 'no longer exists' : 'does not serve this agency'}. `
        : `La ligne ${s.entryIndex + 1} s’applique mais ${name(s.poolId)} ${s.why === 'unknown_pool' ? 'n’existe plus' : 'ne sert pas cette agence'}. `,
    )
    .join('');
}

/** Problems with a routing rule an administrator is saving: every pool it names must exist. */
export function validateCaseRoutingRule(rule: CaseRoutingRule, pools: readonly CasePool[]): Refusal[] {
  const known = new Set(pools.map((p) => p.id));
  const problems: Refusal[] = [];
  const check = (poolId: string, field: string) => {
    if (!known.has(poolId)) problems.push({ ok: false, kind: 'invalid', code: 'case_routing.unknown_pool', message: `No pool ${poolId}`, field });
  };
  rule.entries.forEach((e, i) => check(e.poolId, `entries.${i}.poolId`));
  for (const [region, poolId] of Object.entries(rule.fallback.byRegion)) check(poolId, `fallback.byRegion.${region}`);
  check(rule.fallback.national, 'fallback.national');
  return problems;
}

/** The routing rule in plain words, both languages, one line per entry. */
export function caseRoutingText(
  rule: CaseRoutingRule,
  poolNames: Readonly<Record<string, string>>,
  regionNames: Readonly<Record<string, string>> = {},
): Bilingual {
  const pool = (id: string) => poolNames[id] ?? id;
  const text = (lang: Lang) => {
    const intro =
      lang === 'en'
        ? 'A case goes to the back-office pool of the first line below that matches it, provided that pool serves the customer’s agency; otherwise to the next matching line, then to the region’s fallback pool, then to the national one. Within the pool, it goes to the available person with the fewest open cases (ties: whoever received one least recently) — never to someone inactive or absent.'
        : 'Un dossier va au pôle back-office de la première ligne ci-dessous qui lui correspond, si ce pôle sert l’agence du client ; sinon à la ligne suivante qui correspond, puis au pôle de repli de la région, puis au pôle national. Dans le pôle, il va à la personne disponible qui a le moins de dossiers ouverts (à égalité : celle qui en a reçu un le moins récemment) — jamais à une personne inactive ou absente.';
    const lines = rule.entries.map((e, i) => `${i + 1}. ${capitalise(matchInWords(e.match, lang, regionNames))} → ${pool(e.poolId)}`);
    const regions = Object.entries(rule.fallback.byRegion)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([r, p]) => `${lang === 'en' ? 'region' : 'région'} ${regionNames[r] ?? r} → ${pool(p)}`);
    regions.push(`${lang === 'en' ? 'elsewhere' : 'ailleurs'} → ${pool(rule.fallback.national)}`);
    // French typography puts a space before the colon and the semicolon.
    const fallback = lang === 'en' ? `Fallback: ${regions.join('; ')}.` : `Repli : ${regions.join(' ; ')}.`;
    return [intro, ...lines, fallback].join('\n');
  };
  return { en: text('en'), fr: text('fr') };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// --- Assignment within the pool ---

export interface CaseMember {
  id: string;
  active: boolean;
  absentFrom: string | null;
  absentUntil: string | null;
  openCases: number;
  /** When they were last given a case, null if never: the rotation's tie-break. */
  lastAssignedAt: Date | null;
}

/**
 * The available member with the fewest open cases; ties go to whoever received a case least recently
 * (never first), then to the smaller id. Never an inactive member, never one absent on `today` (the
 * Paris date, YYYY-MM-DD, both ends of an absence included). null when nobody is available.
 */
export function pickAssignee<T extends CaseMember>(members: readonly T[], today: string): T | null {
  const available = members.filter((m) => m.active && !isAbsent(m, today));
  const last = (m: CaseMember) => m.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const order = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  available.sort((a, b) => order(a.openCases, b.openCases) || order(last(a), last(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return available[0] ?? null;
}

// --- 7. Transfers ---

export interface TransferEnd {
  poolId: string;
  agencyId: string;
}

/**
 * Whether a case may move to another pool. A transfer is a change of pool: the same pool is refused
 * whatever the agency ('case.transfer_same_pool' — changing the unit held responsible is a separate,
 * disputable act); a reason is required ('case.transfer_reason_required'); when the receiving pool's
 * agencies are given, it must serve the receiving agency ('case.transfer_pool_not_serving').
 */
export function checkTransfer(
  from: TransferEnd,
  to: TransferEnd,
  reason: string | null | undefined,
  toPool?: Pick<CasePool, 'agencyIds' | 'name'>,
): { ok: true } | Refusal {
  if (from.poolId === to.poolId) {
    return { ok: false, kind: 'unprocessable', code: 'case.transfer_same_pool', message: 'The case is already in this pool', field: 'poolId' };
  }
  if (!reason?.trim()) {
    return { ok: false, kind: 'invalid', code: 'case.transfer_reason_required', message: 'Say why the case is transferred', field: 'reason' };
  }
  if (toPool && !toPool.agencyIds.includes(to.agencyId)) {
    return { ok: false, kind: 'unprocessable', code: 'case.transfer_pool_not_serving', message: `${toPool.name} does not serve this agency`, field: 'poolId' };
  }
  return { ok: true };
}

/**
 * How many times the case was transferred, and whether it bounced straight back at some point
 * (A → B immediately followed by B → A); `firstAt` is the index of the transfer that sent it back.
 */
export function pingPong(transfers: ReadonlyArray<{ fromPoolId: string; toPoolId: string }>): { count: number; pingPong: boolean; firstAt: number | null } {
  for (let i = 1; i < transfers.length; i++) {
    const a = transfers[i - 1]!;
    const b = transfers[i]!;
    if (a.fromPoolId !== a.toPoolId && b.fromPoolId === a.toPoolId && b.toPoolId === a.fromPoolId) {
      return { count: transfers.length, pingPong: true, firstAt: i };
    }
  }
  return { count: transfers.length, pingPong: false, firstAt: null };
}

// --- 8. References ---

/**
 * 'R-2026-004213': the year of opening and the case's number, zero-padded to at least six digits. The
 * number is national and never reused (a sequence that does not restart each year), so a reference read
 * out on the phone names one case whatever the year said.
 */
export function caseReference(year: number, n: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`case number must be a whole number ≥ 1: ${n}`);
  return `R-${year}-${String(n).padStart(6, '0')}`;
}

// R, the year, the number; any case; separators optional: hyphens and dashes, slashes, dots, underscores, spaces.
const REFERENCE = /^R[\s\-‐‑–—/._]*(2\d{3})[\s\-‐‑–—/._]*(\d{1,9})$/i;

/**
 * The canonical reference typed in a search box, or null when it is not one: 'r-2026-4213',
 * ' R 2026 004213 ', 'R2026/4213', 'r–2026–4213' all give 'R-2026-004213'. The leading R is
 * required, so a phone number or a SIREN is never taken for a case.
 */
export function parseCaseReference(input: string): string | null {
  const m = REFERENCE.exec(input.normalize('NFKC').trim());
  if (!m) return null;
  const n = Number(m[2]);
  if (n < 1) return null;
  return caseReference(Number(m[1]), n);
}

// --- 9. What the customer is told ---

export interface CustomerSummaryFacts {
  reference: string;
  type: CaseType;
  status: CaseStatus;
  openedAt: Date;
  /** The stored deadlines (null: responded, paused or done). */
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolutionSummary: string | null;
  reopenDays: number;
}

/**
 * What an advisor reads out on the phone: the case's reference and kind, where it stands and the next
 * step with its date, in the customer's words. No names, no pool, no internal wording; a deadline
 * already passed is never quoted (the customer hears that the case is followed closely instead).
 */
export function customerSummary(f: CustomerSummaryFacts, now: Date): Bilingual {
  const say = (lang: Lang) => {
    const at = (d: Date) => momentInWords(d.toISOString(), lang, now.toISOString());
    const head =
      lang === 'en'
        ? `Your ${TYPE_WORDS[f.type].en} case ${f.reference}, opened on ${at(f.openedAt)},`
        : `Votre dossier ${f.reference} (${TYPE_WORDS[f.type].fr}), ouvert le ${at(f.openedAt)},`;
    const ahead = (d: Date | null) => d !== null && d.getTime() >= now.getTime();
    switch (f.status) {
      case 'open':
        if (ahead(f.firstResponseDueAt)) {
          return lang === 'en'
            ? `${head} has been registered. Our after-sales team will get back to you by ${at(f.firstResponseDueAt!)}.`
            : `${head} est bien enregistré. Notre service après-vente revient vers vous au plus tard le ${at(f.firstResponseDueAt!)}.`;
        }
        return lang === 'en'
          ? `${head} has been registered and is being followed closely: our after-sales team will get back to you as soon as possible.`
          : `${head} est bien enregistré et suivi de près : notre service après-vente revient vers vous au plus vite.`;
      case 'in_progress':
        if (ahead(f.resolutionDueAt)) {
          return lang === 'en'
            ? `${head} is being handled by our after-sales team. We aim to solve it by ${at(f.resolutionDueAt!)}.`
            : `${head} est en cours de traitement par notre service après-vente. Nous visons une solution d’ici le ${at(f.resolutionDueAt!)}.`;
        }
        return lang === 'en'
          ? `${head} is being handled by our after-sales team and followed closely; we will call you as soon as it is solved.`
          : `${head} est en cours de traitement par notre service après-vente et suivi de près ; nous vous rappelons dès qu’il est réglé.`;
      case 'waiting_customer':
        return lang === 'en'
          ? `${head} is waiting for something from you (an answer or a document). We carry on as soon as we have it.`
          : `${head} attend un élément de votre part (une réponse ou un document). Nous reprenons son traitement dès sa réception.`;
      case 'resolved': {
        const done = f.resolutionSummary && (/[.!?…]$/.test(f.resolutionSummary) ? f.resolutionSummary : `${f.resolutionSummary}.`);
        const summary = done ? (lang === 'en' ? ` What was done: ${done}` : ` Ce qui a été fait : ${done}`) : '';
        const until = f.resolvedAt ? reopenUntil(f.resolvedAt, f.reopenDays) : null;
        const reopen =
          until && until.getTime() >= now.getTime()
            ? lang === 'en'
              ? ` If the problem comes back, we can reopen it until ${at(until)}.`
              : ` Si le problème persiste, nous pouvons le rouvrir jusqu’au ${at(until)}.`
            : '';
        const when = f.resolvedAt ? (lang === 'en' ? ` on ${at(f.resolvedAt)}` : ` le ${at(f.resolvedAt)}`) : '';
        return lang === 'en' ? `${head} was resolved${when}.${summary}${reopen}` : `${head} a été résolu${when}.${summary}${reopen}`;
      }
      case 'closed': {
        const when = f.closedAt ? (lang === 'en' ? ` on ${at(f.closedAt)}` : ` le ${at(f.closedAt)}`) : '';
        return lang === 'en'
          ? `${head} was closed${when}. If you have a new problem, we will open a new case.`
          : `${head} a été clos${when}. Pour un nouveau problème, nous ouvrons un nouveau dossier.`;
      }
    }
  };
  return { en: say('en'), fr: say('fr') };
}
