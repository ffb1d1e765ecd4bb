// Steering in the benchmark (src/server/steering/): the rollups rebuilt from scratch after generation
// (timed), what the marking triggers cost a bulk insert, the dashboards of the national director through
// HTTP beside their main rollup reads, the cost of rollup maintenance on interaction logging, and the
// catch-up of a day's marks left by many reps.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { allocationsOf, catchUpRollups, rebuildRollups, NATION_ID, type CatchUp, type Rebuild } from '../src/server/steering/rollups.ts';
import { periodContaining, trendPeriods } from '../src/server/steering/rules.ts';
import { parisTime } from '../src/server/calendar/rules.ts';
import type { Period } from '../src/contract/steering.ts';
import { get } from './http.ts';
import { openRaw, type Query, type Raw, type Target } from './db.ts';
import { rawLog, type Op } from './ops.ts';

export const STEERING_OPS = ['steeringNation', 'steeringDrill', 'rollupOverhead', 'steeringCatchUp'] as const;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (ms) a process has used so far, from /proc (clock ticks at 100 Hz); 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

async function marks(q: Query): Promise<{ subjects: number; units: number }> {
  const r = (await q<{ s: number; u: number }>(
    `SELECT (SELECT count(*)::int FROM steering_dirty) AS s, (SELECT count(*)::int FROM steering_unit_dirty) AS u`,
  ))[0]!;
  return { subjects: r.s, units: r.u };
}

// ---- 1. After generation: the rollups from scratch, and what the marks cost a bulk insert ----

export interface MarkCost {
  /** Interactions inserted per condition, as the generator inserts them (5,000 rows per INSERT … SELECT FROM unnest). */
  rows: number;
  statements: number;
  withMarksRowsPerSec: number;
  withoutMarksRowsPerSec: number;
  /** How much longer the inserts took with the steering triggers (%): wall clock, disturbed by other load. */
  overheadPct: number;
  /** CPU of the database doing the inserts, ms per 1,000 rows, and the difference (%): the steadier figure. */
  withMarksCpuMsPer1000: number;
  withoutMarksCpuMsPer1000: number;
  cpuOverheadPct: number;
  /** Marks the "with" inserts left (one per distinct author × Paris day). */
  marksLeft: number;
}

export interface SteeringPrep {
  /** The steering triggers on interactions were found disabled (an interrupted run) and enabled again. */
  triggersReenabled: boolean;
  /** Marks pending before this step (after a generation: the bulk inserts' marks). */
  marksBefore: { subjects: number; units: number };
  rebuild: (Rebuild & { reason: string; seconds: number; vacuumAnalyzeSeconds: number; tablesMb: Record<string, number> }) | null;
  /** Without a rebuild: the pending marks caught up instead. */
  catchUp: (CatchUp & { seconds: number }) | null;
  markCost: MarkCost | null;
}

