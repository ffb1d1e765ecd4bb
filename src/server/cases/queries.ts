// Reads of cases: the rules in force, the facts routing and assignment need, cases shaped for the API
// with their live SLA state and the reader's abilities. Lists are filtered by reach in their SQL.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { CasePriority, CaseStatus } from '../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { canReadCase, caseAbilities, readableRegions, type CaseScope } from '../auth/policy.ts';
import type { Case, CaseChannel, CaseListQuery } from '../../contract/cases.ts';
import type { Bilingual } from '../../contract/values.ts';
import { calendarAt } from '../calendar/current.ts';
import {
  allowedTransitions,
  DEFAULT_SLA_CONFIG,
  parseCaseReference,
  slaState,
  slaText,
  type CaseMember,
  type CaseRoutingDecision,
  type CaseRoutingRule,
  type SlaConfig,
  type SlaTargets,
  type StatusChange,
} from './rules.ts';

export interface SlaRuleInForce {
  id: string | null;
  version: number;
  config: SlaConfig;
  text: Bilingual;
}

/** The newest SLA rule in effect at `at`, else the built-in default (version 0). */
export async function slaRuleInForce(db: Db, at: Date): Promise<SlaRuleInForce> {
  const row = await db
    .selectFrom('case_rules')
    .select(['id', 'version', 'config', 'text_en', 'text_fr'])
    .where('kind', '=', 'sla')
    .where('effective_from', '<=', at)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { id: null, version: 0, config: DEFAULT_SLA_CONFIG, text: slaText(DEFAULT_SLA_CONFIG) };
  return { id: row.id, version: row.version, config: row.config as unknown as SlaConfig, text: { en: row.text_en, fr: row.text_fr } };
}

/** The newest routing rule in effect at `at`; null when none was ever saved (the default applies). */
export async function caseRoutingRuleInForce(db: Db, at: Date): Promise<{ id: string; version: number; rule: CaseRoutingRule } | null> {
  const row = await db
    .selectFrom('case_rules')
    .select(['id', 'version', 'config'])
    .where('kind', '=', 'routing')
    .where('effective_from', '<=', at)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, version: row.version, rule: row.config as unknown as CaseRoutingRule } : null;
}

/** A pool serves agencies by its scope: agency → that agency, region → its agencies, nation → all. */
const servesAgency = sql<boolean>`(p.scope = 'nation' OR (p.scope = 'region' AND p.region_id = ag.region_id) OR (p.scope = 'agency' AND p.agency_id = ag.id))`;

/** The pools named, each with the agency it serves among [agencyId] (agencyIds is [agencyId] or []): what routeCase needs. */
export async function poolsServing(db: Db, poolIds: string[], agencyId: string): Promise<Array<{ id: string; name: string; agencyIds: string[] }>> {
  if (poolIds.length === 0) return [];
  const r = await sql<{ id: string; name: string; serves: boolean }>`
    SELECT p.id, p.name, ${servesAgency} AS serves
    FROM pools p CROSS JOIN agencies ag
    WHERE ag.id = ${agencyId} AND p.id = ANY(${poolIds}::uuid[])`.execute(db);
  return r.rows.map((p) => ({ id: p.id, name: p.name, agencyIds: p.serves ? [agencyId] : [] }));
}

/**
 * The default routing, when no routing rule was saved: the back-office pool serving the account's agency —
 * an agency-scoped one of that agency first, then the region's, then a national one (oldest first within each).
 */
export async function defaultCaseRoute(db: Db, agencyId: string): Promise<CaseRoutingDecision | null> {
  const r = await sql<{ id: string; name: string; scope: 'agency' | 'region' | 'nation' }>`
    SELECT p.id, p.name, p.scope
    FROM pools p CROSS JOIN agencies ag
    WHERE ag.id = ${agencyId} AND p.kind = 'back_office' AND ${servesAgency}
    ORDER BY CASE p.scope WHEN 'agency' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, p.created_at, p.id
    LIMIT 1`.execute(db);
  const pool = r.rows[0];
  if (!pool) return null;
  const where: Record<typeof pool.scope, Bilingual> = {
    agency: { en: 'the agency’s own back-office pool', fr: 'le pôle back-office de l’agence' },
    region: { en: 'the region’s back-office pool', fr: 'le pôle back-office de la région' },
    nation: { en: 'the national back-office pool', fr: 'le pôle back-office national' },
  };
  return {
    poolId: pool.id,
    entryIndex: null,
    skipped: [],
    reason: {
      code: pool.scope === 'agency' ? 'rule_entry' : pool.scope === 'region' ? 'region_fallback' : 'national_fallback',
      text: {
        en: `No routing rule is set: the case goes to ${where[pool.scope].en} serving the customer’s agency, ${pool.name}.`,
        fr: `Aucune règle d’orientation n’est définie : le dossier va à ${where[pool.scope].fr} qui sert l’agence du client, ${pool.name}.`,
      },
    },
  };
}

