// Targets from issues 2–5 and the short markdown table written beside the JSON.
import type { QueueProfile } from './case-ops.ts';

/** Targets on the 2-core machine, on native PostgreSQL, through HTTP with a session (issue 2). */
export const TARGETS = {
  account360P95Ms: 8,
  searchP95Ms: 25,
  phoneLookupP95Ms: 5,
  logInteractionPerSec: 1500,
  account360AppRawRatio: 2,
  pgliteVsPostgres: 3,
  rssMb: 400,
  // Issue 3 (leads).
  relayLeadPerSec: 500,
  repDayP95Ms: 15,
  sweepSeconds: 2,
  sweepOpenLeads: 300_000,
  // Issue 4 (cases).
  casePoolP95Ms: 20,
  casePoolOpenCases: 5000,
  caseSweepSeconds: 2,
  caseSweepOpenCases: 200_000,
  // Issue 5 (steering).
  steeringRebuildSeconds: 120,
  steeringNationP95Ms: 150,
  steeringDrillP95Ms: 60,
  rollupOverheadPct: 15,
};

interface OpLike {
  name: string;
  raw?: { latency: { p50: number; p95: number; cpuMsPerOp?: number }; throughput: { opsPerSec: number; workers: number } };
  app?: { latency: { p50: number; p95: number; cpuMsPerOp?: number }; throughput: { opsPerSec: number; non2xx: number; requestsPerSec: number }; rssPeakMb: number };
  ratio?: { p50: number; p95: number };
}
interface RunLike {
  engine: string;
  scale: number;
  operations: OpLike[];
  rss: { idleMb: number; peakMb: number };
  /** Null when only rolled-back batches ran (nothing to verify). */
  traceVerify: { ok: boolean; events: number; seconds: number; eventsPerSec: number; rawScanSeconds: number } | null;
  sweep?: { now: string; openLeads: number; dueForOffer: number; dueLate: number; seconds: number; result: { offered: number; late: number; expired: number };
    secondSeconds: number; rawUpdatesSeconds: number; statements: number; notifications: number; traceEvents: number; steady?: SteadyLike } | null;
  caseSweep?: { now: string; openCases: number; due: number; dueShare: number; seconds: number; result: { warnings: number; breaches: number }; notifications: number;
    traceEvents: number; statements: number; secondSeconds: number; secondResult: { warnings: number; breaches: number }; secondStatements: number; rawSelectSeconds: number; steady?: SteadyLike } | null;
  caseQueueProfile?: QueueProfile | null;
  steering?: {
    prep: {
      marksBefore: { subjects: number; units: number };
      rebuild: { reason: string; seconds: number; subjectRows: number; unitRows: number; differences: { subject: number; unit: number }; vacuumAnalyzeSeconds: number;
        tablesMb: Record<string, number> } | null;
      catchUp: { seconds: number; subjects: number; units: number } | null;
      markCost: { rows: number; withMarksRowsPerSec: number; withoutMarksRowsPerSec: number; overheadPct: number; withMarksCpuMsPer1000: number; withoutMarksCpuMsPer1000: number;
        cpuOverheadPct: number; marksLeft: number } | null;
    };
    overhead: { withMarks: { opsPerSec: number; cpuMsPerOp: number }; withoutMarks: { opsPerSec: number; cpuMsPerOp: number }; markingPct: number; markingCpuPct: number; spreadPct: number;
      marksLeft: { subjects: number }; catchUp: { seconds: number; units: number }; sweepIntervalSeconds: number; catchUpSharePct: number; overheadPct: number;
      restore: { marked: number; differences: { subject: number } } } | null;
    catchUp: { interactions: number; reps: number; loggedPerSec: number; marks: { subjects: number }; seconds: number; result: { subjects: number; units: number };
      idleSeconds: number } | null;
  };
}

/** A sweep's routine runs (bench/db.ts steadySweeps). */
interface SteadyLike {
  intervalSeconds: number;
  runs: number;
  seconds: { p50: number; max: number };
  crossings: { p50: number; max: number; total: number };
}

const steadyWords = (s: SteadyLike, what: string) =>
  `run every ${s.intervalSeconds} s as the server does, ${s.runs} runs: max ${s.seconds.max} s (p50 ${s.seconds.p50} s), ${s.crossings.p50} ${what} acted on per run (max ${s.crossings.max})`;

export interface Verdict {
  target: string;
  measured: string;
  met: boolean | null;
  note?: string;
}