/** The steering triggers of interactions, enabled or not (a run interrupted while they were disabled must not leave them so). */
async function interactionTriggersDisabled(q: Query): Promise<number> {
  const r = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'interactions'::regclass AND NOT tgisinternal AND tgenabled = 'D'`,
  );
  return r[0]!.n;
}

/**
 * The generator's bulk insert of interactions, with the steering triggers and without them (ALTER TABLE …
 * DISABLE TRIGGER USER inside the transaction), alternating, all rolled back: DDL is transactional, so the
 * triggers are never left disabled. Copies of the oldest interactions, new uuidv7 ids as the generator makes them.
 */
async function measureMarkCost(raw: Raw, rowsPerCondition = 20_000, chunk = 5000, rounds = 8): Promise<MarkCost | null> {
  const total = rowsPerCondition * 2;
  const rows = await raw.query<{ account_id: string; contact_id: string | null; channel: string; actor_id: string; subject: string; notes: string; outcome: string | null;
    occurred_at: Date; recorded_at: Date }>(
    `SELECT account_id, contact_id, channel, actor_id, subject, notes, outcome, occurred_at, recorded_at FROM interactions ORDER BY id LIMIT $1`,
    [total],
  );
  if (rows.length < total) return null;
  const timings = { with: 0, without: 0 };
  const cpu = { with: 0, without: 0 };
  let statements = 0;
  let marksLeft = 0;
  class Rollback extends Error {}
  try {
    await raw.kysely.transaction().execute(async (trx) => {
      // The backend doing the inserts (PostgreSQL on this machine), or this process (PGlite runs in it).
      const backend = raw.engine === 'postgres' ? (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid : null;
      const cpuNow = () => (backend === null ? (process.cpuUsage().user + process.cpuUsage().system) / 1000 : cpuMs(backend));
      const insert = async (part: typeof rows) => {
        const col = <K extends keyof (typeof rows)[number]>(k: K) => part.map((r) => r[k]);
        const ids = part.map((r) => uuidv7({ msecs: new Date(r.recorded_at).getTime() }));
        const t0 = performance.now();
        await sql`
          INSERT INTO interactions (id, account_id, contact_id, channel, actor_id, subject, notes, outcome, occurred_at, recorded_at)
          SELECT * FROM unnest(${ids}::uuid[], ${col('account_id')}::uuid[], ${col('contact_id')}::uuid[], ${col('channel')}::text[],
                               ${col('actor_id')}::uuid[], ${col('subject')}::text[], ${col('notes')}::text[], ${col('outcome')}::text[],
                               ${col('occurred_at').map((d) => new Date(d).toISOString())}::timestamptz[],
                               ${col('recorded_at').map((d) => new Date(d).toISOString())}::timestamptz[])`.execute(trx);
        statements++;
        return performance.now() - t0;
      };
      // with, without, without, with, … — so a drift of the machine's speed weighs on both alike.
      const per = (rowsPerCondition * 2) / rounds;
      for (let r = 0; r < rounds; r++) {
        const condition = r % 4 === 0 || r % 4 === 3 ? 'with' : 'without';
        await sql.raw(`ALTER TABLE interactions ${condition === 'with' ? 'ENABLE' : 'DISABLE'} TRIGGER USER`).execute(trx);
        const part = rows.slice(r * per, (r + 1) * per);
        const c0 = cpuNow();
        for (let s = 0; s < part.length; s += chunk) timings[condition] += await insert(part.slice(s, s + chunk));
        cpu[condition] += cpuNow() - c0;
      }
      await sql`ALTER TABLE interactions ENABLE TRIGGER USER`.execute(trx);
      marksLeft = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM steering_dirty`.execute(trx)).rows[0]!.n;
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return {
    rows: rowsPerCondition,
    statements,
    withMarksRowsPerSec: Math.round(rowsPerCondition / (timings.with / 1000)),
    withoutMarksRowsPerSec: Math.round(rowsPerCondition / (timings.without / 1000)),
    overheadPct: round((timings.with / timings.without - 1) * 100, 1),
    withMarksCpuMsPer1000: round((cpu.with / rowsPerCondition) * 1000, 1),
    withoutMarksCpuMsPer1000: round((cpu.without / rowsPerCondition) * 1000, 1),
    cpuOverheadPct: round((cpu.with / cpu.without - 1) * 100, 1),
    marksLeft,
  };
}

async function tableSizes(q: Query): Promise<Record<string, number>> {
  const tables = ['steering_subject_days', 'steering_unit_days', 'steering_dirty', 'steering_unit_dirty'];
  const r = await q<{ t: string; mb: number }>(
    `SELECT t, round(pg_total_relation_size(t::regclass) / 1048576.0, 1)::float8 AS mb FROM unnest($1::text[]) AS t`,
    [tables],
  );
  return Object.fromEntries(r.map((x) => [x.t, x.mb]));
}

/**
 * The steering step, after the data: the rollups rebuilt from scratch (`rebuildRollups(db, { replace: true })`,
 * timed) when they never were, when facts were generated in this run, or when asked; otherwise the pending
 * marks caught up. Then the marks' cost on a bulk insert (rolled back).
 */
