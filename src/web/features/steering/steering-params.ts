// The steering page's state lives in the URL (unit, period, chosen indicator), so a view can be shared, reloaded
// and navigated with the browser's back button. Dates are calendar days (YYYY-MM-DD), counted in UTC.
import {
  indicatorIdSchema,
  periodKindSchema,
  steeringUnitTypeSchema,
  type DashboardQuery,
  type IndicatorId,
  type Period,
  type PeriodKind,
  type SteeringUnitType,
} from '../../../contract/steering.ts';
import { TIME_ZONE } from '../../lib/format.ts';

export const STEERING_PATH = '/steering';

/** The indicator the charts show when the URL names none. */
export const DEFAULT_INDICATOR: IndicatorId = 'won_revenue';

export interface UnitParams {
  type: SteeringUnitType;
  id?: string;
}

export interface PeriodParams {
  period: PeriodKind;
  at?: string;
  from?: string;
  to?: string;
}

export interface SteeringParams {
  /** null: no unit asked for, the page picks the reader's own (see the landing). */
  unit: UnitParams | null;
  period: PeriodParams;
  indicator: IndicatorId;
}

const value = (params: URLSearchParams, key: string) => params.get(key) || undefined;

export function readSteeringParams(params: URLSearchParams): SteeringParams {
  const type = steeringUnitTypeSchema.safeParse(params.get('type'));
  const kind = periodKindSchema.safeParse(params.get('period'));
  const indicator = indicatorIdSchema.safeParse(params.get('indicator'));
  const period: PeriodParams = kind.success
    ? kind.data === 'custom'
      ? { period: 'custom', from: value(params, 'from'), to: value(params, 'to') }
      : { period: kind.data, at: value(params, 'at') }
    : { period: 'month', at: value(params, 'at') };
  return {
    unit: type.success ? { type: type.data, id: type.data === 'nation' ? undefined : value(params, 'id') } : null,
    period,
    indicator: indicator.success ? indicator.data : DEFAULT_INDICATOR,
  };
}

export const dashboardQueryOf = (unit: UnitParams, period: PeriodParams): DashboardQuery => ({ ...unit, ...period });

export function steeringSearch(unit: { type: SteeringUnitType; id?: string | null } | null, period: PeriodParams, indicator?: IndicatorId): string {
  const out = new URLSearchParams();
  if (unit) {
    out.set('type', unit.type);
    if (unit.type !== 'nation' && unit.id) out.set('id', unit.id);
  }
  out.set('period', period.period);
  if (period.period === 'custom') {
    if (period.from) out.set('from', period.from);
    if (period.to) out.set('to', period.to);
  } else if (period.at) out.set('at', period.at);
  if (indicator && indicator !== DEFAULT_INDICATOR) out.set('indicator', indicator);
  return out.toString();
}

export const steeringHref = (unit: { type: SteeringUnitType; id?: string | null } | null, period: PeriodParams, indicator?: IndicatorId) =>
  `${STEERING_PATH}?${steeringSearch(unit, period, indicator)}`;

// --- Calendar days ---

const DAY = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (time: number) => new Date(time).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => toIso(toTime(iso) + days * DAY);
export const daysBetween = (from: string, to: string) => Math.round((toTime(to) - toTime(from)) / DAY) + 1;
export const isIsoDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(toTime(s));

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today in Paris, as the server counts it. */
export const todayInParis = () => parisDay.format(new Date());

/** The period before or after the one shown: the day just outside it for a calendar period, a same-length window for a custom one. */
export function shiftedPeriod(period: Period, direction: -1 | 1): PeriodParams {
  if (period.kind === 'custom') {
    const span = daysBetween(period.from, period.to);
    return { period: 'custom', from: addDays(period.from, direction * span), to: addDays(period.to, direction * span) };
  }
  return { period: period.kind, at: direction < 0 ? addDays(period.from, -1) : addDays(period.to, 1) };
}

/** Switching the kind of period keeps the day looked at (a month in the past stays in the past; a custom range gives its last day). */
export function withKind(kind: PeriodKind, shown: Period | undefined, current: PeriodParams): PeriodParams {
  if (kind === 'custom') return { period: 'custom', from: shown?.from ?? current.from, to: shown?.to ?? current.to };
  const at = current.period === 'custom' ? (shown?.to ?? current.to) : current.at;
  return { period: kind, at: at && at < todayInParis() ? at : undefined };
}
