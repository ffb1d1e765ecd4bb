import { describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { testDb } from '../../../test/support/db.ts';

/** The plans of queries in a transaction where parallel workers cost nothing: any scan that may go parallel does. */
async function plansWithFreeWorkers(queries: Array<RawBuilder<unknown>>): Promise<string[]> {
  const db = await testDb();
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL parallel_setup_cost = 0`.execute(trx);
    await sql`SET LOCAL parallel_tuple_cost = 0`.execute(trx);
    await sql`SET LOCAL min_parallel_table_scan_size = 0`.execute(trx);
    await sql`SET LOCAL max_parallel_workers_per_gather = 2`.execute(trx);
    const plans: string[] = [];
    for (const query of queries) plans.push((await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${query}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    return plans;
  });
}

describe('lookups on the customer record', () => {
  it('never start a parallel worker on accounts or contacts, where other tables still may', async () => {
    const plans = await plansWithFreeWorkers([
      sql`SELECT c.id FROM contacts c WHERE c.phones @> ARRAY['+33123456789']::text[] AND c.archived_at IS NULL ORDER BY c.last_name LIMIT 20`,
      sql`SELECT a.id FROM accounts a WHERE a.phones @> ARRAY['+33123456789']::text[] AND a.archived_at IS NULL ORDER BY a.name LIMIT 20`,
      sql`SELECT count(*) FROM contacts`,
      sql`SELECT count(*) FROM accounts`,
    ]);
    for (const plan of plans) expect(plan).not.toMatch(/Gather|Parallel/);
    // The setting is the tables' own: with the same costs, a count of interactions goes parallel.
    const [other] = await plansWithFreeWorkers([sql`SELECT count(*) FROM interactions`]);
    expect(other).toMatch(/Parallel/);
  });
});