export async function steeringStep(
  t: Target,
  options: { generatedNow: boolean; force: boolean; measureMarks: boolean },
  log: (s: string) => void,
): Promise<SteeringPrep> {
  const raw = await openRaw(t, 2);
  try {
    const disabled = await interactionTriggersDisabled(raw.query);
    if (disabled > 0) {
      log(`  ${disabled} steering trigger(s) of interactions were disabled (an interrupted run?): enabled again`);
      await raw.query('ALTER TABLE interactions ENABLE TRIGGER USER');
    }
    const marksBefore = await marks(raw.query);
    const state = (await raw.query<{ rebuilt_at: Date | null }>(`SELECT rebuilt_at FROM steering_state`))[0];
    const reason = options.force
      ? 'asked with --rebuild-rollups'
      : !state?.rebuilt_at
        ? 'never rebuilt on this data set'
        : options.generatedNow
          ? 'facts generated in this run'
          : null;
    let rebuild: SteeringPrep['rebuild'] = null;
    let catchUp: SteeringPrep['catchUp'] = null;
    if (reason) {
      log(`  rebuilding the rollups (${reason}); ${marksBefore.subjects.toLocaleString('en')} subject marks and ${marksBefore.units} unit marks pending…`);
      const t0 = performance.now();
      const result = await rebuildRollups(raw.kysely, { replace: true });
      const s = seconds(t0);
      // As the generator does after its bulk inserts: the planner needs statistics of the freshly filled tables.
      const t1 = performance.now();
      await raw.query('VACUUM ANALYZE steering_subject_days, steering_unit_days, steering_dirty, steering_unit_dirty');
      const vacuumAnalyzeSeconds = seconds(t1);
      rebuild = { ...result, reason, seconds: round(s, 1), vacuumAnalyzeSeconds: round(vacuumAnalyzeSeconds, 1), tablesMb: await tableSizes(raw.query) };
      log(`  rebuildRollups: ${s.toFixed(1)} s — ${result.subjectRows.toLocaleString('en')} subject-day rows, ${result.unitRows.toLocaleString('en')} unit-day rows ` +
        `(${result.differences.subject} / ${result.differences.unit} differed from what was kept); VACUUM ANALYZE ${vacuumAnalyzeSeconds.toFixed(1)} s; ${JSON.stringify(rebuild.tablesMb)} MB`);
    } else {
      const t0 = performance.now();
      const result = await catchUpRollups(raw.kysely);
      catchUp = { ...result, seconds: round(seconds(t0), 2) };
      log(`  rollups kept from an earlier run; pending marks caught up in ${catchUp.seconds} s (${result.subjects} subject-days, ${result.units} unit-days)`);
    }
    let markCost: MarkCost | null = null;
    if (options.measureMarks) {
      markCost = await measureMarkCost(raw);
      if (markCost) {
        log(`  marks on a bulk insert (generator's form, ${markCost.rows.toLocaleString('en')} interactions each way, rolled back): ` +
          `${markCost.withMarksRowsPerSec.toLocaleString('en')} rows/s with the triggers, ${markCost.withoutMarksRowsPerSec.toLocaleString('en')} without ` +
          `(${markCost.overheadPct >= 0 ? '+' : ''}${markCost.overheadPct}% time); database CPU ${markCost.withMarksCpuMsPer1000} vs ${markCost.withoutMarksCpuMsPer1000} ms per 1,000 rows ` +
          `(${markCost.cpuOverheadPct >= 0 ? '+' : ''}${markCost.cpuOverheadPct}%); ${markCost.marksLeft.toLocaleString('en')} marks`);
      }
    }
    return { triggersReenabled: disabled > 0, marksBefore, rebuild, catchUp, markCost };
  } finally {
    await raw.close();
  }
}

// ---- 2. The dashboards: the national director through HTTP, the main rollup reads raw ----

type UnitType = 'nation' | 'region' | 'agency' | 'pool';
interface Unit {
  type: UnitType;
  id: string | null;
}

