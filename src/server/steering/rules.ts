// Steering's pure rules: the metrics the rollups count, how each indicator is computed from their sums,
// periods and their trends, the median from time bands. Plain data in, plain data out.
import { OPEN_STAGES } from '../../contract/deals.ts';
import { INDICATORS, type Figure, type Figures, type IndicatorDefinition, type IndicatorId, type LeadFunnel, type Period, type PeriodKind } from '../../contract/steering.ts';

// --- Metrics: the raw counters kept per subject × day (see steering/rollups.ts for the SQL) ---

/** Qualification times are counted in bands up to two weeks; longer ones fall in the open last band. */
export const QUALIFY_LONGEST = 14 * 24 * 60;
/** Under an hour, a band per minute; beyond, each band 5 % wider than the one before. */
export const QUALIFY_GROWTH = 1.05;

/**
 * Upper bounds, in whole minutes, of the qualification time bands, each band holding the times above the
 * previous bound up to its own. A median read from them is exact to the minute under an hour and within
 * 5 % beyond, while a unit's counts stay sums of its members' (a median of medians would not be a median).
 */
export const QUALIFY_BANDS: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let minute = 1; minute <= 60; minute++) bounds.push(minute);
  for (let upper = 60; upper < QUALIFY_LONGEST; ) {
    upper = Math.min(QUALIFY_LONGEST, Math.max(upper + 1, Math.round(upper * QUALIFY_GROWTH)));
    bounds.push(upper);
  }
  return bounds;
})();
export const qualifyMetric = (upper: number | null) => `leads.qualify.${upper ?? 'more'}`;

/** The band a qualification time falls in: its upper bound, or null past the last one (a binary search). */
export function qualifyBand(minutes: number): number | null {
  let low = 0;
  let high = QUALIFY_BANDS.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (QUALIFY_BANDS[mid]! < minutes) low = mid + 1;
    else high = mid;
  }
  return QUALIFY_BANDS[low] ?? null;
}

/** Sums of metrics over a period (or the figures of now), by metric name. */
export type MetricSums = Record<string, number>;

const get = (m: MetricSums, key: string) => m[key] ?? 0;

// --- Periods ---

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => toIso(new Date(toDate(iso).getTime() + days * DAY));
export const daysBetween = (from: string, to: string) => Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY) + 1;

/** ISO week number and its year (the year of the week's Thursday). */
function isoWeek(iso: string): { year: number; week: number } {
  const d = toDate(iso);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
  return { year, week };
}

/** The period of the given kind that contains the day `at`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, at: string): Period {
  const d = toDate(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case 'week': {
      const from = addDays(at, -((d.getUTCDay() + 6) % 7));
      const { year, week } = isoWeek(at);
      return { kind, from, to: addDays(from, 6), label: `${year}-W${String(week).padStart(2, '0')}` };
    }
    case 'month':
      return { kind, from: toIso(new Date(Date.UTC(y, m, 1))), to: toIso(new Date(Date.UTC(y, m + 1, 0))), label: `${y}-${String(m + 1).padStart(2, '0')}` };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { kind, from: toIso(new Date(Date.UTC(y, q * 3, 1))), to: toIso(new Date(Date.UTC(y, q * 3 + 3, 0))), label: `${y}-Q${q + 1}` };
    }
    case 'year':
      return { kind, from: `${y}-01-01`, to: `${y}-12-31`, label: String(y) };
  }
}

export function customPeriod(from: string, to: string): Period {
  return { kind: 'custom', from, to, label: `${from} → ${to}` };
}

/**
 * The periods a trend line shows, oldest first, ending with `period`: the 11 before it of the same kind;
 * a custom period is cut into months (over 92 days), weeks (over 14) or days.
 */
export function trendPeriods(period: Period, count = 12): Period[] {
  if (period.kind === 'custom') {
    const span = daysBetween(period.from, period.to);
    const kind = span > 92 ? 'month' : span > 14 ? 'week' : null;
    const out: Period[] = [];
    let day = period.from;
    while (day <= period.to) {
      const whole = kind ? periodContaining(kind, day) : { kind: 'custom' as const, from: day, to: day, label: day };
      const piece = { ...whole, from: day, to: whole.to < period.to ? whole.to : period.to };
      out.push(piece);
      day = addDays(piece.to, 1);
    }
    return out;
  }
  const out: Period[] = [period];
  while (out.length < count) out.unshift(periodContaining(period.kind, addDays(out[0]!.from, -1)));
  return out;
}

/** Weeks in a period, counted in days / 7 (a month is about 4.3 weeks). */
export const weeksIn = (period: { from: string; to: string }) => daysBetween(period.from, period.to) / 7;

