// After each test file, the worker's whole trace must still verify: no test may leave a broken chain.
import { afterAll, expect } from 'vitest';
import { testDatabase } from './db.ts';
import { verifyTrace } from '../../src/server/trace/verify.ts';

afterAll(async () => {
  const database = await testDatabase();
  const report = await verifyTrace(database.db);
  expect(report.broken).toBeNull();
});