export interface PoolMember extends CaseMember {
  name: string;
}

/** The pool's members today, with their load (open cases) and when they last received a case: what pickAssignee needs. */
export async function poolMembers(db: Db, poolId: string, today: string): Promise<PoolMember[]> {
  const r = await sql<{ id: string; name: string; active: boolean; absent_from: string | null; absent_until: string | null; open_cases: number; last_assigned_at: Date | null }>`
    SELECT DISTINCT u.id, u.name, u.active, u.absent_from::text AS absent_from, u.absent_until::text AS absent_until,
      (SELECT count(*)::int FROM cases c WHERE c.assignee_id = u.id AND c.status NOT IN ('resolved','closed')) AS open_cases,
      (SELECT max(c.opened_at) FROM cases c WHERE c.assignee_id = u.id) AS last_assigned_at
    FROM pool_memberships m JOIN users u ON u.id = m.user_id
    WHERE m.pool_id = ${poolId} AND m.starts_on <= ${today}::date AND (m.ends_on IS NULL OR m.ends_on >= ${today}::date)`.execute(db);
  return r.rows.map((m) => ({
    id: m.id,
    name: m.name,
    active: m.active,
    absentFrom: m.absent_from,
    absentUntil: m.absent_until,
    openCases: m.open_cases,
    lastAssignedAt: m.last_assigned_at ? new Date(m.last_assigned_at) : null,
  }));
}

/** The active managers of a pool, else of the agency it serves (its own, the account's), region, nation: who hears of a case nobody could take. */
export async function poolManagers(db: Db, poolId: string, agencyId: string): Promise<string[]> {
  const r = await sql<{ user_id: string; level: number }>`
    SELECT mu.user_id, CASE mu.unit_type WHEN 'pool' THEN 0 WHEN 'agency' THEN 1 WHEN 'region' THEN 2 ELSE 3 END AS level
    FROM managed_units mu JOIN users u ON u.id = mu.user_id AND u.active
    WHERE (mu.unit_type = 'pool' AND mu.unit_id = ${poolId})
       OR (mu.unit_type = 'agency' AND mu.unit_id = ${agencyId})
       OR (mu.unit_type = 'region' AND mu.unit_id = (SELECT region_id FROM agencies WHERE id = ${agencyId}))
       OR mu.unit_type = 'nation'
    ORDER BY level`.execute(db);
  const best = r.rows[0]?.level;
  return [...new Set(r.rows.filter((x) => x.level === best).map((x) => x.user_id))];
}

/** The status history of each case, oldest first. */
export async function caseHistories(db: Db, ids: string[]): Promise<Map<string, StatusChange[]>> {
  const out = new Map<string, StatusChange[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('case_status_changes')
    .select(['case_id', 'status', 'at'])
    .where('case_id', 'in', ids)
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) out.get(r.case_id)!.push({ status: r.status, at: new Date(r.at) });
  return out;
}

