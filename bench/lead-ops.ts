// Lead operations of the benchmark: relaying a lead (routing + trace + notification), a rep's day with
// 200 open leads, and the deadline sweep (timed in a transaction that is rolled back).
import { v7 as uuidv7 } from 'uuid';
import { eventHash, GENESIS_HASH, payloadHash } from '../src/server/trace/rules.ts';
import { accountStream } from '../src/server/accounts/commands.ts';
import { sql } from 'kysely';
import { sweepLeads } from '../src/server/leads/commands.ts';
import { DEFAULT_ROUTING_CONFIG, DUPLICATE_WINDOW_MS, leadDeadlines, needsPool, routeLead, type Person } from '../src/server/leads/rules.ts';
import { calendarAt } from '../src/server/calendar/current.ts';
import { REALTIME_CHANNEL } from '../src/server/realtime/hub.ts';
import type { RoutingRuleConfig } from '../src/contract/leads.ts';
import type { Segment } from '../src/server/db/schema.ts';
import { get, post } from './http.ts';
import { counter, rolledBack, steadySweeps, type Query, type Raw, type SteadySweeps } from './db.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Op } from './ops.ts';
import { NEEDS } from '../src/server/seed/demo-leads.ts';

export interface LeadInputs {
  /**
   * (Account, product) pairs outside the rep's agency (200,000 at most), those with no lead in the last two days first. Once a
   * fast run has used them all (a second run the same day), a pair comes round again: its relay is then sent as
   * the user sends it after the duplicate warning (acknowledged), the same work, not a 409.
   */
  pairs: Array<[string, string]>;
  actorId: string;
  repId: string;
}

let turn = 0;
const nextPair = (inputs: LeadInputs) => inputs.pairs[turn++ % inputs.pairs.length]!;

export async function loadLeadInputs(raw: Raw, actorId: string, repEmail: string): Promise<LeadInputs> {
  const rep = await raw.query<{ id: string; home_agency_id: string }>(`SELECT id, home_agency_id FROM users WHERE email = $1`, [repEmail]);
  // Not the rep's agency: a relay routed to its sales pool could land on the rep and change their 200.
  const pairs = await raw.query<{ a: string; p: string }>(
    `SELECT a.id AS a, p.id AS p FROM accounts a CROSS JOIN products p
     WHERE a.archived_at IS NULL AND a.agency_id <> $1 AND p.active
     ORDER BY EXISTS (SELECT 1 FROM leads l WHERE l.account_id = a.id AND l.product_id = p.id AND l.created_at > now() - interval '2 days'), random()
     LIMIT 200000`,
    [rep[0]!.home_agency_id],
  );
  turn = 0;
  return { pairs: pairs.map((r) => [r.a, r.p]), actorId, repId: rep[0]!.id };
}

// ---- raw SQL of relayLeads (src/server/leads/commands.ts) for a batch of one, written out ----

/** relayChecks: the clock, the account with its owner and the owner's backup, the product, a duplicate within the window and the rule in force, one statement. */
const PERSON_JSON = `json_build_object('id', u.id, 'name', u.name, 'active', u.active, 'absent_from', u.absent_from::text,
  'absent_until', u.absent_until::text, 'backup_user_id', u.backup_user_id)`;
const SQL_RELAY_CHECKS = `
  SELECT date_trunc('milliseconds', now()) AS now, a.name, a.segment, a.agency_id, a.region_id,
    (SELECT ${PERSON_JSON} FROM users u WHERE u.id = a.owner_id) AS owner,
    (SELECT ${PERSON_JSON} FROM users o JOIN users u ON u.id = o.backup_user_id WHERE o.id = a.owner_id) AS backup,
    (SELECT to_json(p) FROM (SELECT id, name, active FROM products WHERE id = $2) p) AS product,
    (SELECT id FROM leads WHERE account_id = $1 AND product_id = $2 AND created_at > now() - make_interval(secs => $3)
      ORDER BY created_at DESC LIMIT 1) AS duplicate_id,
    (SELECT to_json(r) FROM (SELECT id, agency_id, version, config, text FROM routing_rules
                             WHERE (agency_id = a.agency_id OR agency_id IS NULL) AND effective_from <= now() ORDER BY agency_id IS NULL, version DESC LIMIT 1) r) AS rule
  FROM accounts a WHERE a.id = $1`;
