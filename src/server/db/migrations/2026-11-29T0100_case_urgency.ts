// The queue's order as a column: the nearest deadline of an open case (LEAST skips a null one), kept by
// the database, indexed per pool and per assignee, so a queue of thousands reads its most urgent 200
// from an index instead of sorting them all.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE cases ADD COLUMN urgent_at timestamptz GENERATED ALWAYS AS (LEAST(first_response_due_at, resolution_due_at)) STORED;
    DROP INDEX cases_pool_open_idx;
    DROP INDEX cases_assignee_open_idx;
    CREATE INDEX cases_pool_queue_idx ON cases(pool_id, urgent_at, opened_at, id) WHERE status NOT IN ('resolved','closed');
    CREATE INDEX cases_assignee_queue_idx ON cases(assignee_id, urgent_at, opened_at, id) WHERE status NOT IN ('resolved','closed');
  `);
}