function caseRows(db: Db) {
  return db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('pools as p', 'p.id', 'c.pool_id')
    .leftJoin('users as u', 'u.id', 'c.assignee_id')
    .leftJoin('users as o', 'o.id', 'c.opened_by')
    .leftJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('products as pr', 'pr.id', 'c.product_id')
    .select([
      'c.id',
      'c.reference',
      'c.status',
      'c.priority',
      'c.type',
      'c.subject',
      'c.description',
      'c.channel',
      'c.account_id',
      'a.name as account_name',
      'a.owner_id',
      'c.contact_id',
      sql<string | null>`ct.first_name || ' ' || ct.last_name`.as('contact_name'),
      'c.product_id',
      'pr.name as product_name',
      'c.agency_id',
      'c.region_id',
      'c.pool_id',
      'p.name as pool_name',
      'c.assignee_id',
      'u.name as assignee_name',
      'c.opened_by',
      'o.name as opened_by_name',
      'c.routing',
      'c.sla',
      'c.opened_at',
      'c.first_responded_at',
      'c.resolved_at',
      'c.closed_at',
      'c.resolution_summary',
      'c.version',
    ]);
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseRows>['executeTakeFirstOrThrow']>>;

export const scopeOfCase = (c: { owner_id: string | null; agency_id: string; region_id: string; assignee_id: string | null; pool_id: string }): CaseScope => ({
  ownerId: c.owner_id,
  agencyId: c.agency_id,
  regionId: c.region_id,
  assigneeId: c.assignee_id,
  poolId: c.pool_id,
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toCase(row: CaseRow, history: StatusChange[], config: SlaConfig, p: Principal, now: Date): Case {
  const openedAt = new Date(row.opened_at);
  const state = slaState(
    calendarAt(now),
    config,
    row.priority as CasePriority,
    { openedAt, firstRespondedAt: row.first_responded_at ? new Date(row.first_responded_at) : null, history, budgets: row.sla as SlaTargets },
    now,
  );
  const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  const routing = row.routing as { code?: string; text?: Bilingual };
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    priority: row.priority,
    type: row.type,
    subject: row.subject,
    description: row.description,
    channel: row.channel as CaseChannel,
    account: { id: row.account_id, name: row.account_name },
    contact: ref(row.contact_id, row.contact_name),
    product: ref(row.product_id, row.product_name),
    agencyId: row.agency_id,
    pool: { id: row.pool_id, name: row.pool_name },
    assignee: ref(row.assignee_id, row.assignee_name),
    openedBy: ref(row.opened_by, row.opened_by_name),
    routing: { code: routing.code ?? 'unknown', text: routing.text ?? { en: '', fr: '' } },
    openedAt: openedAt.toISOString(),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    resolutionSummary: row.resolution_summary,
    sla: {
      budgets: state.budgets,
      firstRespondedAt: iso(state.firstRespondedAt),
      firstResponseDueAt: iso(state.firstResponseDueAt),
      firstResponseWarnAt: iso(state.firstResponseWarnAt),
      resolutionDueAt: iso(state.resolutionDueAt),
      resolutionWarnAt: iso(state.resolutionWarnAt),
      paused: state.paused,
      stopped: state.stopped,
      breached: state.breached,
      remainingMinutes: state.remainingMinutes,
    },
    version: row.version,
    abilities: caseAbilities(p, scopeOfCase(row), allowedTransitions(row.status as CaseStatus)),
  };
}

/** One case as the reader sees it; null when it does not exist or is out of their reach (same reach as its account). */
export async function getCase(db: Db, p: Principal, id: string, now = new Date()): Promise<Case | null> {
  const row = await caseRows(db).where('c.id', '=', id).executeTakeFirst();
  if (!row || !canReadCase(p, scopeOfCase(row))) return null;
  const [history, rule] = [await caseHistories(db, [id]), await slaRuleInForce(db, now)];
  return toCase(row, history.get(id)!, rule.config, p, now);
}

/** The case a typed reference names, if the reader can see it; [] when the text is not a reference. */
export async function lookupCaseReference(db: Db, p: Principal, typed: string, now = new Date()): Promise<Case[]> {
  const reference = parseCaseReference(typed);
  if (!reference) return [];
  const row = await db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
  const found = row && (await getCase(db, p, row.id, now));
  return found ? [found] : [];
}

const LIST_LIMIT = 200;

/**
 * mine: assigned to the reader; pool: the reader's pools' cases, unassigned and assigned; account: one
 * account's (the caller has checked the account is in reach). Open cases only unless includeDone (the
 * account view shows all). Most urgent first: the nearest due instant, then the oldest.
 */
export async function listCases(db: Db, p: Principal, q: CaseListQuery & { view: 'mine' | 'pool' | 'account' }, now = new Date()): Promise<Case[]> {
  let query = caseRows(db);
  if (q.view === 'mine') query = query.where('c.assignee_id', '=', p.userId ?? '00000000-0000-0000-0000-000000000000');
  if (q.view === 'pool') {
    const poolIds = p.pools.map((x) => x.id);
    if (poolIds.length === 0) return [];
    query = query.where('c.pool_id', 'in', poolIds);
  }
  if (q.view === 'account') query = query.where('c.account_id', '=', q.accountId!);
  if (q.view !== 'account' && q.includeDone !== 'true') query = query.where('c.status', 'not in', ['resolved', 'closed']);
  const regions = readableRegions(p);
  if (regions !== 'all') {
    if (regions.length === 0) return [];
    query = query.where('c.region_id', 'in', regions);
  }
  const rows = await query
    .orderBy(sql`LEAST(c.first_response_due_at, c.resolution_due_at) ASC NULLS LAST`)
    .orderBy('c.opened_at')
    .orderBy('c.id')
    .limit(LIST_LIMIT)
    .execute();
  const histories = await caseHistories(db, rows.map((r) => r.id));
  const rule = await slaRuleInForce(db, now);
  return rows.map((r) => toCase(r, histories.get(r.id)!, rule.config, p, now));
}
