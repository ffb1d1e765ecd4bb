// The calendar in force, built once per process and rebuilt when the years it covers run out.
import { defaultCalendar, type BusinessCalendar } from './rules.ts';

let cached: { from: number; to: number; calendar: BusinessCalendar } | null = null;

/** Covers the year before `at` to three years after it: long enough for any deadline we compute. */
export function calendarAt(at: Date): BusinessCalendar {
  const year = at.getUTCFullYear();
  if (!cached || year - 1 < cached.from || year + 2 > cached.to) {
    const years = [year - 1, year, year + 1, year + 2, year + 3];
    cached = { from: years[0]!, to: years[years.length - 1]!, calendar: defaultCalendar(years) };
  }
  return cached.calendar;
}