/** salesPools: the agency's sales pool with each member's open leads and latest assignment, read only when routing asks it. */
const SQL_POOL = `
  SELECT u.id, u.name, u.active, u.absent_from::text, u.absent_until::text, u.backup_user_id,
    (SELECT count(*)::int FROM leads l WHERE l.assignee_id = u.id AND l.status = 'new') AS open_leads,
    (SELECT max(l.created_at) FROM leads l WHERE l.assignee_id = u.id) AS last_assigned_at
  FROM (SELECT DISTINCT m.user_id FROM pools p
          JOIN pool_memberships m ON m.pool_id = p.id AND m.starts_on <= CURRENT_DATE AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE)
         WHERE p.kind = 'sales' AND p.scope = 'agency' AND p.agency_id = $1) m
  JOIN users u ON u.id = m.user_id ORDER BY u.id`;
const TIMES = ['created_at', 'due_at', 'warn_at', 'offered_at', 'taken_at', 'late_at', 'answered_at']
  .map((c) => `to_char(l.${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${c}`)
  .join(', ');
/** The lead as listLeads reads it (names from one-row sub-selects, instants formatted by the database). */
const leadSelect = (leads: string) => `
  SELECT l.id, l.account_id, a.name AS account_name, a.segment AS account_segment, a.owner_id, l.contact_id,
  (SELECT NULLIF(trim(c.first_name || ' ' || c.last_name), '') FROM contacts c WHERE c.id = l.contact_id) AS contact_name,
  l.product_id, p.name AS product_name, p.family AS product_family, l.need, l.estimated_value_cents, l.source, l.source_campaign,
  l.initiator_id, (SELECT i.name FROM users i WHERE i.id = l.initiator_id) AS initiator_name, l.status,
  l.assignee_id, (SELECT s.name FROM users s WHERE s.id = l.assignee_id) AS assignee_name,
  l.agency_id, (SELECT ag.name FROM agencies ag WHERE ag.id = l.agency_id) AS agency_name,
  l.region_id, l.routing, ${TIMES}, l.reject_reason, l.reject_note, l.deal_id, l.version
  FROM ${leads} l
  JOIN accounts a ON a.id = l.account_id
  JOIN products p ON p.id = l.product_id`;
export const SQL_LEAD = `${leadSelect('leads')} WHERE l.id = $1`;
/** listLeads, view inbox: my open leads, by deadline, the page chosen first (the app asks for limit + 1 to know whether a next page exists). */
export const SQL_INBOX = `${leadSelect(`(SELECT * FROM leads l WHERE l.assignee_id = $1 AND l.status = 'new' ORDER BY l.due_at ASC, l.id ASC LIMIT $2)`)}
  ORDER BY l.due_at ASC, l.id ASC`;

type PersonRow = { id: string; name: string; active: boolean; absent_from: string | null; absent_until: string | null; backup_user_id: string | null };
const toPerson = (r: PersonRow): Person => ({ id: r.id, name: r.name, active: r.active, absentFrom: r.absent_from, absentUntil: r.absent_until, backupId: r.backup_user_id });

