// Case operations of the benchmark: a back-office agent's pool queue (5,000 open cases) and their own cases
// (~100), the first page as the web asks for it (the 50 most urgent, and the counts of the whole queue), through
// HTTP and as raw SQL; the SLA sweep over every open case, timed in a transaction that is rolled back.
import { sql } from 'kysely';
import { sweepCases, type CaseSweepResult } from '../src/server/cases/commands.ts';
import { listCases } from '../src/server/cases/queries.ts';
import { loadPrincipal } from '../src/server/auth/principal.ts';
import { caseListQuery, type CaseListPage } from '../src/contract/cases.ts';
import { get } from './http.ts';
import { counter, rolledBack, steadySweeps, type Query, type Raw, type SteadySweeps } from './db.ts';
import { loadConfig } from '../src/server/config.ts';
import { STEADY_RUNS } from './lead-ops.ts';
import type { Op } from './ops.ts';

export interface CaseInputs {
  agentId: string;
  /** The bench agent's back-office pool and its region (reach: the region's accounts, the pool's cases, their own). */
  poolId: string;
  poolRegionId: string;
  /** Open cases in the pool (5,000) and assigned to the agent (~100). */
  poolOpen: number;
  mineOpen: number;
}

export async function loadCaseInputs(raw: Raw, agentEmail: string): Promise<CaseInputs | null> {
  const agent = await raw.query<{ id: string; pool_id: string; region_id: string }>(
    `SELECT u.id, p.id AS pool_id, p.region_id FROM users u JOIN pool_memberships m ON m.user_id = u.id JOIN pools p ON p.id = m.pool_id AND p.kind = 'back_office'
     WHERE u.email = $1`,
    [agentEmail],
  );
  const a = agent[0];
  if (!a) return null;
  const counts = (await raw.query<{ pool: number; mine: number }>(
    `SELECT count(*) FILTER (WHERE pool_id = $1)::int AS pool, count(*) FILTER (WHERE assignee_id = $2)::int AS mine
     FROM cases WHERE status NOT IN ('resolved', 'closed') AND (pool_id = $1 OR assignee_id = $2)`,
    [a.pool_id, a.id],
  ))[0]!;
  return { agentId: a.id, poolId: a.pool_id, poolRegionId: a.region_id, poolOpen: counts.pool, mineOpen: counts.mine };
}

/** A queue's first page as the web asks for it: the contract's default size. */
const PAGE = caseListQuery.parse({}).limit;

// ---- raw SQL of listCases (src/server/cases/queries.ts), written out ----

/**
 * caseRows: the case with its account and pool, the names of its people, contact and product (one-row sub-selects),
 * what widens its reach; then its place in the queue (the next page's cursor).
 */
const SQL_CASE_ROWS = `
  SELECT c.id, c.reference, c.status, c.priority, c.type, c.subject, c.description, c.channel, c.account_id, a.name AS account_name, a.owner_id,
    c.contact_id, (SELECT ct.first_name || ' ' || ct.last_name FROM contacts ct WHERE ct.id = c.contact_id) AS contact_name,
    c.product_id, (SELECT pr.name FROM products pr WHERE pr.id = c.product_id) AS product_name, c.agency_id, c.region_id,
    c.pool_id, p.name AS pool_name, c.assignee_id, (SELECT u.name FROM users u WHERE u.id = c.assignee_id) AS assignee_name,
    c.opened_by, (SELECT o.name FROM users o WHERE o.id = c.opened_by) AS opened_by_name, c.routing, c.sla,
    c.opened_at, c.first_responded_at, c.first_response_due_at, c.first_response_warn_at, c.resolution_due_at, c.resolution_warn_at, c.resolved_at, c.closed_at, c.resolution_summary,
    c.responsible_unit_type, c.responsible_unit_id, c.responsibility_note, c.responsibility_set_by,
    (SELECT rs.name FROM users rs WHERE rs.id = c.responsibility_set_by) AS responsibility_set_by_name,
    c.responsibility_set_at, c.transfer_count, c.ping_pong, c.version,
    (SELECT json_agg(json_build_array(h.status, h.at) ORDER BY h.seq) FROM case_status_changes h WHERE h.case_id = c.id) AS history,
    CASE c.responsible_unit_type WHEN 'agency' THEN c.responsible_unit_id
      WHEN 'pool' THEN (SELECT agency_id FROM pools WHERE id = c.responsible_unit_id) END AS responsible_agency_id,
    CASE c.responsible_unit_type WHEN 'region' THEN c.responsible_unit_id
      WHEN 'agency' THEN (SELECT region_id FROM agencies WHERE id = c.responsible_unit_id)
      WHEN 'pool' THEN (SELECT region_id FROM pools WHERE id = c.responsible_unit_id) END AS responsible_region_id,
    ARRAY(SELECT d.arbiter_id FROM case_responsibility_disputes d WHERE d.case_id = c.id AND d.arbiter_id IS NOT NULL) AS arbiter_ids,
    ARRAY(SELECT DISTINCT t.from_pool_id FROM case_transfers t WHERE t.case_id = c.id) AS former_pool_ids,
    to_char(c.urgent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS urgent_place,
    to_char(c.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS opened_place
  FROM cases c
  JOIN accounts a ON a.id = c.account_id
  JOIN pools p ON p.id = c.pool_id`;
