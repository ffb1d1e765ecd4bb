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

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far any business-time computation looks: ten years of days. */
const HORIZON_DAYS = 3660;
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

// Days are numbered from 1970-01-01 on the Paris calendar, and wall-clock readings are kept as ms "as if
// UTC": the case queue replays SLA clocks thousands of times per page, and date strings cost far more than numbers.

/** What the Paris wall clock shows at instant `t`, in ms as if it were UTC. */
const parisWall = (t: number) => t + parisOffset(t);
const dayOfWall = (wall: number) => Math.floor(wall / DAY_MS);
/** Minutes since local midnight of a wall-clock reading, seconds as a fraction, milliseconds ignored. */
function minutesOfWall(wall: number): number {
  const ms = wall - dayOfWall(wall) * DAY_MS;
  return Math.floor(ms / MINUTE_MS) + (Math.floor(ms / 1000) % 60) / 60;
}
/** ISO weekday of a day number (1970-01-01 was a Thursday). */
const weekdayOfDay = (n: number) => ((((n + 3) % 7) + 7) % 7) + 1;

interface LocalDate {
  date: string; // YYYY-MM-DD
  year: number;
  month: number; // 1–12
  day: number;
}
const localDates = new Map<number, LocalDate>();

/** The date of a day number, written out once per day. */
function localDateOfDay(n: number): LocalDate {
  let local = localDates.get(n);
  if (local === undefined) {
    const date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    local = { date, year, month, day };
    if (localDates.size >= 100_000) localDates.clear();
    localDates.set(n, local);
  }
  return local;
}

const dayNumbers = new Map<string, number>();

/** Day number of a local date 'YYYY-MM-DD', parsed once per date. */
function dayOfDate(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    n = Date.UTC(y, m - 1, d) / DAY_MS;
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

/** The instant (ms) when the Paris wall clock shows `minutes` after midnight of day `n`; whole minutes, as Date.UTC counts them. */
function instantOfDay(n: number, minutes: number): number {
  const wall = n * DAY_MS + Math.trunc(minutes) * MINUTE_MS;
  // The instant g with g + offset(g) = wall: start an hour early, correct by the offset observed, twice for the DST edges.
  let guess = wall - HOUR_MS;
  for (let i = 0; i < 2; i++) guess = wall - parisOffset(guess);
  return guess;
}

export interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: number; // 1–7
  minutes: number; // minutes since local midnight (seconds as a fraction, milliseconds ignored)
}

/** What the wall clock in Paris shows at this instant. */
export function parisTime(at: Date): LocalTime {
  const wall = parisWall(at.getTime());
  const day = dayOfWall(wall);
  return { date: localDateOfDay(day).date, weekday: weekdayOfDay(day), minutes: minutesOfWall(wall) };
}

/** The instant when the Paris wall clock shows `minutes` after midnight on `date` (DST-safe). */
export function parisInstant(date: string, minutes: number): Date {
  return new Date(instantOfDay(dayOfDate(date), minutes));
}

export function isBusinessDay(cal: BusinessCalendar, date: string, weekday: number): boolean {
  return cal.workdays.has(weekday) && !cal.holidays.has(date);
}

/** Whether the business is open at this instant. */
export function isOpen(cal: BusinessCalendar, at: Date): boolean {
  const wall = parisWall(at.getTime());
  const minutes = minutesOfWall(wall);
  if (minutes < cal.opensAt || minutes >= cal.closesAt) return false;
  const day = dayOfWall(wall);
  return isBusinessDay(cal, localDateOfDay(day).date, weekdayOfDay(day));
}

/**
 * Each day's opening and closing instants (ms) and the running open time, built once per calendar and grown
 * as asked, backwards too: day n sits at n − first, and sums[i] is the open time of days first … first + i − 1.
 * A queue of 200 cases opened months ago asks for the open time across those months 200 times; counted
 * day by day each time, that was most of the page's cost. Days keep their exact length (DST included).
 */
interface DayTable {
  first: number;
  opens: number[];
  closes: number[];
  sums: number[];
}
const dayTables = new WeakMap<BusinessCalendar, DayTable>();

/** When day n opens and closes, as instants (ms). A closed day opens at +∞ and closes at −∞, so no bounds give it open time. */
function openingOfDay(cal: BusinessCalendar, n: number): [open: number, close: number] {
  if (!isBusinessDay(cal, localDateOfDay(n).date, weekdayOfDay(n))) return [Infinity, -Infinity];
  return [instantOfDay(n, cal.opensAt), instantOfDay(n, cal.closesAt)];
}

function appendDay(table: DayTable, open: number, close: number): void {
  table.opens.push(open);
  table.closes.push(close);
  table.sums.push(table.sums[table.sums.length - 1]! + Math.max(0, close - open));
}

/** The calendar's day table, covering at least days from … to − 1. */
function dayTable(cal: BusinessCalendar, from: number, to: number): DayTable {
  let table = dayTables.get(cal);
  if (!table || from < table.first) {
    // Earlier days are asked for: start again from `from`, then copy the days already known.
    const known = table;
    table = { first: from, opens: [], closes: [], sums: [0] };
    for (let n = from; n < (known?.first ?? from); n++) appendDay(table, ...openingOfDay(cal, n));
    for (let i = 0; known && i < known.opens.length; i++) appendDay(table, known.opens[i]!, known.closes[i]!);
    dayTables.set(cal, table);
  }
  for (let n = table.first + table.opens.length; n < to; n++) appendDay(table, ...openingOfDay(cal, n));
  return table;
}

