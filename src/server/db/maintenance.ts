// Nightly upkeep of the embedded engine. PGlite runs PostgreSQL in single-user mode, without the
// autovacuum that PostgreSQL runs in the background: dead rows would pile up, the planner's statistics
// would stay those of the first load, and index-only scans would keep visiting the table (a relay's pool
// read, which counts each member's open leads, ran twice as slow on the benchmark set for want of it).
// So the server vacuums and analyses it once a night, in a quiet hour, as autovacuum would have.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import { parisTime } from '../calendar/rules.ts';

/**
 * Whether the nightly upkeep is due at `now`: during the Paris hour `hour` (0–23), once per Paris date. A
 * server down during that hour skips the night rather than vacuuming in working hours; on the night clocks go
 * forward, an hour that does not exist (2 o'clock) is skipped too.
 */
export function maintenanceDue(now: Date, hour: number, lastRunDate: string | null): boolean {
  const paris = parisTime(now);
  return Math.floor(paris.minutes / 60) === hour && paris.date !== lastRunDate;
}

/** VACUUM (ANALYZE) of the whole database: outside any transaction (VACUUM cannot run in one). */
export async function vacuumDatabase(db: Db): Promise<void> {
  await sql`VACUUM (ANALYZE)`.execute(db);
}