/** Open cases only; reach for a back-office agent: the region of their pool, their pool's cases, their own. */
const REACH = `c.status NOT IN ('resolved', 'closed') AND (c.region_id IN ($2) OR c.pool_id IN ($3) OR c.assignee_id = $4)`;
const POOL_VIEW = `c.pool_id IN ($1) AND ${REACH}`;
const MINE_VIEW = `c.assignee_id = $1 AND ${REACH}`;
/** The first page, most urgent first, one case more than shown (there is a next page when it comes back). */
export const sqlQueuePage = (view: string) => `${SQL_CASE_ROWS} WHERE ${view} ORDER BY c.urgent_at ASC NULLS LAST, c.opened_at, c.id LIMIT $5`;
/** The whole queue's counts beside it (queueCounts): every case, the unassigned, the late. */
export const sqlQueueCounts = (view: string) =>
  `SELECT count(*)::int AS total, (count(*) FILTER (WHERE c.assignee_id IS NULL))::int AS unassigned, (count(*) FILTER (WHERE c.urgent_at < $5))::int AS late
   FROM cases AS c WHERE ${view}`;
const SQL_SLA_RULE = `SELECT id, version, config, text_en, text_fr FROM case_rules WHERE kind = 'sla' AND effective_from <= $1 ORDER BY version DESC LIMIT 1`;
/** As listCases: the page, the counts and the SLA rule in force concurrently (each case's status history rides in its row). */
async function rawQueue(q: Query, view: string, params: unknown[]): Promise<{ shown: number; total: number }> {
  const [rows, counts] = await Promise.all([
    q<{ id: string }>(sqlQueuePage(view), [...params, PAGE + 1]),
    q<{ total: number }>(sqlQueueCounts(view), [...params, new Date()]),
    q(SQL_SLA_RULE, [new Date().toISOString()]),
  ]);
  return { shown: Math.min(rows.length, PAGE), total: counts[0]!.total };
}

export function caseOperations(inputs: CaseInputs): Op[] {
  const POOL = `/api/cases?view=pool&limit=${PAGE}`;
  const MINE = `/api/cases?view=mine&limit=${PAGE}`;
  const reach = [inputs.poolRegionId, inputs.poolId, inputs.agentId];
  const checked = (path: string, total: number) => async (base: string, s: Parameters<Op['http']>[1]) => {
    const page = JSON.parse(await get(base, s, path)) as CaseListPage;
    if (page.items.length !== Math.min(PAGE, total) || page.total !== total) throw new Error(`GET ${path} returned ${page.items.length} cases of ${page.total}, not ${Math.min(PAGE, total)} of ${total}`);
  };
  const rawChecked = async (q: Query, view: string, first: string, total: number) => {
    const got = await rawQueue(q, view, [first, ...reach]);
    if (got.shown !== Math.min(PAGE, total) || got.total !== total) throw new Error(`raw queue: ${got.shown} rows of ${got.total}, not ${Math.min(PAGE, total)} of ${total}`);
  };
  const cannon = (path: string): Op['cannon'] => (sessions) => {
    let i = 0;
    return [{ setupRequest: (req) => ({ ...req, method: 'GET', path, headers: { ...req.headers, cookie: sessions[i++ % sessions.length]!.cookie } }) }];
  };
  return [
    {
      name: 'casePool',
      what: `GET ${POOL} as a back-office agent whose pool holds ${inputs.poolOpen.toLocaleString('en')} open cases: the first page, the ${PAGE} most urgent (urgent_at = LEAST(first response due, resolution due)) each with its live SLA state, and the counts of the whole queue (total, unassigned, late)`,
      requestsPerOp: 1,
      as: 'caseAgent',
      http: checked(POOL, inputs.poolOpen),
      raw: (q) => rawChecked(q, POOL_VIEW, inputs.poolId, inputs.poolOpen),
      cannon: cannon(POOL),
    },
    {
      name: 'caseMine',
      what: `GET ${MINE} as the same agent, who holds ${inputs.mineOpen} open cases: the first page and the counts`,
      requestsPerOp: 1,
      as: 'caseAgent',
      http: checked(MINE, inputs.mineOpen),
      raw: (q) => rawChecked(q, MINE_VIEW, inputs.agentId, inputs.mineOpen),
      cannon: cannon(MINE),
    },
  ];
}