/** Open time (ms) of day n between two instants. */
function openMsWithin(table: DayTable, n: number, from: number, to: number): number {
  return Math.max(0, Math.min(to, table.closes[n - table.first]!) - Math.max(from, table.opens[n - table.first]!));
}

/** Open time (ms) of the whole days from … to − 1, all in the table. */
const openMsOfDays = (table: DayTable, from: number, to: number) => (to <= from ? 0 : table.sums[to - table.first]! - table.sums[from - table.first]!);

/**
 * The instant `minutes` of open business time after `start`. Time outside opening hours does not
 * count: a lead relayed on Friday evening starts its clock on Monday (or Tuesday after a holiday).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (minutes < 0) throw new RangeError('minutes must be ≥ 0');
  if (cal.closesAt <= cal.opensAt || cal.workdays.size === 0) throw new RangeError('the calendar is never open');
  let remaining = minutes * MINUTE_MS;
  const first = dayOfWall(parisWall(start.getTime()));
  const horizon = first + HORIZON_DAYS;
  let table = dayTable(cal, first, first + 1);
  // The start day counts from `start`.
  const open = Math.max(start.getTime(), table.opens[first - table.first]!);
  const close = table.closes[first - table.first]!;
  if (open <= close) {
    if (open + remaining <= close) return new Date(open + remaining);
    remaining -= close - open;
  }
  // Jump over the whole days that the remaining time outlasts by a millisecond or more, in growing strides,
  // the last one by binary search over the running open time. Whole milliseconds come off exactly, so
  // what remains is what the day-by-day count left.
  let day = first + 1;
  for (let stride = 32; day < horizon; stride *= 2) {
    const to = Math.min(horizon, day + stride);
    table = dayTable(cal, day, to);
    if (remaining - openMsOfDays(table, day, to) < 1) {
      let lo = day;
      let hi = to;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (remaining - openMsOfDays(table, day, mid) >= 1) lo = mid;
        else hi = mid;
      }
      remaining -= openMsOfDays(table, day, lo);
      day = lo;
      break;
    }
    remaining -= openMsOfDays(table, day, to);
    day = to;
  }
  // Then day by day: the sum `open + remaining` rounds (remaining has a fraction when minutes do), and
  // the day it lands on must be decided by the same comparison as ever.
  for (; day < horizon; day++) {
    if (day >= table.first + table.opens.length) table = dayTable(cal, day, Math.min(horizon, day + 32));
    const open = table.opens[day - table.first]!;
    const close = table.closes[day - table.first]!;
    if (open <= close) {
      if (open + remaining <= close) return new Date(open + remaining);
      remaining -= close - open;
    }
  }
  throw new RangeError('no business time within ten years');
}

/** Open business time between two instants, in minutes (0 when end ≤ start). */
export function businessMinutesBetween(cal: BusinessCalendar, start: Date, end: Date): number {
  if (end <= start) return 0;
  const firstDay = dayOfWall(parisWall(start.getTime()));
  const lastDay = dayOfWall(parisWall(end.getTime()));
  // The first day from start, the whole days between, the last day up to end; nothing past the horizon.
  const horizon = firstDay + HORIZON_DAYS;
  const table = dayTable(cal, firstDay, Math.min(lastDay + 1, horizon));
  if (lastDay === firstDay) return openMsWithin(table, firstDay, start.getTime(), end.getTime()) / MINUTE_MS;
  let total = openMsWithin(table, firstDay, start.getTime(), Infinity) + openMsOfDays(table, firstDay + 1, Math.min(lastDay, horizon));
  if (lastDay < horizon) total += openMsWithin(table, lastDay, -Infinity, end.getTime());
  return total / MINUTE_MS;
}

const MONTHS: Record<'en' | 'fr', string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** "3 May at 10:14" / "3 mai à 10 h 14", Paris time; the year only when it differs from `sameYearAs`'s. */
export function momentInWords(iso: string, lang: 'en' | 'fr', sameYearAs?: string): string {
  const wall = parisWall(Date.parse(iso));
  const { year, month, day } = localDateOfDay(dayOfWall(wall));
  const withYear = sameYearAs === undefined || localDateOfDay(dayOfWall(parisWall(Date.parse(sameYearAs)))).year !== year;
  // French writes the first of the month as an ordinal: « 1er mai ».
  const date = `${lang === 'fr' && day === 1 ? '1er' : day} ${MONTHS[lang][month - 1]}${withYear ? ` ${year}` : ''}`;
  const minutes = minutesOfWall(wall);
  const hh = Math.floor(minutes / 60);
  const mm = String(Math.floor(minutes % 60)).padStart(2, '0');
  return lang === 'en' ? `${date} at ${String(hh).padStart(2, '0')}:${mm}` : `${date} à ${hh} h ${mm}`;
}