export interface SteeringInputs {
  /** Who signs in: the generated national director (else the admin). */
  viewerEmail: string;
  /** Today in Paris when the inputs were loaded: the periods asked for are the current month and year. */
  today: string;
  regions: string[];
  /** The drill targets: every region, agency and pool, by type. */
  drill: Record<Exclude<UnitType, 'nation'>, string[]>;
  /** peopleAllocations' statement (allocationsOf over every active user, today), as the app sends it. */
  allocations: { sql: string; parameters: readonly unknown[] };
}

export async function loadSteeringInputs(raw: Raw): Promise<SteeringInputs | null> {
  const viewer = await raw.query<{ email: string }>(
    `SELECT u.email FROM users u
     WHERE u.active AND (EXISTS (SELECT 1 FROM managed_units m WHERE m.user_id = u.id AND m.unit_type = 'nation') OR 'admin' = ANY(u.roles))
     ORDER BY 'admin' = ANY(u.roles), u.email LIMIT 1`,
  );
  if (!viewer[0]) return null;
  const regions = await raw.query<{ id: string }>(`SELECT id FROM regions ORDER BY id`);
  const agencies = await raw.query<{ id: string }>(`SELECT id FROM agencies ORDER BY id`);
  const pools = await raw.query<{ id: string }>(`SELECT id FROM pools ORDER BY id`);
  const today = parisTime(new Date()).date;
  const keys = sql`(SELECT u.id AS subject_id, ${today}::date AS day FROM users u WHERE u.active)`;
  const compiled = sql`SELECT subject_id, unit_type, unit_id, share::float8 AS share FROM (${allocationsOf(keys)}) a`.compile(raw.kysely);
  return {
    viewerEmail: viewer[0].email,
    today,
    regions: regions.map((r) => r.id),
    drill: { region: regions.map((r) => r.id), agency: agencies.map((r) => r.id), pool: pools.map((r) => r.id) },
    allocations: { sql: compiled.sql, parameters: compiled.parameters },
  };
}

// sumsOf and trendSums (src/server/steering/queries.ts), written out.
const SQL_UNIT_SUMS = `
  SELECT r.unit_type || ':' || r.unit_id AS key, r.day = 'infinity' AS now, r.metric, sum(r.value)::float8 AS value
  FROM steering_unit_days r
  WHERE (r.unit_type, r.unit_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
    AND ((r.day >= $3::date AND r.day <= $4::date) OR r.day = 'infinity')
  GROUP BY 1, 2, 3`;
const SQL_PEOPLE_SUMS = `
  SELECT 'person:' || r.subject_id AS key, r.day = 'infinity' AS now, r.metric, sum(r.value)::float8 AS value
  FROM steering_subject_days r
  WHERE r.subject_id = ANY($1::uuid[])
    AND ((r.day >= $2::date AND r.day <= $3::date) OR r.day = 'infinity')
  GROUP BY 1, 2, 3`;
const SQL_UNIT_TREND = `
  SELECT b.i::int AS i, r.metric, sum(r.value)::float8 AS value
  FROM steering_unit_days r JOIN unnest($1::date[], $2::date[]) WITH ORDINALITY AS b(f, t, i) ON r.day BETWEEN b.f AND b.t
  WHERE r.unit_type = $3 AND r.unit_id = $4 AND r.day BETWEEN $5::date AND $6::date
  GROUP BY 1, 2`;
// subUnits, written out.
const SQL_REGIONS = `SELECT id, name FROM regions ORDER BY name`;
const SQL_REGION_AGENCIES = `SELECT id, name FROM agencies WHERE region_id = $1 ORDER BY name`;
const SQL_REGION_POOLS = `SELECT id, name FROM pools WHERE scope = 'region' AND region_id = $1 ORDER BY name`;
const SQL_AGENCY_POOLS = `SELECT id, name FROM pools WHERE agency_id = $1 ORDER BY name`;