// ---- where the queue's time goes, in process (no HTTP) ----

export interface QueueProfile {
  /** listCases called directly (the same Kysely queries + shaping into API cases), ms. */
  listCasesMs: { p50: number; p95: number };
  /** Its statements alone (rawQueue), ms. */
  sqlMs: { p50: number; p95: number };
  /** Of those, the page's statement and the counts' statement, each alone, ms. */
  pageMs: { p50: number; p95: number };
  countsMs: { p50: number; p95: number };
  /** Cases on the page. */
  page: number;
  samples: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! * 100) / 100;
};
const spread = (xs: number[]) => ({ p50: pct(xs, 0.5), p95: pct(xs, 0.95) });

/** listCases in this process beside its SQL: the difference is the shaping (live SLA state, abilities, summary of each case). */
export async function profileCaseQueue(raw: Raw, inputs: CaseInputs, samples = 30): Promise<QueueProfile> {
  const principal = await loadPrincipal(raw.kysely, inputs.agentId);
  if (!principal) throw new Error('the bench case agent is not active');
  const query = caseListQuery.parse({ view: 'pool' });
  const params = [inputs.poolId, inputs.poolRegionId, inputs.poolId, inputs.agentId];
  const times = { app: [] as number[], sql: [] as number[], page: [] as number[], counts: [] as number[] };
  for (let i = 0; i < samples + 3; i++) {
    const t0 = performance.now();
    await listCases(raw.kysely, principal, query);
    const t1 = performance.now();
    await rawQueue(raw.query, POOL_VIEW, params);
    const t2 = performance.now();
    await raw.query(sqlQueuePage(POOL_VIEW), [...params, PAGE + 1]);
    const t3 = performance.now();
    await raw.query(sqlQueueCounts(POOL_VIEW), [...params, new Date()]);
    const t4 = performance.now();
    if (i < 3) continue;
    times.app.push(t1 - t0);
    times.sql.push(t2 - t1);
    times.page.push(t3 - t2);
    times.counts.push(t4 - t3);
  }
  return { listCasesMs: spread(times.app), sqlMs: spread(times.sql), pageMs: spread(times.page), countsMs: spread(times.counts), page: PAGE, samples };
}

// ---- the SLA sweep ----

export interface CaseSweepBench {
  now: string;
  openCases: number;
  /** Open cases with an alert due at `now` (next_alert_at ≤ now): what the sweep has to handle. */
  due: number;
  dueShare: number;
  seconds: number;
  result: CaseSweepResult;
  notifications: number;
  traceEvents: number;
  /** Statements the sweep sent (counted by a Kysely plugin). */
  statements: number;
  /** A second sweep right after, same transaction: idempotent, so it should find nothing. */
  secondSeconds: number;
  secondResult: CaseSweepResult;
  secondStatements: number;
  /** Then the sweep as the server runs it, every RELAIS_SWEEP_SECONDS (default), over the same open cases. */
  steady: SteadySweeps;
  /** The sweep's read alone: every due case with its account and pool, locked, in one statement (also rolled back). */
  rawSelectSeconds: number;
}

/**
 * The sweep at a `now` where `share` of the open cases have a warning or a breach due. The generated set
 * is swept up to its step's "now" (every next_alert_at lies after it), so `now` is the instant by which
 * that share of the open cases' next alerts has come.
 */