// --- Indicators ---

/** What an indicator needs besides the metric sums. */
export interface FigureContext {
  period: { from: string; to: string };
  /** People counted in the unit (by allocation share); 1 for a person. */
  headcount: number;
  /** Today in Paris: decides what is past, and which open deals a forecast counts. */
  today: string;
  /** Quick business (deals won within QUICK_DEAL_DAYS of opening) won over the run-rate window before today. */
  quickWon?: number;
}

const ratio = (numerator: number, denominator: number): Figure => ({ value: denominator > 0 ? numerator / denominator : null, numerator, denominator });

/**
 * The median from counts per time band, interpolated linearly inside the band that holds it (the first
 * band starts at 0; the open last band is read as ending at twice the last bound).
 */
export function medianFromBands(counts: ReadonlyArray<number>, bounds: ReadonlyArray<number> = QUALIFY_BANDS): number | null {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count > 0 && seen + count >= half) {
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const upper = i < bounds.length ? bounds[i]! : bounds[bounds.length - 1]! * 2;
      return lower + ((half - seen) / count) * (upper - lower);
    }
    seen += count;
  }
  return null;
}

export const qualifyCounts = (m: MetricSums) => [...QUALIFY_BANDS.map((b) => get(m, qualifyMetric(b))), get(m, qualifyMetric(null))];

/** The open deals' weighted amounts a forecast for `period` counts: due in it, and overdue if it is current. */
export function forecastPipeline(snapshot: MetricSums, period: { from: string; to: string }, today: string): number {
  if (period.to < today) return 0;
  let sum = 0;
  for (const [metric, value] of Object.entries(snapshot)) {
    if (!metric.startsWith('forecast.')) continue;
    const due = metric.slice('forecast.'.length);
    const inPeriod = due >= period.from && due <= period.to;
    const overdue = period.from <= today && due < today;
    if (inPeriod || overdue) sum += value;
  }
  return sum;
}

/** Deals won within this many days of being opened are quick business: the kind a run rate projects. */
export const QUICK_DEAL_DAYS = 30;
/** A run rate is read over this many full days before today. */
export const RUN_RATE_DAYS = 90;

/** The days a run rate is read over: the RUN_RATE_DAYS full days before today. */
export const runRateWindow = (today: string) => ({ from: addDays(today, -RUN_RATE_DAYS), to: addDays(today, -1) });

/**
 * What a forecast adds for business not in the pipeline yet: quick business won per day over the run-rate
 * window, times the period's days still to come (after today; every day of a future period, none of a past one).
 */
export function runRate(quickWon: number, period: { from: string; to: string }, today: string): number {
  const first = period.from > today ? period.from : addDays(today, 1);
  if (first > period.to) return 0;
  return Math.round((quickWon / RUN_RATE_DAYS) * daysBetween(first, period.to));
}

const forecastFigure = (won: number, weightedPipeline: number, rate: number): Figure => ({
  value: won + weightedPipeline + rate,
  parts: { won, weightedPipeline, runRate: rate },
});

/**
 * Every indicator from the period's sums and the figures of now. A unit's figure is computed from the
 * unit's sums (never by averaging its members' figures), so a ratio weighs each lead or case once.
 */
