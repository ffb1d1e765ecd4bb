// How the steering figures read: shares as percentages, money in euros, durations in minutes, hours or days,
// periods as people name them ("mai 2025", "Semaine 19", "T2 2025"), in the reader's language.
import type { TFunction } from 'i18next';
import type { IndicatorDefinition, IndicatorFormat, Period } from '../../../contract/steering.ts';
import { formatMoney } from '../../lib/format.ts';

const localeOf = (lang: string) => (lang.startsWith('en') ? 'en-GB' : 'fr-FR');

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function nf(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(localeOf(lang), options)));
  return f;
}
function df(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', ...options })));
  return f;
}

export const formatCount = (n: number, lang: string) => nf(lang, { maximumFractionDigits: 0 }).format(n);
/** Headcounts are counted by allocation share: 12, 12.5. */
export const formatHeadcount = (n: number, lang: string) => nf(lang, { maximumFractionDigits: 1 }).format(n);
export const formatDecimal = (n: number, lang: string) => nf(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** "45 min", "3 h 05", "2,5 j" (French); "45 min", "3 h 5 min", "2.5 days" (English). */
export function formatDuration(minutes: number, lang: string): string {
  const en = lang.startsWith('en');
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    const r = m % 60;
    if (!r) return `${h} h`;
    return en ? `${h} h ${r} min` : `${h} h ${String(r).padStart(2, '0')}`;
  }
  const days = minutes / (24 * 60);
  const text = nf(lang, { maximumFractionDigits: 1 }).format(days);
  return en ? `${text} ${text === '1' ? 'day' : 'days'}` : `${text} j`;
}

/** One figure as a card shows it; `compact` for chart axes ("1,2 M€"). null: nothing to measure. */
export function formatValue(format: IndicatorFormat, value: number | null | undefined, lang: string, compact = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (format) {
    case 'ratio':
      return nf(lang, { style: 'percent', maximumFractionDigits: value !== 0 && Math.abs(value) < 0.1 ? 1 : 0 }).format(value);
    case 'cents':
      return compact
        ? nf(lang, { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 }).format(value / 100)
        : formatMoney(value, lang);
    case 'count':
      return compact ? nf(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(value) : formatCount(value, lang);
    case 'minutes':
      return formatDuration(value, lang);
    case 'decimal':
      return formatDecimal(value, lang);
  }
}

export type Trend = 'up' | 'down' | 'flat';
export interface Delta {
  text: string;
  trend: Trend;
  /** Better, worse or the same, given which way the indicator should go. */
  tone: 'better' | 'worse' | 'same';
}

/** The change from the previous period: in points for a share, in per cent otherwise. */
export function deltaOf(indicator: Pick<IndicatorDefinition, 'format' | 'better'>, current: number | null | undefined, previous: number | null | undefined, lang: string): Delta | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const diff = current - previous;
  const trend: Trend = Math.abs(diff) < 1e-9 ? 'flat' : diff > 0 ? 'up' : 'down';
  const tone = trend === 'flat' ? 'same' : (trend === 'up') === (indicator.better === 'higher') ? 'better' : 'worse';
  if (indicator.format === 'ratio') {
    const points = nf(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(diff * 100);
    return { text: `${points} pts`, trend, tone };
  }
  if (previous === 0) return trend === 'flat' ? { text: '=', trend, tone } : null;
  return { text: nf(lang, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(diff / Math.abs(previous)), trend, tone };
}

// --- Periods ---

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function weekNumber(p: Period): number {
  const m = /W(\d{1,2})$/.exec(p.label);
  if (m) return Number(m[1]);
  const d = day(p.from);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  return 1 + Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7);
}
const quarterOf = (p: Period) => Math.floor(day(p.from).getUTCMonth() / 3) + 1;
const yearOf = (p: Period) => day(p.from).getUTCFullYear();

/** "5 – 11 mai 2025". */
export const formatDayRange = (from: string, to: string, lang: string) =>
  from === to ? df(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(day(from)) : df(lang, { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(day(from), day(to));

/** The period as a heading reads it: "Mai 2025", "Semaine 19 (5 – 11 mai 2025)", "T2 2025", "2025". */
export function periodLabel(p: Period, lang: string, t: TFunction): string {
  switch (p.kind) {
    case 'week':
      return t('steering.period.weekLabel', { week: weekNumber(p), range: formatDayRange(p.from, p.to, lang) });
    case 'month':
      return capitalise(df(lang, { month: 'long', year: 'numeric' }).format(day(p.from)));
    case 'quarter':
      return t('steering.period.quarterLabel', { quarter: quarterOf(p), year: yearOf(p) });
    case 'year':
      return String(yearOf(p));
    case 'custom':
      return formatDayRange(p.from, p.to, lang);
  }
}

/** The period on a chart axis: "S19", "mai 25", "T2 25", "2025", "5 mai". */
export function shortPeriodLabel(p: Period, lang: string, t: TFunction): string {
  switch (p.kind) {
    case 'week':
      return t('steering.period.weekShort', { week: weekNumber(p) });
    case 'month':
      return df(lang, { month: 'short', year: '2-digit' }).format(day(p.from));
    case 'quarter':
      return t('steering.period.quarterShort', { quarter: quarterOf(p), year: String(yearOf(p)).slice(2) });
    case 'year':
      return String(yearOf(p));
    case 'custom':
      return df(lang, { day: 'numeric', month: 'short' }).format(day(p.from));
  }
}

/** The catalogue's names and definitions in the reader's language. */
export const inLanguage = (words: { fr: string; en: string }, lang: string) => (lang.startsWith('en') ? words.en : words.fr);
