// On PostgreSQL: migrate once before the workers start, and verify the whole trace once they are done.
import { openDatabase } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { verifyTrace } from '../../src/server/trace/verify.ts';

export async function setup() {
  const url = process.env.RELAIS_TEST_DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://', command: 'vitest setup' });
  await migrateToLatest(database.db);
  await database.close();
}

export async function teardown() {
  const url = process.env.RELAIS_TEST_DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://', command: 'vitest teardown' });
  const report = await verifyTrace(database.db);
  await database.close();
  if (!report.ok) throw new Error(`The trace does not verify after the test run: ${JSON.stringify(report.broken)}`);
  console.log(`Trace verified after the run: ${report.events} events in ${report.streams} streams.`);
}
