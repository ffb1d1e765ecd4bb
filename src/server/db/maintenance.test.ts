import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { maintenanceDue, vacuumDatabase } from './maintenance.ts';
import { openDatabase } from './engine.ts';
import { migrateToLatest } from './migrate.ts';

describe('maintenanceDue', () => {
  it('is due during the Paris hour asked, once per Paris date', () => {
    // Winter: Paris is UTC+1, so 03:00–03:59 in Paris is 02:00–02:59 UTC.
    expect(maintenanceDue(new Date('2026-01-15T02:00:00Z'), 3, null)).toBe(true);
    expect(maintenanceDue(new Date('2026-01-15T02:59:59Z'), 3, null)).toBe(true);
    expect(maintenanceDue(new Date('2026-01-15T01:59:59Z'), 3, null)).toBe(false);
    expect(maintenanceDue(new Date('2026-01-15T03:00:00Z'), 3, null)).toBe(false);
    // Already done this Paris date; due again the next night.
    expect(maintenanceDue(new Date('2026-01-15T02:30:00Z'), 3, '2026-01-15')).toBe(false);
    expect(maintenanceDue(new Date('2026-01-16T02:30:00Z'), 3, '2026-01-15')).toBe(true);
  });

  it('follows Paris summer time (UTC+2)', () => {
    expect(maintenanceDue(new Date('2026-07-15T01:30:00Z'), 3, null)).toBe(true);
    expect(maintenanceDue(new Date('2026-07-15T02:30:00Z'), 3, null)).toBe(false);
  });

  it('never comes in working hours: a server started at 10:00 waits for the night', () => {
    expect(maintenanceDue(new Date('2026-01-15T09:00:00Z'), 3, null)).toBe(false);
  });

  it('skips the hour clocks jump over (2 o’clock on the last Sunday of March) and runs once on the repeated one in October', () => {
    // 29 March 2026: 02:00 Paris becomes 03:00 at 01:00 UTC.
    for (let m = 0; m < 120; m += 5) expect(maintenanceDue(new Date(Date.UTC(2026, 2, 29, 0, m)), 2, null)).toBe(false);
    // 25 October 2026: 02:00–02:59 Paris happens twice (00:00–00:59 and 01:00–01:59 UTC); once is enough.
    expect(maintenanceDue(new Date('2026-10-25T00:30:00Z'), 2, null)).toBe(true);
    expect(maintenanceDue(new Date('2026-10-25T01:30:00Z'), 2, '2026-10-25')).toBe(false);
  });
});

describe('vacuumDatabase', () => {
  it('vacuums and analyses: the planner learns the table’s size and its pages are marked all-visible', async () => {
    const database = await openDatabase({ dataDir: 'memory://', command: 'test' });
    try {
      await migrateToLatest(database.db);
      await sql`INSERT INTO regions (id, code, name) SELECT gen_random_uuid(), 'R' || n, 'Region ' || n FROM generate_series(1, 500) n`.execute(database.db);
      const before = await sql<{ reltuples: number; relallvisible: number }>`SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'regions'`.execute(database.db);
      expect(before.rows[0]!.relallvisible).toBe(0);
      await vacuumDatabase(database.db);
      const after = await sql<{ reltuples: number; relallvisible: number }>`SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'regions'`.execute(database.db);
      expect(after.rows[0]!.reltuples).toBe(500);
      expect(after.rows[0]!.relallvisible).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
