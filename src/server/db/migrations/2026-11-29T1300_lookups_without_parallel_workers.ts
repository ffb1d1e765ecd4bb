// The customer record is read by lookups that find a row or a handful: a caller's number, an email, a SIREN.
// An array containment (phones @> '{+33…}') is estimated at 0.5% of the table whatever the value, so on the
// full data set (400,000 contacts) PostgreSQL planned 2,000 rows and started a parallel worker to sort them:
// 4.8 ms to find one contact, 0.04 ms without the worker (the phone lookup's p95 went over its 5 ms). Nothing
// reads these tables in bulk in a request; a worker's start is never worth it here.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE accounts SET (parallel_workers = 0);
    ALTER TABLE contacts SET (parallel_workers = 0);
  `);
}