/**
 * The dashboard's main reads, raw: every active person's allocations today (the headcounts, and the members
 * of an agency or pool), the next level down, the period sums of the unit and its children (people
 * included, as a line manager sees them) with the figures of now, and the unit's 12-period trend. Left
 * out: the few one-row lookups (the unit, its parents, the viewer's units, steering_state).
 */
async function rawDashboard(q: Query, inputs: SteeringInputs, unit: Unit, kind: 'month' | 'year'): Promise<number> {
  const period: Period = periodContaining(kind, inputs.today);
  const allocations = await q<{ subject_id: string; unit_type: string; unit_id: string }>(inputs.allocations.sql, [...inputs.allocations.parameters]);
  const places: Unit[] = [unit];
  const people: string[] = [];
  switch (unit.type) {
    case 'nation':
      places.push(...(await q<{ id: string }>(SQL_REGIONS)).map((r) => ({ type: 'region' as const, id: r.id })));
      break;
    case 'region': {
      const [agencies, pools] = await Promise.all([q<{ id: string }>(SQL_REGION_AGENCIES, [unit.id]), q<{ id: string }>(SQL_REGION_POOLS, [unit.id])]);
      places.push(...agencies.map((r) => ({ type: 'agency' as const, id: r.id })), ...pools.map((r) => ({ type: 'pool' as const, id: r.id })));
      break;
    }
    case 'agency':
      places.push(...(await q<{ id: string }>(SQL_AGENCY_POOLS, [unit.id])).map((r) => ({ type: 'pool' as const, id: r.id })));
      people.push(...allocations.filter((a) => a.unit_type === 'agency' && a.unit_id === unit.id).map((a) => a.subject_id));
      break;
    case 'pool':
      people.push(...allocations.filter((a) => a.unit_type === 'pool' && a.unit_id === unit.id).map((a) => a.subject_id));
      break;
  }
  const sums = await q(SQL_UNIT_SUMS, [places.map((u) => u.type), places.map((u) => u.id ?? NATION_ID), period.from, period.to]);
  const personal = people.length ? await q(SQL_PEOPLE_SUMS, [people, period.from, period.to]) : [];
  const periods = trendPeriods(period);
  const trend = await q(SQL_UNIT_TREND, [
    periods.map((p) => p.from), periods.map((p) => p.to), unit.type, unit.id ?? NATION_ID, periods[0]!.from, periods[periods.length - 1]!.to,
  ]);
  return sums.length + personal.length + trend.length;
}

const dashboardPath = (unit: Unit, kind: 'month' | 'year') =>
  `/api/steering/dashboard?type=${unit.type}${unit.id ? `&id=${unit.id}` : ''}&period=${kind}`;

export function steeringOperations(inputs: SteeringInputs): Op[] {
  const nation: Unit = { type: 'nation', id: null };
  const types = ['region', 'agency', 'pool'] as const;
  /** A type first (each a third of the time), then one of its units. */
  const drillUnit = (pick: (xs: readonly string[]) => string): Unit => {
    const type = pick(types) as (typeof types)[number];
    return { type, id: pick(inputs.drill[type]) };
  };
  const checked = async (base: string, s: Parameters<Op['http']>[1], unit: Unit, kind: 'month' | 'year') => {
    const d = JSON.parse(await get(base, s, dashboardPath(unit, kind))) as { unit: { id: string | null }; children: unknown[]; trend: { periods: unknown[] } };
    if (d.unit.id !== unit.id) throw new Error(`dashboard of ${unit.type} ${unit.id} answered for ${d.unit.id}`);
    if (d.trend.periods.length !== 12) throw new Error(`dashboard trend has ${d.trend.periods.length} periods, not 12`);
    if (unit.type === 'nation' && d.children.length !== inputs.regions.length) throw new Error(`national dashboard has ${d.children.length} children, not ${inputs.regions.length} regions`);
  };
  const cannon = (path: (pick: (xs: readonly string[]) => string) => string): Op['cannon'] => (sessions, pick) => {
    let i = 0;
    return [{ setupRequest: (req) => ({ ...req, method: 'GET', path: path(pick), headers: { ...req.headers, cookie: sessions[i++ % sessions.length]!.cookie } }) }];
  };
  return [
    {
      name: 'steeringNation',
      what: `GET ${dashboardPath(nation, 'year')} as ${inputs.viewerEmail}: every indicator for the year, its 12-year trend, the ${inputs.regions.length} regions as children`,
      requestsPerOp: 1,
      as: 'director',
      http: (base, s) => checked(base, s, nation, 'year'),
      raw: async (q) => void (await rawDashboard(q, inputs, nation, 'year')),
      cannon: cannon(() => dashboardPath(nation, 'year')),
    },
    {
      name: 'steeringDrill',
      what: `GET /api/steering/dashboard?type=region|agency|pool&id=…&period=month as the same viewer: a random region (${inputs.drill.region.length}), agency (${inputs.drill.agency.length}) or pool (${inputs.drill.pool.length}), a third each; agencies and pools with their members`,
      requestsPerOp: 1,
      as: 'director',
      http: (base, s, pick) => checked(base, s, drillUnit(pick), 'month'),
      raw: async (q, _raw, pick) => void (await rawDashboard(q, inputs, drillUnit(pick), 'month')),
      cannon: cannon((pick) => dashboardPath(drillUnit(pick), 'month')),
    },
  ];
}

