// The test database: one per worker. PGlite in memory by default; PostgreSQL when RELAIS_TEST_DATABASE_URL is set.
import { openDatabase, type Database } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

let shared: Promise<Database> | null = null;

export const testEngine = process.env.RELAIS_TEST_DATABASE_URL ? 'postgres' : 'pglite';

export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const database = await openDatabase({
      databaseUrl: process.env.RELAIS_TEST_DATABASE_URL,
      dataDir: 'memory://',
      command: 'vitest',
      poolSize: 8,
    });
    // On PostgreSQL the global setup has migrated already; on PGlite each worker's instance is new.
    if (database.engine === 'pglite') await migrateToLatest(database.db);
    return database;
  })();
  return shared;
}

export async function testDb() {
  return (await testDatabase()).db;
}
