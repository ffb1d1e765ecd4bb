// Opening the benchmark database on either engine: the app's Kysely handle (openDatabase, migrated)
// and, beside it, a raw SQL client on the same engine (pg.Pool or the PGlite instance itself).
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Kysely, PGliteDialect, sql, type KyselyPlugin } from 'kysely';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../src/server/db/engine.ts';
import { prepareStatements } from '../src/server/db/prepared.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { lockDataDir } from '../src/server/db/lock.ts';
import type { DB } from '../src/server/db/schema.ts';

export const BENCH_ROOT = import.meta.dirname;
export const DEFAULT_PG_URL = 'postgres://relais:relais@localhost:5432/relais_bench';

export interface Target {
  engine: Engine;
  scale: number;
  databaseUrl?: string;
  /** RELAIS_DATA_DIR for PGlite (the app keeps its files in <dataDir>/pglite). */
  dataDir: string;
}

export function targetFor(engine: Engine, scale: number, databaseUrl?: string): Target {
  if (engine === 'postgres') return { engine, scale, databaseUrl: databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_PG_URL, dataDir: '' };
  return { engine, scale, dataDir: resolve(BENCH_ROOT, 'data', `pglite-${scale}`) };
}

/** The app's own way in (data-dir lock included), migrated. */
export async function openApp(t: Target, command: string): Promise<Database> {
  if (t.engine === 'pglite') mkdirSync(t.dataDir, { recursive: true });
  const database = await openDatabase({ databaseUrl: t.databaseUrl, dataDir: t.dataDir, command, poolSize: 16 });
  await migrateToLatest(database.db);
  return database;
}

export type Query = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

/** A raw SQL client: text + parameters straight to the engine, no query builder. */
export interface Raw {
  engine: Engine;
  query: Query;
  /** Runs fn in one transaction (BEGIN … COMMIT) on one connection. */
  tx<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  /** The same engine through Kysely (for verifyTrace and the app's own functions). */
  kysely: Kysely<DB>;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

export async function openRaw(t: Target, poolSize = 16): Promise<Raw> {
  if (t.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: t.databaseUrl, max: poolSize });
    // The raw side prepares its repeated statements as the app does, so the ratio measures the app alone.
    prepareStatements(pool);
    const app = await openDatabase({ databaseUrl: t.databaseUrl, dataDir: '', command: 'bench raw', poolSize: 4 });
    const query: Query = async (text, params) => (await pool.query(text, params as unknown[])).rows;
    return {
      engine: 'postgres',
      query,
      async tx(fn) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const out = await fn(async (text, params) => (await client.query(text, params as unknown[])).rows);
          await client.query('COMMIT');
          return out;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      kysely: app.db,
      async close() {
        await app.close();
        await pool.end();
      },
    };
  }
  const release = lockDataDir(t.dataDir, 'bench raw');
  const pglite = await PGlite.create({
    dataDir: join(t.dataDir, 'pglite'),
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => value },
    serializers: { [pgliteTypes.INT8]: (value: unknown) => String(value) },
  });
  const kysely = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  const query: Query = async (text, params) => (await pglite.query(text, params as unknown[])).rows as never[];
  return {
    engine: 'pglite',
    query,
    tx: (fn) => pglite.transaction((trx) => fn(async (text, params) => (await trx.query(text, params as unknown[])).rows as never[])),
    kysely,
    async close() {
      await kysely.destroy();
      release();
    },
  };
}

/** The generation steps' progress, kept in the benchmark database itself so every step resumes. */
export async function meta<T>(db: Kysely<DB>, k: string): Promise<T | null> {
  await sql`CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`.execute(db);
  const r = await sql<{ value: T }>`SELECT value FROM bench_meta WHERE key = ${k}`.execute(db);
  return r.rows[0]?.value ?? null;
}

export async function setMeta(db: Kysely<DB>, k: string, value: unknown): Promise<void> {
  await sql`INSERT INTO bench_meta (key, value) VALUES (${k}, ${JSON.stringify(value)}::jsonb)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`.execute(db);
}

class Rollback extends Error {}

/** Runs fn in a transaction that is always rolled back, so the generated set stays as it is. */
export async function rolledBack<T>(raw: Raw, fn: (trx: Raw['kysely']) => Promise<T>): Promise<T> {
  let out: T | undefined;
  try {
    await raw.kysely.transaction().execute(async (trx) => {
      out = await fn(trx as unknown as Raw['kysely']);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out!;
}

/** Counts the statements sent through a Kysely handle. */
export function counter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => (n++, args.node),
      transformResult: (args) => Promise.resolve(args.result),
    },
    count: () => n,
  };
}

/** A sweep as the server runs it: every interval, each run finding what crossed since the one before. */
export interface SteadySweeps {
  intervalSeconds: number;
  runs: number;
  /** Seconds per run. */
  seconds: { p50: number; max: number };
  /** Leads or cases each run acted on. */
  crossings: { p50: number; max: number; total: number };
}

/**
 * Runs `sweep` at `from` + k × interval for k = 1…runs (in the caller's transaction, after a run at `from` has
 * caught up): the routine that keeps the open set in order, where a first run on generated data meets a backlog.
 */
export async function steadySweeps(from: Date, intervalSeconds: number, runs: number, sweep: (at: Date) => Promise<number>): Promise<SteadySweeps> {
  const seconds: number[] = [];
  const crossings: number[] = [];
  for (let k = 1; k <= runs; k++) {
    const t0 = performance.now();
    crossings.push(await sweep(new Date(from.getTime() + k * intervalSeconds * 1000)));
    seconds.push((performance.now() - t0) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    intervalSeconds,
    runs,
    seconds: { p50: Math.round(median(seconds) * 1000) / 1000, max: Math.round(Math.max(...seconds) * 1000) / 1000 },
    crossings: { p50: median(crossings), max: Math.max(...crossings), total: crossings.reduce((a, b) => a + b, 0) },
  };
}
