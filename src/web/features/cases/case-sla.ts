// Where a case stands against its deadlines, read from the SLA state the server computed and ticked on with the
// browser's clock: which clock matters now, how long until (or since) its due instant, warning, late or paused.
import type { Case, CaseSla } from '../../../contract/cases.ts';

export type SlaClock = 'firstResponse' | 'resolution';

export type ClockState =
  /** Counting, before the warning point. */
  | 'running'
  /** Past the warning point, before the deadline. */
  | 'warning'
  /** Past the deadline (or the server says it is late). */
  | 'breached'
  /** Waiting for the customer: the resolution clock stands still. */
  | 'paused'
  /** Done (responded, resolved or closed) within the deadline. */
  | 'met'
  /** Done, but late. */
  | 'missed'
  /** Nothing to count (no deadline known). */
  | 'none';

export interface ClockView {
  clock: SlaClock;
  state: ClockState;
  dueAt: string | null;
  warnAt: string | null;
  /** Wall-clock minutes until the due instant (negative once past); null without one. */
  minutesLeft: number | null;
  /** Business minutes left as the server counted them when it sent the case (negative once late). */
  businessMinutesLeft: number | null;
}

const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : null);

function counting(clock: SlaClock, dueAt: string | null, warnAt: string | null, late: boolean, business: number | null, now: number): ClockView {
  const due = ms(dueAt);
  const warn = ms(warnAt);
  const minutesLeft = due === null ? null : (due - now) / 60_000;
  const state: ClockState =
    due === null ? (late ? 'breached' : 'none') : late || due <= now ? 'breached' : warn !== null && warn <= now ? 'warning' : 'running';
  return { clock, state, dueAt, warnAt, minutesLeft, businessMinutesLeft: business };
}

/** The first-response clock: counting until someone answers the customer, then met or missed. */
export function firstResponseClock(sla: CaseSla, now: number): ClockView {
  if (sla.firstResponseDueAt === null) {
    return { clock: 'firstResponse', state: sla.breached.firstResponse ? 'missed' : sla.firstRespondedAt ? 'met' : 'none', dueAt: null, warnAt: null, minutesLeft: null, businessMinutesLeft: null };
  }
  return counting('firstResponse', sla.firstResponseDueAt, sla.firstResponseWarnAt, sla.breached.firstResponse, sla.remainingMinutes.firstResponse, now);
}

/** The resolution clock: counting while the case is worked, paused while waiting for the customer, met or missed once resolved. */
export function resolutionClock(sla: CaseSla, now: number): ClockView {
  if (sla.stopped) {
    return { clock: 'resolution', state: sla.breached.resolution ? 'missed' : 'met', dueAt: null, warnAt: null, minutesLeft: null, businessMinutesLeft: null };
  }
  // Paused in time: no deadline. Paused after the deadline passed: the past instant stays, and it stays late.
  if (sla.paused && sla.resolutionDueAt === null) {
    return { clock: 'resolution', state: 'paused', dueAt: null, warnAt: null, minutesLeft: null, businessMinutesLeft: sla.remainingMinutes.resolution };
  }
  return counting('resolution', sla.resolutionDueAt, sla.resolutionWarnAt, sla.breached.resolution, sla.remainingMinutes.resolution, now);
}

/** The clock a queue shows: the first response until the customer was answered, then the resolution. */
export function activeClock(c: Pick<Case, 'sla'>, now: number): ClockView {
  const first = firstResponseClock(c.sla, now);
  if (first.dueAt !== null) return first;
  const res = resolutionClock(c.sla, now);
  // A closed case that missed its first response but not its resolution still shows as late work.
  if (res.state === 'met' && first.state === 'missed') return { ...res, state: 'missed' };
  return res;
}

export const isLateState = (s: ClockState) => s === 'breached';

type T = (key: string, options?: Record<string, unknown>) => string;

/** "45 min", "3 h", "3 h 20", "2 j 4 h": a duration people read at a glance. */
export function spanText(t: T, minutes: number): string {
  const m = Math.max(1, Math.round(Math.abs(minutes)));
  if (m < 60) return t('cases.span.minutes', { count: m });
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h < 24) return rest && h < 10 ? t('cases.span.hoursMinutes', { hours: h, minutes: String(rest).padStart(2, '0') }) : t('cases.span.hours', { count: h });
  const d = Math.floor(h / 24);
  return h % 24 ? t('cases.span.daysHours', { days: d, hours: h % 24 }) : t('cases.span.days', { count: d });
}

/** Business time, counted in working hours: "3 h 20 ouvrées", "14 h ouvrées". */
export function businessSpanText(t: T, minutes: number): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return t('cases.span.businessMinutes', { count: Math.max(1, m) });
  return rest ? t('cases.span.businessHoursMinutes', { hours: h, minutes: String(rest).padStart(2, '0') }) : t('cases.span.businessHours', { count: h });
}

/** The countdown's words: "dans 3 h", "dépassé de 2 h", "en pause", "dans les délais", "hors délai". */
export function clockText(t: T, view: ClockView): string {
  switch (view.state) {
    case 'running':
    case 'warning':
      return t('cases.sla.dueIn', { span: spanText(t, view.minutesLeft ?? 0) });
    case 'breached':
      return view.minutesLeft === null ? t('cases.sla.late') : t('cases.sla.lateBy', { span: spanText(t, view.minutesLeft) });
    case 'paused':
      return t('cases.sla.paused');
    case 'met':
      return t('cases.sla.met');
    case 'missed':
      return t('cases.sla.missed');
    default:
      return '—';
  }
}

export const clockColor: Record<ClockState, string | undefined> = {
  running: undefined,
  warning: 'orange.7',
  breached: 'red.7',
  paused: 'yellow.8',
  met: 'teal.7',
  missed: 'red.7',
  none: 'dimmed',
};
