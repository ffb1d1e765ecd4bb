// Leads for the benchmark (300,000 at scale 1), added to an already generated data set as a separate,
// resumable step: rows built with the real routing and deadline rules (as src/server/seed/demo-leads.ts
// does), bulk-inserted, their trace events chained onto the accounts' streams through appendTraceBatch.
// Plus one bench rep who holds exactly 200 open leads ("Ma journée" with 200 leads to qualify).
import { sql } from 'kysely';
import type { Db } from '../src/server/context.ts';
import type { Segment } from '../src/server/db/schema.ts';
import { SYSTEM } from '../src/server/auth/principal.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createUser } from '../src/server/org/commands.ts';
import { createProduct } from '../src/server/catalog/commands.ts';
import { appendTraceBatch, type BatchEvent } from '../src/server/trace/commands.ts';
import { routeLead } from '../src/server/leads/rules.ts';
import { DEMO_PRODUCTS, historicalLead, historicalStatus } from '../src/server/seed/demo-leads.ts';
import { prng } from '../src/server/seed/random.ts';
import { meta, openApp, setMeta, type Target } from './db.ts';

export const BENCH_REP = 'bench.rep@bench.relais.fr';
export const REP_OPEN_LEADS = 200;
const LEADS_PER_BATCH = 5000;
const SEED = 0x1ead5;
const HOUR = 3_600_000;


export interface LeadsPlan {
  count: number;
  batches: number;
  /** The leads step's "now" (ms): leads are created in the weeks before it. */
  now: number;
  repId: string;
  repAgencyId: string;
  productIds: string[];
}


export async function leadsComplete(db: Db): Promise<boolean> {
  return (await meta<{ complete: boolean }>(db, 'leadsDone'))?.complete === true;
}

interface AccountRow {
  id: string;
  name: string;
  segment: Segment;
  owner_id: string | null;
  agency_id: string;
  region_id: string;
  contact_id: string | null;
}

/** Bench rep and products (when the catalog is empty) through the app's commands, and the plan. */
async function createPlan(db: Db, scale: number, password: string): Promise<LeadsPlan> {
  const ctx = { db, actor: SYSTEM, channel: 'seed' as const };
  let products = await db.selectFrom('products').select('id').where('active', '=', true).orderBy('code').execute();
  if (products.length === 0) {
    for (const p of DEMO_PRODUCTS) await createProduct(ctx, { code: p.code, name: p.name, family: p.family, complexity: p.complexity, listPriceCents: p.listPriceCents, active: true });
    products = await db.selectFrom('products').select('id').where('active', '=', true).orderBy('code').execute();
  }
  // The rep works in the agency with the most accounts without an owner (their 200 leads came from its sales pool).
  const agency = await sql<{ agency_id: string; pool_id: string }>`
    SELECT a.agency_id, p.id AS pool_id FROM accounts a JOIN pools p ON p.agency_id = a.agency_id AND p.kind = 'sales' AND p.scope = 'agency'
    WHERE a.owner_id IS NULL AND a.archived_at IS NULL GROUP BY a.agency_id, p.id ORDER BY count(*) DESC, a.agency_id LIMIT 1`.execute(db);
  const { agency_id, pool_id } = agency.rows[0]!;
  let rep = await db.selectFrom('users').select('id').where('email', '=', BENCH_REP).executeTakeFirst();
  if (!rep) {
    const id = await createUser(
      ctx,
      {
        email: BENCH_REP,
        name: 'Rep Bench',
        password,
        roles: ['agent'],
        homeAgencyId: agency_id,
        memberships: [{ poolId: pool_id, startsOn: '2024-01-01' }],
        assignments: [],
        managedUnits: [],
      },
      { passwordHash: await hashPassword(password) },
    );
    rep = { id };
  }
  const count = Math.max(REP_OPEN_LEADS + 100, Math.round(300_000 * scale));
  return { count, batches: Math.ceil(count / LEADS_PER_BATCH), now: Date.now(), repId: rep.id, repAgencyId: agency_id, productIds: products.map((p) => p.id) };
}

/**
 * One batch of leads. 85% are in flight (relayed in the last 5 days, status new, not yet swept: the
 * benchmark's sweep picks a "now" that makes 10% of them due); 15% are history (2–21 days old, answered
 * as in demo-leads.ts: 45% accepted, 25% rejected, 23% converted, 7% still new). Batch 0 starts with
 * the bench rep's 200 open leads, on the unowned accounts of their agency, routed to them by the pool rule.
 */
