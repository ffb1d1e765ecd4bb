import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allowedTransitions,
  budgetsFor,
  businessDurationInWords,
  CASE_PRIORITIES,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  CASE_TYPES,
  caseReference,
  caseRoutingText,
  checkTransfer,
  checkTransition,
  consumedBusinessMinutes,
  deadlinesAfterPriorityChange,
  DEFAULT_SLA_CONFIG,
  entryMatches,
  isCustomerFacing,
  isUpgrade,
  customerSummary,
  nextAlertAt,
  nextCaseStatus,
  NO_ALERTS_SENT,
  parseCaseReference,
  pickAssignee,
  pingPong,
  priorityRank,
  reopenUntil,
  routeCase,
  runningSlaState,
  slaState,
  slaText,
  statusIntervals,
  sweepActions,
  SWEEP_FLAGS,
  validateCaseRoutingRule,
  validateSlaConfig,
  warnMinutes,
  type CaseMember,
  type CasePool,
  type CasePriority,
  type CaseRoutingFacts,
  type CaseRoutingRule,
  type CaseStatus,
  type CaseTransition,
  type PriorityChangeResult,
  type SlaConfig,
  type SlaDeadlines,
  type SlaFacts,
  type SlaState,
  type StatusChange,
  type SweepFlags,
} from './rules.ts';
import { addBusinessMinutes, businessMinutesBetween, defaultCalendar, isBusinessDay, isOpen, parisTime } from '../calendar/rules.ts';

// Holidays in 2026: 1 Jan, 6 Apr (Easter Monday), 1 May (Fri), 8 May (Fri), 14 May (Thu, Ascension),
// 25 May (Whit Monday), 14 Jul, 15 Aug (Sat), 1 Nov (Sun), 11 Nov (Wed), 25 Dec (Fri).
const cal = defaultCalendar([2025, 2026, 2027]);
const C = DEFAULT_SLA_CONFIG;