export async function benchCaseSweep(raw: Raw, log: (s: string) => void, share = 0.05): Promise<CaseSweepBench | null> {
  const open = (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE status NOT IN ('resolved', 'closed')`))[0]!.n;
  if (open === 0) {
    log('  no open cases: case sweep skipped');
    return null;
  }
  const k = Math.max(1, Math.round(open * share));
  const at = (await raw.query<{ at: Date }>(
    `SELECT next_alert_at AS at FROM cases WHERE next_alert_at IS NOT NULL AND status NOT IN ('resolved', 'closed') ORDER BY next_alert_at OFFSET $1 LIMIT 1`,
    [k - 1],
  ))[0];
  if (!at) {
    log('  too few open cases with an alert ahead: case sweep skipped');
    return null;
  }
  // Many cases share an instant (a clock that starts at Monday's opening): of that instant and the one just
  // before it, take whichever brings the share closer.
  const dueAt = async (t: Date) =>
    (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE next_alert_at <= $1 AND status NOT IN ('resolved', 'closed')`, [t.toISOString()]))[0]!.n;
  let now = new Date(at.at);
  let due = await dueAt(now);
  const before = new Date(now.getTime() - 1);
  const dueBefore = await dueAt(before);
  if (dueBefore > 0 && Math.abs(dueBefore - k) < Math.abs(due - k)) [now, due] = [before, dueBefore];
  log(`  now = ${now.toISOString()}: ${open} open cases, ${due} with an alert due (${((100 * due) / open).toFixed(1)}%)`);
  const swept = await rolledBack(raw, async (trx) => {
    const counts = async () =>
      (await sql<{ n: number; e: number }>`SELECT (SELECT count(*)::int FROM notifications) AS n, (SELECT count(*)::int FROM trace_events) AS e`.execute(trx)).rows[0]!;
    const before = await counts();
    const c1 = counter();
    const t0 = performance.now();
    const result = await sweepCases(trx.withPlugin(c1.plugin), now);
    const seconds = (performance.now() - t0) / 1000;
    const after = await counts();
    const c2 = counter();
    const t1 = performance.now();
    const second = await sweepCases(trx.withPlugin(c2.plugin), now);
    const secondSeconds = (performance.now() - t1) / 1000;
    const steady = await steadySweeps(now, loadConfig({}).sweepSeconds, STEADY_RUNS, async (at) => {
      const r = await sweepCases(trx, at);
      return r.warnings + r.breaches;
    });
    return { result, seconds, second, secondSeconds, steady, statements: c1.count(), secondStatements: c2.count(), notifications: after.n - before.n, traceEvents: after.e - before.e };
  });
  log(
    `  sweepCases: ${swept.seconds.toFixed(2)} s — ${swept.result.warnings} warnings, ${swept.result.breaches} breaches, ${swept.notifications} notifications, ` +
      `${swept.traceEvents} trace events, ${swept.statements} statements; again: ${swept.secondSeconds.toFixed(3)} s, ${JSON.stringify(swept.second)} (rolled back)`,
  );
  const rawSelectSeconds = await rolledBack(raw, async (trx) => {
    const t0 = performance.now();
    await sql`SELECT c.id, c.reference, c.account_id, a.name AS account_name, c.subject, c.agency_id, c.pool_id, p.name AS pool_name, c.assignee_id, c.priority, c.alerts,
                     c.first_response_due_at, c.first_response_warn_at, c.resolution_due_at, c.resolution_warn_at
              FROM cases c JOIN accounts a ON a.id = c.account_id JOIN pools p ON p.id = c.pool_id
              WHERE c.next_alert_at <= ${now} AND c.status NOT IN ('resolved', 'closed') ORDER BY c.next_alert_at FOR UPDATE OF c SKIP LOCKED`.execute(trx);
    return (performance.now() - t0) / 1000;
  });
  log(`  then every ${swept.steady.intervalSeconds} s, ${swept.steady.runs} runs: p50 ${swept.steady.seconds.p50} s, max ${swept.steady.seconds.max} s, ${swept.steady.crossings.p50} cases alerted per run (max ${swept.steady.crossings.max})`);
  log(`  raw: the due cases read and locked in one statement ${rawSelectSeconds.toFixed(2)} s (rolled back)`);
  return {
    now: now.toISOString(),
    openCases: open,
    due,
    dueShare: Math.round((due / open) * 1000) / 1000,
    seconds: Math.round(swept.seconds * 100) / 100,
    result: swept.result,
    notifications: swept.notifications,
    traceEvents: swept.traceEvents,
    statements: swept.statements,
    secondSeconds: Math.round(swept.secondSeconds * 1000) / 1000,
    secondResult: swept.second,
    secondStatements: swept.secondStatements,
    steady: swept.steady,
    rawSelectSeconds: Math.round(rawSelectSeconds * 100) / 100,
  };
}
