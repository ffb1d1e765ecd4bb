// Complaints and after-sales cases for the benchmark (200,000 open at scale 1, plus resolved and closed
// history), added to an already generated data set as a separate, resumable step. Rows are built with the
// real rules, as openCase and transitionCase (src/server/cases/commands.ts) would have stored them: routed
// by routeNewCase, assigned by pickAssignee on each pool's running load, SLA deadlines from slaState on
// the business calendar (calendarAt) with the budgets of budgetsFor, next_alert_at from nextAlertAt, and
// the alert flags of the sweep as if it had run all along (sweepActions at every alert instant up to the
// step's "now"). Bulk-inserted; their trace events (case.opened, each transition, each SLA alert) chained
// onto the accounts' streams through appendTraceBatch. Plus one back-office pool holding exactly 5,000
// open cases, whatever the scale, and its bench agent (one of 50 members, ~100 open cases each).
import { sql, type Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../src/server/context.ts';
import type { DB } from '../src/server/db/schema.ts';
import type { CasePriority, CaseStatus, CaseType } from '../src/server/db/schema.ts';
import type { CaseChannel } from '../src/contract/cases.ts';
import { SYSTEM } from '../src/server/auth/principal.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createPool, createUser } from '../src/server/org/commands.ts';
import { appendTraceBatch, type BatchEvent } from '../src/server/trace/commands.ts';
import { accountStream } from '../src/server/accounts/commands.ts';
import { calendarAt } from '../src/server/calendar/current.ts';
import { isBusinessDay, parisInstant, parisTime, type BusinessCalendar } from '../src/server/calendar/rules.ts';
import {
  budgetsFor,
  caseReference,
  isCustomerFacing,
  nextAlertAt,
  nextCaseStatus,
  NO_ALERTS_SENT,
  pickAssignee,
  slaState,
  sweepActions,
  type CaseTransition,
  type SlaConfig,
  type SlaDeadlines,
  type SlaState,
  type StatusChange,
  type SweepFlags,
} from '../src/server/cases/rules.ts';
import { poolMembers, routeNewCase, slaRuleInForce, type PoolMember } from '../src/server/cases/queries.ts';
import { prng, type Rng } from '../src/server/seed/random.ts';
import { meta, openApp, setMeta, type Target } from './db.ts';

/** The back-office agent the benchmark signs in as: a member of the pool holding exactly 5,000 open cases, with ~100 of them. */
export const BENCH_CASE_AGENT = 'bench.case@bench.relais.fr';
/** Open cases in the bench agent's pool, whatever the scale (the queue target is about one pool of 5,000). */
export const POOL_OPEN_CASES = 5000;
/** Members of that pool (the agent and 49 colleagues): assignment by load gives each 100 open cases. */
const POOL_MEMBERS = 50;
/** Open cases at scale 1 (the sweep target is about 200,000). */
export const FULL_OPEN_CASES = 200_000;
/** Resolved and closed cases beside the open ones, as a share of them. */
const HISTORY_SHARE = 0.25;
const CASES_PER_BATCH = 5000;
const SEED = 0xca5e5;
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface CasesPlan {
  /** The cases step's scale (--cases-scale, else --scale): 200,000 × it open cases. */
  casesScale: number;
  count: number;
  open: number;
  poolOpen: number;
  poolHistory: number;
  otherOpen: number;
  otherHistory: number;
  batches: number;
  /** The step's "now" (ms): cases were opened and worked before it, and swept up to it. */
  now: number;
  agentId: string;
  poolId: string;
  agencyId: string;
  slaRuleVersion: number;
}


export async function casesComplete(db: Db): Promise<boolean> {
  return (await meta<{ complete: boolean }>(db, 'casesDone'))?.complete === true;
}

// Words frozen here (as bench/org-data.ts does) so the data set does not change when the demo seed does.
const PROBLEMS: Array<{ type: CaseType; subject: string; description: string }> = [
  { type: 'complaint', subject: 'Facturé deux fois en octobre', description: 'Le client a reçu deux prélèvements pour la facture d’octobre et demande le remboursement du second.' },
  { type: 'delivery', subject: 'Livraison incomplète', description: 'Deux terminaux manquent sur les cinq commandés ; le bon de livraison indique pourtant cinq colis.' },
  { type: 'technical', subject: 'Ligne coupée depuis lundi', description: 'La ligne principale du standard ne reçoit plus d’appels depuis lundi matin.' },
  { type: 'billing', subject: 'Remise contractuelle non appliquée', description: 'La remise de 15 % prévue au contrat n’apparaît pas sur les deux dernières factures.' },
  { type: 'information', subject: 'Demande de duplicata de contrat', description: 'Le client souhaite une copie signée de son contrat de maintenance.' },
  { type: 'complaint', subject: 'Technicien absent au rendez-vous', description: 'Le rendez-vous d’installation de jeudi 14 h n’a pas été honoré et personne n’a prévenu.' },
  { type: 'technical', subject: 'Débit très inférieur au contrat', description: 'Le client mesure 20 Mb/s pour une offre à 500 Mb/s, sur plusieurs postes.' },
  { type: 'delivery', subject: 'Matériel livré endommagé', description: 'Le carton du copieur est arrivé éventré ; le capot avant est fissuré.' },
  { type: 'billing', subject: 'Frais de résiliation contestés', description: 'Le client conteste les frais de résiliation anticipée facturés sur une ligne portée chez nous.' },
  { type: 'technical', subject: 'Portabilité du numéro bloquée', description: 'Le transfert du numéro du standard est bloqué depuis dix jours ; le RIO a été fourni.' },
  { type: 'complaint', subject: 'Conseiller injoignable', description: 'Le client a laissé trois messages à son conseiller sans être rappelé.' },
  { type: 'information', subject: 'Attestation de fin de contrat', description: 'Le client demande une attestation de fin de contrat pour son expert-comptable.' },
];
const PRIORITIES: CasePriority[] = ['low', 'normal', 'normal', 'normal', 'high', 'high', 'critical'];
const CHANNELS: CaseChannel[] = ['phone', 'phone', 'phone', 'email', 'email', 'visit', 'web', 'mail', 'chat'];
const SUMMARIES = [
  'Avoir émis et envoyé au client ; le client confirme par téléphone.',
  'Problème réglé à distance par le support.',
  'Matériel remplacé, bon de retour envoyé.',
  'Remise appliquée et régularisation sur la prochaine facture.',
  'Intervention du technicien : ligne rétablie.',
  'Document envoyé par courriel au client.',
];

interface AccountRow {
  id: string;
  name: string;
  agency_id: string;
  region_id: string;
  contact_id: string | null;
}

/** The bench agency, its back-office pool and the 50 members (the bench agent first), through the app's commands; and the plan. */
async function createPlan(db: Db, casesScale: number, password: string): Promise<CasesPlan> {
  const ctx = { db, actor: SYSTEM, channel: 'seed' as const };
  // The agency with the most accounts, not the bench rep's (leads): its cases go to its own back-office pool.
  const agency = await sql<{ id: string; name: string; n: number }>`
    SELECT ag.id, ag.name, count(*)::int AS n FROM accounts a JOIN agencies ag ON ag.id = a.agency_id
    WHERE a.archived_at IS NULL AND ag.id NOT IN (SELECT home_agency_id FROM users WHERE email = 'bench.rep@bench.relais.fr' AND home_agency_id IS NOT NULL)
    GROUP BY ag.id, ag.name ORDER BY count(*) DESC, ag.id LIMIT 1`.execute(db);
  const { id: agencyId, name: agencyName } = agency.rows[0]!;
  const poolId = await createPool(ctx, { kind: 'back_office', name: `back_office ${agencyName} (bench)`, scope: 'agency', unitId: agencyId });
  const passwordHash = await hashPassword(password);
  let agentId = '';
  for (let i = 1; i <= POOL_MEMBERS; i++) {
    const id = await createUser(
      ctx,
      {
        email: i === 1 ? BENCH_CASE_AGENT : `bench.case.${String(i).padStart(2, '0')}@bench.relais.fr`,
        name: `Agent Dossiers ${String(i).padStart(2, '0')}`,
        password,
        roles: ['agent'],
        homeAgencyId: agencyId,
        memberships: [{ poolId, startsOn: '2024-01-01' }],
        assignments: [],
        managedUnits: [],
      },
      { passwordHash },
    );
    if (i === 1) agentId = id;
  }
  const now = Date.now();
  const sla = await slaRuleInForce(db, new Date(now));
  const open = Math.max(POOL_OPEN_CASES + 1000, Math.round(FULL_OPEN_CASES * casesScale));
  const poolOpen = POOL_OPEN_CASES;
  const otherOpen = open - poolOpen;
  const poolHistory = Math.round(poolOpen * HISTORY_SHARE);
  const otherHistory = Math.round(otherOpen * HISTORY_SHARE);
  const count = open + poolHistory + otherHistory;
  return { casesScale, count, open, poolOpen, poolHistory, otherOpen, otherHistory, batches: Math.ceil(count / CASES_PER_BATCH), now, agentId, poolId, agencyId, slaRuleVersion: sla.version };
}

/** What the step needs from the database, loaded once per run (and again on resume: the members' load is read back). */
interface Context {
  plan: CasesPlan;
  config: SlaConfig;
  poolAccounts: AccountRow[];
  otherAccounts: AccountRow[];
  products: Array<{ id: string; family: string }>;
  /** Who opens a case (inbound advisers, else the national telemarketers), by region ('*' for anyone). */
  openers: Map<string, string[]>;
  /** Each back-office pool's members with their running load, as pickAssignee reads it. */
  members: Map<string, PoolMember[]>;
  /** routeNewCase, memoised by agency, type and family, run on `db` (the batch's transaction: PGlite has one connection). */
  route: (db: Db, account: AccountRow, type: CaseType, family: string | null) => Promise<{ poolId: string; routing: Record<string, unknown> }>;
}

async function loadContext(db: Db, plan: CasesPlan): Promise<Context> {
  const at = new Date(plan.now);
  const sla = await slaRuleInForce(db, at);
  const accounts = await sql<AccountRow>`
    SELECT a.id, a.name, a.agency_id, a.region_id,
           (SELECT c.id FROM contacts c WHERE c.account_id = a.id ORDER BY c.id LIMIT 1) AS contact_id
    FROM accounts a WHERE a.archived_at IS NULL ORDER BY a.id`.execute(db);
  const poolAccounts = accounts.rows.filter((a) => a.agency_id === plan.agencyId);
  const otherAccounts = accounts.rows.filter((a) => a.agency_id !== plan.agencyId);
  const products = await sql<{ id: string; family: string }>`SELECT id, family FROM products WHERE active ORDER BY code`.execute(db);
  const openerRows = await sql<{ id: string; kind: string; region_id: string | null }>`
    SELECT DISTINCT m.user_id AS id, p.kind, p.region_id FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
    WHERE p.kind IN ('inbound', 'telemarketing') ORDER BY m.user_id`.execute(db);
  const openers = new Map<string, string[]>();
  for (const o of openerRows.rows) {
    const k = o.kind === 'inbound' && o.region_id ? o.region_id : '*';
    if (!openers.has(k)) openers.set(k, []);
    openers.get(k)!.push(o.id);
  }
  const today = parisTime(at).date;
  const members = new Map<string, PoolMember[]>();
  const pools = await sql<{ id: string }>`SELECT id FROM pools WHERE kind = 'back_office' ORDER BY id`.execute(db);
  for (const p of pools.rows) members.set(p.id, await poolMembers(db, p.id, today));
  const routes = new Map<string, { poolId: string; routing: Record<string, unknown> }>();
  const route = async (db: Db, account: AccountRow, type: CaseType, family: string | null) => {
    const k = `${account.agency_id}|${type}|${family}`;
    let r = routes.get(k);
    if (!r) {
      const routed = await routeNewCase(db, { agencyId: account.agency_id, regionId: account.region_id, type, family }, at);
      if (!routed) throw new Error(`No back-office pool serves agency ${account.agency_id}`);
      const { decision, ruleVersion } = routed;
      r = { poolId: decision.poolId, routing: { code: decision.reason.code, text: decision.reason.text, ruleVersion, entryIndex: decision.entryIndex, skipped: decision.skipped } };
      routes.set(k, r);
    }
    return r;
  };
  if (poolAccounts.length === 0 || otherAccounts.length === 0) throw new Error('The data set has no accounts for the cases step');
  return { plan, config: sla.config, poolAccounts, otherAccounts, products: products.rows, openers, members, route };
}

type CaseRow = Insertable<DB['cases']>;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const deadlinesOf = (s: SlaState): SlaDeadlines => ({
  firstResponseDueAt: s.firstResponseDueAt,
  firstResponseWarnAt: s.firstResponseWarnAt,
  resolutionDueAt: s.resolutionDueAt,
  resolutionWarnAt: s.resolutionWarnAt,
});

/** The instant `minutes` of business time before `at` (the calendar walked backwards, day by day). */
export function businessBefore(cal: BusinessCalendar, at: number, minutes: number): number {
  let remaining = minutes * MINUTE;
  let { date, weekday } = parisTime(new Date(at));
  for (let day = 0; day < 3660; day++) {
    if (isBusinessDay(cal, date, weekday)) {
      const open = parisInstant(date, cal.opensAt).getTime();
      const close = Math.min(at, parisInstant(date, cal.closesAt).getTime());
      if (close > open) {
        if (close - remaining >= open) return Math.floor(close - remaining);
        remaining -= close - open;
      }
    }
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    date = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    weekday = ((weekday + 5) % 7) + 1;
  }
  throw new RangeError('no business time within ten years');
}

/** The transitions a case went through: most open cases are waiting in the queue, some are being worked or wait for the customer. */
function pathFor(rng: Rng, open: boolean): CaseTransition[] {
  const r = rng.next();
  if (open) {
    if (r < 0.45) return [];
    if (r < 0.75) return ['start'];
    if (r < 0.9) return ['start', 'wait_customer'];
    return ['start', 'wait_customer', 'resume'];
  }
  const worked: CaseTransition[] = rng.chance(0.3) ? ['start', 'wait_customer', 'resume', 'resolve'] : ['start', 'resolve'];
  return r < 0.55 ? worked : [...worked, 'close'];
}

/**
 * The sweep as if it had run all along between `from` and `until` with these deadlines: sweepActions at each
 * instant nextAlertAt names, its flags kept. Returns the flags and the alerts' trace events.
 */
function sweptBetween(d: SlaDeadlines, flags: SweepFlags, from: number, until: number, c: { id: string; reference: string; stream: string }, events: BatchEvent[]): SweepFlags {
  let sent = flags;
  for (let guard = 0; guard < 8; guard++) {
    const next = nextAlertAt(d, sent);
    if (!next || next.getTime() > until) break;
    const at = new Date(Math.max(next.getTime(), from));
    const { alerts, flags: after } = sweepActions(d, sent, at);
    sent = after;
    for (const alert of alerts) {
      events.push({
        stream: c.stream,
        action: alert.kind === 'breach' ? 'case.sla_breached' : 'case.sla_warning',
        actorId: null,
        payload: { caseId: c.id, reference: c.reference, clock: alert.clock, dueAt: alert.dueAt.toISOString() },
        recordedAt: at,
      });
    }
  }
  return sent;
}

/** One batch of cases with their status changes and trace events, written in the caller's transaction. */
async function writeBatch(db: Db, ctx: Context, b: number): Promise<{ cases: number; changes: number; events: number; open: number }> {
  const { plan, config } = ctx;
  const rng = prng(SEED ^ Math.imul(b + 1, 0x9e3779b1));
  const now = plan.now;
  const cal = calendarAt(new Date(now));
  const first = b * CASES_PER_BATCH;
  const last = Math.min(plan.count, first + CASES_PER_BATCH);
  // References: the case_number sequence, as openCase takes it (nextval is not rolled back: a failed batch leaves a gap, as in the app).
  const numbers = await sql<{ n: number }>`SELECT nextval('case_number')::int AS n FROM generate_series(1, ${last - first}::int)`.execute(db);
  const poolTotal = plan.poolOpen + plan.poolHistory;
  const cases: CaseRow[] = [];
  const changes: Array<{ case_id: string; seq: number; status: CaseStatus; at: Date }> = [];
  const events: BatchEvent[] = [];
  let openCount = 0;
  for (let i = first; i < last; i++) {
    // The bench pool's cases first (exactly poolOpen open), then the rest; open ones before history in each.
    const inPool = i < poolTotal;
    const open = inPool ? i < plan.poolOpen : i - poolTotal < plan.otherOpen;
    const account = rng.pick(inPool ? ctx.poolAccounts : ctx.otherAccounts);
    const problem = rng.pick(PROBLEMS);
    const product = ctx.products.length && rng.chance(0.5) ? rng.pick(ctx.products) : null;
    const priority = rng.pick(PRIORITIES);
    const budgets = budgetsFor(config, priority);
    const path = pathFor(rng, open);
    // Age, in business time: an open case up to 1.3× its budget — the first response's while nobody has started
    // it, the resolution's once worked — so most are within their SLA and some are late; a done case 3–45
    // business days. 85% are opened in business hours, the rest (email, web) at any time, ~1.4 calendar days
    // per business day.
    const businessDays = budgets.resolutionMinutes / 540;
    const ageMinutes = open ? Math.max(5, rng.next() * 1.3 * (path.length === 0 ? budgets.firstResponseMinutes : budgets.resolutionMinutes)) : rng.int(3 * 540, 45 * 540);
    const openedAt = new Date(rng.chance(0.85) ? businessBefore(cal, now, ageMinutes) : Math.floor(now - (ageMinutes / 540) * 1.4 * DAY));
    const { poolId, routing } = await ctx.route(db, account, problem.type, product?.family ?? null);
    if (inPool && poolId !== plan.poolId) {
      throw new Error(`The routing sends the bench agency's cases to ${poolId}, not to the bench pool ${plan.poolId} (a routing rule overrides the default?)`);
    }
    const today = parisTime(openedAt).date;
    const assignee = pickAssignee(ctx.members.get(poolId) ?? [], today);
    if (assignee) {
      if (open) assignee.openCases++;
      if (!assignee.lastAssignedAt || assignee.lastAssignedAt < openedAt) assignee.lastAssignedAt = openedAt;
    }
    const id = uuidv7({ msecs: openedAt.getTime() });
    const reference = caseReference(Number(today.slice(0, 4)), Number(numbers.rows[i - first]!.n));
    const stream = accountStream(account.id);
    const contactId = account.contact_id && rng.chance(0.7) ? account.contact_id : null;
    const productId = product?.id ?? null;
    const channel = rng.pick(CHANNELS);
    const openedBy = rng.pick(ctx.openers.get(account.region_id) ?? ctx.openers.get('*') ?? [null]);

    // The opening, as openCase stores and traces it.
    const history: StatusChange[] = [{ status: 'open', at: openedAt }];
    changes.push({ case_id: id, seq: 1, status: 'open', at: openedAt });
    let state = slaState(cal, config, priority, { openedAt, firstRespondedAt: null, history, budgets }, openedAt);
    events.push({
      stream,
      action: 'case.opened',
      actorId: openedBy,
      recordedAt: openedAt,
      payload: {
        caseId: id,
        reference,
        type: problem.type,
        priority,
        subject: problem.subject,
        channel,
        contactId,
        productId,
        poolId,
        assigneeId: assignee?.id ?? null,
        routing,
        slaRuleVersion: plan.slaRuleVersion,
        budgets,
        firstResponseDueAt: iso(state.firstResponseDueAt),
        resolutionDueAt: iso(state.resolutionDueAt),
      },
    });

    // The transitions, as transitionCase stores and traces them, with the sweep's alerts in between.
    // When: an open case's changes anywhere since its opening; a done case was worked within 0.3–1.5× its
    // resolution budget (calendar time), then closed some time after its resolution.
    const span = now - openedAt.getTime();
    const worked = path.filter((x) => x !== 'close');
    const workSpan = open ? span * 0.98 : Math.min(span * 0.9, (0.3 + 1.2 * rng.next()) * businessDays * 1.4 * DAY);
    const times = worked.map(() => rng.next()).sort((x, y) => x - y).map((f, j) => openedAt.getTime() + Math.floor(f * workSpan) + (j + 1) * 1000);
    if (path.includes('close')) times.push(times.at(-1)! + 1000 + Math.floor(rng.next() * (now - times.at(-1)! - 1000)));
    let status: CaseStatus = 'open';
    let firstRespondedAt: Date | null = null;
    let resolvedAt: Date | null = null;
    let closedAt: Date | null = null;
    let summary: string | null = null;
    let flags: SweepFlags = NO_ALERTS_SENT;
    let since = openedAt.getTime();
    for (const [j, transition] of path.entries()) {
      const at = new Date(times[j]!);
      flags = sweptBetween(deadlinesOf(state), flags, since, at.getTime() - 1, { id, reference, stream }, events);
      const to = nextCaseStatus(transition);
      history.push({ status: to, at });
      changes.push({ case_id: id, seq: history.length, status: to, at });
      const newlyResponded = !firstRespondedAt && isCustomerFacing(transition);
      if (newlyResponded) firstRespondedAt = at;
      state = slaState(cal, config, priority, { openedAt, firstRespondedAt, history, budgets }, at);
      if (transition === 'resolve') {
        resolvedAt = at;
        summary = rng.pick(SUMMARIES);
      }
      if (transition === 'close') closedAt = at;
      events.push({
        stream,
        action: `case.${transition}`,
        actorId: assignee?.id ?? null,
        recordedAt: at,
        payload: {
          caseId: id,
          reference,
          from: status,
          to,
          ...(transition === 'resolve' && { summary }),
          ...(newlyResponded && { firstRespondedAt: at.toISOString() }),
          firstResponseDueAt: iso(state.firstResponseDueAt),
          resolutionDueAt: iso(state.resolutionDueAt),
          consumedMinutes: state.consumedMinutes,
        },
      });
      status = to;
      since = at.getTime();
    }
    // Up to the step's "now", the sweep has sent whatever was due: what is stored is what comes next.
    flags = sweptBetween(deadlinesOf(state), flags, since, now, { id, reference, stream }, events);
    const deadlines = deadlinesOf(state);
    if (open) openCount++;
    cases.push({
      id,
      reference,
      account_id: account.id,
      contact_id: contactId,
      type: problem.type,
      priority,
      status,
      subject: problem.subject,
      description: problem.description,
      product_id: productId,
      channel,
      agency_id: account.agency_id,
      region_id: account.region_id,
      pool_id: poolId,
      assignee_id: assignee?.id ?? null,
      opened_by: openedBy,
      routing: JSON.stringify(routing),
      sla: JSON.stringify(budgets),
      opened_at: openedAt,
      first_responded_at: firstRespondedAt,
      first_response_due_at: deadlines.firstResponseDueAt,
      first_response_warn_at: deadlines.firstResponseWarnAt,
      resolution_due_at: deadlines.resolutionDueAt,
      resolution_warn_at: deadlines.resolutionWarnAt,
      alerts: JSON.stringify(flags),
      resolved_at: resolvedAt,
      closed_at: closedAt,
      resolution_summary: summary,
      next_alert_at: nextAlertAt(deadlines, flags),
      version: 1 + path.length,
    });
  }
  for (let i = 0; i < cases.length; i += 1000) await db.insertInto('cases').values(cases.slice(i, i + 1000)).execute();
  for (let i = 0; i < changes.length; i += 5000) await db.insertInto('case_status_changes').values(changes.slice(i, i + 5000)).execute();
  // Each stream's new events in time order (appendTraceBatch chains them in array order).
  events.sort((x, y) => x.recordedAt!.getTime() - y.recordedAt!.getTime());
  await appendTraceBatch(db, events);
  return { cases: cases.length, changes: changes.length, events: events.length, open: openCount };
}

export interface CasesReport {
  plan: CasesPlan;
  resumedAtBatch: number;
  seconds: number;
  cases: number;
  openCases: number;
  statusChanges: number;
  events: number;
  rowsPerSecond: number;
}

/**
 * The cases step: resumable (one transaction per batch of 5,000, progress in bench_meta: casesPlan,
 * casesProgress, casesDone), a no-op once complete.
 */
export async function generateCases(t: Target, casesScale: number, password: string, log: (s: string) => void): Promise<CasesReport | null> {
  const database = await openApp(t, 'bench generate cases');
  const db = database.db;
  try {
    if (await casesComplete(db)) return null;
    const started = Date.now();
    let plan = await meta<CasesPlan>(db, 'casesPlan');
    if (!plan) {
      const existing = await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (existing.n > 0) throw new Error(`The database already holds ${existing.n} cases but no benchmark cases plan`);
      plan = await db.transaction().execute(async (trx) => {
        const p = await createPlan(trx, casesScale, password);
        await setMeta(trx, 'casesPlan', p);
        await setMeta(trx, 'casesProgress', { batchesDone: 0 });
        return p;
      });
      log(`Generating ${plan.count} cases (${plan.open} open, ${plan.poolOpen} of them in the bench pool) in ${plan.batches} batches; bench agent ${BENCH_CASE_AGENT}`);
    } else if (plan.casesScale !== casesScale) {
      log(`  (cases plan at cases-scale ${plan.casesScale} kept; --cases-scale ${casesScale} ignored)`);
    }
    const progress = (await meta<{ batchesDone: number }>(db, 'casesProgress'))!;
    const resumedAtBatch = progress.batchesDone;
    if (resumedAtBatch > 0) log(`Resuming cases at batch ${resumedAtBatch + 1}/${plan.batches}`);
    const ctx = await loadContext(db, plan);
    const totals = { cases: 0, open: 0, changes: 0, events: 0 };
    const t0 = Date.now();
    for (let b = resumedAtBatch; b < plan.batches; b++) {
      const n = await db.transaction().execute(async (trx) => {
        const r = await writeBatch(trx, ctx, b);
        await setMeta(trx, 'casesProgress', { batchesDone: b + 1 });
        return r;
      });
      totals.cases += n.cases;
      totals.open += n.open;
      totals.changes += n.changes;
      totals.events += n.events;
      const rows = totals.cases + totals.changes + totals.events;
      log(`  cases batch ${b + 1}/${plan.batches}: ${totals.cases} cases (${totals.open} open), ${totals.changes} status changes, ${totals.events} trace events (${Math.round(rows / ((Date.now() - t0) / 1000))} rows/s)`);
    }
    for (const table of ['cases', 'case_status_changes', 'trace_events', 'trace_heads']) await sql`ANALYZE ${sql.table(table)}`.execute(db);
    await setMeta(db, 'casesDone', { complete: true, at: new Date().toISOString() });
    const seconds = (Date.now() - started) / 1000;
    const genSeconds = (Date.now() - t0) / 1000;
    return {
      plan,
      resumedAtBatch,
      seconds,
      cases: totals.cases,
      openCases: totals.open,
      statusChanges: totals.changes,
      events: totals.events,
      rowsPerSecond: genSeconds > 0 ? Math.round((totals.cases + totals.changes + totals.events) / genSeconds) : 0,
    };
  } finally {
    await database.close();
  }
}
