// `npm run bench -- [--engine pglite|postgres] [--scale 0.01] [--skip-generate] [--duration 10]`
// Generates (or reuses) the regional data set, then measures each operation through HTTP with a real
// session and as raw SQL on the same engine, and writes bench/results/<engine>-scale<scale>-<date>.{json,md}.
import { parseArgs } from 'node:util';
import { loadavg, cpus, totalmem, setPriority } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import autocannon from 'autocannon';
import { verifyTrace } from '../src/server/trace/verify.ts';
import { BENCH_LOGINS, BENCH_PASSWORD, FULL, generate, readPlan, countRows, type GenerationReport } from './generate.ts';
import { BENCH_ROOT, openRaw, targetFor, type Raw } from './db.ts';
import { startServer, sampler } from './server.ts';
import { signIn, type Session } from './http.ts';
import { ensureRawSession, loadInputs, operations, rng, type Op } from './ops.ts';
import { TARGETS, judge, markdown } from './report.ts';
import { BENCH_REP, generateLeads, type LeadsReport } from './leads.ts';
import { benchSweep, leadOperations, loadLeadInputs, type SweepResult } from './lead-ops.ts';
import { BENCH_CASE_AGENT, generateCases, type CasesReport } from './cases.ts';
import { benchCaseSweep, caseOperations, loadCaseInputs, profileCaseQueue, type CaseSweepBench, type QueueProfile } from './case-ops.ts';
import {
  benchRollupOverhead, benchSteeringCatchUp, loadSteeringInputs, steeringOperations, steeringStep, STEERING_OPS,
  type CannonRun, type RollupOverhead, type SteeringCatchUpBench, type SteeringPrep,
} from './steering.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    scale: { type: 'string', default: '0.01' },
    'cases-scale': { type: 'string' },
    'skip-generate': { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    'rebuild-rollups': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'database-url': { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    only: { type: 'string' },
    nice: { type: 'string' },
  },
});
const engine = values.engine as 'pglite' | 'postgres';
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number in (0, 10]');
const casesScale = values['cases-scale'] === undefined ? scale : Number(values['cases-scale']);
if (!(casesScale > 0 && casesScale <= 10)) throw new Error('--cases-scale must be a number in (0, 10]');
const duration = Number(values.duration);
const connections = Number(values.connections);
const target = targetFor(engine, scale, values['database-url']);
const only = values.only ? new Set(values.only.split(',')) : null;

const log = (s: string) => console.log(s);

/** The code measured: the commit, and whether src/ differed from it when the run started. */
function codeVersion(): { commit: string; srcDirty: boolean } {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: BENCH_ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- ../src', { cwd: BENCH_ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, srcDirty: dirty };
  } catch {
    return { commit: 'unknown', srcDirty: false };
  }
}
const code = codeVersion();
const niceness = values.nice === undefined ? null : Number(values.nice);

/**
 * --nice N: run the benchmark's own processes (this one, the server, and the PostgreSQL backends serving
 * the benchmark database) at priority N, so other work sharing the machine weighs less on the figures.
 */
async function boost(raw: Raw | null, serverPid?: number) {
  if (niceness === null) return;
  const pids = [process.pid, ...(serverPid ? [serverPid] : [])];
  if (raw?.engine === 'postgres') {
    const rows = await raw.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
    pids.push(...rows.map((r) => r.pid));
  }
  for (const pid of pids) {
    try {
      setPriority(pid, niceness);
    } catch {
      // gone already, or not ours to change
    }
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), mean: r(s.reduce((a, b) => a + b, 0) / (s.length || 1)) };
}

