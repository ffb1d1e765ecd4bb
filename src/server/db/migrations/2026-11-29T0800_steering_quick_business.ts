// A forecast now adds the run rate of quick business (deals won within 30 days of being opened), counted
// per owner and day as 'deals.won_quick_cents'. The won deals' days are marked for the catch-up, which
// recounts them with the new counter, and their units.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    INSERT INTO steering_dirty (subject_id, day, source)
    SELECT DISTINCT owner_id, closed_on, 'deals' FROM deals WHERE stage = 'won' AND closed_on IS NOT NULL
    ON CONFLICT DO NOTHING;
  `);
}
