// The dashboard's funnel from lead to sale ends with the deals won that came from a lead, counted per owner
// and day as 'deals.won_from_lead'. The won deals' days are marked for the catch-up, which recounts them.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    INSERT INTO steering_dirty (subject_id, day, source)
    SELECT DISTINCT owner_id, closed_on, 'deals' FROM deals WHERE stage = 'won' AND lead_id IS NOT NULL AND closed_on IS NOT NULL
    ON CONFLICT DO NOTHING;
  `);
}
