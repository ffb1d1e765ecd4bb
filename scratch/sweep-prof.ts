import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { sweepCases } from '../src/server/cases/commands.ts';
import { sweepLeads } from '../src/server/leads/commands.ts';
import type { DB } from '../src/server/db/schema.ts';
const pool = new pg.Pool({ connectionString: 'postgres://relais:relais@localhost:5432/relais_bench_s01', max: 4 });
const stats = new Map<string, { n: number; ms: number }>();
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { const k = e.query.sql.replace(/\s+/g, ' ').slice(0, 110); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); } });
const which = process.argv[2] ?? 'cases';
const at = which === 'cases'
  ? (await sql<{ at: Date }>`SELECT next_alert_at AS at FROM cases WHERE next_alert_at IS NOT NULL AND status NOT IN ('resolved','closed') ORDER BY next_alert_at OFFSET 9999 LIMIT 1`.execute(db)).rows[0]!.at
  : new Date('2026-11-26T08:30:54.005Z');
const t0 = performance.now();
await db.transaction().execute(async (trx) => {
  if (process.argv[3] === 'notrig') await sql`ALTER TABLE cases DISABLE TRIGGER cases_steering_update_old; ALTER TABLE cases DISABLE TRIGGER cases_steering_update_new`.execute(trx);
  const r = which === 'cases' ? await sweepCases(trx, new Date(at)) : await sweepLeads(trx, new Date(at));
  console.log(which, JSON.stringify(r), ((performance.now() - t0) / 1000).toFixed(2), 's');
  throw new Error('rollback');
}).catch((e) => { if (e.message !== 'rollback') throw e; });
const total = [...stats.values()].reduce((a, s) => a + s.ms, 0);
console.log('sql total ms', total.toFixed(0));
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(s.ms.toFixed(0).padStart(6), String(s.n).padStart(5), k);
await db.destroy();