// ---- 3. Rollup maintenance on interaction logging ----

export interface CannonRun {
  opsPerSec: number;
  ops: number;
  non2xx: number;
  /** CPU of the server and its PostgreSQL backends per logged interaction. */
  cpuMsPerOp: number;
}

export interface RollupOverhead {
  /** Each throughput run in order (with marks, without, without, with). */
  runs: Array<CannonRun & { marks: boolean }>;
  withMarks: { opsPerSec: number; cpuMsPerOp: number };
  withoutMarks: { opsPerSec: number; cpuMsPerOp: number };
  /** Throughput lost to the marking triggers: 1 − with / without (%); on a shared machine the runs' spread can exceed it. */
  markingPct: number;
  /** CPU per logged interaction (server + backends) with the marks vs without (%): the steadier figure, and the one judged. */
  markingCpuPct: number;
  /** The largest difference between two runs of the same side (%): how far the throughputs can be trusted. */
  spreadPct: number;
  /** Marks pending before the runs (earlier operations), caught up first. */
  pendingBefore: CatchUp & { seconds: number };
  /** Catch-up of the marks each run with marks left (mean of the two), and those marks. */
  marksLeft: { subjects: number; units: number };
  catchUp: CatchUp & { seconds: number; samples: number[] };
  /** The catch-up as a share of the app's sweep interval (RELAIS_STEERING_SECONDS, default 5 s): the sweep would run that often. */
  sweepIntervalSeconds: number;
  catchUpSharePct: number;
  /** Maintenance: the CPU the marks add per logged interaction (0 if none) plus the catch-up's share of the interval (%). */
  overheadPct: number;
  /** After the runs without triggers: the (author, day) marks their interactions should have left, inserted (if missing) and caught up; then the loggers' rollups compared with a fresh computation. */
  restore: { marked: number; catchUpSeconds: number; verifySeconds: number; differences: { subject: number; unit: number } };
}

/**
 * logInteraction's throughput with the steering marks (as the app runs) and with the triggers on interactions
 * disabled for the run only (ALTER TABLE interactions DISABLE TRIGGER USER, enabled again right after), in
 * the order with / without / without / with after a warm-up run; the catch-up of the marks each "with" run left, timed. The
 * server's own catch-up is off during the benchmark (bench/server.ts), so the marks stay for this.
 */