/** CPU time (user + system, ms) a process has used so far, from /proc; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks at 100 Hz
  } catch {
    return 0;
  }
}
/** The pids doing the work: a Node process and, on PostgreSQL, the backends serving the benchmark database. */
async function workerPids(raw: Raw | null, nodePid: number, excludeSelf = true): Promise<number[]> {
  const pids = [nodePid];
  if (raw?.engine === 'postgres') {
    // A side connection (the app phase) leaves itself out; the raw pool's own connections are the workers.
    const rows = await raw.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() ${excludeSelf ? 'AND pid <> pg_backend_pid()' : ''}`,
    );
    pids.push(...rows.map((r) => r.pid));
  }
  return pids;
}
/** CPU used by these pids between two readings; a pid gone by the second reading (an idle pool connection closed) counts nothing. */
const cpuSnapshot = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuMs(pid)]));
function cpuSince(before: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t0] of before) {
    const t1 = cpuMs(pid);
    if (t1 >= t0) sum += t1 - t0;
  }
  return sum;
}

/**
 * One client, one operation after another: latency percentiles, and the CPU time the serving processes
 * spent per operation (a figure other load on the machine disturbs far less than wall-clock latency).
 */
async function sequential(fn: () => Promise<void>, seconds: number, pids: () => Promise<number[]>, maxSamples = 5000, warmup = 20): Promise<Stats & { cpuMsPerOp: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const c0 = cpuSnapshot(await pids());
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end && samples.length < maxSamples) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const cpu = cpuSince(c0) / samples.length;
  return { ...stats(samples), cpuMsPerOp: Math.round(cpu * 100) / 100 };
}

/** A fixed CPU task (sha256 of 100k short strings), to compare how fast the machine was between runs. */
function calibrate(): number {
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) createHash('sha256').update(`calibration-${i}-0123456789abcdef0123456789abcdef`).digest('hex');
  return Math.round(performance.now() - t0);
}

/** N concurrent workers for a while: operations per second. */
async function concurrent(fn: () => Promise<void>, workers: number, seconds: number): Promise<{ opsPerSec: number; ops: number; errors: number }> {
  let ops = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        try {
          await fn();
          ops++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { opsPerSec: Math.round((ops / ((performance.now() - started) / 1000)) * 10) / 10, ops, errors };
}

interface OpResult {
  name: string;
  what: string;
  raw?: { latency: Stats & { cpuMsPerOp: number }; throughput: { opsPerSec: number; workers: number; errors: number } };
  app?: {
    latency: Stats & { cpuMsPerOp: number };
    throughput: { opsPerSec: number; requestsPerSec: number; connections: number; non2xx: number; errors: number; latencyP50: number; latencyP97_5: number; latencyP99: number };
    rssPeakMb: number;
  };
  ratio?: { p50: number; p95: number };
}

async function rawPhase(ops: Op[], raw: Raw, results: Map<string, OpResult>) {
  for (const op of ops) {
    const pick = rng(7);
    const q = raw.query;
    log(`  raw ${op.name}…`);
    await boost(raw);
    const latency = await sequential(() => op.raw(q, raw, pick), Math.max(2, duration / 2), () => workerPids(raw, process.pid, false));
    const workers = raw.engine === 'pglite' ? 1 : connections;
    await concurrent(() => op.raw(q, raw, pick), workers, 0.5); // opens the pool's connections, so boost() sees them
    await boost(raw);
    const t = await concurrent(() => op.raw(q, raw, pick), workers, Math.max(2, duration / 2));
    results.get(op.name)!.raw = { latency, throughput: { opsPerSec: t.opsPerSec, workers, errors: t.errors } };
  }
}

async function main() {
  const date = new Date().toISOString().replace(/[:]/g, '-').slice(0, 16);
  const load: Record<string, number[]> = { start: loadavg() };
  const calibrationMs = [calibrate()];
  log(`Relais benchmark: ${engine}, scale ${scale} (${Math.round(FULL.accounts * scale)} accounts), ${duration} s per run, ${connections} connections`);
  log(`Code: ${code.commit}${code.srcDirty ? ' with uncommitted changes in src/' : ''}`);
  log(`Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  // 1. Data.
  let generation: GenerationReport | { skipped: true; rows: Record<string, number> } ;
  if (values['skip-generate']) {
    const plan = await readPlan(target);
    if (!plan) throw new Error('No complete generated data set here: run without --skip-generate first');
    const raw = await openRaw(target, 2);
    generation = { skipped: true, rows: await countRows(raw.kysely) };
    await raw.close();
    log(`Reusing generated data: ${JSON.stringify(generation.rows)}`);
  } else {
    generation = await generate(target, log);
    log(`Generated in ${generation.seconds.toFixed(0)} s: ${JSON.stringify(generation.rows)}`);
  }
  // 1b. Leads: a separate resumable step, so a data set generated before the leads module gets them without being rebuilt.
  const leadsReport: LeadsReport | null = await generateLeads(target, BENCH_PASSWORD, log);
  if (leadsReport) log(`Leads generated in ${leadsReport.seconds.toFixed(0)} s: ${leadsReport.leads} leads, ${leadsReport.events} trace events`);
  // 1c. Cases: another separate resumable step (200,000 × --cases-scale open cases, plus one pool of exactly 5,000).
  const casesReport: CasesReport | null = await generateCases(target, casesScale, BENCH_PASSWORD, log);
  if (casesReport) log(`Cases generated in ${casesReport.seconds.toFixed(0)} s: ${casesReport.cases} cases (${casesReport.openCases} open), ${casesReport.statusChanges} status changes, ${casesReport.events} trace events (${casesReport.rowsPerSecond} rows/s)`);
  // 1d. Steering: the rollups rebuilt from scratch over the generated facts (timed), or the pending marks caught up.
  log('Steering rollups…');
  const generatedNow = !!leadsReport || !!casesReport || (!values['skip-generate'] && (generation as GenerationReport).resumedAtBatch < (generation as GenerationReport).plan.batches);
  const steeringPrep: SteeringPrep = await steeringStep(
    target,
    { generatedNow, force: values['rebuild-rollups']!, measureMarks: !only || STEERING_OPS.some((n) => only.has(n)) },
    log,
  );
  log('Skipped: CSV import (not built yet).');
  if (values['generate-only']) return;
  load.afterGenerate = loadavg();

  // 2. Raw SQL on the same engine (the server is not running: PGlite admits one process).
  let raw = await openRaw(target, connections);
  // The server's memory settings shape every latency (how much of the set stays in shared buffers): recorded.
  const postgresSettings =
    engine === 'postgres'
      ? (await raw.query<{ version: string; shared_buffers: string; work_mem: string }>(
          `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem`,
        ))[0]!
      : null;
  const inputs = await loadInputs(raw, BENCH_LOGINS[0]!);
  await ensureRawSession(raw, inputs.actorId);
  const leadInputs = await loadLeadInputs(raw, inputs.actorId, BENCH_REP);
  const caseInputs = await loadCaseInputs(raw, BENCH_CASE_AGENT);
  if (caseInputs) log(`Bench case agent: ${caseInputs.poolOpen} open cases in their pool, ${caseInputs.mineOpen} assigned to them`);
  const steeringInputs = await loadSteeringInputs(raw);
  if (steeringInputs) log(`Steering viewer: ${steeringInputs.viewerEmail} (periods of ${steeringInputs.today})`);
  else log('No national director or admin in the data set: steering dashboards skipped');
  const allOps = [...operations(inputs), ...leadOperations(leadInputs), ...(caseInputs ? caseOperations(caseInputs) : []), ...(steeringInputs ? steeringOperations(steeringInputs) : [])];
  const ops = allOps.filter((o) => !only || only.has(o.name));
  const results = new Map<string, OpResult>(ops.map((o) => [o.name, { name: o.name, what: o.what }]));
  log('Raw SQL:');
  await rawPhase(ops, raw, results);
  // Where the pool queue's time goes: listCases in process beside its SQL.
  let caseQueueProfile: QueueProfile | null = null;
  if (caseInputs && ops.some((o) => o.name === 'casePool')) {
    caseQueueProfile = await profileCaseQueue(raw, caseInputs);
    log(`  listCases (pool view) in process: p50 ${caseQueueProfile.listCasesMs.p50} ms, its SQL alone p50 ${caseQueueProfile.sqlMs.p50} ms`);
  }
  // The deadline sweep, timed in a transaction that is rolled back (the data set stays as generated).
  let sweep: SweepResult | null = null;
  if (!only || only.has('sweep')) {
    log('Deadline sweep…');
    sweep = await benchSweep(raw, log, scale >= 1 ? TARGETS.sweepOpenLeads : null);
  }
  // The case SLA sweep, likewise rolled back.
  let caseSweep: CaseSweepBench | null = null;
  if (!only || only.has('caseSweep')) {
    log('Case SLA sweep…');
    caseSweep = await benchCaseSweep(raw, log);
  }
  await raw.close();
  load.afterRaw = loadavg();

  // 3. Through HTTP, on `relais serve` in its own process.
  const logFile = join(BENCH_ROOT, 'data', `server-${engine}-${scale}.log`);
  mkdirSync(join(BENCH_ROOT, 'data'), { recursive: true });
  log('Starting relais serve…');
  const server = await startServer(target, logFile, values['log-level']!);
  log(`  up in ${server.startSeconds.toFixed(1)} s on ${server.url} (pid ${server.pid}), RSS ${server.rssMb().toFixed(0)} MB`);
  const rss = sampler(() => server.rssMb());
  // A side connection to find (and boost) the backends serving the app.
  const watcher = engine === 'postgres' ? await openRaw(target, 1) : null;
  let rssIdle = 0;
  let rollupOverhead: RollupOverhead | null = null;
  try {
    const sessions: Session[] = [];
    for (const email of BENCH_LOGINS.slice(0, connections)) sessions.push(await signIn(server.url, email, BENCH_PASSWORD));
    // The bench rep (200 open leads): one session per client too.
    const repSessions: Session[] = [];
    if (ops.some((o) => o.as === 'rep')) for (let i = 0; i < connections; i++) repSessions.push(await signIn(server.url, BENCH_REP, BENCH_PASSWORD));
    // The bench case agent (a pool of 5,000 open cases, ~100 of their own): one session per client too.
    const caseSessions: Session[] = [];
    if (ops.some((o) => o.as === 'caseAgent')) for (let i = 0; i < connections; i++) caseSessions.push(await signIn(server.url, BENCH_CASE_AGENT, BENCH_PASSWORD));
    // The national director (steering dashboards): one session per client too.
    const directorSessions: Session[] = [];
    if (steeringInputs && ops.some((o) => o.as === 'director')) for (let i = 0; i < connections; i++) directorSessions.push(await signIn(server.url, steeringInputs.viewerEmail, BENCH_PASSWORD));
    /** Throughput: a 1 s warm-up opens the server's pool connections, they are boosted too, then autocannon for --duration s. */
    const cannonRun = async (op: Op, who: Session[]) => {
      await autocannon({ url: server.url, connections, duration: 1, requests: op.cannon(who, rng(17)) });
      await boost(watcher, server.pid);
      const c0 = cpuSnapshot(await workerPids(watcher, server.pid));
      const ac = await autocannon({ url: server.url, connections, duration, requests: op.cannon(who, rng(13)) });
      const ops = ac['2xx'] / op.requestsPerOp;
      return { ac, ops, opsPerSec: Math.round((ops / ac.duration) * 10) / 10, cpuMsPerOp: Math.round((cpuSince(c0) / Math.max(1, ops)) * 100) / 100 };
    };
    await sleep(500);
    rssIdle = server.rssMb();
    for (const op of ops) {
      const mark = rss.mark();
      const pick = rng(11);
      log(`  app ${op.name}…`);
      await boost(watcher, server.pid);
      const who = op.as === 'rep' ? repSessions : op.as === 'caseAgent' ? caseSessions : op.as === 'director' ? directorSessions : sessions;
      const latency = await sequential(() => op.http(server.url, who[0]!, pick), duration, () => workerPids(watcher, server.pid));
      const { ac, opsPerSec } = await cannonRun(op, who);
      const r = results.get(op.name)!;
      r.app = {
        latency,
        throughput: {
          opsPerSec,
          requestsPerSec: Math.round(ac.requests.average),
          connections,
          non2xx: ac.non2xx,
          errors: ac.errors + ac.timeouts,
          latencyP50: ac.latency.p50,
          latencyP97_5: ac.latency.p97_5,
          latencyP99: ac.latency.p99,
        },
        rssPeakMb: Math.round(rss.peakSince(mark)),
      };
      if (r.raw) r.ratio = { p50: Math.round((latency.p50 / r.raw.latency.p50) * 100) / 100, p95: Math.round((latency.p95 / r.raw.latency.p95) * 100) / 100 };
      log(`    p50 ${latency.p50} ms, p95 ${latency.p95} ms, CPU ${latency.cpuMsPerOp} ms/op, ${r.app.throughput.opsPerSec} ops/s (${ac.non2xx} non-2xx), RSS peak ${r.app.rssPeakMb} MB`);
    }
    // Rollup maintenance on logging: logInteraction's throughput with the marks and with the triggers disabled (PostgreSQL: the DDL needs a side connection).
    if (!only || only.has('rollupOverhead')) {
      if (!watcher) log('  rollupOverhead: PostgreSQL only (PGlite admits one process: the benchmark cannot alter the table while the server holds it)');
      else {
        log('  rollupOverhead (logInteraction with and without the steering marks)…');
        const logOp = allOps.find((o) => o.name === 'logInteraction')!;
        rollupOverhead = await benchRollupOverhead({
          raw: watcher,
          loggers: sessions.map((s) => s.userId),
          throughput: async (): Promise<CannonRun> => {
            const r = await cannonRun(logOp, sessions);
            return { opsPerSec: r.opsPerSec, ops: Math.round(r.ops), non2xx: r.ac.non2xx, cpuMsPerOp: r.cpuMsPerOp };
          },
          log,
        });
        const ro = rollupOverhead;
        log(`    maintenance: marks ${ro.markingCpuPct >= 0 ? '+' : ''}${ro.markingCpuPct}% CPU per logged interaction (throughput ${ro.withMarks.opsPerSec} vs ${ro.withoutMarks.opsPerSec}/s: ` +
          `${ro.markingPct}% lost, runs of a side ${ro.spreadPct}% apart) + catch-up ${ro.catchUp.seconds} s every ${ro.sweepIntervalSeconds} s (${ro.catchUpSharePct}%) = ${ro.overheadPct}%`);
      }
    }
  } finally {
    rss.stop();
    await watcher?.close();
    await server.stop();
  }
  load.afterApp = loadavg();
  calibrationMs.push(calibrate());

  // 3b. Steering catch-up after a day's logging by many reps (the server is stopped: nothing else sweeps).
  raw = await openRaw(target, connections);
  let steeringCatchUp: SteeringCatchUpBench | null = null;
  if (!only || only.has('steeringCatchUp')) {
    log('Steering catch-up…');
    steeringCatchUp = await benchSteeringCatchUp(raw, inputs.accountIds, log);
  }
  await raw.close();

  // 4. Trace verify over the whole set (including what the runs above just wrote); skipped when only rolled-back
  // batches ran (--only sweep,caseSweep): nothing was written, and at scale 1 it takes minutes.
  let traceVerify: (Omit<Awaited<ReturnType<typeof verifyTrace>>, 'broken'> & { seconds: number; eventsPerSec: number; rawScanSeconds: number; rawScanned: number; broken: unknown }) | null = null;
  raw = await openRaw(target, 2);
  if (!only || only.has('traceVerify') || ops.length > 0) {
    log('Trace verify…');
    const t0 = performance.now();
    const report = await verifyTrace(raw.kysely);
    const verifySeconds = (performance.now() - t0) / 1000;
    // Raw beside it: the same keyset scan of every event, without recomputing hashes.
    const t1 = performance.now();
    let cursor: [string, number] | null = null;
    let scanned = 0;
    for (;;) {
      const rows: Array<{ stream: string; seq: number }> = await raw.query(
        `SELECT stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash FROM trace_events
         ${cursor ? 'WHERE (stream, seq) > ($1, $2)' : ''} ORDER BY stream, seq LIMIT 5000`,
        cursor ? cursor : [],
      );
      if (rows.length === 0) break;
      scanned += rows.length;
      const last = rows[rows.length - 1]!;
      cursor = [last.stream, last.seq];
    }
    const scanSeconds = (performance.now() - t1) / 1000;
    log(`  ${report.ok ? 'OK' : 'BROKEN'}: ${report.events} events in ${report.streams} streams, ${report.checkpoints} checkpoints, ${verifySeconds.toFixed(1)} s (raw scan ${scanSeconds.toFixed(1)} s)`);
    if (!report.ok) log(`  first broken link: ${JSON.stringify(report.broken)}`);
    traceVerify = {
      ok: report.ok,
      events: report.events,
      streams: report.streams,
      checkpoints: report.checkpoints,
      seconds: Math.round(verifySeconds * 10) / 10,
      eventsPerSec: Math.round(report.events / verifySeconds),
      rawScanSeconds: Math.round(scanSeconds * 10) / 10,
      rawScanned: scanned,
      broken: report.broken,
    };
  } else log('Trace verify skipped: only rolled-back batches ran.');
  const finalRows = await countRows(raw.kysely);
  await raw.close();

  const rssPeak = Math.max(rssIdle, ...[...results.values()].map((r) => r.app?.rssPeakMb ?? 0));
  const out = {
    engine,
    scale,
    date: new Date().toISOString(),
    machine: { cores: cpus().length, memGb: Math.round(totalmem() / 2 ** 30), load, calibrationMs },
    code,
    settings: { duration, connections, casesScale, nice: niceness, logLevel: values['log-level'], server: 'relais serve (child process), rate limits raised for the run', postgres: postgresSettings },
    generation,
    leadsGeneration: leadsReport,
    casesGeneration: casesReport,
    rows: finalRows,
    sweep,
    caseSweep,
    caseQueueProfile,
    steering: { prep: steeringPrep, overhead: rollupOverhead, catchUp: steeringCatchUp },
    operations: [...results.values()],
    traceVerify,
    rss: { idleMb: Math.round(rssIdle), peakMb: Math.round(rssPeak), samples: rss.samples.length },
    skipped: ['CSV import: not built yet'],
    targets: TARGETS,
  };
  const resultsDir = join(BENCH_ROOT, 'results');
  mkdirSync(resultsDir, { recursive: true });
  // The other engine's latest run at this scale, for the PGlite ≤ 3× PostgreSQL comparison.
  const other = engine === 'pglite' ? 'postgres' : 'pglite';
  const previous = readdirSync(resultsDir).filter((f) => f.startsWith(`${other}-scale${scale}-`) && f.endsWith('.json')).sort().pop();
  const otherRun = previous ? JSON.parse(readFileSync(join(resultsDir, previous), 'utf8')) : null;
  const verdicts = judge(out, otherRun);
  const base = join(resultsDir, `${engine}-scale${scale}-${date}`);
  writeFileSync(`${base}.json`, JSON.stringify({ ...out, verdicts, comparedWith: previous ?? null }, null, 2));
  const md = markdown(out, verdicts, previous ?? null);
  writeFileSync(`${base}.md`, md);
  log('\n' + md);
  log(`Written ${base}.json and .md`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
