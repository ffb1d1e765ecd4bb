import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  absentDuring,
  addDays,
  alertPeriod,
  alertRuleText,
  alertText,
  attainment,
  computeFigures,
  crossingStep,
  formatIndicatorValue,
  isCrossed,
  stateKey,
  customPeriod,
  daysBetween,
  forecastPipeline,
  leadFunnel,
  medianFromBands,
  RUN_RATE_DAYS,
  runRate,
  runRateWindow,
  periodContaining,
  QUALIFY_BANDS,
  qualifyBand,
  qualifyCounts,
  qualifyMetric,
  trendPeriods,
  weeksIn,
  type FigureContext,
  type MetricSums,
} from './rules.ts';
import { figuresSchema, INDICATOR_IDS, INDICATORS, type IndicatorId, type Period } from '../../contract/steering.ts';

// Independent calendar helpers for the properties (plain UTC day numbers, not the module's own).
const DAY_MS = 86_400_000;
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const nextDay = (iso: string) => isoOf(dayNo(iso) + 1);
/** 0 = Sunday … 6 = Saturday. */
const weekdayOf = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const isoDateArb = (min = '1990-01-01', max = '2100-12-31') => fc.integer({ min: dayNo(min), max: dayNo(max) }).map(isoOf);
const pad = (n: number) => String(n).padStart(2, '0');

/** Asserts each period starts the day after the previous one ended. */
function expectContiguous(periods: Period[]) {
  for (let i = 1; i < periods.length; i++) expect(periods[i]!.from).toBe(nextDay(periods[i - 1]!.to));
}

describe('periodContaining: week (ISO, Monday to Sunday)', () => {
  it.each([
    // [day, Monday, Sunday, label]
    ['2026-11-23', '2026-11-23', '2026-11-29', '2026-W48'], // a Monday starts its own week
    ['2026-11-26', '2026-11-23', '2026-11-29', '2026-W48'],
    ['2026-11-29', '2026-11-23', '2026-11-29', '2026-W48'], // a Sunday belongs to the week begun the Monday before
    ['2026-11-30', '2026-11-30', '2026-12-06', '2026-W49'],
    ['2026-12-31', '2026-12-28', '2027-01-03', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
    ['2027-01-01', '2026-12-28', '2027-01-03', '2026-W53'], // a Friday in January still in last year's week
    ['2027-01-03', '2026-12-28', '2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-01-04', '2027-01-10', '2027-W01'],
    ['2024-12-29', '2024-12-23', '2024-12-29', '2024-W52'],
    ['2024-12-30', '2024-12-30', '2025-01-05', '2025-W01'], // a December Monday in next year's first week
    ['2025-01-01', '2024-12-30', '2025-01-05', '2025-W01'],
    ['2025-12-29', '2025-12-29', '2026-01-04', '2026-W01'],
    ['2026-01-01', '2025-12-29', '2026-01-04', '2026-W01'],
    ['2026-01-05', '2026-01-05', '2026-01-11', '2026-W02'], // the week number is padded
    ['2022-01-01', '2021-12-27', '2022-01-02', '2021-W52'], // a Saturday 1 January
    ['2022-01-03', '2022-01-03', '2022-01-09', '2022-W01'],
    ['2020-12-31', '2020-12-28', '2021-01-03', '2020-W53'], // leap year starting on a Wednesday: 53 weeks
    ['2021-01-03', '2020-12-28', '2021-01-03', '2020-W53'],
    ['2028-02-29', '2028-02-28', '2028-03-05', '2028-W09'], // across a leap day
  ])('%s is in the week %s → %s (%s)', (at, from, to, label) => {
    expect(periodContaining('week', at)).toEqual({ kind: 'week', from, to, label });
  });

  it('gives the same week to all seven days', () => {
    const days = ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'];
    for (const day of days) expect(periodContaining('week', day)).toEqual({ kind: 'week', from: '2026-12-28', to: '2027-01-03', label: '2026-W53' });
  });

  it('numbers every year’s weeks from the one holding 4 January, 53 of them in long years only', () => {
    // Years whose 28 December falls in a week 53 (ISO long years).
    const long = new Set([2004, 2009, 2015, 2020, 2026, 2032, 2037]);
    for (let year = 2000; year <= 2040; year++) {
      let week = periodContaining('week', `${year}-01-04`);
      expect(week.label).toBe(`${year}-W01`);
      let n = 1;
      for (;;) {
        const following = periodContaining('week', nextDay(week.to));
        expect(following.from).toBe(nextDay(week.to));
        if (following.label === `${year + 1}-W01`) break;
        n++;
        expect(following.label).toBe(`${year}-W${pad(n)}`);
        week = following;
      }
      expect(n).toBe(long.has(year) ? 53 : 52);
    }
  });

  it('property: a Monday-to-Sunday week holding the day, labelled with its Thursday’s year', () => {
    fc.assert(
      fc.property(isoDateArb(), (at) => {
        const p = periodContaining('week', at);
        expect(p.kind).toBe('week');
        expect(weekdayOf(p.from)).toBe(1);
        expect(weekdayOf(p.to)).toBe(0);
        expect(dayNo(p.to) - dayNo(p.from)).toBe(6);
        expect(p.from <= at && at <= p.to).toBe(true);
        const thursday = isoOf(dayNo(p.from) + 3);
        expect(p.label).toMatch(new RegExp(`^${thursday.slice(0, 4)}-W(0[1-9]|[1-4]\\d|5[0-3])$`));
      }),
    );
  });
});

describe('periodContaining: month, quarter, year', () => {
  it.each([
    ['2026-02-14', '2026-02-01', '2026-02-28', '2026-02'],
    ['2028-02-10', '2028-02-01', '2028-02-29', '2028-02'], // leap February
    ['2028-02-29', '2028-02-01', '2028-02-29', '2028-02'],
    ['2000-02-01', '2000-02-01', '2000-02-29', '2000-02'], // divisible by 400: leap
    ['2100-02-15', '2100-02-01', '2100-02-28', '2100-02'], // divisible by 100 only: not leap
    ['2026-01-01', '2026-01-01', '2026-01-31', '2026-01'],
    ['2026-04-30', '2026-04-01', '2026-04-30', '2026-04'],
    ['2026-12-31', '2026-12-01', '2026-12-31', '2026-12'],
  ])('month of %s is %s → %s (%s)', (at, from, to, label) => {
    expect(periodContaining('month', at)).toEqual({ kind: 'month', from, to, label });
  });

  it.each([
    ['2026-01-01', '2026-01-01', '2026-03-31', '2026-Q1'],
    ['2026-03-31', '2026-01-01', '2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-04-01', '2026-06-30', '2026-Q2'],
    ['2026-09-30', '2026-07-01', '2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-10-01', '2026-12-31', '2026-Q4'],
    ['2026-11-15', '2026-10-01', '2026-12-31', '2026-Q4'],
    ['2026-12-31', '2026-10-01', '2026-12-31', '2026-Q4'],
  ])('quarter of %s is %s → %s (%s)', (at, from, to, label) => {
    expect(periodContaining('quarter', at)).toEqual({ kind: 'quarter', from, to, label });
  });

  it.each([
    ['2026-01-01', '2026'],
    ['2026-06-15', '2026'],
    ['2028-12-31', '2028'],
  ])('year of %s is %s', (at, year) => {
    expect(periodContaining('year', at)).toEqual({ kind: 'year', from: `${year}-01-01`, to: `${year}-12-31`, label: year });
  });

  it('property: the month holding a day starts on the 1st and ends the day before the next 1st', () => {
    fc.assert(
      fc.property(isoDateArb(), (at) => {
        const p = periodContaining('month', at);
        expect(p.from).toBe(`${at.slice(0, 7)}-01`);
        expect(p.to.slice(0, 7)).toBe(at.slice(0, 7));
        expect(nextDay(p.to).endsWith('-01')).toBe(true);
        expect(p.label).toBe(at.slice(0, 7));
      }),
    );
  });

  it('property: the quarter holding a day starts on 1 Jan/Apr/Jul/Oct and spans 90 to 92 days', () => {
    fc.assert(
      fc.property(isoDateArb(), (at) => {
        const p = periodContaining('quarter', at);
        expect(p.from <= at && at <= p.to).toBe(true);
        expect(['01-01', '04-01', '07-01', '10-01']).toContain(p.from.slice(5));
        expect(['01-01', '04-01', '07-01', '10-01']).toContain(nextDay(p.to).slice(5));
        expect(dayNo(p.to) - dayNo(p.from) + 1).toBeGreaterThanOrEqual(90);
        expect(dayNo(p.to) - dayNo(p.from) + 1).toBeLessThanOrEqual(92);
        expect(p.label).toBe(`${at.slice(0, 4)}-Q${Math.ceil(Number(at.slice(5, 7)) / 3)}`);
      }),
    );
  });
});

describe('day arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // the night Paris changes clocks is still one day
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('counts days inclusively', () => {
    expect(daysBetween('2026-02-01', '2026-02-01')).toBe(1);
    expect(daysBetween('2026-02-01', '2026-02-28')).toBe(28);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysBetween('2026-10-01', '2026-10-31')).toBe(31); // across the autumn clock change
  });

  it('counts weeks as days / 7', () => {
    expect(weeksIn({ from: '2026-02-01', to: '2026-02-28' })).toBe(4);
    expect(weeksIn({ from: '2026-11-23', to: '2026-11-29' })).toBe(1);
    expect(weeksIn({ from: '2026-01-01', to: '2026-01-31' })).toBeCloseTo(31 / 7, 12);
  });

  it('labels a custom period by its two days', () => {
    expect(customPeriod('2026-01-10', '2026-02-03')).toEqual({ kind: 'custom', from: '2026-01-10', to: '2026-02-03', label: '2026-01-10 → 2026-02-03' });
  });
});