/** Instants are written with their Paris offset, so the tests do not lean on the code's time-zone handling. */
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
/** Paris wall time of an instant, as 'YYYY-MM-DD HH:MM'. */
function wall(d: Date | null): string | null {
  if (d === null) return null;
  const t = parisTime(d);
  const h = Math.floor(t.minutes / 60);
  const m = Math.round(t.minutes % 60);
  return `${t.date} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function history(...changes: Array<[CaseStatus, string]>): StatusChange[] {
  return changes.map(([status, when]) => ({ status, at: at(when) }));
}

function facts(changes: Array<[CaseStatus, string]>, over: Partial<SlaFacts> = {}): SlaFacts {
  const h = history(...changes);
  return { openedAt: h[0]!.at, firstRespondedAt: null, history: h, budgets: null, ...over };
}

const state = (priority: CasePriority, f: SlaFacts, now: string, config: SlaConfig = C) => slaState(cal, config, priority, f, at(now));

/** The business minute ending at this instant is open: the instant lies in opening hours or exactly at a closing time. */
const endsOpenMinute = (d: Date) => isOpen(cal, new Date(d.getTime() - 1));
function openOrAtClosing(d: Date): boolean {
  if (isOpen(cal, d)) return true;
  const t = parisTime(d);
  return isBusinessDay(cal, t.date, t.weekday) && t.minutes === cal.closesAt;
}

// ---------------------------------------------------------------------------------------------
// 1. Status machine
// ---------------------------------------------------------------------------------------------

describe('status machine', () => {
  const NOW = at('2026-06-10T11:00:00+02:00');
  const ok = { now: NOW, resolvedAt: at('2026-06-09T11:00:00+02:00'), summary: 'Replaced the router', reopenDays: 14 };
  const allowed: Record<string, CaseStatus> = {
    'open:start': 'in_progress',
    'in_progress:wait_customer': 'waiting_customer',
    'waiting_customer:resume': 'in_progress',
    'in_progress:resolve': 'resolved',
    'waiting_customer:resolve': 'resolved',
    'resolved:close': 'closed',
    'resolved:reopen': 'in_progress',
  };
  const table = CASE_STATUSES.flatMap((from) => CASE_TRANSITIONS.map((t) => [from, t, allowed[`${from}:${t}`] ?? null] as const));

  it('covers every status × transition pair', () => {
    expect(table).toHaveLength(30);
    expect(Object.keys(allowed)).toHaveLength(7);
  });

  it.each(table)('%s —%s→ %s', (from, transition, to) => {
    const check = checkTransition(from, transition, ok);
    if (to === null) {
      expect(check).toMatchObject({ ok: false, kind: 'unprocessable', code: 'case.transition_not_allowed', field: 'status' });
      if (!check.ok) {
        expect(check.details).toEqual({ from, transition, allowed: allowedTransitions(from) });
        expect(check.message).toMatch(/^This case is .+: it cannot be .+$/);
      }
    } else {
      expect(check).toEqual({ ok: true, to });
      expect(nextCaseStatus(transition)).toBe(to);
    }
  });

  it('lists the transitions each status allows, closed being final', () => {
    expect(allowedTransitions('open')).toEqual(['start']);
    expect(allowedTransitions('in_progress')).toEqual(['wait_customer', 'resolve']);
    expect(allowedTransitions('waiting_customer')).toEqual(['resume', 'resolve']);
    expect(allowedTransitions('resolved')).toEqual(['close', 'reopen']);
    expect(allowedTransitions('closed')).toEqual([]);
  });

  it('words the refusal from the case’s status and the attempted act', () => {
    const r = checkTransition('closed', 'reopen', ok);
    expect(r).toMatchObject({ message: 'This case is closed: it cannot be reopened' });
    expect(checkTransition('waiting_customer', 'start', ok)).toMatchObject({ message: 'This case is waiting for the customer: it cannot be started' });
  });

  it('refuses to resolve without a summary (blank counts as none), from either status', () => {
    for (const from of ['in_progress', 'waiting_customer'] as const) {
      for (const summary of ['', '   ', '\n\t', null, undefined]) {
        expect(checkTransition(from, 'resolve', { ...ok, summary }), JSON.stringify({ from, summary })).toEqual({
          ok: false,
          kind: 'invalid',
          code: 'case.summary_required',
          message: 'Say how the case was resolved',
          field: 'summary',
        });
      }
      expect(checkTransition(from, 'resolve', { ...ok, summary: ' x ' })).toEqual({ ok: true, to: 'resolved' });
    }
    // The status machine is checked first: resolving an open case is not allowed, summary or not.
    expect(checkTransition('open', 'resolve', { ...ok, summary: '' })).toMatchObject({ code: 'case.transition_not_allowed' });
    // Other transitions ignore the summary.
    expect(checkTransition('in_progress', 'wait_customer', { ...ok, summary: null })).toEqual({ ok: true, to: 'waiting_customer' });
  });

  it('reopens within 14 calendar days of the resolution, to the same wall-clock time, and not a millisecond later', () => {
    const resolvedAt = at('2026-06-01T10:00:00+02:00');
    const until = at('2026-06-15T10:00:00+02:00');
    expect(iso(reopenUntil(resolvedAt, 14))).toBe(iso(until));
    expect(checkTransition('resolved', 'reopen', { ...ok, resolvedAt, now: resolvedAt })).toEqual({ ok: true, to: 'in_progress' });
    expect(checkTransition('resolved', 'reopen', { ...ok, resolvedAt, now: until })).toEqual({ ok: true, to: 'in_progress' });
    const late = checkTransition('resolved', 'reopen', { ...ok, resolvedAt, now: new Date(until.getTime() + 1) });
    expect(late).toEqual({
      ok: false,
      kind: 'unprocessable',
      code: 'case.reopen_window_passed',
      message: 'A resolved case can be reopened within 14 days of its resolution; open a new case instead',
      field: 'status',
      details: { resolvedAt: resolvedAt.toISOString(), reopenUntil: until.toISOString(), reopenDays: 14 },
    });
    // Calendar days: weekends and holidays count (1 May → 15 May 2026 spans three holidays).
    expect(wall(reopenUntil(at('2026-05-01T09:30:00+02:00'), 14))).toBe('2026-05-15 09:30');
    // Closing is still allowed after the window.
    expect(checkTransition('resolved', 'close', { ...ok, resolvedAt, now: at('2027-01-01T00:00:00+01:00') })).toEqual({ ok: true, to: 'closed' });
  });

  it('keeps the wall-clock time of the reopen window across a DST change, to the millisecond', () => {
    // Resolved Friday 20 March 2026 10:15:30.250 (UTC+1); the window ends Friday 3 April 10:15:30.250 (UTC+2).
    expect(reopenUntil(at('2026-03-20T10:15:30.250+01:00'), 14).toISOString()).toBe('2026-04-03T08:15:30.250Z');
    expect(reopenUntil(at('2026-10-20T23:30:00+02:00'), 14).toISOString()).toBe(at('2026-11-03T23:30:00+01:00').toISOString());
    // A configured window of 30 days across New Year.
    expect(wall(reopenUntil(at('2026-12-15T17:00:00+01:00'), 30))).toBe('2027-01-14 17:00');
  });

  it('with reopenDays 0, reopening is only possible at the very instant of the resolution', () => {
    const resolvedAt = at('2026-06-01T10:00:00+02:00');
    expect(checkTransition('resolved', 'reopen', { ...ok, resolvedAt, now: resolvedAt, reopenDays: 0 }).ok).toBe(true);
    expect(checkTransition('resolved', 'reopen', { ...ok, resolvedAt, now: new Date(resolvedAt.getTime() + 1), reopenDays: 0 })).toMatchObject({
      code: 'case.reopen_window_passed',
    });
  });

  it('refuses to guess the window of a resolved case without a resolution instant', () => {
    expect(() => checkTransition('resolved', 'reopen', { ...ok, resolvedAt: null })).toThrow(RangeError);
  });

  it('counts putting the case on hold for the customer and resolving it as a first response, nothing else', () => {
    expect(CASE_TRANSITIONS.filter(isCustomerFacing)).toEqual(['wait_customer', 'resolve']);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. SLA rule as data
// ---------------------------------------------------------------------------------------------

describe('SLA config', () => {
  it('defaults: critical 1 h / 1 day, high 4 h / 2 days, normal 1 / 5 days, low 2 / 10 days; warning at 75 %; reopen 14 days', () => {
    expect(C.byPriority).toEqual({
      critical: { firstResponseMinutes: 60, resolutionMinutes: 540 },
      high: { firstResponseMinutes: 240, resolutionMinutes: 1080 },
      normal: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
      low: { firstResponseMinutes: 1080, resolutionMinutes: 5400 },
    });
    expect(C.warnRatio).toBe(0.75);
    expect(C.reopenDays).toBe(14);
    expect(validateSlaConfig(C)).toEqual([]);
  });

  it('gives a case a copy of its priority’s budgets', () => {
    const b = budgetsFor(C, 'high');
    expect(b).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 1080 });
    b.resolutionMinutes = 1;
    expect(C.byPriority.high.resolutionMinutes).toBe(1080);
  });

  it('orders priorities from low to critical', () => {
    expect(CASE_PRIORITIES.map(priorityRank)).toEqual([0, 1, 2, 3]);
    const ups = CASE_PRIORITIES.flatMap((a) => CASE_PRIORITIES.filter((b) => isUpgrade(a, b)).map((b) => `${a}>${b}`));
    expect(ups).toEqual(['low>normal', 'low>high', 'low>critical', 'normal>high', 'normal>critical', 'high>critical']);
  });

  it('puts the warning at the ratio of the budget, in whole minutes, at least one and at most the budget', () => {
    expect(warnMinutes(60, 0.75)).toBe(45);
    expect(warnMinutes(540, 0.75)).toBe(405);
    expect(warnMinutes(1, 0.75)).toBe(1);
    expect(warnMinutes(1, 0.1)).toBe(1);
    expect(warnMinutes(7, 0.5)).toBe(4);
  });

  it('names every problem of a rule being saved, with its field', () => {
    const config: SlaConfig = {
      byPriority: {
        critical: { firstResponseMinutes: 300, resolutionMinutes: 240 },
        high: { firstResponseMinutes: 240, resolutionMinutes: 1080.5 },
        normal: { firstResponseMinutes: 0, resolutionMinutes: 2700 },
        low: { firstResponseMinutes: 1080, resolutionMinutes: 5400 },
      },
      warnRatio: 1,
      reopenDays: -1,
    };
    expect(validateSlaConfig(config).map((p) => `${p.code} ${p.field}`)).toEqual([
      'sla.minutes_invalid byPriority.normal.firstResponseMinutes',
      'sla.minutes_invalid byPriority.high.resolutionMinutes',
      'sla.first_response_after_resolution byPriority.critical.firstResponseMinutes',
      // high (240) above normal (0, itself invalid), critical (300) above high (240).
      'sla.priority_order byPriority.high.firstResponseMinutes',
      'sla.priority_order byPriority.critical.firstResponseMinutes',
      'sla.warn_ratio_invalid warnRatio',
      'sla.reopen_days_invalid reopenDays',
    ]);
    expect(validateSlaConfig({ ...C, warnRatio: 0 })).toHaveLength(1);
    expect(validateSlaConfig({ ...C, warnRatio: Number.NaN })).toHaveLength(1);
    expect(validateSlaConfig({ ...C, reopenDays: 2.5 })).toHaveLength(1);
    expect(validateSlaConfig({ ...C, reopenDays: 0 })).toEqual([]);
    expect(validateSlaConfig(config).every((p) => p.ok === false && p.kind === 'invalid')).toBe(true);
  });
});

describe('slaText', () => {
  it('states the default rule in English', () => {
    const { en } = slaText(C);
    expect(en).toContain('counted in business time (Monday–Friday 9:00–18:00 Paris time, French public holidays closed)');
    expect(en).toContain('Critical: first response within 1 business hour, resolution within 1 business day.');
    expect(en).toContain('High: first response within 4 business hours, resolution within 2 business days.');
    expect(en).toContain('Normal: first response within 1 business day, resolution within 5 business days.');
    expect(en).toContain('Low: first response within 2 business days, resolution within 10 business days.');
    expect(en).toContain('stops while the case waits for the customer');
    expect(en).toContain('At 75 % of either time');
    expect(en).toContain('the pool’s manager is alerted');
    expect(en).toContain('Raising the priority never pushes a deadline later');
    expect(en).toContain('reopened within 14 calendar days');
    // Most urgent first.
    expect(en.indexOf('Critical:')).toBeLessThan(en.indexOf('Low:'));
  });

  it('states the default rule in French', () => {
    const { fr } = slaText(C);
    expect(fr).toContain('comptées en temps ouvré (du lundi au vendredi de 9 h à 18 h, heure de Paris, hors jours fériés)');
    expect(fr).toContain('Critique : première réponse sous 1 heure ouvrée, résolution sous 1 jour ouvré.');
    expect(fr).toContain('Haute : première réponse sous 4 heures ouvrées, résolution sous 2 jours ouvrés.');
    expect(fr).toContain('Basse : première réponse sous 2 jours ouvrés, résolution sous 10 jours ouvrés.');
    expect(fr).toContain('À 75 % de l’un ou l’autre délai');
    expect(fr).toContain('rouvert pendant 14 jours calendaires');
  });

  it('quotes budgets that are not whole days, other ratios, other hours and reopen windows', () => {
    const config: SlaConfig = {
      ...C,
      byPriority: { ...C.byPriority, critical: { firstResponseMinutes: 30, resolutionMinutes: 90 }, high: { firstResponseMinutes: 120, resolutionMinutes: 600 } },
      warnRatio: 0.6,
      reopenDays: 1,
    };
    const t = slaText(config, { opensAt: 8 * 60 + 30, closesAt: 17 * 60, workdays: new Set([1, 2, 3, 4, 5, 6]) });
    expect(t.en).toContain('Monday–Saturday 8:30–17:00');
    expect(t.fr).toContain('du lundi au samedi de 8 h 30 à 17 h');
    expect(t.en).toContain('Critical: first response within 30 business minutes, resolution within 90 business minutes.');
    expect(t.fr).toContain('Critique : première réponse sous 30 minutes ouvrées, résolution sous 90 minutes ouvrées.');
    expect(t.en).toContain('High: first response within 2 business hours, resolution within 10 business hours.');
    // An 8.5-hour day: 1080 minutes is not a whole number of days there.
    expect(t.en).toContain('Normal: first response within 9 business hours');
    expect(t.en).toContain('At 60 %');
    expect(t.en).toContain('within 1 calendar day;');
    expect(t.fr).toContain('pendant 1 jour calendaire ;');
    const never = slaText({ ...C, reopenDays: 0 });
    expect(never.en).toContain('A resolved case cannot be reopened');
    expect(never.fr).toContain('ne peut pas être rouvert');
    expect(slaText(C, { opensAt: 540, closesAt: 1080, workdays: new Set([1, 3, 5]) }).en).toContain('Monday, Wednesday and Friday 9:00–18:00');
  });

  it('words durations in days, hours or minutes', () => {
    expect(businessDurationInWords(540, 540, 'en')).toBe('1 business day');
    expect(businessDurationInWords(60, 540, 'fr')).toBe('1 heure ouvrée');
    expect(businessDurationInWords(1, 540, 'en')).toBe('1 business minute');
    expect(businessDurationInWords(1, 540, 'fr')).toBe('1 minute ouvrée');
    expect(businessDurationInWords(2160, 540, 'fr')).toBe('4 jours ouvrés');
  });
});

// ---------------------------------------------------------------------------------------------
// 3. The SLA clock, by hand on the real calendar
// ---------------------------------------------------------------------------------------------

describe('SLA clock: a case opened on a Saturday night', () => {
  it('is due for a first response on Monday 10:00 when critical, nothing consumed over the weekend', () => {
    const f = facts([['open', '2026-06-13T23:00:00+02:00']]);
    for (const now of ['2026-06-13T23:30:00+02:00', '2026-06-14T12:00:00+02:00', '2026-06-15T08:59:59+02:00']) {
      const s = state('critical', f, now);
      expect(wall(s.firstResponseDueAt)).toBe('2026-06-15 10:00');
      expect(wall(s.firstResponseWarnAt)).toBe('2026-06-15 09:45');
      expect(wall(s.resolutionDueAt)).toBe('2026-06-15 18:00');
      expect(wall(s.resolutionWarnAt)).toBe('2026-06-15 15:45');
      expect(s.consumedMinutes).toBe(0);
      expect(s.remainingMinutes).toEqual({ firstResponse: 60, resolution: 540 });
      expect(s.breached).toEqual({ firstResponse: false, resolution: false });
      expect(s).toMatchObject({ status: 'open', paused: false, stopped: false, firstRespondedAt: null });
    }
    const monday = state('critical', f, '2026-06-15T09:40:00+02:00');
    expect(monday.remainingMinutes).toEqual({ firstResponse: 20, resolution: 500 });
    expect(monday.consumedMinutes).toBe(40);
  });

  it('counts from Tuesday 9:00 before Whit Monday and Easter Monday', () => {
    expect(wall(state('critical', facts([['open', '2026-05-23T23:00:00+02:00']]), '2026-05-24T10:00:00+02:00').firstResponseDueAt)).toBe('2026-05-26 10:00');
    expect(wall(state('critical', facts([['open', '2026-04-04T23:00:00+02:00']]), '2026-04-05T10:00:00+02:00').firstResponseDueAt)).toBe('2026-04-07 10:00');
    // A holiday on a Saturday (15 August 2026) changes nothing: Monday 17th.
    expect(wall(state('critical', facts([['open', '2026-08-15T23:00:00+02:00']]), '2026-08-16T10:00:00+02:00').firstResponseDueAt)).toBe('2026-08-17 10:00');
  });

  it('skips Ascension Thursday in the middle of a first response', () => {
    // Wednesday 13 May 2026, 17:30: 30 minutes on Wednesday, 30 on Friday.
    const s = state('critical', facts([['open', '2026-05-13T17:30:00+02:00']]), '2026-05-13T17:31:00+02:00');
    expect(wall(s.firstResponseDueAt)).toBe('2026-05-15 09:30');
    // High: 4 business hours → Friday 12:30; normal resolution (5 days) → Thursday 21 May 17:30.
    expect(wall(state('high', facts([['open', '2026-05-13T17:30:00+02:00']]), '2026-05-13T17:31:00+02:00').firstResponseDueAt)).toBe('2026-05-15 12:30');
    expect(wall(state('normal', facts([['open', '2026-05-13T17:30:00+02:00']]), '2026-05-13T17:31:00+02:00').resolutionDueAt)).toBe('2026-05-21 17:30');
  });
});

describe('SLA clock: pauses', () => {
  // Normal priority (resolution 2700 = 5 business days). Opened and taken Thursday 30 April 2026 10:00;
  // the customer is asked for a document at 17:00 (7 hours = 420 minutes consumed) and answers on
  // Monday 11 May: the pause spans 1 May and 8 May, both Fridays, and two weekends.
  const bridge = (resume = '2026-05-11T09:00:00+02:00'): SlaFacts =>
    facts([
      ['open', '2026-04-30T10:00:00+02:00'],
      ['in_progress', '2026-04-30T10:05:00+02:00'],
      ['waiting_customer', '2026-04-30T17:00:00+02:00'],
      ['in_progress', resume],
    ]);

  it('stands still across the 1 May / 8 May bridge', () => {
    for (const now of [
      '2026-04-30T17:00:00+02:00',
      '2026-04-30T17:30:00+02:00',
      '2026-05-01T10:00:00+02:00',
      '2026-05-04T11:00:00+02:00',
      '2026-05-07T16:00:00+02:00',
      '2026-05-08T10:00:00+02:00',
      '2026-05-11T08:59:59.999+02:00',
    ]) {
      const s = state('normal', bridge(), now);
      expect(s.consumedMinutes, now).toBe(420);
      expect(s.paused).toBe(true);
      expect(s.stopped).toBe(false);
      expect(s.resolutionDueAt).toBeNull();
      expect(s.resolutionWarnAt).toBeNull();
      expect(s.remainingMinutes.resolution).toBe(2280);
      expect(s.breached.resolution).toBe(false);
      // Asking the customer was the first response.
      expect(iso(s.firstRespondedAt)).toBe(iso(at('2026-04-30T17:00:00+02:00')));
      expect(s.firstResponseDueAt).toBeNull();
      expect(s.breached.firstResponse).toBe(false);
    }
  });

  it('resumes with the budget left, counted from the resume, skipping Ascension', () => {
    // 2280 minutes from Monday 11 May 9:00: Mon, Tue, Wed (1620), Thursday 14 closed, Friday (2160), Monday 18 May 11:00.
    const s = state('normal', bridge(), '2026-05-12T09:00:00+02:00');
    expect(wall(s.resolutionDueAt)).toBe('2026-05-18 11:00');
    expect(s.consumedMinutes).toBe(420 + 540);
    expect(s.remainingMinutes.resolution).toBe(2700 - 960);
    expect(s.paused).toBe(false);
    // The warning at 2025 minutes: 1605 after the resume, Wednesday 13 May 17:45.
    expect(wall(s.resolutionWarnAt)).toBe('2026-05-13 17:45');
  });

  it('gives the same deadline whether the customer answers on the 8 May holiday, the Saturday after, or on Monday at 9:00', () => {
    for (const resume of ['2026-05-08T10:00:00+02:00', '2026-05-09T15:00:00+02:00', '2026-05-11T09:00:00+02:00']) {
      const s = state('normal', bridge(resume), '2026-05-11T10:00:00+02:00');
      expect(wall(s.resolutionDueAt), resume).toBe('2026-05-18 11:00');
      expect(s.consumedMinutes).toBe(480);
    }
  });

  it('stands still over Christmas, then restarts', () => {
    // Opened and taken Monday 21 December 2026 9:00, normal; waiting from Wednesday 23 at 12:00 (1260 consumed);
    // resumed Thursday 24 at 17:00: 60 on Thursday, Christmas closed, Mon 28 and Tue 29, 300 on Wednesday 30 → 14:00.
    const f = facts([
      ['open', '2026-12-21T09:00:00+01:00'],
      ['in_progress', '2026-12-21T09:00:00+01:00'],
      ['waiting_customer', '2026-12-23T12:00:00+01:00'],
      ['in_progress', '2026-12-24T17:00:00+01:00'],
    ]);
    expect(state('normal', f, '2026-12-24T16:59:00+01:00').consumedMinutes).toBe(1260);
    const s = state('normal', f, '2026-12-25T12:00:00+01:00');
    expect(s.consumedMinutes).toBe(1320);
    expect(wall(s.resolutionDueAt)).toBe('2026-12-30 14:00');
  });

  it('keeps a late case visibly late while it waits for the customer', () => {
    // Critical (540): opened and taken Monday 8 June 2026 9:00, due 18:00; still in progress on Tuesday 10:00, then waiting.
    const f = facts([
      ['open', '2026-06-08T09:00:00+02:00'],
      ['in_progress', '2026-06-08T09:00:00+02:00'],
      ['waiting_customer', '2026-06-09T10:00:00+02:00'],
    ]);
    const s = state('critical', f, '2026-06-10T10:00:00+02:00');
    expect(s.paused).toBe(true);
    expect(s.consumedMinutes).toBe(600);
    expect(wall(s.resolutionDueAt)).toBe('2026-06-08 18:00');
    expect(wall(s.resolutionWarnAt)).toBe('2026-06-08 15:45');
    expect(s.breached.resolution).toBe(true);
    expect(s.remainingMinutes.resolution).toBe(-60);
  });

  it('shows the warning instant of a paused case once passed, but no deadline until it is late', () => {
    const f = facts([
      ['open', '2026-06-08T09:00:00+02:00'],
      ['waiting_customer', '2026-06-08T16:00:00+02:00'],
    ]);
    const s = state('critical', f, '2026-06-09T10:00:00+02:00');
    expect(wall(s.resolutionWarnAt)).toBe('2026-06-08 15:45');
    expect(s.resolutionDueAt).toBeNull();
    expect(s.breached.resolution).toBe(false);
  });

  it('paused exactly when the budget runs out: on time while waiting, late as soon as the clock runs again', () => {
    const changes: Array<[CaseStatus, string]> = [
      ['open', '2026-06-08T09:00:00+02:00'],
      ['in_progress', '2026-06-08T09:00:00+02:00'],
      ['waiting_customer', '2026-06-08T18:00:00+02:00'],
    ];
    const paused = state('critical', facts(changes), '2026-06-09T12:00:00+02:00');
    expect(paused.resolutionDueAt).toBeNull();
    expect(paused.breached.resolution).toBe(false);
    expect(paused.remainingMinutes.resolution).toBe(0);
    // Resumed on Saturday: the deadline is the pause instant (not Monday 9:00), and it is late at once.
    const resumed = state('critical', facts([...changes, ['in_progress', '2026-06-13T10:00:00+02:00']]), '2026-06-13T10:00:01+02:00');
    expect(wall(resumed.resolutionDueAt)).toBe('2026-06-08 18:00');
    expect(resumed.breached.resolution).toBe(true);
    expect(endsOpenMinute(resumed.resolutionDueAt!)).toBe(true);
  });

  it('does not pause the first-response clock: waiting implies responded', () => {
    const f = facts([
      ['open', '2026-06-08T09:00:00+02:00'],
      ['in_progress', '2026-06-08T09:30:00+02:00'],
      ['waiting_customer', '2026-06-08T12:00:00+02:00'],
    ]);
    const s = state('normal', f, '2026-06-12T12:00:00+02:00');
    expect(iso(s.firstRespondedAt)).toBe(iso(at('2026-06-08T12:00:00+02:00')));
    expect(s.firstResponseDueAt).toBeNull();
    expect(s.firstResponseWarnAt).toBeNull();
    expect(s.remainingMinutes.firstResponse).toBeNull();
    // A call logged at 10:00 came earlier: it is the first response.
    const called = state('normal', { ...f, firstRespondedAt: at('2026-06-08T10:00:00+02:00') }, '2026-06-12T12:00:00+02:00');
    expect(iso(called.firstRespondedAt)).toBe(iso(at('2026-06-08T10:00:00+02:00')));
  });
});

describe('SLA clock: DST weekends (last Sunday of March and of October)', () => {
  it('keeps wall-clock deadlines over the spring change', () => {
    // High (240): Friday 27 March 2026 17:00 UTC+1 → 60 on Friday, 180 on Monday → Monday 30 March 12:00 UTC+2.
    const s = state('high', facts([['open', '2026-03-27T17:00:00+01:00']]), '2026-03-28T12:00:00+01:00');
    expect(s.firstResponseDueAt!.toISOString()).toBe('2026-03-30T10:00:00.000Z');
    expect(wall(s.firstResponseDueAt)).toBe('2026-03-30 12:00');
    expect(s.consumedMinutes).toBe(60);
  });

  it('keeps wall-clock deadlines over the autumn change', () => {
    const s = state('high', facts([['open', '2026-10-23T17:00:00+02:00']]), '2026-10-24T12:00:00+02:00');
    expect(s.firstResponseDueAt!.toISOString()).toBe('2026-10-26T11:00:00.000Z');
    expect(wall(s.firstResponseDueAt)).toBe('2026-10-26 12:00');
  });

  it('holds a pause over each change, then resumes on the new offset', () => {
    // High (1080): opened and taken Thursday 9:00, waiting from Friday 16:00 (540 + 420 = 960), resumed Monday 10:00 → due 12:00.
    const spring = facts([
      ['open', '2026-03-26T09:00:00+01:00'],
      ['in_progress', '2026-03-26T09:00:00+01:00'],
      ['waiting_customer', '2026-03-27T16:00:00+01:00'],
      ['in_progress', '2026-03-30T10:00:00+02:00'],
    ]);
    for (const now of ['2026-03-28T12:00:00+01:00', '2026-03-29T01:59:00+01:00', '2026-03-29T03:01:00+02:00', '2026-03-30T09:59:00+02:00']) {
      expect(state('high', spring, now).consumedMinutes, now).toBe(960);
    }
    const s = state('high', spring, '2026-03-30T11:00:00+02:00');
    expect(s.resolutionDueAt!.toISOString()).toBe('2026-03-30T10:00:00.000Z');
    expect(s.consumedMinutes).toBe(1020);

    const autumn = facts([
      ['open', '2026-10-22T09:00:00+02:00'],
      ['in_progress', '2026-10-22T09:00:00+02:00'],
      ['waiting_customer', '2026-10-23T16:00:00+02:00'],
      ['in_progress', '2026-10-26T10:00:00+01:00'],
    ]);
    expect(state('high', autumn, '2026-10-25T02:30:00+01:00').consumedMinutes).toBe(960);
    expect(state('high', autumn, '2026-10-26T10:30:00+01:00').resolutionDueAt!.toISOString()).toBe('2026-10-26T11:00:00.000Z');
  });
});

describe('SLA clock: first response, resolution, reopening', () => {
  const opened = '2026-06-08T09:00:00+02:00'; // Monday

  it('is late for a first response only after its deadline: done at the deadline is on time', () => {
    const f = facts([['open', opened]]);
    const due = at('2026-06-08T10:00:00+02:00');
    expect(state('critical', f, '2026-06-08T10:00:00+02:00').breached.firstResponse).toBe(false);
    expect(slaState(cal, C, 'critical', f, new Date(due.getTime() + 1)).breached.firstResponse).toBe(true);
    expect(state('critical', f, '2026-06-08T10:30:00+02:00').remainingMinutes.firstResponse).toBe(-30);
    expect(state('critical', { ...f, firstRespondedAt: due }, '2026-06-09T10:00:00+02:00').breached.firstResponse).toBe(false);
    const late = state('critical', { ...f, firstRespondedAt: at('2026-06-08T10:01:00+02:00') }, '2026-06-09T10:00:00+02:00');
    expect(late.breached.firstResponse).toBe(true);
    expect(late.firstResponseDueAt).toBeNull();
    // A response recorded after `now` has not happened yet.
    expect(state('critical', { ...f, firstRespondedAt: at('2026-06-08T09:50:00+02:00') }, '2026-06-08T09:40:00+02:00').firstRespondedAt).toBeNull();
  });

  it('stops the resolution clock when resolved: no deadline, no countdown, the outcome in breached', () => {
    const f = facts([
      ['open', opened],
      ['in_progress', '2026-06-08T09:10:00+02:00'],
      ['resolved', '2026-06-08T15:00:00+02:00'],
    ]);
    for (const now of ['2026-06-08T15:00:00+02:00', '2026-06-09T15:00:00+02:00', '2026-07-01T15:00:00+02:00']) {
      const s = state('critical', f, now);
      expect(s).toMatchObject({ status: 'resolved', stopped: true, paused: false, resolutionDueAt: null, resolutionWarnAt: null, consumedMinutes: 360 });
      expect(s.remainingMinutes).toEqual({ firstResponse: null, resolution: null });
      expect(s.breached).toEqual({ firstResponse: true, resolution: false });
    }
    const late = facts([
      ['open', opened],
      ['in_progress', '2026-06-08T09:10:00+02:00'],
      ['resolved', '2026-06-09T09:30:00+02:00'],
    ]);
    expect(state('critical', late, '2026-06-10T09:00:00+02:00').breached.resolution).toBe(true);
    // Resolved at 18:00 sharp on the deadline: on time.
    const sharp = facts([
      ['open', opened],
      ['resolved', '2026-06-08T18:00:00+02:00'],
    ]);
    expect(state('critical', sharp, '2026-06-08T19:00:00+02:00').breached.resolution).toBe(false);
    // Closed is stopped too.
    expect(state('critical', facts([...[['open', opened], ['resolved', '2026-06-08T12:00:00+02:00'], ['closed', '2026-06-09T12:00:00+02:00']] as Array<[CaseStatus, string]>]), '2026-06-20T12:00:00+02:00')).toMatchObject({
      status: 'closed',
      stopped: true,
      consumedMinutes: 180,
    });
  });

  it('carries on from where the clock stood when a case is reopened: the time spent resolved does not count', () => {
    // High (1080): 6 hours before the resolution Monday 15:00; reopened Wednesday 10:00 → 720 left → Thursday 13:00.
    const f = facts([
      ['open', opened],
      ['in_progress', opened],
      ['resolved', '2026-06-08T15:00:00+02:00'],
      ['in_progress', '2026-06-10T10:00:00+02:00'],
    ]);
    const s = state('high', f, '2026-06-10T11:00:00+02:00');
    expect(s.consumedMinutes).toBe(420);
    expect(wall(s.resolutionDueAt)).toBe('2026-06-11 13:00');
    expect(s.stopped).toBe(false);
  });

  it('a reopened case whose budget was already spent is late at once, its deadline in the past', () => {
    const f = facts([
      ['open', opened],
      ['in_progress', opened],
      ['resolved', '2026-06-09T12:00:00+02:00'],
      ['in_progress', '2026-06-11T10:00:00+02:00'],
    ]);
    const s = state('critical', f, '2026-06-11T10:00:01+02:00');
    expect(wall(s.resolutionDueAt)).toBe('2026-06-08 18:00');
    expect(s.breached.resolution).toBe(true);
  });

  it('uses the budgets stored with the case rather than the rule', () => {
    const f = facts([['open', opened]], { budgets: { firstResponseMinutes: 30, resolutionMinutes: 120 } });
    const s = state('low', f, '2026-06-08T09:05:00+02:00');
    expect(wall(s.firstResponseDueAt)).toBe('2026-06-08 09:30');
    expect(wall(s.resolutionDueAt)).toBe('2026-06-08 11:00');
    expect(s.budgets).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 120 });
  });

  it('ignores changes after now and reads a case before its opening as not started', () => {
    const f = facts([
      ['open', opened],
      ['waiting_customer', '2026-06-08T11:00:00+02:00'],
      ['in_progress', '2026-06-08T14:00:00+02:00'],
    ]);
    expect(state('normal', f, '2026-06-08T10:00:00+02:00')).toMatchObject({ status: 'open', consumedMinutes: 60, firstRespondedAt: null });
    expect(state('normal', f, '2026-06-08T12:00:00+02:00')).toMatchObject({ status: 'waiting_customer', consumedMinutes: 120 });
    expect(state('normal', f, '2026-06-08T15:00:00+02:00')).toMatchObject({ status: 'in_progress', consumedMinutes: 180 });
    const before = state('normal', f, '2026-06-07T10:00:00+02:00');
    expect(before).toMatchObject({ status: 'open', consumedMinutes: 0 });
    expect(wall(before.firstResponseDueAt)).toBe('2026-06-08 18:00');
  });

  it('adds the implicit opening when the history starts later, and sorts the history', () => {
    const f: SlaFacts = {
      openedAt: at(opened),
      firstRespondedAt: null,
      history: history(['waiting_customer', '2026-06-08T12:00:00+02:00'], ['in_progress', '2026-06-08T10:00:00+02:00']),
      budgets: null,
    };
    const s = state('normal', f, '2026-06-08T17:00:00+02:00');
    expect(s).toMatchObject({ status: 'waiting_customer', consumedMinutes: 180, paused: true });
  });

  it('consumedBusinessMinutes and statusIntervals read the raw history', () => {
    const h = history(['open', opened], ['in_progress', '2026-06-08T10:00:00+02:00'], ['waiting_customer', '2026-06-08T12:00:00+02:00'], ['in_progress', '2026-06-09T09:30:00+02:00']);
    expect(consumedBusinessMinutes(cal, h, at('2026-06-09T10:00:00+02:00'))).toBe(210);
    expect(consumedBusinessMinutes(cal, [], at('2026-06-09T10:00:00+02:00'))).toBe(0);
    expect(consumedBusinessMinutes(cal, h, at('2026-06-08T09:00:30+02:00'))).toBe(0.5);
    expect(statusIntervals(h, at('2026-06-08T13:00:00+02:00')).map((i) => [i.status, wall(i.from), wall(i.until)])).toEqual([
      ['open', '2026-06-08 09:00', '2026-06-08 10:00'],
      ['in_progress', '2026-06-08 10:00', '2026-06-08 12:00'],
      ['waiting_customer', '2026-06-08 12:00', null],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Priority change mid-flight
// ---------------------------------------------------------------------------------------------

describe('deadlinesAfterPriorityChange', () => {
  // Normal, opened and taken Monday 8 June 2026 9:00, answered at 10:00; the change comes Tuesday 9:00 (540 consumed).
  const f = facts(
    [
      ['open', '2026-06-08T09:00:00+02:00'],
      ['in_progress', '2026-06-08T09:00:00+02:00'],
    ],
    { firstRespondedAt: at('2026-06-08T10:00:00+02:00') },
  );
  const change = (from: CasePriority, to: CasePriority, when = '2026-06-09T09:00:00+02:00', ff: SlaFacts = f, config: SlaConfig = C) => {
    const r = deadlinesAfterPriorityChange(cal, config, ff, { from, to, at: at(when) });
    if (!r.ok) throw new Error(r.code);
    return r;
  };

  it('upgrades normal → high: the remaining budget shrinks, the time consumed is unchanged, and the change is traced', () => {
    const r = change('normal', 'high');
    expect(r.direction).toBe('upgrade');
    expect(r.budgets).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 1080 });
    expect(wall(r.before.resolutionDueAt)).toBe('2026-06-12 18:00');
    expect(wall(r.after.resolutionDueAt)).toBe('2026-06-09 18:00');
    expect(r.after.consumedMinutes).toBe(r.before.consumedMinutes);
    expect(r.trace).toEqual({
      priority: { from: 'normal', to: 'high' },
      direction: 'upgrade',
      budgets: { before: { firstResponseMinutes: 540, resolutionMinutes: 2700 }, after: { firstResponseMinutes: 240, resolutionMinutes: 1080 } },
      consumedMinutes: 540,
      firstResponseDueAt: { before: null, after: null },
      resolutionDueAt: { before: at('2026-06-12T18:00:00+02:00').toISOString(), after: at('2026-06-09T18:00:00+02:00').toISOString() },
    });
    expect(r.rearm).toEqual([]);
  });

  it('upgrades to critical past its budget: due in the past, late at once', () => {
    const r = change('normal', 'critical');
    expect(wall(r.after.resolutionDueAt)).toBe('2026-06-08 18:00');
    expect(r.after.breached.resolution).toBe(true);
    // The first response was on time under either rule (10:00 ≤ 10:00 for critical).
    expect(r.after.breached.firstResponse).toBe(false);
  });

  it('downgrades normal → low: the deadline moves later, from the rule, keeping the time consumed', () => {
    const r = change('normal', 'low');
    expect(r.direction).toBe('downgrade');
    expect(r.budgets).toEqual({ firstResponseMinutes: 1080, resolutionMinutes: 5400 });
    expect(wall(r.after.resolutionDueAt)).toBe('2026-06-19 18:00');
    expect(r.after.consumedMinutes).toBe(540);
  });

  it('re-arms the alerts whose thresholds a downgrade moves ahead', () => {
    // High, not yet answered, Monday 14:00: the first response (13:00) is late and its warning (12:00) passed.
    const g = facts([['open', '2026-06-08T09:00:00+02:00']]);
    const r = change('high', 'normal', '2026-06-08T14:00:00+02:00', g);
    expect(r.before.breached.firstResponse).toBe(true);
    expect(r.after.breached.firstResponse).toBe(false);
    expect(wall(r.after.firstResponseDueAt)).toBe('2026-06-08 18:00');
    expect(r.rearm).toEqual(['warnedFirstResponse', 'breachedFirstResponse']);
    // The sweep then warns again for the new deadline.
    const stored: SweepFlags = { ...NO_ALERTS_SENT, warnedFirstResponse: true, breachedFirstResponse: true };
    const flags = { ...stored, ...Object.fromEntries(r.rearm.map((k) => [k, false])) };
    expect(sweepActions(r.after, flags, at('2026-06-08T16:00:00+02:00')).alerts.map((a) => a.flag)).toEqual(['warnedFirstResponse']);
  });

  it('never extends a deadline on an upgrade, even under a rule giving the more urgent priority more time', () => {
    const odd: SlaConfig = { ...C, byPriority: { ...C.byPriority, high: { firstResponseMinutes: 2000, resolutionMinutes: 9000 } } };
    const r = change('normal', 'high', '2026-06-09T09:00:00+02:00', f, odd);
    expect(r.budgets).toEqual({ firstResponseMinutes: 540, resolutionMinutes: 2700 });
    expect(iso(r.after.resolutionDueAt)).toBe(iso(r.before.resolutionDueAt));
  });

  it('keeps a paused case paused', () => {
    const g = facts([
      ['open', '2026-06-08T09:00:00+02:00'],
      ['in_progress', '2026-06-08T09:00:00+02:00'],
      ['waiting_customer', '2026-06-08T12:00:00+02:00'],
    ]);
    const r = change('low', 'high', '2026-06-10T09:00:00+02:00', g);
    expect(r.after.paused).toBe(true);
    expect(r.after.resolutionDueAt).toBeNull();
    expect(r.after.remainingMinutes.resolution).toBe(1080 - 180);
  });

  it('refuses a change to the same priority', () => {
    expect(deadlinesAfterPriorityChange(cal, C, f, { from: 'high', to: 'high', at: at('2026-06-09T09:00:00+02:00') })).toEqual({
      ok: false,
      kind: 'unprocessable',
      code: 'case.priority_unchanged',
      message: 'The case is already high',
      field: 'priority',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Sweep
// ---------------------------------------------------------------------------------------------

describe('sweepActions', () => {
  const d: SlaDeadlines = {
    firstResponseWarnAt: at('2026-06-08T09:45:00+02:00'),
    firstResponseDueAt: at('2026-06-08T10:00:00+02:00'),
    resolutionWarnAt: at('2026-06-08T15:45:00+02:00'),
    resolutionDueAt: at('2026-06-08T18:00:00+02:00'),
  };
  const run = (now: string, already: SweepFlags = NO_ALERTS_SENT, deadlines: SlaDeadlines = d) => sweepActions(deadlines, already, at(now));

  it('sends nothing before the warning', () => {
    expect(run('2026-06-08T09:44:59+02:00')).toEqual({ alerts: [], flags: NO_ALERTS_SENT });
  });

  it('warns the assignee at the warning instant, then alerts the pool’s manager once past the deadline', () => {
    const w = run('2026-06-08T09:45:00+02:00');
    expect(w.alerts).toEqual([{ flag: 'warnedFirstResponse', clock: 'first_response', kind: 'warning', dueAt: d.firstResponseDueAt, notify: ['assignee'] }]);
    expect(run('2026-06-08T10:00:00+02:00', w.flags).alerts).toEqual([]);
    const b = run('2026-06-08T10:00:00.001+02:00', w.flags);
    expect(b.alerts).toEqual([{ flag: 'breachedFirstResponse', clock: 'first_response', kind: 'breach', dueAt: d.firstResponseDueAt, notify: ['pool_manager', 'assignee'] }]);
    expect(b.flags).toEqual({ ...NO_ALERTS_SENT, warnedFirstResponse: true, breachedFirstResponse: true });
    expect(run('2026-06-08T11:00:00+02:00', b.flags).alerts).toEqual([]);
  });

  it('sends only the breach when the sweep first sees a case already late, and sets both flags', () => {
    const r = run('2026-06-09T09:00:00+02:00');
    expect(r.alerts.map((a) => `${a.clock}:${a.kind}`)).toEqual(['first_response:breach', 'resolution:breach']);
    expect(r.flags).toEqual({ warnedFirstResponse: true, breachedFirstResponse: true, warnedResolution: true, breachedResolution: true });
    expect(run('2026-06-10T09:00:00+02:00', r.flags).alerts).toEqual([]);
  });

  it('watches nothing that is null: responded, paused in time, or resolved', () => {
    const none: SlaDeadlines = { firstResponseDueAt: null, firstResponseWarnAt: null, resolutionDueAt: null, resolutionWarnAt: null };
    expect(run('2030-01-01T00:00:00+01:00', NO_ALERTS_SENT, none).alerts).toEqual([]);
    // Paused after the warning instant, before the deadline: the warning waits for the resume.
    expect(run('2026-06-08T17:00:00+02:00', NO_ALERTS_SENT, { ...none, resolutionWarnAt: d.resolutionWarnAt }).alerts).toEqual([]);
  });

  it('never sends an alert whose flag is set, even a warning after a breach flag', () => {
    const flags: SweepFlags = { ...NO_ALERTS_SENT, breachedResolution: true };
    // 16:00: the first response is late (alerted); the resolution warning is due, but its breach was already sent.
    expect(run('2026-06-08T16:00:00+02:00', flags).alerts.map((a) => a.flag)).toEqual(['breachedFirstResponse']);
  });

  it('feeds on slaState directly', () => {
    const s = state('critical', facts([['open', '2026-06-13T23:00:00+02:00']]), '2026-06-15T09:50:00+02:00');
    expect(sweepActions(s, NO_ALERTS_SENT, at('2026-06-15T09:50:00+02:00')).alerts.map((a) => a.flag)).toEqual(['warnedFirstResponse']);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Routing
// ---------------------------------------------------------------------------------------------

const POOLS: CasePool[] = [
  { id: 'lille', name: 'SAV Lille', agencyIds: ['a-lille', 'a-roubaix'] },
  { id: 'paris', name: 'SAV Paris', agencyIds: ['a-paris'] },
  { id: 'tech', name: 'Support technique', agencyIds: ['a-lille', 'a-roubaix', 'a-paris', 'a-lyon'] },
  { id: 'nord', name: 'Back-office Nord', agencyIds: ['a-lille', 'a-roubaix'] },
  { id: 'national', name: 'Back-office national', agencyIds: ['a-lille', 'a-roubaix', 'a-paris', 'a-lyon'] },
];
const RULE: CaseRoutingRule = {
  entries: [
    { match: { types: ['complaint', 'billing'], families: ['Mobile'], regionIds: ['r-nord'] }, poolId: 'lille' },
    { match: { types: ['technical'] }, poolId: 'tech' },
    { match: { families: ['Fibre'] }, poolId: 'paris' },
    { match: { regionIds: ['r-idf'] }, poolId: 'ghost' },
  ],
  fallback: { byRegion: { 'r-nord': 'nord' }, national: 'national' },
};
const REGIONS = { 'r-nord': 'Nord', 'r-idf': 'Île-de-France', 'r-ara': 'Auvergne-Rhône-Alpes' };
const caseAt = (over: Partial<CaseRoutingFacts>): CaseRoutingFacts => ({ type: 'complaint', family: 'Mobile', regionId: 'r-nord', agencyId: 'a-lille', ...over });

describe('routeCase', () => {
  it('takes the first matching line whose pool serves the agency', () => {
    const r = routeCase(RULE, caseAt({}), POOLS, REGIONS);
    expect(r).toMatchObject({ poolId: 'lille', entryIndex: 0, skipped: [], reason: { code: 'rule_entry' } });
    expect(r.reason.text.en).toBe('Line 1 of the routing rule (complaint or billing, family Mobile, region Nord) sends it to SAV Lille, which serves this agency.');
    expect(r.reason.text.fr).toBe('La ligne 1 de la règle d’orientation (réclamation ou facturation, famille Mobile, région Nord) l’envoie à SAV Lille, qui sert cette agence.');
    expect(routeCase(RULE, caseAt({ type: 'technical', regionId: 'r-ara', agencyId: 'a-lyon' }), POOLS)).toMatchObject({ poolId: 'tech', entryIndex: 1 });
    expect(routeCase(RULE, caseAt({ type: 'billing', family: 'Fibre', regionId: 'r-idf', agencyId: 'a-paris' }), POOLS)).toMatchObject({ poolId: 'paris', entryIndex: 2 });
  });

  it('skips a matching line whose pool does not serve the agency, and says so', () => {
    const r = routeCase(RULE, caseAt({ type: 'delivery', family: 'Fibre', regionId: 'r-ara', agencyId: 'a-lyon' }), POOLS);
    expect(r.poolId).toBe('national');
    expect(r.reason.code).toBe('national_fallback');
    expect(r.skipped).toEqual([{ entryIndex: 2, poolId: 'paris', why: 'pool_does_not_serve_agency' }]);
    expect(r.reason.text.en).toBe(
      'Line 3 applies but SAV Paris does not serve this agency. No line of the routing rule sends this case to a pool serving its agency, and the region has no pool of its own: Back-office national takes them nationally.',
    );
    expect(r.reason.text.fr).toContain('La ligne 3 s’applique mais SAV Paris ne sert pas cette agence.');
  });

  it('skips a line naming a pool that no longer exists', () => {
    const r = routeCase(RULE, caseAt({ type: 'information', family: null, regionId: 'r-idf', agencyId: 'a-paris' }), POOLS);
    expect(r).toMatchObject({ poolId: 'national', reason: { code: 'national_fallback' }, skipped: [{ entryIndex: 3, poolId: 'ghost', why: 'unknown_pool' }] });
    expect(r.reason.text.en).toContain('Line 4 applies but ghost no longer exists.');
  });

  it('falls back to the region’s pool, then to the national one', () => {
    const r = routeCase(RULE, caseAt({ type: 'delivery', family: null }), POOLS);
    expect(r).toMatchObject({ poolId: 'nord', entryIndex: null, skipped: [], reason: { code: 'region_fallback' } });
    expect(r.reason.text.en).toBe('No line of the routing rule sends this case to a pool serving its agency: Back-office Nord takes the region’s other cases.');
    expect(r.reason.text.fr).toBe('Aucune ligne de la règle d’orientation n’envoie ce dossier à un pôle qui sert son agence : Back-office Nord reçoit les autres dossiers de la région.');
    expect(routeCase(RULE, caseAt({ type: 'delivery', family: null, regionId: 'r-ara', agencyId: 'a-lyon' }), POOLS).poolId).toBe('national');
  });

  it('never matches a family criterion for a case without a product family; absent or empty criteria match anything', () => {
    expect(entryMatches({ families: ['Mobile'] }, caseAt({ family: null }))).toBe(false);
    expect(entryMatches({}, caseAt({ family: null }))).toBe(true);
    expect(entryMatches({ types: [], families: [], regionIds: [] }, caseAt({}))).toBe(true);
    expect(entryMatches({ types: ['billing'] }, caseAt({}))).toBe(false);
    expect(entryMatches({ regionIds: ['r-idf'] }, caseAt({}))).toBe(false);
    expect(routeCase(RULE, caseAt({ family: null }), POOLS).poolId).toBe('nord');
  });

  it('validates the pools a rule names', () => {
    expect(validateCaseRoutingRule(RULE, POOLS).map((p) => `${p.code} ${p.field}`)).toEqual(['case_routing.unknown_pool entries.3.poolId']);
    const bad: CaseRoutingRule = { entries: [], fallback: { byRegion: { 'r-x': 'nope' }, national: 'gone' } };
    expect(validateCaseRoutingRule(bad, POOLS).map((p) => p.field)).toEqual(['fallback.byRegion.r-x', 'fallback.national']);
  });
});

describe('caseRoutingText', () => {
  it('lists the lines and the fallbacks in both languages', () => {
    const names = Object.fromEntries(POOLS.map((p) => [p.id, p.name]));
    const t = caseRoutingText(RULE, names, REGIONS);
    expect(t.en.split('\n')).toEqual([
      expect.stringContaining('never to someone inactive or absent'),
      '1. Complaint or billing, family Mobile, region Nord → SAV Lille',
      '2. Technical → Support technique',
      '3. Family Fibre → SAV Paris',
      '4. Region Île-de-France → ghost',
      'Fallback: region Nord → Back-office Nord; elsewhere → Back-office national.',
    ]);
    expect(t.fr.split('\n')).toEqual([
      expect.stringContaining('jamais à une personne inactive ou absente'),
      '1. Réclamation ou facturation, famille Mobile, région Nord → SAV Lille',
      '2. Technique → Support technique',
      '3. Famille Fibre → SAV Paris',
      '4. Région Île-de-France → ghost',
      'Repli : région Nord → Back-office Nord ; ailleurs → Back-office national.',
    ]);
    expect(caseRoutingText({ entries: [{ match: {}, poolId: 'x' }], fallback: { byRegion: {}, national: 'x' } }, {}).en).toContain('1. Any case → x');
  });
});

describe('pickAssignee', () => {
  const TODAY = '2026-06-10';
  const m = (id: string, over: Partial<CaseMember> = {}): CaseMember => ({ id, active: true, absentFrom: null, absentUntil: null, openCases: 0, lastAssignedAt: null, ...over });

  it('picks the fewest open cases', () => {
    expect(pickAssignee([m('a', { openCases: 4 }), m('b', { openCases: 1 }), m('c', { openCases: 2 })], TODAY)?.id).toBe('b');
  });

  it('breaks ties by the oldest last assignment (never first), then by id', () => {
    const recent = m('a', { openCases: 1, lastAssignedAt: at('2026-06-10T08:00:00Z') });
    const older = m('b', { openCases: 1, lastAssignedAt: at('2026-06-01T08:00:00Z') });
    const never = m('c', { openCases: 1 });
    expect(pickAssignee([recent, older, never], TODAY)?.id).toBe('c');
    expect(pickAssignee([recent, older], TODAY)?.id).toBe('b');
    expect(pickAssignee([older, recent], TODAY)?.id).toBe('b');
    expect(pickAssignee([m('0190-bbbb', { openCases: 1 }), m('0190-aaaa', { openCases: 1 })], TODAY)?.id).toBe('0190-aaaa');
    expect(pickAssignee([m('n', { openCases: 2 }), recent], TODAY)?.id).toBe('a');
  });

  it('never picks an inactive or absent member (both ends of an absence included), however idle', () => {
    const team = [
      m('inactive', { active: false }),
      m('absent-today', { absentFrom: TODAY, absentUntil: TODAY }),
      m('absent-open-ended', { absentFrom: '2026-06-01', absentUntil: null }),
      m('absent-ending-today', { absentFrom: '2026-06-01', absentUntil: TODAY }),
      m('busy', { openCases: 9 }),
    ];
    expect(pickAssignee(team, TODAY)?.id).toBe('busy');
    expect(pickAssignee(team.slice(0, 4), TODAY)).toBeNull();
    expect(pickAssignee([], TODAY)).toBeNull();
    // Back the day after the absence.
    expect(pickAssignee([m('back', { absentFrom: '2026-06-01', absentUntil: '2026-06-09' })], TODAY)?.id).toBe('back');
  });

  it('returns the member as given, with its extra fields', () => {
    const picked = pickAssignee([{ ...m('x'), name: 'Xavier' }], TODAY);
    expect(picked?.name).toBe('Xavier');
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Transfers
// ---------------------------------------------------------------------------------------------

describe('checkTransfer', () => {
  const from = { poolId: 'lille', agencyId: 'a-lille' };

  it('refuses the same pool, whatever the agency', () => {
    for (const to of [from, { poolId: 'lille', agencyId: 'a-roubaix' }]) {
      expect(checkTransfer(from, to, 'Needs the billing team')).toEqual({
        ok: false,
        kind: 'unprocessable',
        code: 'case.transfer_same_pool',
        message: 'The case is already in this pool',
        field: 'poolId',
      });
    }
  });

  it('requires a reason', () => {
    for (const reason of ['', '  ', null, undefined]) {
      expect(checkTransfer(from, { poolId: 'tech', agencyId: 'a-lille' }, reason)).toMatchObject({ ok: false, kind: 'invalid', code: 'case.transfer_reason_required', field: 'reason' });
    }
  });

  it('accepts another pool with a reason, and checks the receiving pool serves the agency when given', () => {
    expect(checkTransfer(from, { poolId: 'tech', agencyId: 'a-lille' }, 'Line fault')).toEqual({ ok: true });
    expect(checkTransfer(from, { poolId: 'paris', agencyId: 'a-paris' }, 'Moved', POOLS[1])).toEqual({ ok: true });
    expect(checkTransfer(from, { poolId: 'paris', agencyId: 'a-lille' }, 'Moved', POOLS[1])).toMatchObject({
      ok: false,
      code: 'case.transfer_pool_not_serving',
      message: 'SAV Paris does not serve this agency',
      field: 'poolId',
    });
  });
});

describe('pingPong', () => {
  const t = (fromPoolId: string, toPoolId: string) => ({ fromPoolId, toPoolId });

  it('spots a case sent straight back, and counts transfers', () => {
    expect(pingPong([])).toEqual({ count: 0, pingPong: false, firstAt: null });
    expect(pingPong([t('A', 'B')])).toEqual({ count: 1, pingPong: false, firstAt: null });
    expect(pingPong([t('A', 'B'), t('B', 'A')])).toEqual({ count: 2, pingPong: true, firstAt: 1 });
    expect(pingPong([t('A', 'B'), t('B', 'C'), t('C', 'B')])).toEqual({ count: 3, pingPong: true, firstAt: 2 });
    // A round trip through a third pool is not a ping-pong.
    expect(pingPong([t('A', 'B'), t('B', 'C'), t('C', 'A')])).toEqual({ count: 3, pingPong: false, firstAt: null });
    expect(pingPong([t('A', 'B'), t('B', 'A'), t('A', 'B'), t('B', 'A')])).toEqual({ count: 4, pingPong: true, firstAt: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// 8. References
// ---------------------------------------------------------------------------------------------

describe('case references', () => {
  it('formats R-year-number with six digits at least', () => {
    expect(caseReference(2026, 4213)).toBe('R-2026-004213');
    expect(caseReference(2026, 1)).toBe('R-2026-000001');
    expect(caseReference(2027, 999_999)).toBe('R-2027-999999');
    expect(caseReference(2027, 1_000_000)).toBe('R-2027-1000000');
    for (const [y, n] of [
      [2026, 0],
      [2026, -1],
      [2026, 1.5],
      [1999, 1],
      [3000, 1],
    ] as const) {
      expect(() => caseReference(y, n), `${y} ${n}`).toThrow(RangeError);
    }
  });

  it.each([
    ['R-2026-004213', 'R-2026-004213'],
    ['r-2026-4213', 'R-2026-004213'],
    ['  R 2026 4213  ', 'R-2026-004213'],
    ['R2026-4213', 'R-2026-004213'],
    ['R-2026/4213', 'R-2026-004213'],
    ['r.2026.4213', 'R-2026-004213'],
    ['R–2026–4213', 'R-2026-004213'],
    ['R - 2026 - 004213', 'R-2026-004213'],
    ['R\u00a02026\u00a04213', 'R-2026-004213'],
    ['Ｒ－２０２６－４２１３', 'R-2026-004213'],
    ['R20264213', 'R-2026-004213'],
    ['r-2027-1000000', 'R-2027-1000000'],
  ])('reads %j as %s', (input, ref) => {
    expect(parseCaseReference(input)).toBe(ref);
  });

  it.each(['', 'R', 'R-2026', 'R-2026-', '2026-4213', 'X-2026-4213', 'R-1999-4213', 'R-26-4213', 'R-2026-0', 'R-2026-000000', 'R-2026-42a3', 'R-2026-4213-1', '0612345678', 'RR-2026-1'])(
    'refuses %j',
    (input) => {
      expect(parseCaseReference(input)).toBeNull();
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;

/** A case's history walked through the status machine with random gaps (0 to 4 days, to the millisecond). */
const caseArb = fc
  .record({
    openedAt: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true }),
    steps: fc.array(fc.record({ pick: fc.nat(5), gap: fc.integer({ min: 0, max: 4 * DAY }) }), { maxLength: 8 }),
    responded: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: null }),
  })
  .map(({ openedAt, steps, responded }) => {
    const h: StatusChange[] = [{ status: 'open', at: openedAt }];
    let status: CaseStatus = 'open';
    let t = openedAt.getTime();
    for (const s of steps) {
      const allowed = allowedTransitions(status);
      if (allowed.length === 0) break;
      status = nextCaseStatus(allowed[s.pick % allowed.length]!);
      t += s.gap;
      h.push({ status, at: new Date(t) });
    }
    const f: SlaFacts = { openedAt, firstRespondedAt: responded === null ? null : new Date(openedAt.getTime() + responded), history: h, budgets: null };
    return { facts: f, end: t };
  });

const configArb: fc.Arbitrary<SlaConfig> = fc
  .record({
    budgets: fc.array(fc.record({ firstResponseMinutes: fc.integer({ min: 1, max: 3000 }), resolutionMinutes: fc.integer({ min: 1, max: 6000 }) }), { minLength: 4, maxLength: 4 }),
    warnRatio: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  })
  // Not necessarily well ordered: the properties must hold for any rule an admin could save by mistake.
  .map(({ budgets, warnRatio }) => ({
    byPriority: { low: budgets[0]!, normal: budgets[1]!, high: budgets[2]!, critical: budgets[3]! },
    warnRatio,
    reopenDays: 14,
  }));

const priorityArb = fc.constantFrom(...CASE_PRIORITIES);
/** An offset after the opening: up to 3 days past the last change. */
const nowIn = (end: number, openedAt: Date, x: number) => new Date(openedAt.getTime() - DAY + Math.floor(x * (end - openedAt.getTime() + 4 * DAY)));
const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

describe('SLA clock: properties', () => {
  it('a paused or stopped clock never advances: the resolution clock reads the same at any instant of the pause', () => {
    fc.assert(
      fc.property(caseArb, priorityArb, unit, unit, ({ facts: f, end }, priority, x, y) => {
        const intervals = statusIntervals(f.history, new Date(end));
        const still = intervals.filter((i) => i.status !== 'open' && i.status !== 'in_progress');
        fc.pre(still.length > 0);
        const i = still[Math.floor(x * still.length)]!;
        const from = i.from.getTime();
        const until = i.until ? i.until.getTime() : end + 10 * DAY;
        const a = new Date(from + Math.floor(x * (until - from)));
        const b = new Date(from + Math.floor(y * (until - from)));
        expect(consumedBusinessMinutes(cal, f.history, a)).toBe(consumedBusinessMinutes(cal, f.history, b));
        expect(consumedBusinessMinutes(cal, f.history, a)).toBe(consumedBusinessMinutes(cal, f.history, i.from));
        // The whole resolution side of the state stands still.
        const resolution = (s: SlaState) => ({
          consumed: s.consumedMinutes,
          remaining: s.remainingMinutes.resolution,
          late: s.breached.resolution,
          paused: s.paused,
          stopped: s.stopped,
          due: iso(s.resolutionDueAt),
          warn: iso(s.resolutionWarnAt),
        });
        expect(resolution(slaState(cal, C, priority, f, a))).toEqual(resolution(slaState(cal, C, priority, f, b)));
      }),
      { numRuns: 200 },
    );
  });

  it('no deadline or warning ever falls in closed hours: the business minute ending at it is open', () => {
    fc.assert(
      fc.property(caseArb, priorityArb, configArb, unit, ({ facts: f, end }, priority, config, x) => {
        const s = slaState(cal, config, priority, f, nowIn(end, f.openedAt, x));
        for (const key of ['firstResponseDueAt', 'firstResponseWarnAt', 'resolutionDueAt', 'resolutionWarnAt'] as const) {
          const d = s[key];
          if (d === null) continue;
          expect(endsOpenMinute(d), `${key} ${d.toISOString()}`).toBe(true);
          expect(openOrAtClosing(d)).toBe(true);
        }
        if (s.firstResponseWarnAt && s.firstResponseDueAt) expect(s.firstResponseWarnAt <= s.firstResponseDueAt).toBe(true);
        if (s.resolutionWarnAt && s.resolutionDueAt) expect(s.resolutionWarnAt <= s.resolutionDueAt).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it('consumed minutes are monotonic in now, never more than the wall-clock time, and add up with the remaining budget', () => {
    fc.assert(
      fc.property(caseArb, priorityArb, unit, unit, ({ facts: f, end }, priority, x, y) => {
        const [a, b] = [nowIn(end, f.openedAt, Math.min(x, y)), nowIn(end, f.openedAt, Math.max(x, y))];
        const ca = consumedBusinessMinutes(cal, f.history, a);
        const cb = consumedBusinessMinutes(cal, f.history, b);
        expect(ca).toBeLessThanOrEqual(cb);
        expect(cb - ca).toBeLessThanOrEqual((b.getTime() - a.getTime()) / 60_000 + 1e-9);
        expect(cb).toBeLessThanOrEqual(businessMinutesBetween(cal, f.openedAt, b) + 1e-9);
        const s = slaState(cal, C, priority, f, b);
        expect(s.consumedMinutes).toBe(cb);
        if (s.remainingMinutes.resolution !== null) expect(s.remainingMinutes.resolution + s.consumedMinutes).toBeCloseTo(C.byPriority[priority].resolutionMinutes, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('while the clock runs, the deadline is the budget left at the last (re)start, counted from it', () => {
    fc.assert(
      fc.property(caseArb, priorityArb, unit, ({ facts: f, end }, priority, x) => {
        const now = nowIn(end, f.openedAt, x);
        const s = slaState(cal, C, priority, f, now);
        fc.pre(!s.paused && !s.stopped);
        const lastStart = statusIntervals(f.history, now).at(-1)!.from;
        const before = consumedBusinessMinutes(cal, f.history, lastStart);
        const left = C.byPriority[priority].resolutionMinutes - before;
        if (left > 0) {
          expect(businessMinutesBetween(cal, lastStart, s.resolutionDueAt!)).toBeCloseTo(left, 9);
          expect(s.resolutionDueAt!.getTime()).toBeGreaterThan(lastStart.getTime());
          expect(s.breached.resolution).toBe(now > s.resolutionDueAt!);
        } else {
          // The budget had run out before this stretch: the deadline lies before it and the case is late once it runs.
          expect(s.resolutionDueAt!.getTime()).toBeLessThanOrEqual(lastStart.getTime());
        }
        // The first response is due by the budget counted from the opening.
        if (s.firstResponseDueAt) expect(businessMinutesBetween(cal, f.openedAt, s.firstResponseDueAt)).toBe(C.byPriority[priority].firstResponseMinutes);
      }),
      { numRuns: 200 },
    );
  });

  it('priority upgrades never extend a deadline (single changes and chains, any rule, any stored budgets)', () => {
    const upgradeChain = fc.uniqueArray(priorityArb, { minLength: 2, maxLength: 4 }).map((ps) => [...ps].sort((a, b) => priorityRank(a) - priorityRank(b)));
    fc.assert(
      fc.property(
        caseArb,
        configArb,
        upgradeChain,
        unit,
        fc.option(fc.record({ firstResponseMinutes: fc.integer({ min: 1, max: 6000 }), resolutionMinutes: fc.integer({ min: 1, max: 6000 }) }), { nil: null }),
        ({ facts: f, end }, config, chain, x, stored) => {
          const when = nowIn(end, f.openedAt, x);
          let budgets = stored;
          let first: PriorityChangeResult | null = null;
          let last: PriorityChangeResult | null = null;
          for (let i = 1; i < chain.length; i++) {
            const r = deadlinesAfterPriorityChange(cal, config, { ...f, budgets }, { from: chain[i - 1]!, to: chain[i]!, at: when });
            if (!r.ok) throw new Error(r.code);
            expect(r.direction).toBe('upgrade');
            expect(r.after.consumedMinutes).toBe(r.before.consumedMinutes);
            expect(r.budgets.firstResponseMinutes).toBeLessThanOrEqual(r.before.budgets.firstResponseMinutes);
            expect(r.budgets.resolutionMinutes).toBeLessThanOrEqual(r.before.budgets.resolutionMinutes);
            noLater(r.before, r.after, when);
            expect(r.rearm).toEqual([]);
            budgets = r.budgets;
            first ??= r;
            last = r;
          }
          noLater(first!.before, last!.after, when);
        },
      ),
      { numRuns: 200 },
    );

    function noLater(before: SlaState, after: SlaState, when: Date) {
      for (const key of ['firstResponseDueAt', 'firstResponseWarnAt', 'resolutionDueAt', 'resolutionWarnAt'] as const) {
        const b = before[key];
        const a = after[key];
        if (b !== null) expect(a, key).not.toBeNull();
        if (a !== null && b !== null) expect(a.getTime(), key).toBeLessThanOrEqual(b.getTime());
        // A deadline appearing on a paused clock is one already passed, not a later one.
        if (a !== null && b === null) expect(a.getTime()).toBeLessThanOrEqual(when.getTime());
      }
      if (before.breached.firstResponse) expect(after.breached.firstResponse).toBe(true);
      if (before.breached.resolution) expect(after.breached.resolution).toBe(true);
    }
  });

  it('a downgrade takes the new rule’s budgets and keeps the time consumed', () => {
    fc.assert(
      fc.property(caseArb, configArb, priorityArb, priorityArb, unit, ({ facts: f, end }, config, p, q, x) => {
        fc.pre(priorityRank(p) > priorityRank(q));
        const r = deadlinesAfterPriorityChange(cal, config, f, { from: p, to: q, at: nowIn(end, f.openedAt, x) });
        if (!r.ok) throw new Error(r.code);
        expect(r.direction).toBe('downgrade');
        expect(r.budgets).toEqual(config.byPriority[q]);
        expect(r.after.consumedMinutes).toBe(r.before.consumedMinutes);
      }),
      { numRuns: 100 },
    );
  });
});

describe('runningSlaState', () => {
  it('reads from the stored deadlines what slaState replays from the history, at any instant after the last write', () => {
    fc.assert(
      fc.property(caseArb, priorityArb, configArb, unit, ({ facts: f, end }, priority, config, x) => {
        // The last write happened at the last change; a recorded response after it had not happened yet.
        const written = new Date(end);
        const facts = { ...f, firstRespondedAt: f.firstRespondedAt && f.firstRespondedAt <= written ? f.firstRespondedAt : null };
        const then = slaState(cal, config, priority, facts, written);
        const stored = {
          status: then.status,
          lastChangeAt: facts.history.at(-1)!.at,
          openedAt: facts.openedAt,
          firstRespondedAt: then.firstRespondedAt,
          budgets: then.budgets,
          firstResponseDueAt: then.firstResponseDueAt,
          firstResponseWarnAt: then.firstResponseWarnAt,
          resolutionDueAt: then.resolutionDueAt,
          resolutionWarnAt: then.resolutionWarnAt,
        };
        const now = new Date(end + Math.floor(x * 6 * DAY));
        const fast = runningSlaState(cal, stored, now);
        const running = then.status === 'open' || then.status === 'in_progress';
        if (!running || then.resolutionDueAt! < stored.lastChangeAt) {
          expect(fast).toBeNull();
          return;
        }
        const full = slaState(cal, config, priority, facts, now);
        expect(fast).not.toBeNull();
        const { remainingMinutes: r, consumedMinutes: c, ...rest } = fast!;
        const { remainingMinutes: fr, consumedMinutes: fc_, ...fullRest } = full;
        expect(rest).toEqual(fullRest);
        expect(c).toBeCloseTo(fc_, 6);
        expect(r.resolution).toBeCloseTo(fr.resolution!, 6);
        if (fr.firstResponse === null) expect(r.firstResponse).toBeNull();
        else expect(r.firstResponse).toBeCloseTo(fr.firstResponse, 6);
      }),
      { numRuns: 400 },
    );
  });
});

describe('sweepActions: properties', () => {
  it('never sends the same alert twice across repeated runs, as the case lives and the sweep runs again and again', () => {
    fc.assert(
      fc.property(caseArb, priorityArb, fc.array(unit, { minLength: 1, maxLength: 10 }), ({ facts: f, end }, priority, xs) => {
        const nows = xs.map((x) => nowIn(end, f.openedAt, x)).sort((a, b) => a.getTime() - b.getTime());
        let flags = NO_ALERTS_SENT;
        const sent: string[] = [];
        for (const now of nows) {
          const s = slaState(cal, C, priority, f, now);
          const first = sweepActions(s, flags, now);
          for (const a of first.alerts) {
            expect(flags[a.flag]).toBe(false);
            expect(first.flags[a.flag]).toBe(true);
            if (a.kind === 'breach') expect(now.getTime()).toBeGreaterThan(a.dueAt.getTime());
            sent.push(a.flag);
          }
          // Flags are only ever set.
          for (const k of SWEEP_FLAGS) if (flags[k]) expect(first.flags[k]).toBe(true);
          // Running the same sweep again sends nothing.
          expect(sweepActions(s, first.flags, now)).toEqual({ alerts: [], flags: first.flags });
          flags = first.flags;
        }
        expect(new Set(sent).size).toBe(sent.length);
        expect(sent.length).toBeLessThanOrEqual(4);
      }),
      { numRuns: 150 },
    );
  });

  it('with stored deadlines and runs in any order, each alert is sent at most once and a warning never follows its breach', () => {
    const instant = fc.option(fc.integer({ min: 0, max: 10 * DAY }), { nil: null });
    fc.assert(
      fc.property(instant, instant, instant, instant, fc.array(fc.integer({ min: 0, max: 12 * DAY }), { maxLength: 12 }), (a, b, c, d, runs) => {
        const base = at('2026-06-08T09:00:00+02:00').getTime();
        const t = (x: number | null) => (x === null ? null : new Date(base + x));
        const deadlines: SlaDeadlines = { firstResponseWarnAt: t(a), firstResponseDueAt: t(b), resolutionWarnAt: t(c), resolutionDueAt: t(d) };
        let flags = NO_ALERTS_SENT;
        const sent: string[] = [];
        for (const r of runs) {
          const { alerts, flags: next } = sweepActions(deadlines, flags, new Date(base + r));
          sent.push(...alerts.map((x) => x.flag));
          flags = next;
        }
        expect(new Set(sent).size).toBe(sent.length);
        for (const [warned, breached] of [
          ['warnedFirstResponse', 'breachedFirstResponse'],
          ['warnedResolution', 'breachedResolution'],
        ] as const) {
          if (sent.includes(warned) && sent.includes(breached)) expect(sent.indexOf(warned)).toBeLessThan(sent.indexOf(breached));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('nextAlertAt', () => {
  const d: SlaDeadlines = {
    firstResponseWarnAt: at('2026-06-08T12:00:00+02:00'),
    firstResponseDueAt: at('2026-06-08T13:00:00+02:00'),
    resolutionWarnAt: at('2026-06-10T10:00:00+02:00'),
    resolutionDueAt: at('2026-06-11T10:00:00+02:00'),
  };

  it('is the first warning due, then the breach just after its deadline, then the other clock’s; null once all is sent', () => {
    expect(iso(nextAlertAt(d, NO_ALERTS_SENT))).toBe('2026-06-08T10:00:00.000Z');
    const warned = { ...NO_ALERTS_SENT, warnedFirstResponse: true };
    expect(iso(nextAlertAt(d, warned))).toBe('2026-06-08T11:00:00.001Z');
    const breached = { ...warned, breachedFirstResponse: true };
    expect(iso(nextAlertAt(d, breached))).toBe('2026-06-10T08:00:00.000Z');
    expect(nextAlertAt(d, { warnedFirstResponse: true, breachedFirstResponse: true, warnedResolution: true, breachedResolution: true })).toBeNull();
  });

  it('watches nothing for a clock without a deadline (responded, paused, resolved)', () => {
    expect(nextAlertAt({ firstResponseWarnAt: null, firstResponseDueAt: null, resolutionWarnAt: null, resolutionDueAt: null }, NO_ALERTS_SENT)).toBeNull();
    const paused = { ...d, resolutionWarnAt: null, resolutionDueAt: null };
    expect(nextAlertAt(paused, { ...NO_ALERTS_SENT, warnedFirstResponse: true, breachedFirstResponse: true })).toBeNull();
  });

  it('agrees with sweepActions: nothing to send before it, something to send at it, nothing ever when null', () => {
    const instant = fc.option(fc.integer({ min: 0, max: 10 * DAY }), { nil: null });
    const flagsArb = fc.record({ warnedFirstResponse: fc.boolean(), breachedFirstResponse: fc.boolean(), warnedResolution: fc.boolean(), breachedResolution: fc.boolean() });
    fc.assert(
      fc.property(instant, instant, instant, instant, flagsArb, fc.integer({ min: 1, max: 12 * DAY }), (a, b, c, e, flags, probe) => {
        const base = at('2026-06-08T09:00:00+02:00').getTime();
        const t = (x: number | null) => (x === null ? null : new Date(base + x));
        const deadlines: SlaDeadlines = { firstResponseWarnAt: t(a), firstResponseDueAt: t(b), resolutionWarnAt: t(c), resolutionDueAt: t(e) };
        const next = nextAlertAt(deadlines, flags);
        if (next === null) {
          expect(sweepActions(deadlines, flags, new Date(base + 20 * DAY)).alerts).toEqual([]);
          return;
        }
        expect(sweepActions(deadlines, flags, next).alerts.length).toBeGreaterThan(0);
        expect(sweepActions(deadlines, flags, new Date(next.getTime() - 1)).alerts).toEqual([]);
        const before = new Date(Math.min(next.getTime() - 1, base + probe));
        expect(sweepActions(deadlines, flags, before).alerts).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('customerSummary', () => {
  const base = {
    reference: 'R-2026-004213',
    type: 'delivery' as const,
    openedAt: at('2026-06-08T10:00:00+02:00'),
    firstResponseDueAt: at('2026-06-09T10:00:00+02:00'),
    resolutionDueAt: at('2026-06-12T17:00:00+02:00'),
    resolvedAt: null,
    closedAt: null,
    resolutionSummary: null,
    reopenDays: 14,
  };
  const now = at('2026-06-08T15:00:00+02:00');

  it('an open case: registered, and when the customer hears from us', () => {
    const s = customerSummary({ ...base, status: 'open' }, now);
    expect(s.fr).toBe('Votre dossier R-2026-004213 (livraison), ouvert le 8 juin à 10 h 00, est bien enregistré. Notre service après-vente revient vers vous au plus tard le 9 juin à 10 h 00.');
    expect(s.en).toBe('Your delivery case R-2026-004213, opened on 8 June at 10:00, has been registered. Our after-sales team will get back to you by 9 June at 10:00.');
  });

  it('never quotes a deadline already passed', () => {
    const late = at('2026-06-10T09:00:00+02:00');
    const open = customerSummary({ ...base, status: 'open' }, late);
    expect(open.fr).toContain('suivi de près');
    expect(open.fr).not.toContain('9 juin');
    const working = customerSummary({ ...base, status: 'in_progress' }, at('2026-06-13T09:00:00+02:00'));
    expect(working.fr).toContain('suivi de près');
    expect(working.fr).not.toContain('12 juin');
    expect(customerSummary({ ...base, status: 'in_progress' }, now).fr).toContain('Nous visons une solution d’ici le 12 juin à 17 h 00.');
  });

  it('waiting for the customer says what we wait for, with no date', () => {
    const s = customerSummary({ ...base, status: 'waiting_customer', resolutionDueAt: null }, now);
    expect(s.fr).toContain('attend un élément de votre part');
    expect(s.en).toContain('waiting for something from you');
  });

  it('resolved: what was done and until when it may be reopened; closed: a new problem is a new case', () => {
    const resolvedAt = at('2026-06-11T16:30:00+02:00');
    const s = customerSummary({ ...base, status: 'resolved', resolvedAt, resolutionSummary: 'Colis relivré le 11 juin' }, at('2026-06-12T09:00:00+02:00'));
    expect(s.fr).toBe(
      'Votre dossier R-2026-004213 (livraison), ouvert le 8 juin à 10 h 00, a été résolu le 11 juin à 16 h 30. Ce qui a été fait : Colis relivré le 11 juin. Si le problème persiste, nous pouvons le rouvrir jusqu’au 25 juin à 16 h 30.',
    );
    const afterWindow = customerSummary({ ...base, status: 'resolved', resolvedAt, resolutionSummary: 'Colis relivré' }, at('2026-07-01T09:00:00+02:00'));
    expect(afterWindow.fr).not.toContain('rouvrir');
    const closed = customerSummary({ ...base, status: 'closed', resolvedAt, closedAt: at('2026-06-26T08:00:00+02:00') }, at('2026-07-01T09:00:00+02:00'));
    expect(closed.fr).toContain('a été clos le 26 juin à 8 h 00. Pour un nouveau problème, nous ouvrons un nouveau dossier.');
  });

  it('says the year only for a date of another year than today', () => {
    const s = customerSummary({ ...base, status: 'open', openedAt: at('2025-12-30T10:00:00+01:00'), firstResponseDueAt: at('2026-01-02T10:00:00+01:00') }, at('2026-01-01T12:00:00+01:00'));
    expect(s.fr).toContain('ouvert le 30 décembre 2025 à 10 h 00');
    expect(s.fr).toContain('au plus tard le 2 janvier à 10 h 00');
  });
});

describe('routing: properties', () => {
  const agencies = ['a1', 'a2', 'a3', 'a4'];
  const regions = ['r1', 'r2', 'r3'];
  const families = ['Mobile', 'Fibre', 'Cloud'];
  const poolIds = ['p1', 'p2', 'p3', 'p4', 'p5'];
  const poolsArb = fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...poolIds), agencyIds: fc.subarray(agencies) }).map((p) => ({ ...p, name: `Pool ${p.id}` })),
    { selector: (p) => p.id, maxLength: 5 },
  );
  const optList = <T,>(xs: T[]) => fc.option(fc.subarray(xs), { nil: undefined });
  const ruleArb: fc.Arbitrary<CaseRoutingRule> = fc.record({
    entries: fc.array(
      fc.record({
        match: fc.record({ types: optList([...CASE_TYPES]), families: optList(families), regionIds: optList(regions) }, { requiredKeys: [] }),
        poolId: fc.constantFrom(...poolIds, 'ghost'),
      }),
      { maxLength: 6 },
    ),
    fallback: fc.record({ byRegion: fc.dictionary(fc.constantFrom(...regions), fc.constantFrom(...poolIds)), national: fc.constantFrom(...poolIds) }),
  });
  const factsArb: fc.Arbitrary<CaseRoutingFacts> = fc.record({
    type: fc.constantFrom(...CASE_TYPES),
    family: fc.option(fc.constantFrom(...families), { nil: null }),
    regionId: fc.constantFrom(...regions),
    agencyId: fc.constantFrom(...agencies),
  });

  it('routeCase is deterministic and sends the case to a pool serving its agency, or to the fallback', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, poolsArb, (rule, f, pools) => {
        const r = routeCase(rule, f, pools);
        expect(routeCase(rule, f, pools)).toEqual(r);
        expect(routeCase(rule, f, [...pools].reverse())).toEqual(r);
        const serving = (id: string) => pools.some((p) => p.id === id && p.agencyIds.includes(f.agencyId));
        const firstServing = rule.entries.findIndex((e) => entryMatches(e.match, f) && serving(e.poolId));
        if (firstServing >= 0) {
          expect(r).toMatchObject({ entryIndex: firstServing, poolId: rule.entries[firstServing]!.poolId, reason: { code: 'rule_entry' } });
          expect(serving(r.poolId)).toBe(true);
        } else {
          expect(r.entryIndex).toBeNull();
          expect(r.poolId).toBe(rule.fallback.byRegion[f.regionId] ?? rule.fallback.national);
          expect(r.reason.code).toBe(rule.fallback.byRegion[f.regionId] ? 'region_fallback' : 'national_fallback');
        }
        // Every skipped line matched and could not take the case.
        for (const s of r.skipped) {
          expect(entryMatches(rule.entries[s.entryIndex]!.match, f)).toBe(true);
          expect(serving(s.poolId)).toBe(false);
        }
        expect(r.reason.text.en.length).toBeGreaterThan(0);
        expect(r.reason.text.fr.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('pickAssignee never returns an inactive or absent member, always the least loaded available one, whatever the order', () => {
    const day = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2026, 5, 1 + n)).toISOString().slice(0, 10));
    const absence = fc.oneof(
      fc.constant({ absentFrom: null, absentUntil: null }),
      fc.tuple(day, fc.option(day, { nil: null })).map(([from, until]) => ({ absentFrom: from, absentUntil: until === null || until >= from ? until : from })),
    );
    const memberArb = fc
      .record({
        id: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'),
        active: fc.boolean(),
        absence,
        openCases: fc.integer({ min: 0, max: 5 }),
        lastAssignedAt: fc.option(fc.date({ min: new Date('2026-01-01'), max: new Date('2026-06-30'), noInvalidDate: true }), { nil: null }),
      })
      .map(({ absence: a, ...m }): CaseMember => ({ ...m, ...a }));
    fc.assert(
      fc.property(fc.uniqueArray(memberArb, { selector: (m) => m.id, maxLength: 7 }), day, (members, today) => {
        const picked = pickAssignee(members, today);
        const available = members.filter((m) => m.active && !(m.absentFrom !== null && m.absentFrom <= today && (m.absentUntil === null || today <= m.absentUntil)));
        if (available.length === 0) {
          expect(picked).toBeNull();
          return;
        }
        expect(picked).not.toBeNull();
        expect(picked!.active).toBe(true);
        expect(available).toContain(picked);
        expect(picked!.openCases).toBe(Math.min(...available.map((m) => m.openCases)));
        // Among the least loaded, nobody received a case less recently.
        const tied = available.filter((m) => m.openCases === picked!.openCases);
        const last = (m: CaseMember) => m.lastAssignedAt?.getTime() ?? -Infinity;
        expect(tied.every((m) => last(m) >= last(picked!))).toBe(true);
        expect(pickAssignee([...members].reverse(), today)).toBe(picked);
      }),
      { numRuns: 1000 },
    );
  });

  it('pingPong counts every transfer and finds a back-and-forth exactly when one happens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 8 }), (path) => {
        const transfers = path.slice(1).map((to, i) => ({ fromPoolId: path[i]!, toPoolId: to }));
        const r = pingPong(transfers);
        expect(r.count).toBe(transfers.length);
        const expected = path.some((p, i) => i >= 2 && p === path[i - 2] && p !== path[i - 1]);
        expect(r.pingPong).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('references: properties', () => {
  it('every reference reads back as itself, however it is typed', () => {
    const sep = fc.constantFrom('', '-', ' ', '  ', '/', '.', '–', ' - ');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 9_999_999 }), sep, sep, fc.boolean(), fc.boolean(), (year, n, s1, s2, lower, pad) => {
        const ref = caseReference(year, n);
        expect(ref).toMatch(/^R-\d{4}-\d{6,}$/);
        expect(parseCaseReference(ref)).toBe(ref);
        const typed = `${lower ? 'r' : 'R'}${s1}${year}${s2}${pad ? String(n).padStart(6, '0') : n}`;
        expect(parseCaseReference(` ${typed} `)).toBe(ref);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the statuses and transitions the tests walk', () => {
  it('reach every status from open', () => {
    const seen = new Set<CaseStatus>(['open']);
    const queue: CaseStatus[] = ['open'];
    while (queue.length) {
      for (const t of allowedTransitions(queue.shift()!) as CaseTransition[]) {
        const next = nextCaseStatus(t);
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('agree with addBusinessMinutes for a straight run', () => {
    const opened = at('2026-06-12T16:00:00+02:00');
    const s = slaState(cal, C, 'high', { openedAt: opened, firstRespondedAt: null, history: [], budgets: null }, opened);
    expect(iso(s.resolutionDueAt)).toBe(iso(addBusinessMinutes(cal, opened, 1080)));
  });
});