function buildBatch(plan: LeadsPlan, b: number, owned: AccountRow[], repAccounts: AccountRow[], relayers: Array<{ id: string; source: 'phone_in' | 'phone_out' | 'marketing' }>, names: Map<string, string>) {
  const rng = prng(SEED ^ Math.imul(b + 1, 0x9e3779b1));
  const first = b * LEADS_PER_BATCH;
  const last = Math.min(plan.count, first + LEADS_PER_BATCH);
  const rows = [];
  const events: BatchEvent[] = [];
  for (let i = first; i < last; i++) {
    const forRep = i < REP_OPEN_LEADS;
    const account = forRep ? repAccounts[i % repAccounts.length]! : rng.pick(owned);
    const relayer = rng.pick(relayers);
    const inFlight = forRep || rng.chance(0.85);
    const hoursAgo = inFlight ? 1 + rng.next() * 119 : rng.int(48, 21 * 24);
    const createdAt = new Date(plan.now - Math.round(hoursAgo * HOUR));
    const decision = forRep
      ? routeLead({ owner: null, backup: null, pool: [{ id: plan.repId, name: 'Rep Bench', active: true, absentFrom: null, absentUntil: null, backupId: null, openLeads: i, lastAssignedAt: null }], at: createdAt, ruleVersion: 0 })
      : routeLead({ owner: { id: account.owner_id!, name: names.get(account.owner_id!) ?? '?', active: true, absentFrom: null, absentUntil: null, backupId: null }, backup: null, pool: [], at: createdAt, ruleVersion: 0 });
    const productId = forRep ? plan.productIds[Math.floor(i / repAccounts.length) % plan.productIds.length]! : rng.pick(plan.productIds);
    const lead = historicalLead(rng, {
      account,
      contactId: account.contact_id && rng.chance(0.8) ? account.contact_id : null,
      productId,
      relayer,
      createdAt,
      decision,
      status: historicalStatus(rng, inFlight),
      now: plan.now,
    });
    rows.push(lead.row);
    events.push(...lead.events);
  }
  // Each stream's new events in time order (appendTraceBatch chains them in array order).
  events.sort((x, y) => x.recordedAt!.getTime() - y.recordedAt!.getTime());
  return { rows, events };
}

export interface LeadsReport {
  plan: LeadsPlan;
  resumedAtBatch: number;
  seconds: number;
  leads: number;
  events: number;
}

/** The leads step: resumable (one transaction per batch of 5,000, progress in bench_meta), a no-op once complete. */
export async function generateLeads(t: Target, password: string, log: (s: string) => void): Promise<LeadsReport | null> {
  const database = await openApp(t, 'bench generate leads');
  const db = database.db;
  try {
    if (await leadsComplete(db)) return null;
    const started = Date.now();
    let plan = await meta<LeadsPlan>(db, 'leadsPlan');
    if (!plan) {
      const existing = await db.selectFrom('leads').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (existing.n > 0) throw new Error(`The database already holds ${existing.n} leads but no benchmark leads plan`);
      plan = await db.transaction().execute(async (trx) => {
        const p = await createPlan(trx, t.scale, password);
        await setMeta(trx, 'leadsPlan', p);
        await setMeta(trx, 'leadsProgress', { batchesDone: 0 });
        return p;
      });
      log(`Generating ${plan.count} leads in ${plan.batches} batches (bench rep ${BENCH_REP} with ${REP_OPEN_LEADS} open leads)`);
    }
    const progress = (await meta<{ batchesDone: number }>(db, 'leadsProgress'))!;
    const resumedAtBatch = progress.batchesDone;
    if (resumedAtBatch > 0) log(`Resuming leads at batch ${resumedAtBatch + 1}/${plan.batches}`);
    const accounts = await sql<AccountRow>`
      SELECT a.id, a.name, a.segment, a.owner_id, a.agency_id, a.region_id,
             (SELECT c.id FROM contacts c WHERE c.account_id = a.id ORDER BY c.id LIMIT 1) AS contact_id
      FROM accounts a WHERE a.archived_at IS NULL AND (a.owner_id IS NOT NULL OR a.agency_id = ${plan.repAgencyId}) ORDER BY a.id`.execute(db);
    const owned = accounts.rows.filter((a) => a.owner_id);
    const repAccounts = accounts.rows.filter((a) => !a.owner_id && a.agency_id === plan!.repAgencyId);
    const relayers = await sql<{ id: string; source: 'phone_in' | 'phone_out' | 'marketing' }>`
      SELECT DISTINCT ON (m.user_id) m.user_id AS id,
             CASE p.kind WHEN 'telemarketing' THEN 'phone_out' WHEN 'inbound' THEN 'phone_in' ELSE 'marketing' END AS source
      FROM pool_memberships m JOIN pools p ON p.id = m.pool_id WHERE p.kind IN ('telemarketing', 'inbound', 'marketing') ORDER BY m.user_id`.execute(db);
    const users = await sql<{ id: string; name: string }>`SELECT id, name FROM users`.execute(db);
    const names = new Map(users.rows.map((u) => [u.id, u.name]));
    let leads = 0;
    let events = 0;
    const t0 = Date.now();
    for (let b = resumedAtBatch; b < plan.batches; b++) {
      const { rows, events: ev } = buildBatch(plan, b, owned, repAccounts, relayers.rows, names);
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('leads').values(rows.slice(i, i + 1000)).execute();
        await appendTraceBatch(trx, ev);
        await setMeta(trx, 'leadsProgress', { batchesDone: b + 1 });
      });
      leads += rows.length;
      events += ev.length;
      log(`  leads batch ${b + 1}/${plan.batches}: ${leads} leads, ${events} trace events (${Math.round((leads + events) / ((Date.now() - t0) / 1000))} rows/s)`);
    }
    await sql`ANALYZE leads`.execute(db);
    await sql`ANALYZE trace_events`.execute(db);
    await sql`ANALYZE trace_heads`.execute(db);
    await setMeta(db, 'leadsDone', { complete: true, at: new Date().toISOString() });
    return { plan, resumedAtBatch, seconds: (Date.now() - started) / 1000, leads, events };
  } finally {
    await database.close();
  }
}
