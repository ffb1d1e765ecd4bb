// Routing asks, for each member of a sales pool, when they last received a lead (the rotation's
// tie-break): without this index every relay scanned the leads table once per member.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `CREATE INDEX leads_assignee_created_idx ON leads (assignee_id, created_at DESC);`);
}