export async function benchRollupOverhead(env: {
  raw: Raw;
  /** The loggers' user ids (the sessions logInteraction uses). */
  loggers: string[];
  throughput: () => Promise<CannonRun>;
  log: (s: string) => void;
  sweepIntervalSeconds?: number;
}): Promise<RollupOverhead> {
  const { raw, log } = env;
  const interval = env.sweepIntervalSeconds ?? 5;
  const timedCatchUp = async () => {
    const t0 = performance.now();
    const r = await catchUpRollups(raw.kysely);
    return { ...r, seconds: round(seconds(t0), 3) };
  };
  const pendingBefore = await timedCatchUp();
  log(`    pending marks from earlier operations caught up first: ${pendingBefore.seconds} s (${pendingBefore.subjects} subject-days, ${pendingBefore.units} unit-days)`);
  // A first run, not counted, warms the server and the interactions' indexes: at national scale the first
  // run pays for reading them into memory, a step the with / without / without / with order does not cancel.
  const warm = await env.throughput();
  await sleep(1000);
  await timedCatchUp();
  log(`    warm-up (not counted): ${warm.opsPerSec} ops/s, CPU ${warm.cpuMsPerOp} ms/op`);
  const runs: RollupOverhead['runs'] = [];
  const catchUps: Array<CatchUp & { seconds: number }> = [];
  let marksLeft = { subjects: 0, units: 0 };
  let marked = 0;
  for (const withMarks of [true, false, false, true]) {
    let run: CannonRun;
    if (withMarks) {
      run = await env.throughput();
      await sleep(1000); // requests still in flight when autocannon stops
      marksLeft = await marks(raw.query);
      const c = await timedCatchUp();
      catchUps.push(c);
      log(`    with marks: ${run.opsPerSec} ops/s, CPU ${run.cpuMsPerOp} ms/op; ${marksLeft.subjects} marks left, caught up in ${c.seconds} s (${c.units} unit-days)`);
    } else {
      const start = (await raw.query<{ now: Date }>('SELECT now() AS now'))[0]!.now;
      await raw.query('ALTER TABLE interactions DISABLE TRIGGER USER');
      try {
        run = await env.throughput();
        await sleep(1000);
      } finally {
        await raw.query('ALTER TABLE interactions ENABLE TRIGGER USER');
        // What the triggers would have marked, so the rollups do not miss these interactions.
        const r = await raw.query<{ n: number }>(
          `WITH pairs AS (SELECT DISTINCT actor_id, paris_day(occurred_at) AS day FROM interactions WHERE actor_id = ANY($1::uuid[]) AND recorded_at >= $2),
           m AS (INSERT INTO steering_dirty (subject_id, day, source) SELECT actor_id, day, 'interactions' FROM pairs ON CONFLICT DO NOTHING)
           SELECT count(*)::int AS n FROM pairs`,
          [env.loggers, start],
        );
        marked += r[0]!.n;
      }
      log(`    without marks (triggers disabled): ${run.opsPerSec} ops/s, CPU ${run.cpuMsPerOp} ms/op`);
    }
    runs.push({ ...run, marks: withMarks });
  }
  const t0 = performance.now();
  await catchUpRollups(raw.kysely);
  const restoreCatchUp = seconds(t0);
  const t1 = performance.now();
  const verify = await rebuildRollups(raw.kysely, { replace: false, scope: { subjects: env.loggers, units: [] } });
  const verifySeconds = seconds(t1);
  log(`    restored: ${marked} author-days marked for the runs without triggers, caught up in ${restoreCatchUp.toFixed(2)} s; the loggers' rollups vs a fresh computation: ` +
    `${verify.differences.subject} rows differ (${verifySeconds.toFixed(1)} s)`);

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const side = (m: boolean) => ({
    opsPerSec: round(mean(runs.filter((r) => r.marks === m).map((r) => r.opsPerSec)), 1),
    cpuMsPerOp: round(mean(runs.filter((r) => r.marks === m).map((r) => r.cpuMsPerOp))),
  });
  const withMarks = side(true);
  const withoutMarks = side(false);
  const markingPct = round((1 - withMarks.opsPerSec / withoutMarks.opsPerSec) * 100, 1);
  const markingCpuPct = round((withMarks.cpuMsPerOp / withoutMarks.cpuMsPerOp - 1) * 100, 1);
  const spread = (m: boolean) => {
    const xs = runs.filter((r) => r.marks === m).map((r) => r.opsPerSec);
    return (Math.max(...xs) - Math.min(...xs)) / Math.min(...xs);
  };
  const spreadPct = round(Math.max(spread(true), spread(false)) * 100, 1);
  const catchUpSeconds = mean(catchUps.map((c) => c.seconds));
  const catchUpSharePct = round((catchUpSeconds / interval) * 100, 1);
  return {
    runs,
    withMarks,
    withoutMarks,
    markingPct,
    markingCpuPct,
    spreadPct,
    pendingBefore,
    marksLeft,
    catchUp: {
      subjects: Math.round(mean(catchUps.map((c) => c.subjects))),
      units: Math.round(mean(catchUps.map((c) => c.units))),
      seconds: round(catchUpSeconds, 3),
      samples: catchUps.map((c) => c.seconds),
    },
    sweepIntervalSeconds: interval,
    catchUpSharePct,
    overheadPct: round(Math.max(0, markingCpuPct) + catchUpSharePct, 1),
    restore: { marked, catchUpSeconds: round(restoreCatchUp, 2), verifySeconds: round(verifySeconds, 1), differences: verify.differences },
  };
}