const op = (run: RunLike, name: string) => run.operations.find((o) => o.name === name);

export function judge(run: RunLike, other: RunLike | null): Verdict[] {
  const v: Verdict[] = [];
  const onPg = run.engine === 'postgres';
  const scope = onPg ? '' : ' (target is for PostgreSQL; shown for reference)';
  const a = op(run, 'account360');
  if (a?.app) {
    v.push({ target: `account 360 p95 ≤ ${TARGETS.account360P95Ms} ms${scope}`, measured: `${a.app.latency.p95} ms`, met: a.app.latency.p95 <= TARGETS.account360P95Ms });
    if (a.ratio) v.push({ target: `app/raw ≤ ${TARGETS.account360AppRawRatio} on the 360 (p50; p95 beside)${scope}`, measured: `${a.ratio.p50} (p95 ${a.ratio.p95})`, met: a.ratio.p50 <= TARGETS.account360AppRawRatio });
  }
  const s = op(run, 'search');
  if (s?.app) v.push({ target: `search-as-you-type p95 ≤ ${TARGETS.searchP95Ms} ms${scope}`, measured: `${s.app.latency.p95} ms`, met: s.app.latency.p95 <= TARGETS.searchP95Ms });
  const p = op(run, 'phoneLookup');
  if (p?.app) v.push({ target: `phone lookup p95 ≤ ${TARGETS.phoneLookupP95Ms} ms${scope}`, measured: `${p.app.latency.p95} ms`, met: p.app.latency.p95 <= TARGETS.phoneLookupP95Ms });
  const l = op(run, 'logInteraction');
  if (l?.app) v.push({ target: `log interaction ≥ ${TARGETS.logInteractionPerSec}/s at 16 clients${scope}`, measured: `${l.app.throughput.opsPerSec}/s`, met: l.app.throughput.opsPerSec >= TARGETS.logInteractionPerSec });
  const rl = op(run, 'relayLead');
  if (rl?.app) v.push({ target: `relay a lead ≥ ${TARGETS.relayLeadPerSec}/s at 16 clients${scope}`, measured: `${rl.app.throughput.opsPerSec}/s`, met: rl.app.throughput.opsPerSec >= TARGETS.relayLeadPerSec });
  const rd = op(run, 'repDay');
  if (rd?.app) v.push({ target: `rep's day with 200 open leads p95 ≤ ${TARGETS.repDayP95Ms} ms${scope}`, measured: `${rd.app.latency.p95} ms`, met: rd.app.latency.p95 <= TARGETS.repDayP95Ms });
  if (run.sweep) {
    const sw = run.sweep;
    const full = sw.openLeads >= TARGETS.sweepOpenLeads;
    // Judged on the sweep as the server runs it (every interval); the first run over generated data, a backlog, beside it.
    const seconds = sw.steady?.seconds.max ?? sw.seconds;
    v.push({
      target: `deadline sweep over ${TARGETS.sweepOpenLeads.toLocaleString('en')} open leads ≤ ${TARGETS.sweepSeconds} s${scope}`,
      measured:
        (sw.steady ? `${steadyWords(sw.steady, 'leads')}; ` : '') +
        `a backlog of ${(sw.result.offered + sw.result.late).toLocaleString('en')} crossings at once (${sw.result.offered} offered, ${sw.result.late} late): ${sw.seconds} s; over ${sw.openLeads.toLocaleString('en')} open leads`,
      met: full ? seconds <= TARGETS.sweepSeconds : seconds > TARGETS.sweepSeconds ? false : null,
      note: full ? undefined : 'fewer open leads than the target: a time within the limit does not prove it; one over the limit already misses it (the work grows with the leads due)',
    });
  }
  const cp = op(run, 'casePool');
  if (cp?.app) {
    v.push({ target: `a pool queue of ${TARGETS.casePoolOpenCases.toLocaleString('en')} open cases p95 ≤ ${TARGETS.casePoolP95Ms} ms${scope}`, measured: `${cp.app.latency.p95} ms`,
      met: cp.app.latency.p95 <= TARGETS.casePoolP95Ms });
  }
  if (run.caseSweep) {
    const cs = run.caseSweep;
    const full = cs.openCases >= TARGETS.caseSweepOpenCases;
    const seconds = cs.steady?.seconds.max ?? cs.seconds;
    v.push({
      target: `the SLA sweep over ${TARGETS.caseSweepOpenCases.toLocaleString('en')} open cases ≤ ${TARGETS.caseSweepSeconds} s${scope}`,
      measured:
        (cs.steady ? `${steadyWords(cs.steady, 'cases')}; ` : '') +
        `a backlog of ${cs.due.toLocaleString('en')} due at once (${cs.result.warnings} warnings, ${cs.result.breaches} breaches): ${cs.seconds} s; over ${cs.openCases.toLocaleString('en')} open cases`,
      met: full ? seconds <= TARGETS.caseSweepSeconds : seconds > TARGETS.caseSweepSeconds ? false : null,
      note: full ? undefined : 'fewer open cases than the target: a time within the limit does not prove it; one over the limit already misses it (the work grows with the cases due)',
    });
  }
  const rb = run.steering?.prep.rebuild;
  if (rb) {
    const full = run.scale >= 1;
    v.push({
      target: `rebuilding the steering rollups at scale 1 ≤ ${TARGETS.steeringRebuildSeconds} s${scope}`,
      measured: `${rb.seconds} s at scale ${run.scale} (${rb.subjectRows.toLocaleString('en')} subject-day rows, ${rb.unitRows.toLocaleString('en')} unit-day rows)` +
        (full ? '' : `; ×${Math.round(1 / run.scale)} linearly: ~${Math.round(rb.seconds / run.scale)} s`),
      met: full ? rb.seconds <= TARGETS.steeringRebuildSeconds : rb.seconds > TARGETS.steeringRebuildSeconds ? false : null,
      note: full ? undefined : 'a smaller set: a time within the limit does not prove it (the work grows with the facts); one over it already misses it',
    });
  }
  const sn = op(run, 'steeringNation');
  if (sn?.app) v.push({ target: `national dashboard (year, 12-period trend, every region) p95 ≤ ${TARGETS.steeringNationP95Ms} ms${scope}`, measured: `${sn.app.latency.p95} ms`,
    met: sn.app.latency.p95 <= TARGETS.steeringNationP95Ms });
  const sd = op(run, 'steeringDrill');
  if (sd?.app) v.push({ target: `region / agency / pool dashboard (month) p95 ≤ ${TARGETS.steeringDrillP95Ms} ms${scope}`, measured: `${sd.app.latency.p95} ms`,
    met: sd.app.latency.p95 <= TARGETS.steeringDrillP95Ms });
  const ro = run.steering?.overhead;
  if (ro) v.push({
    target: `rollup maintenance ≤ ${TARGETS.rollupOverheadPct}% of interaction logging throughput`,
    measured: `${ro.overheadPct}%: the marks ${ro.markingCpuPct >= 0 ? '+' : ''}${ro.markingCpuPct}% CPU per logged interaction (throughput ${ro.withMarks.opsPerSec} vs ${ro.withoutMarks.opsPerSec}/s, ` +
      `${ro.markingPct}% lost; runs of one side up to ${ro.spreadPct}% apart) + catch-up ${ro.catchUp.seconds} s per ${ro.sweepIntervalSeconds} s (${ro.catchUpSharePct}%)`,
    met: ro.overheadPct <= TARGETS.rollupOverheadPct,
    note: 'judged on CPU per operation, which other load on the machine disturbs far less than throughput',
  });
  v.push({ target: `server RSS ≤ ${TARGETS.rssMb} MB while serving`, measured: `${run.rss.peakMb} MB peak`, met: run.rss.peakMb <= TARGETS.rssMb,
    note: onPg ? 'the Node process only; PostgreSQL backends are separate processes' : 'includes the embedded database (WASM heap)' });
  if (other) {
    const [pgl, pg] = onPg ? [other, run] : [run, other];
    for (const name of ['account360', 'search', 'phoneLookup', 'casePool', 'caseMine', 'steeringNation', 'steeringDrill']) {
      const x = op(pgl, name)?.app;
      const y = op(pg, name)?.app;
      if (!x || !y) continue;
      const f = x.latency.p95 / y.latency.p95;
      v.push({ target: `PGlite ≤ ${TARGETS.pgliteVsPostgres}× PostgreSQL: ${name} p95`, measured: `${f.toFixed(2)}× (${x.latency.p95} vs ${y.latency.p95} ms)`, met: f <= TARGETS.pgliteVsPostgres });
    }
    for (const name of ['account360', 'search', 'phoneLookup', 'logInteraction']) {
      const x = op(pgl, name)?.app;
      const y = op(pg, name)?.app;
      if (!x || !y) continue;
      const f = y.throughput.opsPerSec / x.throughput.opsPerSec;
      v.push({ target: `PGlite ≤ ${TARGETS.pgliteVsPostgres}× PostgreSQL: ${name} throughput`, measured: `PostgreSQL ${f.toFixed(2)}× PGlite (${y.throughput.opsPerSec} vs ${x.throughput.opsPerSec}/s)`, met: f <= TARGETS.pgliteVsPostgres });
    }
    if (pgl.traceVerify && pg.traceVerify) {
      const f = pgl.traceVerify.seconds / pg.traceVerify.seconds;
      v.push({ target: `PGlite ≤ ${TARGETS.pgliteVsPostgres}× PostgreSQL: trace verify`, measured: `${f.toFixed(2)}×`, met: f <= TARGETS.pgliteVsPostgres });
    }
  }
  return v;
}