export function computeFigures(sums: MetricSums, now: MetricSums, ctx: FigureContext): Figures {
  const won = get(sums, 'deals.won_cents');
  const pipelineParts = Object.fromEntries(OPEN_STAGES.map((s) => [s, get(now, `pipeline.${s}.cents`)]));
  const accounts = get(now, 'accounts.count');
  const interactions = get(sums, 'interactions.logged');
  const repWeeks = ctx.headcount * weeksIn(ctx.period);
  const resolved = get(sums, 'cases.resolved');
  const figures: Record<IndicatorId, Figure> = {
    leads_received: { value: get(sums, 'leads.received') },
    lead_conversion: ratio(get(sums, 'leads.converted'), get(sums, 'leads.concluded')),
    potential_conversion: ratio(get(sums, 'leads.potential_converted'), get(sums, 'leads.potential_concluded')),
    leads_on_time: ratio(get(sums, 'leads.answered_on_time'), get(sums, 'leads.answered')),
    qualification_median: { value: medianFromBands(qualifyCounts(sums)), denominator: get(sums, 'leads.answered') },
    interactions_logged: { value: interactions },
    interactions_per_rep_week: { value: repWeeks > 0 ? interactions / repWeeks : null, numerator: interactions, denominator: repWeeks },
    logging_compliance: ratio(get(sums, 'deals.stage_changes_backed'), get(sums, 'deals.stage_changes')),
    pipeline: { value: Object.values(pipelineParts).reduce((s, v) => s + v, 0), parts: pipelineParts },
    won_revenue: { value: won, numerator: get(sums, 'deals.won') },
    win_rate: ratio(get(sums, 'deals.won'), get(sums, 'deals.won') + get(sums, 'deals.lost')),
    forecast: forecastFigure(won, forecastPipeline(now, ctx.period, ctx.today), runRate(ctx.quickWon ?? 0, ctx.period, ctx.today)),
    case_sla_adherence: ratio(get(sums, 'cases.resolved_in_sla'), resolved),
    case_backlog: { value: get(now, 'cases.backlog'), parts: { breached: get(now, 'cases.backlog_breached') } },
    case_resolution_mean: { value: resolved > 0 ? get(sums, 'cases.resolution_minutes') / resolved : null, denominator: resolved },
    case_transfers: { value: resolved > 0 ? get(sums, 'cases.transfers') / resolved : null, numerator: get(sums, 'cases.transfers'), denominator: resolved },
    data_completeness: { value: accounts > 0 ? get(now, 'accounts.completeness') / accounts / 100 : null, denominator: accounts },
    relayed_won_share: ratio(get(sums, 'deals.won_relayed'), get(sums, 'deals.won')),
    relay_feedback: ratio(get(sums, 'leads.relayed_answered'), get(sums, 'leads.relayed')),
    late_lead_share: ratio(get(sums, 'leads.received_late'), get(sums, 'leads.received')),
    breached_cases: { value: get(sums, 'cases.breached') },
  };
  return figures;
}

/**
 * The funnel from lead to sale over a period: leads received, answered (accepted or rejected), converted into a
 * deal, and deals won that came from a lead. Each stage counts what happened in the period.
 */
export function leadFunnel(sums: MetricSums): LeadFunnel {
  return {
    received: get(sums, 'leads.received'),
    answered: get(sums, 'leads.answered'),
    converted: get(sums, 'leads.converted'),
    won: get(sums, 'deals.won_from_lead'),
  };
}

// --- Objectives ---

/** How far along an objective is: the figure over the target (null when the target is 0 or nothing is measured). */
export function attainment(value: number | null, target: number): number | null {
  if (value === null || target <= 0) return null;
  return value / target;
}

// --- Alerts ---

export type Comparison = 'above' | 'below';

/** Whether a figure is on the wrong side of the threshold; nothing measured never alerts. */
export function isCrossed(value: number | null, comparison: Comparison, threshold: number): boolean {
  if (value === null || Number.isNaN(value)) return false;
  return comparison === 'above' ? value > threshold : value < threshold;
}

/**
 * What one evaluation does for a rule and a target: fire when the condition starts to hold, clear when
 * it stops, nothing while it stays as it was — so an alert fires once per crossing, however often the
 * sweep runs.
 */
export function crossingStep(wasCrossed: boolean, crossedNow: boolean): 'fire' | 'clear' | 'hold' {
  if (crossedNow && !wasCrossed) return 'fire';
  if (!crossedNow && wasCrossed) return 'clear';
  return 'hold';
}