async function rawRelay(raw: Raw, actorId: string, accountId: string, productId: string, need: string) {
  const id = uuidv7();
  await raw.tx(async (q: Query) => {
    const checks = (await q<{
      now: Date;
      name: string;
      segment: Segment;
      agency_id: string;
      region_id: string;
      owner: PersonRow | null;
      backup: PersonRow | null;
      product: { name: string };
      rule: { version: number; config: RoutingRuleConfig } | null;
    }>(SQL_RELAY_CHECKS, [accountId, productId, DUPLICATE_WINDOW_MS / 1000]))[0]!;
    const account = checks;
    const { product, rule } = checks;
    const now = new Date(checks.now);
    const owner = checks.owner && toPerson(checks.owner);
    const backup = checks.backup && toPerson(checks.backup);
    const pool = needsPool({ owner, backup, at: now })
      ? (await q<PersonRow & { open_leads: number; last_assigned_at: Date | null }>(SQL_POOL, [account.agency_id])).map((r) => ({
          ...toPerson(r),
          openLeads: r.open_leads,
          lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at).toISOString() : null,
        }))
      : [];
    const decision = routeLead({ owner, backup, pool, at: now, ruleVersion: rule?.version ?? 0 });
    const { dueAt, warnAt } = leadDeadlines(calendarAt(now), rule?.config ?? DEFAULT_ROUTING_CONFIG, account.segment, now);
    await q(
      `INSERT INTO leads (id, account_id, contact_id, product_id, need, estimated_value_cents, source, source_campaign, initiator_id, assignee_id, agency_id, region_id, routing, created_at, due_at, warn_at)
       VALUES ($1, $2, NULL, $3, $4, NULL, 'phone_out', NULL, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, accountId, productId, need, actorId, decision.assigneeId, account.agency_id, account.region_id, JSON.stringify(decision.reason), now.toISOString(), dueAt.toISOString(), warnAt.toISOString()],
    );
    // appendTrace: the head, then the event and the new head in one statement (same chain: verify passes).
    const stream = accountStream(accountId);
    const head = (await q<{ seq: number; hash: string; now: Date }>(
      `INSERT INTO trace_heads (stream, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (stream) DO UPDATE SET seq = trace_heads.seq
       RETURNING seq, hash, date_trunc('milliseconds', now()) AS now`,
      [stream, GENESIS_HASH],
    ))[0]!;
    const recordedAt = new Date(head.now);
    const seq = head.seq + 1;
    const payload = { leadId: id, productId, need, source: 'phone_out', assigneeId: decision.assigneeId, routing: decision.reason, dueAt: dueAt.toISOString() };
    const pHash = payloadHash(payload);
    const hash = eventHash(head.hash, { stream, seq, actorId, action: 'lead.relayed', recordedAt, payloadHash: pHash });
    await q(
      `WITH event AS (INSERT INTO trace_events (stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash)
         VALUES ($1, $2, $3, 'lead.relayed', $4, $5::jsonb, $6, $7, $8) RETURNING stream)
       UPDATE trace_heads SET seq = $2, hash = $8 WHERE stream = (SELECT stream FROM event)`,
      [stream, seq, actorId, recordedAt.toISOString(), JSON.stringify(payload), pHash, head.hash, hash],
    );
    // notify: the row, then NOTIFY for the open browser (sent at commit).
    if (decision.assigneeId) {
      const nid = uuidv7();
      const text = `New lead from Bench: ${product.name} for ${account.name}`;
      const params = { actor: 'Bench', product: product.name, account: account.name };
      const row = (await q<{ created_at: Date }>(`INSERT INTO notifications (id, user_id, kind, text, lead_id, params) VALUES ($1, $2, 'lead.assigned', $3, $4, $5) RETURNING created_at`, [
        nid,
        decision.assigneeId,
        text,
        id,
        JSON.stringify(params),
      ]))[0]!;
      const message = { userId: decision.assigneeId, notification: { id: nid, kind: 'lead.assigned', leadId: id, text, params, createdAt: new Date(row.created_at).toISOString(), readAt: null } };
      await q(`SELECT pg_notify($1, $2)`, [REALTIME_CHANNEL, JSON.stringify(message)]);
    }
    // The route reads the lead back for the response, in the transaction.
    await q(SQL_LEAD, [id]);
  });
}

export function leadOperations(inputs: LeadInputs): Op[] {
  const body = (need: string) => {
    const [accountId, productId] = nextPair(inputs);
    return { accountId, productId, need, source: 'phone_out', acknowledgeDuplicate: true };
  };
  /** The inbox of the rep who holds 200 open leads, `limit` at a time ("Ma journée"). */
  const repDayOp = (name: string, limit: number, what: string): Op => {
    const path = `/api/leads?view=inbox&limit=${limit}`;
    return {
      name,
      what: `GET ${path} as a rep who holds 200 open leads ("Ma journée": ${what})`,
      requestsPerOp: 1,
      as: 'rep',
      http: async (base, s) => {
        const text = await get(base, s, path);
        const n = (JSON.parse(text) as { items: unknown[] }).items.length;
        if (n !== limit) throw new Error(`the bench rep's inbox gave ${n} leads, not ${limit}`);
      },
      raw: async (q) => void (await q(SQL_INBOX, [inputs.repId, limit + 1])),
      cannon: (sessions) => {
        let i = 0;
        return [{ setupRequest: (req) => ({ ...req, method: 'GET', path, headers: { ...req.headers, cookie: sessions[i++ % sessions.length]!.cookie } }) }];
      },
    };
  };
  return [
    {
      name: 'relayLead',
      what: 'POST /api/leads (a telemarketer relays a lead on a random account: routing, deadlines, trace event, notification), 16 concurrent clients; the server relays those that arrive together in one transaction, raw SQL relays each alone',
      requestsPerOp: 1,
      http: async (base, s, pick) => void (await post(base, s, '/api/leads', body(pick(NEEDS)))),
      raw: (_q, raw, pick) => {
        const [accountId, productId] = nextPair(inputs);
        return rawRelay(raw, inputs.actorId, accountId, productId, pick(NEEDS));
      },
      cannon: (sessions, pick) => {
        let i = 0;
        return [
          {
            setupRequest: (req) => {
              const s = sessions[i++ % sessions.length]!;
              return {
                ...req,
                method: 'POST',
                path: '/api/leads',
                headers: { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
                body: JSON.stringify(body(pick(NEEDS))),
              };
            },
          },
        ];
      },
    },
    repDayOp('repDay', 200, 'every lead to qualify in one reply, by deadline'),
    repDayOp('repDayPage', 100, 'the first page, as the page loads it before "load more"'),
  ];
}

// ---- the deadline sweep ----

export interface SweepResult {
  now: string;
  openLeads: number;
  dueForOffer: number;
  dueLate: number;
  seconds: number;
  result: { offered: number; late: number; expired: number };
  /** A second sweep right after, same transaction: idempotent, so it should find nothing. */
  secondSeconds: number;
  secondResult: { offered: number; late: number; expired: number };
  /** The sweep's three UPDATE statements alone (no per-lead trace or notifications), also rolled back. */
  rawUpdatesSeconds: number;
  statements: number;
  notifications: number;
  traceEvents: number;
  /** Then the sweep as the server runs it, every RELAIS_SWEEP_SECONDS (default), over the same open set. */
  steady: SteadySweeps;
}


/**
 * Brings the open leads up to `target` by copying open ones (new ids, the same deadlines), in the caller's
 * transaction: the generated set holds fewer than the target at scale 1. Returns how many were added.
 */
async function topUpOpenLeads(trx: Raw['kysely'], target: number): Promise<number> {
  const open = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM leads WHERE status = 'new'`.execute(trx)).rows[0]!.n;
  const missing = target - open;
  if (missing <= 0 || open === 0) return 0;
  const columns = (await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'leads' AND column_name <> 'id' ORDER BY ordinal_position`.execute(trx)).rows.map((r) => sql.ref(r.name));
  const list = sql.join(columns);
  // As many rounds as needed: each copies at most the open leads there were.
  for (let left = missing; left > 0; ) {
    const n = Math.min(left, open);
    await sql`INSERT INTO leads (id, ${list}) SELECT gen_random_uuid(), ${list} FROM leads WHERE status = 'new' ORDER BY random() LIMIT ${n}`.execute(trx);
    left -= n;
  }
  return missing;
}

