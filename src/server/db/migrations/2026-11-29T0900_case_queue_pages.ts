// The case queue in pages (GET /api/cases?limit&after) with the count of the whole queue beside each page.
// The pool index carries the columns the reach check and the queue's counts read (region, assignee), so
// "50 of 4,812" is counted from the index alone instead of visiting 4,812 rows. The units' views (a
// manager's pools, agencies, regions; everything for the nation) had no index in the queue's order and
// sorted every open case for each page: one over all open cases lets them read the most urgent first.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    DROP INDEX cases_pool_queue_idx;
    CREATE INDEX cases_pool_queue_idx ON cases(pool_id, urgent_at, opened_at, id) INCLUDE (region_id, assignee_id) WHERE status NOT IN ('resolved','closed');
    CREATE INDEX cases_open_queue_idx ON cases(urgent_at, opened_at, id) WHERE status NOT IN ('resolved','closed');
  `);
}