const fmt = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : String(x));

export function markdown(
  run: RunLike & { date: string; rows: Record<string, number>; code?: { commit: string; srcDirty: boolean }; settings: { duration: number; connections: number; nice?: number | null; casesScale?: number; postgres?: { version: string; shared_buffers: string; work_mem: string } | null }; machine: { load: Record<string, number[]>; calibrationMs?: number[] } },
  verdicts: Verdict[],
  comparedWith: string | null,
): string {
  const lines = [
    `# Relais benchmark — ${run.engine}, scale ${run.scale}${run.settings.casesScale !== undefined && run.settings.casesScale !== run.scale ? `, cases at scale ${run.settings.casesScale}` : ''} (${run.date.slice(0, 16)}Z)`,
    '',
    ...(run.code ? [`Code: ${run.code.commit}${run.code.srcDirty ? ' with uncommitted changes in src/' : ''}.`, ''] : []),
    `Rows: ${Object.entries(run.rows).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ')}. Leads and cases generated by bench/leads.ts and bench/cases.ts (separate resumable steps).`,
    `Runs: ${run.settings.duration} s each; throughput with ${run.settings.connections} connections (autocannon, one session per client); latency from one sequential client.${run.settings.nice != null ? ` Benchmark processes (client, server, its PostgreSQL backends) ran at nice ${run.settings.nice}.` : ''}${run.settings.postgres ? ` PostgreSQL ${run.settings.postgres.version}: shared_buffers ${run.settings.postgres.shared_buffers}, work_mem ${run.settings.postgres.work_mem}.` : ''}`,
    `Load average (1/5/15 min) at start ${run.machine.load.start!.map((x) => x.toFixed(1)).join('/')}, during app runs → ${(run.machine.load.afterApp ?? []).map((x) => x.toFixed(1)).join('/')}: other work shared the 2 cores.`,
    '',
    `Machine speed check (100k sha256, lower is faster): ${(run.machine.calibrationMs ?? []).join(' ms, ')} ms (before, after).`,
    'CPU ms/op: CPU time of the serving processes per operation in the sequential run (app: the server + its PostgreSQL backends; raw: the benchmark process + its backends) — much less disturbed by other load than latency.',
    '',
    '| operation | app p50 ms | app p95 ms | app CPU ms/op | app ops/s | raw p50 ms | raw p95 ms | raw CPU ms/op | raw ops/s | app/raw p50 | app/raw p95 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const o of run.operations) {
    lines.push(
      `| ${o.name} | ${fmt(o.app?.latency.p50)} | ${fmt(o.app?.latency.p95)} | ${fmt(o.app?.latency.cpuMsPerOp)} | ${fmt(o.app?.throughput.opsPerSec)}${o.app?.throughput.non2xx ? ` (${o.app.throughput.non2xx} non-2xx)` : ''} | ${fmt(o.raw?.latency.p50)} | ${fmt(o.raw?.latency.p95)} | ${fmt(o.raw?.latency.cpuMsPerOp)} | ${fmt(o.raw?.throughput.opsPerSec)}${o.raw?.throughput.workers === 1 ? ' (1 conn)' : ''} | ${fmt(o.ratio?.p50)} | ${fmt(o.ratio?.p95)} |`,
    );
  }
  const tv = run.traceVerify;
  if (tv) lines.push(`| traceVerify (whole set) | ${tv.seconds} s | | | ${tv.eventsPerSec.toLocaleString('en')} events/s | ${tv.rawScanSeconds} s (scan only) | | | | ${(tv.seconds / tv.rawScanSeconds).toFixed(2)} | |`);
  const sw = run.sweep;
  if (sw) lines.push(`| sweep, backlog (in a rolled-back transaction) | ${sw.seconds} s | | | ${sw.result.offered} offered + ${sw.result.late} late of ${sw.openLeads.toLocaleString('en')} open | ${sw.rawUpdatesSeconds} s (the 3 UPDATEs only) | | | | ${(sw.seconds / Math.max(0.001, sw.rawUpdatesSeconds)).toFixed(1)} | |`);
  if (sw?.steady) lines.push(`| sweep, then every ${sw.steady.intervalSeconds} s (${sw.steady.runs} runs) | ${sw.steady.seconds.p50} s | ${sw.steady.seconds.max} s (max) | | ${sw.steady.crossings.p50} leads per run (max ${sw.steady.crossings.max}) | | | | | | |`);
  const cs = run.caseSweep;
  if (cs) lines.push(`| caseSweep, backlog (in a rolled-back transaction) | ${cs.seconds} s | | | ${cs.result.warnings} warnings + ${cs.result.breaches} breaches, ${cs.due.toLocaleString('en')} due of ${cs.openCases.toLocaleString('en')} open | ${cs.rawSelectSeconds} s (the due cases read and locked, one statement) | | | | ${(cs.seconds / Math.max(0.001, cs.rawSelectSeconds)).toFixed(1)} | |`);
  if (cs?.steady) lines.push(`| caseSweep, then every ${cs.steady.intervalSeconds} s (${cs.steady.runs} runs) | ${cs.steady.seconds.p50} s | ${cs.steady.seconds.max} s (max) | | ${cs.steady.crossings.p50} cases per run (max ${cs.steady.crossings.max}) | | | | | | |`);
  lines.push('| CSV import | skipped: not built yet | | | | | | | | | |');
  const st = run.steering;
  if (st?.prep.rebuild) {
    const rb = st.prep.rebuild;
    lines.push(`| steering rebuild (rebuildRollups, replace) | ${rb.seconds} s | | | ${rb.subjectRows.toLocaleString('en')} subject-day + ${rb.unitRows.toLocaleString('en')} unit-day rows | | | | | | |`);
  }
  if (st?.overhead) {
    const ro = st.overhead;
    lines.push(`| rollupOverhead (logInteraction, marks vs none) | ${ro.overheadPct}% | | ${ro.withMarks.cpuMsPerOp} vs ${ro.withoutMarks.cpuMsPerOp} | ${ro.withMarks.opsPerSec} vs ${ro.withoutMarks.opsPerSec} | | | | | | |`);
  }
  if (st?.catchUp) {
    const cu = st.catchUp;
    lines.push(`| steeringCatchUp (${cu.interactions.toLocaleString('en')} interactions by ${cu.reps} reps today) | ${cu.seconds} s | | | ${cu.result.subjects} subject-days, ${cu.result.units} unit-days | | | | | | |`);
  }
  if (sw) lines.push('', `Sweep: now = ${sw.now} (10% of open leads past their warning point): ${sw.dueForOffer} due for offering, ${sw.dueLate} due late; sweepLeads wrote ${sw.traceEvents} trace events and ${sw.notifications} notifications in ${sw.statements.toLocaleString('en')} statements; a second sweep right after took ${sw.secondSeconds} s (idempotent). Rolled back: the data set is unchanged.`);
  if (cs) lines.push('', `Case SLA sweep: now = ${cs.now} (${(cs.dueShare * 100).toFixed(1)}% of the open cases have an alert due): sweepCases wrote ${cs.traceEvents} trace events and ${cs.notifications} notifications in ${cs.statements.toLocaleString('en')} statements; a second sweep right after took ${cs.secondSeconds} s (${cs.secondResult.warnings} warnings, ${cs.secondResult.breaches} breaches, ${cs.secondStatements} statements: idempotent). Rolled back: the data set is unchanged.`);
  if (st) {
    const p = st.prep;
    const parts: string[] = [`${p.marksBefore.subjects.toLocaleString('en')} subject marks and ${p.marksBefore.units} unit marks were pending before the step`];
    if (p.rebuild) {
      parts.push(`rebuildRollups (${p.rebuild.reason}) took ${p.rebuild.seconds} s (${p.rebuild.differences.subject.toLocaleString('en')} subject rows and ${p.rebuild.differences.unit.toLocaleString('en')} unit rows differed from what was kept), then VACUUM ANALYZE of the steering tables ${p.rebuild.vacuumAnalyzeSeconds} s; sizes ${Object.entries(p.rebuild.tablesMb).map(([k, mb]) => `${k} ${mb} MB`).join(', ')}`);
    }
    if (p.catchUp) parts.push(`the rollups were kept from an earlier run; the pending marks caught up in ${p.catchUp.seconds} s`);
    if (p.markCost) {
      const m = p.markCost;
      parts.push(`the marks on the generator's bulk insert of interactions (${m.rows.toLocaleString('en')} rows each way, 5,000 per statement, alternating, rolled back): ` +
        `${m.withMarksRowsPerSec.toLocaleString('en')} rows/s with the triggers vs ${m.withoutMarksRowsPerSec.toLocaleString('en')} without (${m.overheadPct >= 0 ? '+' : ''}${m.overheadPct}% time), ` +
        `database CPU ${m.withMarksCpuMsPer1000} vs ${m.withoutMarksCpuMsPer1000} ms per 1,000 rows (${m.cpuOverheadPct >= 0 ? '+' : ''}${m.cpuOverheadPct}%), ${m.marksLeft.toLocaleString('en')} marks`);
    }
    lines.push('', `Steering: ${parts.join('; ')}.`);
    if (st.overhead) {
      const ro = st.overhead;
      lines.push('', `Rollup maintenance: logInteraction at ${ro.withMarks.opsPerSec}/s with the marks, ${ro.withoutMarks.opsPerSec}/s with the steering triggers of interactions disabled (runs with / without / without / with, means; runs of one side up to ${ro.spreadPct}% apart): ${ro.markingPct}% lost; CPU of the server and its backends ${ro.withMarks.cpuMsPerOp} vs ${ro.withoutMarks.cpuMsPerOp} ms per logged interaction (${ro.markingCpuPct >= 0 ? '+' : ''}${ro.markingCpuPct}%). Each run with marks left ${ro.marksLeft.subjects} marks, caught up in ${ro.catchUp.seconds} s (${ro.catchUp.units} unit-days), ${ro.catchUpSharePct}% of the ${ro.sweepIntervalSeconds} s between two of the app's sweeps. Maintenance = the marks' CPU (if any) + that share = ${ro.overheadPct}%. After the runs without triggers, the ${ro.restore.marked} author-days they logged were marked and caught up; the loggers' rollups then differed from a fresh computation in ${ro.restore.differences.subject} rows.`);
    }
    if (st.catchUp) {
      const cu = st.catchUp;
      lines.push('', `Steering catch-up: ${cu.interactions.toLocaleString('en')} interactions logged today by ${cu.reps} reps (raw logInteraction transactions, ${cu.loggedPerSec}/s) left ${cu.marks.subjects} marks; catchUpRollups took ${cu.seconds} s (${cu.result.subjects} subject-days, ${cu.result.units} unit-days); again with nothing to do ${Math.round(cu.idleSeconds * 1000)} ms.`);
    }
  }
  const qp = run.caseQueueProfile;
  if (qp) {
    lines.push(
      '',
      `Pool queue in process (no HTTP, no session): listCases p50 ${qp.listCasesMs.p50} ms / p95 ${qp.listCasesMs.p95} ms, its statements alone p50 ${qp.sqlMs.p50} ms / p95 ${qp.sqlMs.p95} ms — ` +
        `the page of ${qp.page} p50 ${qp.pageMs.p50} ms / p95 ${qp.pageMs.p95} ms, the whole queue's counts p50 ${qp.countsMs.p50} ms / p95 ${qp.countsMs.p95} ms, each alone (${qp.samples} samples): ` +
        `the difference is shaping ${qp.page} cases (live SLA state, abilities, customer summary).`,
    );
  }
  lines.push('', `Trace verify: ${tv ? `${tv.ok ? 'OK' : 'BROKEN'}, ${tv.events.toLocaleString('en')} events` : 'skipped (only rolled-back batches ran)'}. Server RSS: ${run.rss.idleMb} MB idle, ${run.rss.peakMb} MB peak.`, '');
  lines.push('| target | measured | met |', '|---|---|---|');
  for (const v of verdicts) lines.push(`| ${v.target} | ${v.measured}${v.note ? ` (${v.note})` : ''} | ${v.met === null ? '–' : v.met ? 'yes' : '**no**'} |`);
  if (comparedWith) lines.push('', `PGlite/PostgreSQL comparison against ${comparedWith}.`);
  return lines.join('\n') + '\n';
}