describe('trendPeriods: fixed kinds', () => {
  it('gives the 12 weeks ending with the given one, oldest first', () => {
    const p = periodContaining('week', '2026-11-25');
    const trend = trendPeriods(p);
    expect(trend).toHaveLength(12);
    expect(trend.map((t) => t.label)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${37 + i}`));
    expect(trend[0]).toEqual({ kind: 'week', from: '2026-09-07', to: '2026-09-13', label: '2026-W37' });
    expect(trend[11]).toEqual(p);
    expectContiguous(trend);
  });

  it('walks weeks back across a 53-week year', () => {
    const trend = trendPeriods(periodContaining('week', '2027-01-14'));
    expect(trend.map((t) => t.label)).toEqual([
      '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49',
      '2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02',
    ]);
    expect(trend[0]!.from).toBe('2026-10-26');
    expect(trend[9]).toEqual({ kind: 'week', from: '2026-12-28', to: '2027-01-03', label: '2026-W53' });
    expect(trend[11]!.to).toBe('2027-01-17');
    expectContiguous(trend);
  });

  it('gives the 12 months ending with the given one, with the right February', () => {
    const trend = trendPeriods(periodContaining('month', '2026-03-10'));
    expect(trend.map((t) => t.label)).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09',
      '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    expect(trend[0]).toEqual({ kind: 'month', from: '2025-04-01', to: '2025-04-30', label: '2025-04' });
    expect(trend[10]).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026-02' });
    expectContiguous(trend);
    expect(trendPeriods(periodContaining('month', '2028-03-01'))[10]).toEqual({ kind: 'month', from: '2028-02-01', to: '2028-02-29', label: '2028-02' });
  });

  it('gives the 12 quarters ending with the given one', () => {
    const trend = trendPeriods(periodContaining('quarter', '2026-11-15'));
    expect(trend.map((t) => t.label)).toEqual([
      '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2',
      '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4',
    ]);
    expect(trend[0]).toEqual({ kind: 'quarter', from: '2024-01-01', to: '2024-03-31', label: '2024-Q1' });
    expect(trend[11]).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31', label: '2026-Q4' });
    expectContiguous(trend);
  });

  it('gives the 12 years ending with the given one', () => {
    const trend = trendPeriods(periodContaining('year', '2026-06-15'));
    expect(trend.map((t) => t.label)).toEqual(['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    expect(trend[0]).toEqual({ kind: 'year', from: '2015-01-01', to: '2015-12-31', label: '2015' });
    expectContiguous(trend);
  });

  it('honours another count', () => {
    expect(trendPeriods(periodContaining('month', '2026-01-20'), 3).map((t) => t.label)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(trendPeriods(periodContaining('quarter', '2026-01-20'), 1).map((t) => t.label)).toEqual(['2026-Q1']);
  });

  it('property: 12 contiguous periods of one kind ending with the given one', () => {
    const kinds = ['week', 'month', 'quarter', 'year'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), isoDateArb('1990-01-01', '2099-12-31'), (kind, at) => {
        const p = periodContaining(kind, at);
        const trend = trendPeriods(p);
        expect(trend).toHaveLength(12);
        expect(trend[11]).toEqual(p);
        expect(trend.every((t) => t.kind === kind)).toBe(true);
        expect(new Set(trend.map((t) => t.label)).size).toBe(12);
        expectContiguous(trend);
      }),
    );
  });
});

describe('trendPeriods: custom periods', () => {
  it('keeps a single day as one piece', () => {
    expect(trendPeriods(customPeriod('2026-03-10', '2026-03-10'))).toEqual([{ kind: 'custom', from: '2026-03-10', to: '2026-03-10', label: '2026-03-10' }]);
  });

  it('cuts 14 days into single days', () => {
    const trend = trendPeriods(customPeriod('2026-03-01', '2026-03-14'));
    expect(trend).toHaveLength(14);
    expect(trend[0]).toEqual({ kind: 'custom', from: '2026-03-01', to: '2026-03-01', label: '2026-03-01' });
    expect(trend[13]).toEqual({ kind: 'custom', from: '2026-03-14', to: '2026-03-14', label: '2026-03-14' });
    expectContiguous(trend);
  });

  it('cuts 15 days into ISO weeks, clipping the first and last', () => {
    expect(trendPeriods(customPeriod('2026-01-01', '2026-01-15'))).toEqual([
      { kind: 'week', from: '2026-01-01', to: '2026-01-04', label: '2026-W01' },
      { kind: 'week', from: '2026-01-05', to: '2026-01-11', label: '2026-W02' },
      { kind: 'week', from: '2026-01-12', to: '2026-01-15', label: '2026-W03' },
    ]);
  });

  it('cuts 92 days into weeks', () => {
    const trend = trendPeriods(customPeriod('2026-01-15', '2026-04-16'));
    expect(trend).toHaveLength(14);
    expect(trend.every((t) => t.kind === 'week')).toBe(true);
    expect(trend[0]).toEqual({ kind: 'week', from: '2026-01-15', to: '2026-01-18', label: '2026-W03' });
    expect(trend[1]).toEqual({ kind: 'week', from: '2026-01-19', to: '2026-01-25', label: '2026-W04' });
    expect(trend[13]).toEqual({ kind: 'week', from: '2026-04-13', to: '2026-04-16', label: '2026-W16' });
    expectContiguous(trend);
  });

  it('cuts 93 days into months, clipping the first and last', () => {
    expect(trendPeriods(customPeriod('2026-01-15', '2026-04-17'))).toEqual([
      { kind: 'month', from: '2026-01-15', to: '2026-01-31', label: '2026-01' },
      { kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026-02' },
      { kind: 'month', from: '2026-03-01', to: '2026-03-31', label: '2026-03' },
      { kind: 'month', from: '2026-04-01', to: '2026-04-17', label: '2026-04' },
    ]);
  });

  it('cuts a long range across years into months', () => {
    const trend = trendPeriods(customPeriod('2025-11-10', '2027-02-03'));
    expect(trend).toHaveLength(16);
    expect(trend[0]).toEqual({ kind: 'month', from: '2025-11-10', to: '2025-11-30', label: '2025-11' });
    expect(trend[2]).toEqual({ kind: 'month', from: '2026-01-01', to: '2026-01-31', label: '2026-01' });
    expect(trend[15]).toEqual({ kind: 'month', from: '2027-02-01', to: '2027-02-03', label: '2027-02' });
    expectContiguous(trend);
  });

  it('property: the pieces are contiguous, non-overlapping and cover exactly [from, to]', () => {
    fc.assert(
      fc.property(isoDateArb('1995-01-01', '2095-12-31'), fc.integer({ min: 1, max: 3 * 366 }), (from, span) => {
        const to = isoOf(dayNo(from) + span - 1);
        const pieces = trendPeriods(customPeriod(from, to));
        expect(pieces[0]!.from).toBe(from);
        expect(pieces.at(-1)!.to).toBe(to);
        for (const piece of pieces) expect(piece.from <= piece.to).toBe(true);
        expectContiguous(pieces);
        expect(pieces.reduce((s, p) => s + dayNo(p.to) - dayNo(p.from) + 1, 0)).toBe(span);

        const last = pieces.length - 1;
        if (span > 92) {
          pieces.forEach((p, i) => {
            expect(p.kind).toBe('month');
            expect(p.to.slice(0, 7)).toBe(p.from.slice(0, 7));
            if (i > 0) expect(p.from.endsWith('-01')).toBe(true);
            if (i < last) expect(nextDay(p.to).endsWith('-01')).toBe(true);
          });
        } else if (span > 14) {
          pieces.forEach((p, i) => {
            expect(p.kind).toBe('week');
            expect(dayNo(p.to) - dayNo(p.from)).toBeLessThanOrEqual(6);
            if (i > 0) expect(weekdayOf(p.from)).toBe(1);
            if (i < last) expect(weekdayOf(p.to)).toBe(0);
          });
        } else {
          expect(pieces).toHaveLength(span);
          for (const p of pieces) expect(p).toEqual({ kind: 'custom', from: p.from, to: p.from, label: p.from });
        }
      }),
    );
  });
});

describe('qualification bands', () => {
  it('has a band per minute up to an hour, then bands 5 % wider each, up to two weeks', () => {
    expect(QUALIFY_BANDS.slice(0, 60)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(QUALIFY_BANDS.slice(60, 66)).toEqual([63, 66, 69, 72, 76, 80]);
    expect(QUALIFY_BANDS.at(-1)).toBe(14 * 24 * 60);
    expect(QUALIFY_BANDS).toHaveLength(180);
    for (let i = 1; i < QUALIFY_BANDS.length; i++) {
      const [lower, upper] = [QUALIFY_BANDS[i - 1]!, QUALIFY_BANDS[i]!];
      expect(Number.isInteger(upper)).toBe(true);
      expect(upper).toBeGreaterThan(lower);
      // The precision the indicator's definition promises: a minute, or 5 % of the band's start.
      expect(upper - lower).toBeLessThanOrEqual(Math.max(1, Math.ceil(lower * 0.05)));
    }
  });

  it.each([
    [0, 1],
    [0.5, 1],
    [1, 1],
    [1.01, 2],
    [15, 15],
    [59.5, 60],
    [60, 60],
    [60.2, 63],
    [63, 63],
    [64, 66],
    [20_160, 20_160],
    [20_160.5, null],
    [100_000, null],
  ])('%s minutes fall in the band up to %s', (minutes, band) => {
    expect(qualifyBand(minutes)).toBe(band);
  });

  it('property: a time falls in the first band whose bound is not below it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30_000, noNaN: true }), (minutes) => {
        expect(qualifyBand(minutes)).toBe(QUALIFY_BANDS.find((b) => minutes <= b) ?? null);
      }),
    );
  });

  it('names the band metrics, the open one "more"', () => {
    expect(qualifyMetric(15)).toBe('leads.qualify.15');
    expect(qualifyMetric(20_160)).toBe('leads.qualify.20160');
    expect(qualifyMetric(null)).toBe('leads.qualify.more');
  });

  it('reads the counts per band in order, the open band last, missing ones as 0', () => {
    const sums: MetricSums = { 'leads.qualify.1': 3, 'leads.qualify.3': 2, 'leads.qualify.20160': 4, 'leads.qualify.more': 7, 'leads.answered': 99 };
    const counts = qualifyCounts(sums);
    expect(counts).toHaveLength(QUALIFY_BANDS.length + 1);
    expect(counts.slice(0, 4)).toEqual([3, 0, 2, 0]);
    expect(counts.slice(-2)).toEqual([4, 7]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(16);
    expect(qualifyCounts({}).every((c) => c === 0)).toBe(true);
  });

  it('property: the median read from the bands is the median of the times, to the minute or within 5 %', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 20_000, noNaN: true }), { minLength: 1, maxLength: 60 }), (times) => {
        const counts = qualifyCounts(Object.fromEntries(Object.entries(countBy(times.map((t) => qualifyMetric(qualifyBand(t)))))));
        const sorted = [...times].sort((a, b) => a - b);
        // With an even count, any point between the two middle times is a median.
        const [low, high] = [sorted[Math.ceil(sorted.length / 2) - 1]!, sorted[Math.floor(sorted.length / 2)]!];
        const slack = (t: number) => Math.max(1, 0.05 * t);
        const median = medianFromBands(counts)!;
        expect(median).toBeGreaterThanOrEqual(low - slack(low));
        expect(median).toBeLessThanOrEqual(high + slack(high));
      }),
    );
  });
});

/** How many times each value occurs. */
const countBy = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

describe('medianFromBands', () => {
  /** Coarse bounds, to follow the interpolation by hand. */
  const COARSE = [15, 30, 60, 120, 240, 480, 1440, 2880, 5760, 10080];
  const medianFrom = (counts: number[], bounds: number[] = COARSE) => medianFromBands(counts, bounds);
  const zeros = (n: number) => Array.from({ length: n }, () => 0);
  /** Counts with `count` in band `index` only (11 bands: 10 bounds and the open one). */
  const only = (index: number, count = 4) => zeros(11).map((_, i) => (i === index ? count : 0));

  it('is null with nothing counted', () => {
    expect(medianFrom([])).toBeNull();
    expect(medianFrom(zeros(11))).toBeNull();
  });

  it.each([
    [0, 7.5], // 0–15
    [1, 22.5], // 15–30
    [2, 45], // 30–60
    [6, 960], // 480–1440
    [9, 7920], // 5760–10080
    [10, 15120], // open band read as 10080–20160
  ])('is the middle of band %s when all counts are in it', (index, median) => {
    expect(medianFrom(only(index))).toBe(median);
    expect(medianFrom(only(index, 1))).toBe(median);
  });

  it('interpolates inside the band that holds the middle', () => {
    expect(medianFrom([1, 1])).toBe(15); // half reached exactly at the end of the first band
    expect(medianFrom([3, 1])).toBeCloseTo(10, 12); // 2 of 3 into 0–15
    expect(medianFrom([1, 3])).toBeCloseTo(20, 12); // 1 of 3 into 15–30
    expect(medianFrom([2, 3, 5])).toBe(30);
    expect(medianFrom([2, 2, 5, 1])).toBeCloseTo(36, 12); // 1 of 5 into 30–60
    expect(medianFrom([0, 1, 0, 1])).toBe(30);
    expect(medianFrom([1, 0, 0, 1])).toBe(15); // the empty bands in between do not hold it
  });

  it('accepts fractional counts (allocation shares)', () => {
    expect(medianFrom([0.5, 0.5])).toBe(15);
    expect(medianFrom([1.5, 0.5])).toBeCloseTo(10, 12);
  });

  it('reads the open last band as ending at twice the last bound', () => {
    expect(medianFrom([0, 2], [10])).toBe(15);
    expect(medianFrom([0, 0, 4], [10, 40])).toBe(60);
    expect(medianFrom([1, 0, 3], [10, 40])).toBeCloseTo(40 + (1 / 3) * 40, 12);
  });

  it('takes other bounds', () => {
    expect(medianFrom([2, 2], [10])).toBe(10);
    expect(medianFrom([1, 2, 1], [10, 20])).toBe(15);
  });

  const countsArb = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 11, maxLength: 11 }).filter((c) => c.some((x) => x > 0));

  it('property: lies between 0 and twice the last bound', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const median = medianFrom(counts)!;
        expect(median).not.toBeNull();
        expect(median).toBeGreaterThanOrEqual(0);
        expect(median).toBeLessThanOrEqual(2 * 10080);
      }),
    );
  });

  it('property: never falls when counts move to a higher band', () => {
    fc.assert(
      fc.property(countsArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 }), (counts, a, b, k) => {
        const from = a % 11;
        fc.pre(counts[from]! > 0 && from < 10);
        const to = from + 1 + (b % (10 - from));
        const moved = Math.min(k, counts[from]!);
        const after = counts.map((c, i) => (i === from ? c - moved : i === to ? c + moved : c));
        expect(medianFrom(after)!).toBeGreaterThanOrEqual(medianFrom(counts)! - 1e-9);
      }),
    );
  });

  it('property: depends only on the proportions', () => {
    fc.assert(
      fc.property(countsArb, fc.integer({ min: 2, max: 9 }), (counts, k) => {
        expect(medianFrom(counts.map((c) => c * k))!).toBeCloseTo(medianFrom(counts)!, 9);
      }),
    );
  });
});

describe('forecastPipeline', () => {
  const november = { from: '2026-11-01', to: '2026-11-30' };
  const snapshot: MetricSums = {
    'forecast.2026-10-15': 100, // before the period
    'forecast.2026-11-05': 200,
    'forecast.2026-11-20': 400,
    'forecast.2026-11-30': 800, // the period's last day
    'forecast.2026-12-01': 1600, // after the period
    'pipeline.proposal.cents': 10_000,
    'leads.received': 5,
  };

  it('is 0 for a past period', () => {
    expect(forecastPipeline(snapshot, november, '2026-12-01')).toBe(0);
    expect(forecastPipeline(snapshot, november, '2027-03-10')).toBe(0);
  });

  it('counts, for the current period, what is due in it and what is overdue', () => {
    expect(forecastPipeline(snapshot, november, '2026-11-10')).toBe(100 + 200 + 400 + 800);
    expect(forecastPipeline(snapshot, november, '2026-11-01')).toBe(100 + 200 + 400 + 800); // first day
    expect(forecastPipeline(snapshot, november, '2026-11-30')).toBe(100 + 200 + 400 + 800); // last day still current
  });

  it('counts an overdue deal from before the period once only, and one due in it once', () => {
    expect(forecastPipeline({ 'forecast.2026-11-05': 200 }, november, '2026-11-10')).toBe(200);
    expect(forecastPipeline({ 'forecast.2025-06-30': 50 }, november, '2026-11-10')).toBe(50);
    expect(forecastPipeline({ 'forecast.2026-12-15': 50 }, november, '2026-11-10')).toBe(0);
  });

  it('counts what is due today in the current period, not as overdue in a future one', () => {
    expect(forecastPipeline({ 'forecast.2026-11-10': 70 }, november, '2026-11-10')).toBe(70);
    expect(forecastPipeline({ 'forecast.2026-10-20': 70 }, november, '2026-10-20')).toBe(0);
  });

  it('counts, for a future period, only what is due inside it', () => {
    expect(forecastPipeline(snapshot, november, '2026-10-20')).toBe(200 + 400 + 800);
    expect(forecastPipeline(snapshot, { from: '2026-12-01', to: '2026-12-31' }, '2026-11-10')).toBe(1600);
  });

  it('ignores metrics other than forecast.*', () => {
    expect(forecastPipeline({ 'pipeline.proposal.cents': 10_000, 'deals.won_cents': 3, 'leads.received': 5 }, november, '2026-11-10')).toBe(0);
    expect(forecastPipeline({}, november, '2026-11-10')).toBe(0);
  });
});

describe('leadFunnel', () => {
  it('reads its four stages from the period’s counters, missing ones as 0', () => {
    const sums: MetricSums = { 'leads.received': 40, 'leads.answered': 30, 'leads.converted': 9, 'deals.won_from_lead': 4, 'deals.won': 11 };
    expect(leadFunnel(sums)).toEqual({ received: 40, answered: 30, converted: 9, won: 4 });
    expect(leadFunnel({})).toEqual({ received: 0, answered: 0, converted: 0, won: 0 });
  });
});

describe('runRate', () => {
  it('is read over the 90 full days before today', () => {
    expect(RUN_RATE_DAYS).toBe(90);
    expect(runRateWindow('2026-03-01')).toEqual({ from: '2025-12-01', to: '2026-02-28' });
  });

  it.each([
    ['the days after today in a current period', { from: '2026-02-01', to: '2026-02-28' }, '2026-02-15', 13],
    ['none on its last day', { from: '2026-02-01', to: '2026-02-28' }, '2026-02-28', 0],
    ['none for a past period', { from: '2026-01-01', to: '2026-01-31' }, '2026-02-15', 0],
    ['every day of a future period', { from: '2026-03-01', to: '2026-03-31' }, '2026-02-15', 31],
    ['a future period starting tomorrow', { from: '2026-02-16', to: '2026-02-22' }, '2026-02-15', 7],
  ])('counts %s', (_, period, today, days) => {
    expect(runRate(90 * 1_000, period, today)).toBe(days * 1_000);
  });

  it('is nothing without quick business, and rounds to the cent', () => {
    expect(runRate(0, { from: '2026-03-01', to: '2026-03-31' }, '2026-02-15')).toBe(0);
    expect(runRate(100, { from: '2026-03-01', to: '2026-03-01' }, '2026-02-15')).toBe(1);
  });
});

describe('computeFigures', () => {
  const sums: MetricSums = {
    'leads.received': 40,
    'leads.received_late': 6,
    'leads.relayed': 8,
    'leads.relayed_answered': 6,
    'leads.answered': 10,
    'leads.answered_on_time': 7,
    'leads.qualify.15': 2,
    'leads.qualify.30': 2,
    'leads.qualify.60': 5,
    'leads.qualify.124': 1,
    'leads.concluded': 20,
    'leads.converted': 5,
    'leads.potential_concluded': 4,
    'leads.potential_converted': 3,
    'interactions.logged': 90,
    'deals.won': 4,
    'deals.won_cents': 1_200_000,
    'deals.lost': 12,
    'deals.won_relayed': 1,
    'deals.stage_changes': 25,
    'deals.stage_changes_backed': 20,
    'cases.resolved': 8,
    'cases.resolved_in_sla': 6,
    'cases.resolution_minutes': 4800,
    'cases.transfers': 2,
    'cases.breached': 3,
  };
  const now: MetricSums = {
    'pipeline.qualification.cents': 100_000,
    'pipeline.proposal.cents': 250_000,
    'pipeline.negotiation.cents': 400_000,
    'pipeline.qualification.count': 3,
    'forecast.2026-01-20': 7_000, // overdue
    'forecast.2026-02-10': 30_000, // in February, before today
    'forecast.2026-02-27': 50_000, // in February, after today
    'forecast.2026-03-05': 90_000, // March
    'cases.backlog': 11,
    'cases.backlog_breached': 4,
    'accounts.count': 4,
    'accounts.completeness': 300, // e.g. 100 + 80 + 70 + 50 per cent
  };
  // February 2026: 28 days, 4 weeks.
  const ctx: FigureContext = { period: { from: '2026-02-01', to: '2026-02-28' }, headcount: 1.5, today: '2026-02-15' };

  it('computes every indicator of the catalogue, and nothing else', () => {
    const figures = computeFigures(sums, now, ctx);
    expect(Object.keys(figures).sort()).toEqual([...INDICATOR_IDS].sort());
    expect(figuresSchema.safeParse(figures).success).toBe(true);
  });

  it('computes each indicator from the sums and the figures of now', () => {
    const f = computeFigures(sums, now, ctx);
    expect(f.leads_received).toEqual({ value: 40 });
    expect(f.lead_conversion).toEqual({ value: 0.25, numerator: 5, denominator: 20 });
    expect(f.potential_conversion).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(f.leads_on_time).toEqual({ value: 0.7, numerator: 7, denominator: 10 });
    // 2 answers up to 15 min, 2 up to 30, 5 in 59–60, 1 in 118–124: the 5th of 10 is 1 of 5 into 59–60.
    expect(f.qualification_median!.value).toBeCloseTo(59.2, 12);
    expect(f.qualification_median!.denominator).toBe(10);
    expect(f.interactions_logged).toEqual({ value: 90 });
    // 90 contacts ÷ (1.5 people × 4 weeks).
    expect(f.interactions_per_rep_week).toEqual({ value: 15, numerator: 90, denominator: 6 });
    expect(f.logging_compliance).toEqual({ value: 0.8, numerator: 20, denominator: 25 });
    expect(f.pipeline).toEqual({ value: 750_000, parts: { qualification: 100_000, proposal: 250_000, negotiation: 400_000 } });
    expect(f.won_revenue).toEqual({ value: 1_200_000, numerator: 4 });
    expect(f.win_rate).toEqual({ value: 0.25, numerator: 4, denominator: 16 });
    // Won 1,200,000 + due in February or overdue 7,000 + 30,000 + 50,000.
    expect(f.forecast).toEqual({ value: 1_287_000, parts: { won: 1_200_000, weightedPipeline: 87_000, runRate: 0 } });
    expect(f.case_sla_adherence).toEqual({ value: 0.75, numerator: 6, denominator: 8 });
    expect(f.case_backlog).toEqual({ value: 11, parts: { breached: 4 } });
    expect(f.case_resolution_mean).toEqual({ value: 600, denominator: 8 });
    expect(f.case_transfers).toEqual({ value: 0.25, numerator: 2, denominator: 8 });
    expect(f.data_completeness).toEqual({ value: 0.75, denominator: 4 });
    expect(f.relayed_won_share).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
    expect(f.relay_feedback).toEqual({ value: 0.75, numerator: 6, denominator: 8 });
    expect(f.late_lead_share).toEqual({ value: 0.15, numerator: 6, denominator: 40 });
    expect(f.breached_cases).toEqual({ value: 3 });
  });

  it('makes ratios null, never 0 or NaN, when their denominator is 0', () => {
    const f = computeFigures({}, {}, ctx);
    const nulls: IndicatorId[] = [
      'lead_conversion', 'potential_conversion', 'leads_on_time', 'qualification_median', 'logging_compliance', 'win_rate',
      'case_sla_adherence', 'case_resolution_mean', 'case_transfers', 'data_completeness', 'relayed_won_share', 'relay_feedback', 'late_lead_share',
    ];
    for (const id of nulls) expect(f[id]!.value, id).toBeNull();
    const zeros: IndicatorId[] = ['leads_received', 'interactions_logged', 'interactions_per_rep_week', 'pipeline', 'won_revenue', 'forecast', 'case_backlog', 'breached_cases'];
    for (const id of zeros) expect(f[id]!.value, id).toBe(0);
    expect(figuresSchema.safeParse(f).success).toBe(true);
  });

  it('stays null when a numerator is counted but its denominator is not', () => {
    const f = computeFigures(
      {
        'leads.converted': 3, 'leads.potential_converted': 2, 'leads.answered_on_time': 1, 'deals.stage_changes_backed': 4,
        'cases.resolved_in_sla': 2, 'cases.resolution_minutes': 600, 'cases.transfers': 1, 'leads.relayed_answered': 2, 'leads.received_late': 1,
      },
      { 'accounts.completeness': 80 },
      ctx,
    );
    const ids: IndicatorId[] = [
      'lead_conversion', 'potential_conversion', 'leads_on_time', 'logging_compliance', 'case_sla_adherence',
      'case_resolution_mean', 'case_transfers', 'relay_feedback', 'late_lead_share', 'data_completeness',
    ];
    for (const id of ids) expect(f[id]!.value, id).toBeNull();
    expect(f.lead_conversion).toEqual({ value: null, numerator: 3, denominator: 0 });
  });

  it('counts lost deals in the win rate’s denominator, and a win rate of 0 is 0', () => {
    expect(computeFigures({ 'deals.lost': 5 }, {}, ctx).win_rate).toEqual({ value: 0, numerator: 0, denominator: 5 });
    expect(computeFigures({ 'deals.won': 3 }, {}, ctx).win_rate).toEqual({ value: 1, numerator: 3, denominator: 3 });
    expect(computeFigures({ 'deals.won': 0, 'deals.won_relayed': 0 }, {}, ctx).relayed_won_share!.value).toBeNull();
  });

  it('divides contacts by headcount × weeks in the period', () => {
    const week = { from: '2026-11-23', to: '2026-11-29' };
    expect(computeFigures({ 'interactions.logged': 12 }, {}, { ...ctx, period: week, headcount: 2 }).interactions_per_rep_week).toEqual({ value: 6, numerator: 12, denominator: 2 });
    expect(computeFigures({ 'interactions.logged': 28 }, {}, { ...ctx, headcount: 1 }).interactions_per_rep_week!.value).toBe(7); // 28 days: 4 weeks
    const january = computeFigures({ 'interactions.logged': 31 }, {}, { ...ctx, period: { from: '2026-01-01', to: '2026-01-31' }, headcount: 1 });
    expect(january.interactions_per_rep_week!.value).toBeCloseTo(7, 12); // 31 ÷ (31/7)
  });

  it('has no contacts per rep and week for nobody', () => {
    expect(computeFigures({ 'interactions.logged': 12 }, {}, { ...ctx, headcount: 0 }).interactions_per_rep_week).toEqual({ value: null, numerator: 12, denominator: 0 });
  });

  it('reads data completeness as the average completeness in per cent, over 100', () => {
    expect(computeFigures({}, { 'accounts.count': 3, 'accounts.completeness': 150 }, ctx).data_completeness).toEqual({ value: 0.5, denominator: 3 });
    expect(computeFigures({}, { 'accounts.count': 1, 'accounts.completeness': 100 }, ctx).data_completeness!.value).toBe(1);
    expect(computeFigures({}, { 'accounts.count': 2, 'accounts.completeness': 0 }, ctx).data_completeness!.value).toBe(0);
  });

  it('sums only the open stages into the pipeline', () => {
    const f = computeFigures({}, { ...now, 'pipeline.won.cents': 999_999, 'pipeline.lost.cents': 888_888 }, ctx);
    expect(f.pipeline).toEqual({ value: 750_000, parts: { qualification: 100_000, proposal: 250_000, negotiation: 400_000 } });
    expect(computeFigures({}, { 'pipeline.proposal.cents': 5 }, ctx).pipeline).toEqual({ value: 5, parts: { qualification: 0, proposal: 5, negotiation: 0 } });
  });

  it('forecasts only what was won for a past period, and only what is due for a future one', () => {
    const past = computeFigures(sums, now, { ...ctx, today: '2026-03-02', quickWon: 9_000_000 });
    expect(past.forecast).toEqual({ value: 1_200_000, parts: { won: 1_200_000, weightedPipeline: 0, runRate: 0 } });
    const march = computeFigures({}, now, { ...ctx, period: { from: '2026-03-01', to: '2026-03-31' } });
    expect(march.forecast).toEqual({ value: 90_000, parts: { won: 0, weightedPipeline: 90_000, runRate: 0 } });
  });

  it('adds the run rate of quick business for the days left in the period', () => {
    // 900,000 won quickly over the last 90 days: 10,000 a day; 13 days left in February after the 15th.
    const f = computeFigures(sums, now, { ...ctx, quickWon: 900_000 });
    expect(f.forecast).toEqual({ value: 1_200_000 + 87_000 + 130_000, parts: { won: 1_200_000, weightedPipeline: 87_000, runRate: 130_000 } });
    const march = computeFigures({}, now, { ...ctx, period: { from: '2026-03-01', to: '2026-03-31' }, quickWon: 900_000 });
    expect(march.forecast!.parts).toEqual({ won: 0, weightedPipeline: 90_000, runRate: 310_000 });
  });

  it('reads snapshot indicators from the figures of now only, the others from the period’s sums only', () => {
    const all: MetricSums = { ...sums, ...now };
    const empty = computeFigures({}, {}, ctx);
    const inSums = computeFigures(all, {}, ctx);
    const inNow = computeFigures({}, all, ctx);
    const snapshots = INDICATORS.filter((i) => i.snapshot).map((i) => i.id);
    expect(snapshots.sort()).toEqual(['case_backlog', 'data_completeness', 'pipeline']);
    for (const { id, snapshot } of INDICATORS) {
      if (id === 'forecast') continue; // won in the period + open deals of now, both checked above
      if (snapshot) {
        expect(inSums[id], id).toEqual(empty[id]);
        expect(inNow[id], id).not.toEqual(empty[id]);
      } else {
        expect(inNow[id], id).toEqual(empty[id]);
        expect(inSums[id], id).not.toEqual(empty[id]);
      }
    }
  });
});

describe('alerts: crossing, windows, absence', () => {
  it('a figure crosses only on the wrong side, strictly; nothing measured never crosses', () => {
    expect(isCrossed(0.11, 'above', 0.1)).toBe(true);
    expect(isCrossed(0.1, 'above', 0.1)).toBe(false);
    expect(isCrossed(0.09, 'below', 0.1)).toBe(true);
    expect(isCrossed(0.1, 'below', 0.1)).toBe(false);
    expect(isCrossed(null, 'below', 1)).toBe(false);
    expect(isCrossed(Number.NaN, 'above', 0)).toBe(false);
  });

  it('fires on the way in, clears on the way out, holds otherwise — once per crossing over any sequence', () => {
    expect(crossingStep(false, true)).toBe('fire');
    expect(crossingStep(true, true)).toBe('hold');
    expect(crossingStep(true, false)).toBe('clear');
    expect(crossingStep(false, false)).toBe('hold');
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (states) => {
        let was = false;
        let fired = 0;
        let entries = 0;
        let previous = false;
        for (const now of states) {
          if (crossingStep(was, now) === 'fire') fired++;
          if (now && !previous) entries++;
          was = now;
          previous = now;
        }
        expect(fired).toBe(entries);
      }),
    );
  });

  const weekdaysOnly = (holidays: string[] = []) => (date: string, weekday: number) => weekday <= 5 && !holidays.includes(date);

  it('looks at the last N business days before today, skipping weekends and holidays', () => {
    // Sunday 29 November 2026: the last 5 business days are Monday 23 to Friday 27.
    expect(alertPeriod({ periodKind: 'business_days', periodDays: 5 }, '2026-11-29', weekdaysOnly())).toEqual({ from: '2026-11-23', to: '2026-11-27' });
    // Monday 30: today is not over, so the window still ends on Friday 27 and starts Monday 23.
    expect(alertPeriod({ periodKind: 'business_days', periodDays: 5 }, '2026-11-30', weekdaysOnly())).toEqual({ from: '2026-11-23', to: '2026-11-27' });
    // Friday 13 November 2026, with Wednesday 11 (Armistice) a holiday: Mon 9, Tue 10, Thu 12 and the previous Thu 5, Fri 6.
    expect(alertPeriod({ periodKind: 'business_days', periodDays: 5 }, '2026-11-13', weekdaysOnly(['2026-11-11']))).toEqual({ from: '2026-11-05', to: '2026-11-12' });
    expect(alertPeriod({ periodKind: 'business_days', periodDays: 1 }, '2026-11-30', weekdaysOnly())).toEqual({ from: '2026-11-27', to: '2026-11-27' });
    expect(alertPeriod({ periodKind: 'week', periodDays: null }, '2026-11-29', weekdaysOnly())).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(alertPeriod({ periodKind: 'month', periodDays: null }, '2026-11-29', weekdaysOnly())).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('keeps one crossing state per calendar period, and one for a rolling window', () => {
    expect(stateKey({ periodKind: 'week', periodDays: null }, { from: '2026-11-23' })).toBe('2026-11-23');
    expect(stateKey({ periodKind: 'business_days', periodDays: 5 }, { from: '2026-11-23' })).toBe('-infinity');
  });

  it('an absence overlapping the window, open-ended or not, spares the rep', () => {
    const window = { from: '2026-11-23', to: '2026-11-27' };
    expect(absentDuring({ from: null, until: null }, window)).toBe(false);
    expect(absentDuring({ from: '2026-11-27', until: '2026-11-30' }, window)).toBe(true);
    expect(absentDuring({ from: '2026-11-10', until: '2026-11-23' }, window)).toBe(true);
    expect(absentDuring({ from: '2026-11-10', until: '2026-11-22' }, window)).toBe(false);
    expect(absentDuring({ from: '2026-11-28', until: null }, window)).toBe(false);
    expect(absentDuring({ from: '2026-11-01', until: null }, window)).toBe(true);
  });
});

describe('objectives and words', () => {
  it('attainment is the figure over the target; nothing for a zero target or no figure', () => {
    expect(attainment(500_000, 2_000_000)).toBe(0.25);
    expect(attainment(0.5, 0.4)).toBeCloseTo(1.25, 12);
    expect(attainment(null, 10)).toBeNull();
    expect(attainment(10, 0)).toBeNull();
  });

  it('formats each kind of figure as people read it, in both languages', () => {
    expect(formatIndicatorValue(0.125, 'ratio', 'fr')).toBe('12,5 %');
    expect(formatIndicatorValue(0.125, 'ratio', 'en')).toBe('12.5 %');
    expect(formatIndicatorValue(123_456_789, 'cents', 'en')).toBe('1,234,568 €');
    expect(formatIndicatorValue(45, 'minutes', 'fr')).toBe('45 min');
    expect(formatIndicatorValue(200, 'minutes', 'fr')).toBe('3 h 20');
    expect(formatIndicatorValue(3 * 1440, 'minutes', 'en')).toBe('3 d');
    expect(formatIndicatorValue(null, 'count', 'fr')).toBe('non mesuré');
  });

  it('says a rule and an alert in plain words', () => {
    const rule = { indicator: 'late_lead_share' as const, comparison: 'above' as const, threshold: 0.1, appliesTo: 'agencies' as const, unitName: 'National', periodKind: 'week' as const, periodDays: null };
    expect(alertRuleText(rule, 'fr')).toBe('Leads en retard au-dessus de 10 % sur la semaine, pour chaque agence de National');
    expect(alertRuleText({ ...rule, indicator: 'interactions_logged', comparison: 'below', threshold: 1, appliesTo: 'reps', periodKind: 'business_days', periodDays: 5 }, 'en')).toBe(
      'Contacts logged below 1 over the last 5 business days, for each field rep of National',
    );
    expect(alertText({ indicator: 'late_lead_share', comparison: 'above', threshold: 0.1, value: 0.25, targetName: 'Agence Lyon', from: '2026-11-23', to: '2026-11-29' }, 'fr')).toBe(
      'Agence Lyon : Leads en retard 25 % (seuil : au plus 10 %), du 23/11/2026 au 29/11/2026',
    );
    expect(alertText({ indicator: 'interactions_logged', comparison: 'below', threshold: 1, value: 0, targetName: 'Thomas Petit', from: '2026-11-23', to: '2026-11-27' }, 'en')).toBe(
      'Thomas Petit: Contacts logged 0 (threshold: at least 1), 23 Nov 2026 to 27 Nov 2026',
    );
  });
});
