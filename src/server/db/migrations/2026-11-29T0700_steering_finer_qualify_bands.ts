// The qualification time bands are finer (a minute each under an hour, 5 % wider each beyond, up to two
// weeks), so the median read from them is near exact. The counters kept in the old bands are marked for
// the catch-up, which recounts those subjects' leads on those days in the new bands, and their units'.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    INSERT INTO steering_dirty (subject_id, day, source)
    SELECT DISTINCT subject_id, day, 'leads' FROM steering_subject_days WHERE metric LIKE 'leads.qualify.%'
    ON CONFLICT DO NOTHING;
  `);
}
