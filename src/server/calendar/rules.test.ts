import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  defaultCalendar,
  frenchHolidays,
  isBusinessDay,
  isOpen,
  momentInWords,
  parisInstant,
  parisTime,
  type BusinessCalendar,
} from './rules.ts';

const cal = defaultCalendar([2024, 2025, 2026, 2027, 2028]);

/** The instant the Paris wall clock shows `hh:mm` on `date`, written with its offset so the test does not depend on the code. */
const at = (iso: string) => new Date(iso);
/** Paris wall time of an instant, as 'YYYY-MM-DD HH:MM'. */
function wall(d: Date): string {
  const t = parisTime(d);
  const h = Math.floor(t.minutes / 60);
  const m = Math.round(t.minutes % 60);
  return `${t.date} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function* dates(from: string, to: string) {
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    yield d.toISOString().slice(0, 10);
  }
}

describe('parisTime and parisInstant', () => {
  it('read the Paris wall clock with its offset on either side of both 2026 changes', () => {
    expect(parisTime(at('2026-03-29T00:59:00Z'))).toEqual({ date: '2026-03-29', weekday: 7, minutes: 1 * 60 + 59 });
    expect(parisTime(at('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', weekday: 7, minutes: 3 * 60 });
    expect(parisTime(at('2026-10-25T00:30:00Z'))).toEqual({ date: '2026-10-25', weekday: 7, minutes: 2 * 60 + 30 });
    expect(parisTime(at('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', weekday: 7, minutes: 2 * 60 + 30 });
    expect(parisTime(at('2026-12-31T23:30:00Z'))).toEqual({ date: '2027-01-01', weekday: 5, minutes: 30 });
    expect(parisTime(at('2026-07-14T10:00:30Z')).minutes).toBe(12 * 60 + 0.5);
    expect(parisInstant('2026-01-15', 9 * 60).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parisInstant('2026-07-15', 9 * 60).toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });

  it('round-trips every 15-minute wall-clock slot from 27 March to 1 April and 23 to 28 October 2026', () => {
    let checked = 0;
    for (const date of [...dates('2026-03-27', '2026-04-01'), ...dates('2026-10-23', '2026-10-28')]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const instant = parisInstant(date, minutes);
        const back = parisTime(instant);
        if (date === '2026-03-29' && minutes >= 120 && minutes < 180) {
          // 02:00–02:59 does not exist that night: the clock jumps from 02:00 to 03:00, so the slot lands an hour later.
          expect(back, `${date} ${minutes}`).toMatchObject({ date, minutes: minutes + 60 });
        } else {
          expect(back, `${date} ${minutes}`).toMatchObject({ date, minutes });
        }
        checked++;
      }
    }
    expect(checked).toBe(12 * 96);
  });

  it('round-trips every 15-minute instant across both changes (the repeated hour of 25 October maps to its second pass)', () => {
    for (const [from, to] of [
      ['2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'],
      ['2026-10-23T00:00:00Z', '2026-10-28T00:00:00Z'],
    ] as const) {
      for (let t = Date.parse(from); t < Date.parse(to); t += 15 * 60_000) {
        const local = parisTime(new Date(t));
        const back = parisInstant(local.date, local.minutes).getTime();
        // 00:00–00:59 UTC on 25 October shows 02:xx summer time; the same wall time comes again an hour later in winter time.
        const firstPassOfRepeatedHour = t >= Date.parse('2026-10-25T00:00:00Z') && t < Date.parse('2026-10-25T01:00:00Z');
        expect(back, new Date(t).toISOString()).toBe(firstPassOfRepeatedHour ? t + 3600_000 : t);
      }
    }
  });

  it('gives 23 hours to 29 March and 25 hours to 25 October 2026', () => {
    const day = (d: string, next: string) => (parisInstant(next, 0).getTime() - parisInstant(d, 0).getTime()) / 3600_000;
    expect(day('2026-03-29', '2026-03-30')).toBe(23);
    expect(day('2026-10-25', '2026-10-26')).toBe(25);
    expect(day('2026-03-28', '2026-03-29')).toBe(24);
  });
});

describe('frenchHolidays', () => {
  it('lists the eleven public holidays of 2026 and no observances', () => {
    const h = frenchHolidays([2026]);
    expect([...h].sort()).toEqual([
      '2026-01-01',
      '2026-04-06', // Lundi de Pâques
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Lundi de Pentecôte
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(h.has('2026-05-24')).toBe(false); // Pentecost Sunday: an observance
    expect(h.has('2026-05-31')).toBe(false); // Mother's Day
    expect(h.has('2026-04-05')).toBe(false); // Easter Sunday is a Sunday, not a listed public holiday
  });

  it('moves with Easter and covers every year asked for', () => {
    const h = frenchHolidays([2025, 2027]);
    expect(h.has('2025-04-21')).toBe(true); // Easter Monday 2025
    expect(h.has('2025-05-29')).toBe(true); // Ascension 2025
    expect(h.has('2025-06-09')).toBe(true); // Whit Monday 2025
    expect(h.has('2027-03-29')).toBe(true); // Easter Monday 2027
    expect(h.has('2026-01-01')).toBe(false); // 2026 not asked for
  });
});

describe('isOpen and isBusinessDay', () => {
  it('opens at 9:00 sharp and closes at 18:00 sharp, weekdays that are not holidays', () => {
    expect(isOpen(cal, at('2026-06-10T06:59:59Z'))).toBe(false); // 08:59:59 Paris
    expect(isOpen(cal, at('2026-06-10T07:00:00Z'))).toBe(true); // 09:00
    expect(isOpen(cal, at('2026-06-10T15:59:59Z'))).toBe(true); // 17:59:59
    expect(isOpen(cal, at('2026-06-10T16:00:00Z'))).toBe(false); // 18:00
    expect(isOpen(cal, at('2026-06-13T10:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(cal, at('2026-07-14T10:00:00Z'))).toBe(false); // 14 July
    expect(isOpen(cal, at('2026-12-10T08:00:00Z'))).toBe(true); // 09:00 in winter time
    expect(isBusinessDay(cal, '2026-05-14', 4)).toBe(false);
    expect(isBusinessDay(cal, '2026-05-15', 5)).toBe(true);
  });
});

describe('addBusinessMinutes: concrete cases', () => {
  const add = (iso: string, minutes: number) => wall(addBusinessMinutes(cal, at(iso), minutes));

  it('skips Ascension: Wednesday 13 May 2026 at 17:30 plus a business day is Friday 15 May at 17:30', () => {
    expect(add('2026-05-13T17:30:00+02:00', 9 * 60)).toBe('2026-05-15 17:30');
    // A relay in the evening starts its clock on the Friday bridge day, which is worked.
    expect(add('2026-05-13T20:00:00+02:00', 9 * 60)).toBe('2026-05-15 18:00');
    expect(add('2026-05-13T20:00:00+02:00', 18 * 60)).toBe('2026-05-18 18:00');
    expect(add('2026-05-13T20:00:00+02:00', 27 * 60)).toBe('2026-05-19 18:00');
  });

  it('skips the Easter weekend: Friday 3 April 2026 at 17:30 plus a business day is Tuesday 7 April at 17:30', () => {
    expect(add('2026-04-03T17:30:00+02:00', 9 * 60)).toBe('2026-04-07 17:30');
    expect(add('2026-04-03T19:00:00+02:00', 60)).toBe('2026-04-07 10:00');
    expect(businessMinutesBetween(cal, at('2026-04-03T17:30:00+02:00'), at('2026-04-07T17:30:00+02:00'))).toBe(9 * 60);
  });

  it('skips Whit Monday: Friday 22 May 2026 evening plus an hour is Tuesday 26 May at 10:00', () => {
    expect(add('2026-05-22T18:30:00+02:00', 60)).toBe('2026-05-26 10:00');
  });

  it('skips 14 July (a Tuesday) and ignores 15 August (a Saturday)', () => {
    expect(add('2026-07-13T17:00:00+02:00', 120)).toBe('2026-07-15 10:00');
    expect(add('2026-08-14T17:00:00+02:00', 120)).toBe('2026-08-17 10:00');
    expect(businessMinutesBetween(cal, at('2026-08-14T09:00:00+02:00'), at('2026-08-17T18:00:00+02:00'))).toBe(18 * 60);
  });

  it('skips Christmas and New Year', () => {
    expect(add('2026-12-24T17:00:00+01:00', 9 * 60)).toBe('2026-12-28 17:00');
    expect(add('2026-12-31T17:00:00+01:00', 120)).toBe('2027-01-04 10:00');
    expect(businessMinutesBetween(cal, at('2026-12-24T00:00:00+01:00'), at('2027-01-05T00:00:00+01:00'))).toBe(6 * 9 * 60);
  });

  it('counts from opening exactly and from closing exactly', () => {
    expect(add('2026-06-08T09:00:00+02:00', 9 * 60)).toBe('2026-06-08 18:00');
    expect(add('2026-06-08T09:00:00+02:00', 1)).toBe('2026-06-08 09:01');
    expect(add('2026-06-08T18:00:00+02:00', 1)).toBe('2026-06-09 09:01');
    expect(add('2026-06-08T18:00:00+02:00', 0)).toBe('2026-06-08 18:00');
    expect(add('2026-06-08T07:00:00+02:00', 0)).toBe('2026-06-08 09:00');
    expect(add('2026-06-08T17:59:00+02:00', 1)).toBe('2026-06-08 18:00');
    expect(add('2026-06-08T17:59:00+02:00', 2)).toBe('2026-06-09 09:01');
  });

  it('starts on Monday morning when relayed on a Sunday', () => {
    expect(add('2026-06-07T10:00:00+02:00', 60)).toBe('2026-06-08 10:00');
    expect(add('2026-06-06T23:59:00+02:00', 9 * 60)).toBe('2026-06-08 18:00');
  });

  it('keeps wall-clock hours across both DST changes', () => {
    // Friday 17:00 (UTC+1) + 2 business hours = Monday 10:00 (UTC+2): 08:00 UTC, not 09:00.
    const spring = addBusinessMinutes(cal, at('2026-03-27T17:00:00+01:00'), 120);
    expect(spring.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(wall(spring)).toBe('2026-03-30 10:00');
    const autumn = addBusinessMinutes(cal, at('2026-10-23T17:00:00+02:00'), 120);
    expect(autumn.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(wall(autumn)).toBe('2026-10-26 10:00');
    expect(businessMinutesBetween(cal, at('2026-03-27T09:00:00+01:00'), at('2026-03-30T18:00:00+02:00'))).toBe(18 * 60);
    expect(businessMinutesBetween(cal, at('2026-10-23T09:00:00+02:00'), at('2026-10-26T18:00:00+01:00'))).toBe(18 * 60);

    // A calendar open on Sundays: the change happens inside opening hours, which still run 9–18 on the wall clock.
    const everyDay: BusinessCalendar = { opensAt: 9 * 60, closesAt: 18 * 60, workdays: new Set([1, 2, 3, 4, 5, 6, 7]), holidays: new Set() };
    expect(wall(addBusinessMinutes(everyDay, at('2026-03-28T17:00:00+01:00'), 120))).toBe('2026-03-29 10:00');
    expect(wall(addBusinessMinutes(everyDay, at('2026-10-24T17:00:00+02:00'), 120))).toBe('2026-10-25 10:00');
    // Open round the clock, the short and long days count their real length.
    const allHours: BusinessCalendar = { opensAt: 0, closesAt: 24 * 60, workdays: new Set([1, 2, 3, 4, 5, 6, 7]), holidays: new Set() };
    expect(businessMinutesBetween(allHours, parisInstant('2026-03-29', 0), parisInstant('2026-03-30', 0))).toBe(23 * 60);
    expect(businessMinutesBetween(allHours, parisInstant('2026-10-25', 0), parisInstant('2026-10-26', 0))).toBe(25 * 60);
    expect(addBusinessMinutes(allHours, parisInstant('2026-03-29', 0), 23 * 60).toISOString()).toBe(parisInstant('2026-03-30', 0).toISOString());
  });

  it('refuses negative durations and calendars that never open', () => {
    expect(() => addBusinessMinutes(cal, at('2026-06-08T10:00:00+02:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes({ ...cal, workdays: new Set() }, at('2026-06-08T10:00:00+02:00'), 1)).toThrow(RangeError);
    expect(() => addBusinessMinutes({ ...cal, closesAt: cal.opensAt }, at('2026-06-08T10:00:00+02:00'), 1)).toThrow(RangeError);
  });

  it('counts nothing between an instant and an earlier one, or over a closed stretch', () => {
    expect(businessMinutesBetween(cal, at('2026-06-08T12:00:00+02:00'), at('2026-06-08T11:00:00+02:00'))).toBe(0);
    expect(businessMinutesBetween(cal, at('2026-06-05T18:00:00+02:00'), at('2026-06-08T09:00:00+02:00'))).toBe(0);
    expect(businessMinutesBetween(cal, at('2026-06-08T08:00:00+02:00'), at('2026-06-08T09:30:00+02:00'))).toBe(30);
  });
});

describe('addBusinessMinutes: properties', () => {
  const start = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true });
  const duration = fc.integer({ min: 1, max: 12 * 9 * 60 });

  /** Open, or exactly at the closing time of a business day. */
  function openOrAtClosing(d: Date): boolean {
    if (isOpen(cal, d)) return true;
    const t = parisTime(d);
    return isBusinessDay(cal, t.date, t.weekday) && t.minutes === cal.closesAt;
  }

  it('never lands on a closed instant when minutes > 0, and always later than the start', () => {
    fc.assert(
      fc.property(start, duration, (s, m) => {
        const due = addBusinessMinutes(cal, s, m);
        expect(openOrAtClosing(due), `${s.toISOString()} + ${m} → ${due.toISOString()}`).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(s.getTime() + m * 60_000);
      }),
      { numRuns: 400 },
    );
  });

  it('is strictly increasing in minutes', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 }), (s, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(addBusinessMinutes(cal, s, lo).getTime()).toBeLessThan(addBusinessMinutes(cal, s, hi).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('is additive: add(a + b) = add(add(a), b)', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 }), (s, a, b) => {
        expect(addBusinessMinutes(cal, addBusinessMinutes(cal, s, a), b).toISOString()).toBe(addBusinessMinutes(cal, s, a + b).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with businessMinutesBetween: between(start, add(start, m)) = m', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 12 * 9 * 60 }), (s, m) => {
        expect(businessMinutesBetween(cal, s, addBusinessMinutes(cal, s, m))).toBe(m);
      }),
      { numRuns: 400 },
    );
  });

  it('businessMinutesBetween is additive over a middle point and never exceeds elapsed time', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 20 * 86_400_000 }), (s, x, y) => {
        const [a, b] = x < y ? [x, y] : [y, x];
        const mid = new Date(s.getTime() + a);
        const end = new Date(s.getTime() + b);
        const whole = businessMinutesBetween(cal, s, end);
        expect(whole).toBeCloseTo(businessMinutesBetween(cal, s, mid) + businessMinutesBetween(cal, mid, end), 6);
        expect(whole).toBeLessThanOrEqual(b / 60_000 + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});

/** The day-by-day sum businessMinutesBetween replaced with its index of whole days: the oracle. */
function dayByDayMinutes(c: BusinessCalendar, start: Date, end: Date): number {
  if (end <= start) return 0;
  let total = 0;
  let { date, weekday } = parisTime(start);
  for (let day = 0; day < 3660; day++) {
    if (parisInstant(date, 0).getTime() >= end.getTime()) break;
    if (isBusinessDay(c, date, weekday)) {
      const open = Math.max(start.getTime(), parisInstant(date, c.opensAt).getTime());
      const close = Math.min(end.getTime(), parisInstant(date, c.closesAt).getTime());
      if (close > open) total += close - open;
    }
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    weekday = (weekday % 7) + 1;
  }
  return total / 60_000;
}

describe('businessMinutesBetween: the index of whole days', () => {
  const instant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z'), noInvalidDate: true });
  // Calendars of their own (hours, worked days, holidays), each new so its index starts empty; night hours cross DST changes.
  const calendar = fc
    .record({
      opensAt: fc.integer({ min: 0, max: 720 }),
      length: fc.integer({ min: 1, max: 720 }),
      workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      holidays: fc.uniqueArray(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }), { maxLength: 40 }),
    })
    .map((c): BusinessCalendar => ({
      opensAt: c.opensAt,
      closesAt: c.opensAt + c.length,
      workdays: new Set(c.workdays),
      holidays: new Set(c.holidays.map((d) => d.toISOString().slice(0, 10))),
    }));

  it('property: equals the day-by-day sum for any span, any hours and holidays, across DST changes', () => {
    fc.assert(
      fc.property(calendar, fc.array(fc.tuple(instant, instant), { minLength: 1, maxLength: 6 }), (c, spans) => {
        // Several spans on one calendar: later ones reuse (and grow, backwards too) the index the first built.
        for (const [a, b] of spans) expect(businessMinutesBetween(c, a, b)).toBe(dayByDayMinutes(c, a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('counts nothing beyond ten years of days, as addBusinessMinutes looks no further', () => {
    const start = at('2026-01-05T09:00:00+01:00');
    const far = new Date(start.getTime() + 20 * 365 * 86_400_000);
    expect(businessMinutesBetween(cal, start, far)).toBe(dayByDayMinutes(cal, start, far));
    expect(businessMinutesBetween(cal, start, far)).toBeGreaterThan(0);
  });
});

describe('momentInWords', () => {
  // The reference year: dates in it are said without their year.
  const WON_ISO = '2026-05-10T10:00:00Z';

  it('says the Paris time in summer (UTC+2) and in winter (UTC+1)', () => {
    expect(momentInWords('2026-05-03T08:14:00Z', 'fr', WON_ISO)).toBe('3 mai à 10 h 14');
    expect(momentInWords('2026-05-03T08:14:00Z', 'en', WON_ISO)).toBe('3 May at 10:14');
    expect(momentInWords('2026-01-15T09:14:00Z', 'fr', WON_ISO)).toBe('15 janvier à 10 h 14');
    expect(momentInWords('2026-01-15T09:14:00Z', 'en', WON_ISO)).toBe('15 January at 10:14');
    // Either side of the switch to summer time (29 March 2026, 02:00 → 03:00).
    expect(momentInWords('2026-03-29T00:30:00Z', 'en', WON_ISO)).toBe('29 March at 01:30');
    expect(momentInWords('2026-03-29T01:30:00Z', 'en', WON_ISO)).toBe('29 March at 03:30');
  });

  it('takes the Paris date, not the UTC one, and pads minutes but not French hours', () => {
    expect(momentInWords('2026-05-02T22:30:00Z', 'fr', WON_ISO)).toBe('3 mai à 0 h 30');
    expect(momentInWords('2026-05-02T22:30:00Z', 'en', WON_ISO)).toBe('3 May at 00:30');
    expect(momentInWords('2026-05-01T07:05:00Z', 'fr', WON_ISO)).toBe('1er mai à 9 h 05');
    expect(momentInWords('2026-05-01T07:05:00Z', 'en', WON_ISO)).toBe('1 May at 09:05');
    expect(momentInWords('2026-06-10T21:59:00Z', 'fr', WON_ISO)).toBe('10 juin à 23 h 59');
  });

  it('shows the year only when it differs from the won year, by the Paris calendar', () => {
    expect(momentInWords('2025-11-20T09:14:00Z', 'fr', WON_ISO)).toBe('20 novembre 2025 à 10 h 14');
    expect(momentInWords('2025-11-20T09:14:00Z', 'en', WON_ISO)).toBe('20 November 2025 at 10:14');
    // 31 December 23:30 UTC is already 1 January in Paris: same year as the win.
    expect(momentInWords('2025-12-31T23:30:00Z', 'fr', WON_ISO)).toBe('1er janvier à 0 h 30');
    expect(momentInWords('2025-12-31T22:30:00Z', 'fr', WON_ISO)).toBe('31 décembre 2025 à 23 h 30');
    // A win on 1 January in Paris (31 December UTC) against an initiative of the same Paris year.
    expect(momentInWords('2026-01-01T10:00:00Z', 'en', '2025-12-31T23:30:00Z')).toBe('1 January at 11:00');
  });

  it('shows the year when there is nothing to compare with', () => {
    expect(momentInWords('2026-05-03T08:14:00Z', 'fr')).toBe('3 mai 2026 à 10 h 14');
    expect(momentInWords('2026-05-03T08:14:00Z', 'en')).toBe('3 May 2026 at 10:14');
  });
});
