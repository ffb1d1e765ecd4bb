// The business calendar: opening hours on the Europe/Paris clock, weekends and French public holidays.
// Pure: the holidays come in as data (see frenchHolidays), the clock as arguments.
import Holidays from 'date-holidays';

export const PARIS = 'Europe/Paris';

export interface BusinessCalendar {
  /** Minutes after local midnight when the working day opens and closes (09:00 → 540, 18:00 → 1080). */
  opensAt: number;
  closesAt: number;
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. */
  workdays: ReadonlySet<number>;
  /** Local dates ('YYYY-MM-DD') that are public holidays. */
  holidays: ReadonlySet<string>;
}

/** French public holidays (not observances such as Mother's Day) for the given years. */
export function frenchHolidays(years: number[]): Set<string> {
  const hd = new Holidays('FR');
  const dates = new Set<string>();
  for (const year of years) {
    for (const h of hd.getHolidays(year)) if (h.type === 'public') dates.add(h.date.slice(0, 10));
  }
  return dates;
}

/** Monday to Friday, 9:00–18:00 Paris time, French public holidays closed. */
export function defaultCalendar(years: number[]): BusinessCalendar {
  return { opensAt: 9 * 60, closesAt: 18 * 60, workdays: new Set([1, 2, 3, 4, 5]), holidays: frenchHolidays(years) };
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
const offsets = new Map<number, number>();

/**
 * How far the Paris wall clock is ahead of UTC (ms) during the UTC hour holding `t`. Paris changes its
 * offset on the hour (01:00 UTC), so one Intl lookup per hour serves every instant in it: SLA clocks
 * call this thousands of times per page, and Intl is slow.
 */
function parisOffset(t: number): number {
  const hour = Math.floor(t / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const probe = new Date(hour * HOUR_MS);
    const p = Object.fromEntries(partsFormat.formatToParts(probe).map((x) => [x.type, Number(x.value)]));
    offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - probe.getTime();
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

export interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: number; // 1–7
  minutes: number; // minutes since local midnight (seconds as a fraction, milliseconds ignored)
}

/** What the wall clock in Paris shows at this instant. */
export function parisTime(at: Date): LocalTime {
  const local = new Date(at.getTime() + parisOffset(at.getTime()));
  const day = local.getUTCDay();
  return {
    date: local.toISOString().slice(0, 10),
    weekday: day === 0 ? 7 : day,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60,
  };
}

/** The instant when the Paris wall clock shows `minutes` after midnight on `date` (DST-safe). */
export function parisInstant(date: string, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // The instant g with g + offset(g) = wall: start an hour early, correct by the offset observed, twice for the DST edges.
  let guess = wall - HOUR_MS;
  for (let i = 0; i < 2; i++) guess = wall - parisOffset(guess);
  return new Date(guess);
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function isBusinessDay(cal: BusinessCalendar, date: string, weekday: number): boolean {
  return cal.workdays.has(weekday) && !cal.holidays.has(date);
}

/** Whether the business is open at this instant. */
export function isOpen(cal: BusinessCalendar, at: Date): boolean {
  const t = parisTime(at);
  return isBusinessDay(cal, t.date, t.weekday) && t.minutes >= cal.opensAt && t.minutes < cal.closesAt;
}

/**
 * The instant `minutes` of open business time after `start`. Time outside opening hours does not
 * count: a lead relayed on Friday evening starts its clock on Monday (or Tuesday after a holiday).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (minutes < 0) throw new RangeError('minutes must be ≥ 0');
  if (cal.closesAt <= cal.opensAt || cal.workdays.size === 0) throw new RangeError('the calendar is never open');
  let remaining = minutes * 60_000;
  let { date, weekday } = parisTime(start);
  let cursor = start.getTime();
  for (let day = 0; day < 3660; day++) {
    if (isBusinessDay(cal, date, weekday)) {
      const open = Math.max(cursor, parisInstant(date, cal.opensAt).getTime());
      const close = parisInstant(date, cal.closesAt).getTime();
      if (open <= close) {
        if (open + remaining <= close) return new Date(open + remaining);
        remaining -= close - open;
      }
    }
    date = nextDate(date);
    weekday = (weekday % 7) + 1;
    cursor = parisInstant(date, 0).getTime();
  }
  throw new RangeError('no business time within ten years');
}

const DAY_MS = 86_400_000;
/** How far any business-time computation looks: ten years of days. */
const HORIZON_DAYS = 3660;

/** Days since 1970-01-01 of a local date 'YYYY-MM-DD'. */
const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
};
const dateOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday of a day number (1970-01-01 was a Thursday). */
const weekdayOfDay = (n: number) => ((((n + 3) % 7) + 7) % 7) + 1;

/** Open time (ms) of a day between two instants; a closed day has none. */
function openMsWithin(cal: BusinessCalendar, date: string, weekday: number, from: number, to: number): number {
  if (!isBusinessDay(cal, date, weekday)) return 0;
  const open = Math.max(from, parisInstant(date, cal.opensAt).getTime());
  const close = Math.min(to, parisInstant(date, cal.closesAt).getTime());
  return Math.max(0, close - open);
}

/**
 * Open time of whole days, summed once per calendar: sums[i] is the open time of days first … first + i − 1.
 * A queue of 200 cases opened months ago asks for the open time across those months 200 times; summed
 * day by day each time, that was most of the page's cost. Days keep their exact length (DST included).
 */
const openTimeIndexes = new WeakMap<BusinessCalendar, { first: number; sums: number[] }>();

/** Open time (ms) of the whole days from … to − 1 (day numbers). */
function openMsOfDays(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const day = (n: number) => openMsWithin(cal, dateOfDay(n), weekdayOfDay(n), -Infinity, Infinity);
  let index = openTimeIndexes.get(cal);
  if (!index || from < index.first) {
    const first = Math.min(from, index?.first ?? from);
    const sums = [0];
    const upTo = index ? index.first + index.sums.length - 1 : to;
    for (let n = first; n < upTo; n++) sums.push(sums[sums.length - 1]! + day(n));
    index = { first, sums };
    openTimeIndexes.set(cal, index);
  }
  for (let n = index.first + index.sums.length - 1; n < to; n++) index.sums.push(index.sums[index.sums.length - 1]! + day(n));
  return index.sums[to - index.first]! - index.sums[from - index.first]!;
}

/** Open business time between two instants, in minutes (0 when end ≤ start). */
export function businessMinutesBetween(cal: BusinessCalendar, start: Date, end: Date): number {
  if (end <= start) return 0;
  const first = parisTime(start);
  const firstDay = dayNumber(first.date);
  const last = parisTime(end);
  const lastDay = dayNumber(last.date);
  if (lastDay === firstDay) return openMsWithin(cal, first.date, first.weekday, start.getTime(), end.getTime()) / 60_000;
  // The first day from start, the whole days between, the last day up to end; nothing past the horizon.
  const horizon = firstDay + HORIZON_DAYS;
  let total = openMsWithin(cal, first.date, first.weekday, start.getTime(), Infinity) + openMsOfDays(cal, firstDay + 1, Math.min(lastDay, horizon));
  if (lastDay < horizon) total += openMsWithin(cal, last.date, last.weekday, -Infinity, end.getTime());
  return total / 60_000;
}

const MONTHS: Record<'en' | 'fr', string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** "3 May at 10:14" / "3 mai à 10 h 14", Paris time; the year only when it differs from `sameYearAs`'s. */
export function momentInWords(iso: string, lang: 'en' | 'fr', sameYearAs?: string): string {
  const t = parisTime(new Date(iso));
  const [year, month, day] = t.date.split('-').map(Number) as [number, number, number];
  const withYear = sameYearAs === undefined || parisTime(new Date(sameYearAs)).date.slice(0, 4) !== t.date.slice(0, 4);
  // French writes the first of the month as an ordinal: « 1er mai ».
  const date = `${lang === 'fr' && day === 1 ? '1er' : day} ${MONTHS[lang][month - 1]}${withYear ? ` ${year}` : ''}`;
  const hh = Math.floor(t.minutes / 60);
  const mm = String(Math.floor(t.minutes % 60)).padStart(2, '0');
  return lang === 'en' ? `${date} at ${String(hh).padStart(2, '0')}:${mm}` : `${date} à ${hh} h ${mm}`;
}
