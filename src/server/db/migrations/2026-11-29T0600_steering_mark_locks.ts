// A write must never leave its steering mark to a catch-up that cannot see it yet. With ON CONFLICT DO
// NOTHING, a write finding its (subject, day) already marked added nothing; a catch-up could then take
// that mark, compute without the still-uncommitted write, and leave no mark once it committed: the fact
// was missing from the rollups until a rebuild. Updating the existing mark instead locks it until the
// write commits, and the catch-up takes marks with SKIP LOCKED, so it leaves that one for the next round.
// The mark functions are rewritten from their current definitions, changing only their conflict clause.
import { sql, type Kysely } from 'kysely';

const MARK_FUNCTIONS = [
  'steering_mark_interactions',
  'steering_mark_leads',
  'steering_mark_deals',
  'steering_mark_stage_changes',
  'steering_mark_cases',
  'steering_mark_accounts',
  'steering_mark_allocation',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of MARK_FUNCTIONS) {
    const found = await sql<{ definition: string }>`SELECT pg_get_functiondef(p.oid) AS definition FROM pg_proc p WHERE p.proname = ${name}`.execute(db);
    const definition = found.rows[0]?.definition;
    if (!definition) throw new Error(`steering mark function ${name} is missing`);
    const rewritten = definition
      .replace(/(INSERT INTO steering_dirty\b[\s\S]*?)ON CONFLICT DO NOTHING/g, '$1ON CONFLICT (subject_id, day, source) DO UPDATE SET day = EXCLUDED.day')
      .replace(/(INSERT INTO steering_unit_dirty\b[\s\S]*?)ON CONFLICT DO NOTHING/g, '$1ON CONFLICT (unit_type, unit_id, day) DO UPDATE SET day = EXCLUDED.day');
    if (rewritten.includes('DO NOTHING')) throw new Error(`steering mark function ${name}: a conflict clause was not rewritten`);
    await sql.raw(rewritten).execute(db);
  }
}