// ---- 4. The catch-up after a day's logging by many reps ----

export interface SteeringCatchUpBench {
  /** Marks left by the runs before (the app phase), caught up first. */
  pendingBefore: CatchUp & { seconds: number };
  interactions: number;
  reps: number;
  /** Logging them raw (the logInteraction transaction with its trace event), for reference. */
  loggedPerSec: number;
  marks: { subjects: number; units: number };
  seconds: number;
  result: CatchUp;
  /** A catch-up right after, with nothing to do: what the app's sweep costs every interval when nothing changed. */
  idleSeconds: number;
}

/**
 * N interactions logged today by the reps (everyone in an agency pool or a regional pool, each in turn),
 * with the logInteraction transaction written out in bench/ops.ts (trace event included), then
 * catchUpRollups timed over the marks they left.
 */
export async function benchSteeringCatchUp(raw: Raw, accountIds: string[], log: (s: string) => void, n = 2000): Promise<SteeringCatchUpBench | null> {
  const timed = async () => {
    const t0 = performance.now();
    const r = await catchUpRollups(raw.kysely);
    return { ...r, seconds: round(seconds(t0), 3) };
  };
  const pendingBefore = await timed();
  log(`  pending marks caught up first: ${pendingBefore.seconds} s (${pendingBefore.subjects} subject-days, ${pendingBefore.units} unit-days)`);
  const reps = (await raw.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM users u JOIN pool_memberships m ON m.user_id = u.id JOIN pools p ON p.id = m.pool_id
     WHERE u.active AND p.scope IN ('agency', 'region') ORDER BY u.id`,
  )).map((r) => r.id);
  if (reps.length === 0 || accountIds.length === 0) return null;
  const workers = raw.engine === 'pglite' ? 1 : 16;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < n; i = next++) await rawLog(raw, accountIds[(i * 7919) % accountIds.length]!, reps[i % reps.length]!, 'Appel de suivi');
    }),
  );
  const loggedPerSec = Math.round(n / seconds(t0));
  const left = await marks(raw.query);
  const t1 = performance.now();
  const result = await catchUpRollups(raw.kysely);
  const s = seconds(t1);
  const t2 = performance.now();
  await catchUpRollups(raw.kysely);
  const idle = seconds(t2);
  log(`  ${n} interactions by ${Math.min(n, reps.length)} reps (${loggedPerSec}/s) left ${left.subjects} marks: catchUpRollups ${s.toFixed(2)} s ` +
    `(${result.subjects} subject-days, ${result.units} unit-days); again with nothing to do ${(idle * 1000).toFixed(0)} ms`);
  return {
    pendingBefore,
    interactions: n,
    reps: Math.min(n, reps.length),
    loggedPerSec,
    marks: left,
    seconds: round(s, 2),
    result,
    idleSeconds: round(idle, 3),
  };
}