/** Routine runs after the backlog: 20 × 30 s, ten minutes of a working day. */
export const STEADY_RUNS = 20;

/** `topUpTo`: bring the open leads up to this many first (the full set's target; null below scale 1, measured as generated). */
export async function benchSweep(raw: Raw, log: (s: string) => void, topUpTo: number | null): Promise<SweepResult | null> {
  // "now" such that 10% of the open leads have reached their warning point (offered), some of them their deadline (late).
  const row = (await raw.query<{ now: Date | null; open: number }>(
    `SELECT percentile_disc(0.1) WITHIN GROUP (ORDER BY warn_at) AS now, count(*)::int AS open FROM leads WHERE status = 'new' AND offered_at IS NULL`,
  ))[0]!;
  if (!row.now) {
    log('  no open leads: sweep skipped');
    return null;
  }
  const now = new Date(row.now);
  const countsAt = async (trx: Raw['kysely']) =>
    (await sql<{ open: number; offer: number; late: number }>`
      SELECT count(*)::int AS open, count(*) FILTER (WHERE offered_at IS NULL AND warn_at <= ${now})::int AS offer,
             count(*) FILTER (WHERE late_at IS NULL AND due_at <= ${now})::int AS late FROM leads WHERE status = 'new'`.execute(trx)).rows[0]!;
  const swept = await rolledBack(raw, async (trx) => {
    const added = topUpTo ? await topUpOpenLeads(trx, topUpTo) : 0;
    const counts = await countsAt(trx);
    log(`  now = ${now.toISOString()}: ${counts.open} open leads${added ? ` (${added} of them copies of open leads, rolled back after)` : ''}, ${counts.offer} due for offering, ${counts.late} due late`);
    const before = (await sql<{ n: number; e: number }>`SELECT (SELECT count(*)::int FROM notifications) AS n, (SELECT count(*)::int FROM trace_events) AS e`.execute(trx)).rows[0]!;
    const c = counter();
    const t0 = performance.now();
    const result = await sweepLeads(trx.withPlugin(c.plugin), now);
    const seconds = (performance.now() - t0) / 1000;
    const after = (await sql<{ n: number; e: number }>`SELECT (SELECT count(*)::int FROM notifications) AS n, (SELECT count(*)::int FROM trace_events) AS e`.execute(trx)).rows[0]!;
    const t1 = performance.now();
    const second = await sweepLeads(trx, now);
    const secondSeconds = (performance.now() - t1) / 1000;
    const steady = await steadySweeps(now, loadConfig({}).sweepSeconds, STEADY_RUNS, async (at) => {
      const r = await sweepLeads(trx, at);
      return r.offered + r.late + r.expired;
    });
    return { counts, result, seconds, second, secondSeconds, steady, statements: c.count(), notifications: after.n - before.n, traceEvents: after.e - before.e };
  });
  log(`  sweepLeads: ${swept.seconds.toFixed(2)} s — ${JSON.stringify(swept.result)}, ${swept.notifications} notifications, ${swept.traceEvents} trace events; again: ${swept.secondSeconds.toFixed(3)} s (rolled back)`);
  log(`  then every ${swept.steady.intervalSeconds} s, ${swept.steady.runs} runs: p50 ${swept.steady.seconds.p50} s, max ${swept.steady.seconds.max} s, ${swept.steady.crossings.p50} leads acted on per run (max ${swept.steady.crossings.max})`);
  const rawSeconds = await rolledBack(raw, async (trx) => {
    if (topUpTo) await topUpOpenLeads(trx, topUpTo);
    const t0 = performance.now();
    const names = sql`(SELECT name FROM products WHERE id = l.product_id) AS product, (SELECT name FROM accounts WHERE id = l.account_id) AS account`;
    await sql`UPDATE leads l SET offered_at = ${now} WHERE l.status = 'new' AND l.offered_at IS NULL AND l.warn_at <= ${now}
              RETURNING l.id, l.account_id, l.assignee_id, l.agency_id, ${names}`.execute(trx);
    await sql`UPDATE leads l SET late_at = ${now} WHERE l.status = 'new' AND l.late_at IS NULL AND l.due_at <= ${now}
              RETURNING l.id, l.account_id, l.agency_id, (SELECT name FROM users WHERE id = l.assignee_id) AS assignee_name, ${names}`.execute(trx);
    await sql`UPDATE leads SET status = 'expired', version = version + 1 WHERE status = 'accepted' AND expires_at <= ${now} RETURNING id, account_id`.execute(trx);
    return (performance.now() - t0) / 1000;
  });
  log(`  raw: the three UPDATEs alone ${rawSeconds.toFixed(2)} s (rolled back)`);
  return {
    now: now.toISOString(),
    openLeads: swept.counts.open,
    dueForOffer: swept.counts.offer,
    dueLate: swept.counts.late,
    seconds: Math.round(swept.seconds * 100) / 100,
    result: swept.result,
    secondSeconds: Math.round(swept.secondSeconds * 1000) / 1000,
    secondResult: swept.second,
    rawUpdatesSeconds: Math.round(rawSeconds * 100) / 100,
    statements: swept.statements,
    notifications: swept.notifications,
    traceEvents: swept.traceEvents,
    steady: swept.steady,
  };
}
