// After each test file, the worker's whole trace must still verify: no test may leave a broken chain.
import { afterAll, beforeAll, expect } from 'vitest';
import { testDatabase } from './db.ts';
import { verifyTrace } from '../../src/server/trace/verify.ts';

// Opening the worker's database (PGlite takes seconds) counts against the hook timeout, not the first test's.
beforeAll(async () => {
  await testDatabase();
});

afterAll(async () => {
  const database = await testDatabase();
  const report = await verifyTrace(database.db);
  expect(report.broken).toBeNull();
});
