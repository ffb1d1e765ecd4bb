// Assignment by load reads, for each member of a pool, when they last received a case (the rotation's
// tie-break): without this index that is a scan of every case ever opened, per member, per opening.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE INDEX cases_assignee_opened_idx ON cases(assignee_id, opened_at);
  `);
}