export interface AlertWindow {
  periodKind: 'week' | 'month' | 'quarter' | 'year' | 'business_days';
  periodDays: number | null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
const weekdayOf = (iso: string) => ((toDate(iso).getUTCDay() + 6) % 7) + 1;

/**
 * The period a rule looks at today: the calendar period in progress, or the last N business days before
 * today (today is not over), skipping weekends and the given holidays.
 */
export function alertPeriod(rule: AlertWindow, today: string, isBusinessDay: (date: string, weekday: number) => boolean): { from: string; to: string } {
  if (rule.periodKind !== 'business_days') {
    const p = periodContaining(rule.periodKind, today);
    return { from: p.from, to: p.to };
  }
  const days: string[] = [];
  let day = addDays(today, -1);
  while (days.length < rule.periodDays!) {
    if (isBusinessDay(day, weekdayOf(day))) days.push(day);
    day = addDays(day, -1);
  }
  return { from: days[days.length - 1]!, to: days[0]! };
}

/** Whether a person was absent on any day of a window (an absent rep is not alerted for not logging). */
export function absentDuring(absence: { from: string | null; until: string | null }, window: { from: string; to: string }): boolean {
  if (!absence.from) return false;
  const until = absence.until ?? '9999-12-31';
  return absence.from <= window.to && until >= window.from;
}

/** The crossing state's period key: each calendar period starts afresh; a rolling window is one state. */
export const stateKey = (rule: AlertWindow, period: { from: string }) => (rule.periodKind === 'business_days' ? '-infinity' : period.from);

// --- Words ---

/** A figure as people read it: 12,5 %, 1 234 €, 3 h 20, 4,2. */
export function formatIndicatorValue(value: number | null, format: IndicatorDefinition['format'], lang: 'fr' | 'en'): string {
  if (value === null) return lang === 'fr' ? 'non mesuré' : 'not measured';
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const number = (n: number, digits: number) => n.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  switch (format) {
    case 'ratio':
      return `${number(value * 100, 1)} %`;
    case 'cents':
      return `${number(Math.round(value / 100), 0)} €`;
    case 'count':
      return number(value, 1);
    case 'decimal':
      return number(value, 1);
    case 'minutes': {
      if (value < 60) return `${Math.round(value)} min`;
      if (value < 48 * 60) return `${Math.floor(value / 60)} h ${String(Math.round(value % 60)).padStart(2, '0')}`;
      return lang === 'fr' ? `${number(value / 1440, 1)} j` : `${number(value / 1440, 1)} d`;
    }
  }
}

export interface AlertRuleWords {
  indicator: IndicatorId;
  comparison: Comparison;
  threshold: number;
  appliesTo: 'unit' | 'regions' | 'agencies' | 'pools' | 'reps';
  unitName: string;
  periodKind: AlertWindow['periodKind'];
  periodDays: number | null;
}

const APPLIES_TO: Record<'fr' | 'en', Record<AlertRuleWords['appliesTo'], string>> = {
  fr: { unit: '', regions: 'chaque région de ', agencies: 'chaque agence de ', pools: 'chaque pool de ', reps: 'chaque commercial de ' },
  en: { unit: '', regions: 'each region of ', agencies: 'each agency of ', pools: 'each pool of ', reps: 'each field rep of ' },
};

function periodWords(r: Pick<AlertRuleWords, 'periodKind' | 'periodDays'>, lang: 'fr' | 'en'): string {
  if (r.periodKind === 'business_days') return lang === 'fr' ? `sur les ${r.periodDays} derniers jours ouvrés` : `over the last ${r.periodDays} business days`;
  const fr = { week: 'sur la semaine', month: 'sur le mois', quarter: 'sur le trimestre', year: 'sur l’année' } as const;
  const en = { week: 'over the week', month: 'over the month', quarter: 'over the quarter', year: 'over the year' } as const;
  return (lang === 'fr' ? fr : en)[r.periodKind];
}

/** The rule in plain words: "Late leads above 10 % over the week, for each agency of National". */
export function alertRuleText(r: AlertRuleWords, lang: 'fr' | 'en'): string {
  const def = INDICATORS.find((i) => i.id === r.indicator)!;
  const side = r.comparison === 'above' ? (lang === 'fr' ? 'au-dessus de' : 'above') : lang === 'fr' ? 'en dessous de' : 'below';
  const whom = `${APPLIES_TO[lang][r.appliesTo]}${r.unitName}`;
  return lang === 'fr'
    ? `${def.name.fr} ${side} ${formatIndicatorValue(r.threshold, def.format, 'fr')} ${periodWords(r, 'fr')}, pour ${whom}`
    : `${def.name.en} ${side} ${formatIndicatorValue(r.threshold, def.format, 'en')} ${periodWords(r, 'en')}, for ${whom}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day as people write it: 23/11/2026 in French, 23 Nov 2026 in English. */
export function dayInWords(iso: string, lang: 'fr' | 'en'): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return lang === 'fr' ? `${d}/${m}/${y}` : `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}`;
}

/** What an alert says: who, what figure, against which threshold, over which days. */
export function alertText(a: { indicator: IndicatorId; comparison: Comparison; threshold: number; value: number; targetName: string; from: string; to: string }, lang: 'fr' | 'en'): string {
  const def = INDICATORS.find((i) => i.id === a.indicator)!;
  const value = formatIndicatorValue(a.value, def.format, lang);
  const threshold = formatIndicatorValue(a.threshold, def.format, lang);
  return lang === 'fr'
    ? `${a.targetName} : ${def.name.fr} ${value} (seuil : ${a.comparison === 'above' ? 'au plus' : 'au moins'} ${threshold}), du ${dayInWords(a.from, 'fr')} au ${dayInWords(a.to, 'fr')}`
    : `${a.targetName}: ${def.name.en} ${value} (threshold: ${a.comparison === 'above' ? 'at most' : 'at least'} ${threshold}), ${dayInWords(a.from, 'en')} to ${dayInWords(a.to, 'en')}`;
}
