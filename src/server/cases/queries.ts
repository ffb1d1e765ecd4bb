// Reads of cases: the rules in force, the facts routing and assignment need, cases shaped for the API
// with their live SLA state and the reader's abilities. Lists are filtered by reach in their SQL.
import { NIL } from 'uuid';
import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { CasePriority, CaseStatus, CaseTable } from '../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { canReadCase, caseAbilities, readableRegions, type CaseScope, type ResponsibleUnit } from '../auth/policy.ts';
import type { Case, CaseChannel, CaseRoutingConfig, CaseListFilters, CaseListItem, CaseListPage, CaseResponsibility, CaseRules, CaseSimulation, CaseTimelineItem, ResponsibilityDispute, ResponsibleUnitType } from '../../contract/cases.ts';
import { accountStream } from '../accounts/commands.ts';
import { addBusinessMinutes, isOpen, parisTime } from '../calendar/rules.ts';
import type { Bilingual } from '../../contract/values.ts';
import { calendarAt } from '../calendar/current.ts';
import {
  allowedTransitions,
  budgetsFor,
  customerSummary,
  DEFAULT_SLA_CONFIG,
  parseCaseReference,
  pickAssignee,
  routeCase,
  runningSlaState,
  slaState,
  slaText,
  type CaseMember,
  type CaseType,
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
  // Where the case goes, as the sentence needs it ("va au pôle…").
  const where: Record<typeof pool.scope, Bilingual> = {
    agency: { en: 'the agency’s own back-office pool', fr: 'au pôle back-office de l’agence' },
    region: { en: 'the region’s back-office pool', fr: 'au pôle back-office de la région' },
    nation: { en: 'the national back-office pool', fr: 'au pôle back-office national' },
  };
  return {
    poolId: pool.id,
    entryIndex: null,
    skipped: [],
    reason: {
      code: `default_${pool.scope}`,
      text: {
        en: `No routing rule is set: the case goes to ${where[pool.scope].en} serving the customer’s agency, ${pool.name}.`,
        fr: `Aucune règle d’orientation n’est définie : le dossier va ${where[pool.scope].fr} qui sert l’agence du client, ${pool.name}.`,
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

/**
 * The active managers of the lowest unit given that has any: the pool, else the agency, else the region
 * (the agency's when not given), else the nation. Who hears of a case nobody could take (the pool and the
 * customer's agency), of an SLA breach, of a unit being held responsible.
 */
export async function unitManagers(db: Db, unit: { poolId?: string | null; agencyId?: string | null; regionId?: string | null }): Promise<string[]> {
  const poolId = unit.poolId ?? null;
  const agencyId = unit.agencyId ?? null;
  const r = await sql<{ user_id: string; level: number }>`
    SELECT mu.user_id, CASE mu.unit_type WHEN 'pool' THEN 0 WHEN 'agency' THEN 1 WHEN 'region' THEN 2 ELSE 3 END AS level
    FROM managed_units mu JOIN users u ON u.id = mu.user_id AND u.active
    WHERE (mu.unit_type = 'pool' AND mu.unit_id = ${poolId}::uuid)
       OR (mu.unit_type = 'agency' AND mu.unit_id = ${agencyId}::uuid)
       OR (mu.unit_type = 'region' AND mu.unit_id = COALESCE(${unit.regionId ?? null}::uuid, (SELECT region_id FROM agencies WHERE id = ${agencyId}::uuid)))
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

/**
 * What widens who reads a case beyond its account's reach (alias c): where the unit held responsible lies,
 * who arbitrates its contests, the pools that held it before a transfer.
 */
export const reachColumns = [
  sql<string | null>`CASE c.responsible_unit_type WHEN 'agency' THEN c.responsible_unit_id
    WHEN 'pool' THEN (SELECT agency_id FROM pools WHERE id = c.responsible_unit_id) END`.as('responsible_agency_id'),
  sql<string | null>`CASE c.responsible_unit_type WHEN 'region' THEN c.responsible_unit_id
    WHEN 'agency' THEN (SELECT region_id FROM agencies WHERE id = c.responsible_unit_id)
    WHEN 'pool' THEN (SELECT region_id FROM pools WHERE id = c.responsible_unit_id) END`.as('responsible_region_id'),
  sql<string[]>`ARRAY(SELECT d.arbiter_id FROM case_responsibility_disputes d WHERE d.case_id = c.id AND d.arbiter_id IS NOT NULL)`.as('arbiter_ids'),
  sql<string[]>`ARRAY(SELECT DISTINCT t.from_pool_id FROM case_transfers t WHERE t.case_id = c.id)`.as('former_pool_ids'),
] as const;

/**
 * A case with the names it shows. Those of its people, contact and product come from one-row sub-selects, not
 * joins: with eight tables joined PostgreSQL spent 40–50 ms planning each read (it weighs every join order, and
 * a queue page is planned afresh at each call, its best plan depending on the pool), ~1 ms with the account and
 * the pool alone; the rows read are the same primary-key lookups.
 */
function caseRows(db: Db) {
  return db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('pools as p', 'p.id', 'c.pool_id')
    .select((eb) => [
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
      eb
        .selectFrom('contacts as ct')
        .select(sql<string>`ct.first_name || ' ' || ct.last_name`.as('name'))
        .whereRef('ct.id', '=', 'c.contact_id')
        .as('contact_name'),
      'c.product_id',
      eb.selectFrom('products as pr').select('pr.name').whereRef('pr.id', '=', 'c.product_id').as('product_name'),
      'c.agency_id',
      'c.region_id',
      'c.pool_id',
      'p.name as pool_name',
      'c.assignee_id',
      eb.selectFrom('users as u').select('u.name').whereRef('u.id', '=', 'c.assignee_id').as('assignee_name'),
      'c.opened_by',
      eb.selectFrom('users as o').select('o.name').whereRef('o.id', '=', 'c.opened_by').as('opened_by_name'),
      'c.sla',
      'c.opened_at',
      'c.first_responded_at',
      'c.first_response_due_at',
      'c.first_response_warn_at',
      'c.resolution_due_at',
      'c.resolution_warn_at',
      'c.resolved_at',
      'c.closed_at',
      'c.resolution_summary',
      'c.responsible_unit_type',
      'c.responsible_unit_id',
      'c.responsibility_note',
      'c.responsibility_set_by',
      eb.selectFrom('users as rs').select('rs.name').whereRef('rs.id', '=', 'c.responsibility_set_by').as('responsibility_set_by_name'),
      'c.responsibility_set_at',
      'c.transfer_count',
      'c.ping_pong',
      'c.version',
      // The status history rides along (oldest first): shaping needs it, and a second round trip cost more than it.
      sql<Array<[string, string]>>`(SELECT json_agg(json_build_array(h.status, h.at) ORDER BY h.seq) FROM case_status_changes h WHERE h.case_id = c.id)`.as('history'),
      ...reachColumns,
    ]);
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseRows>['executeTakeFirstOrThrow']>>;

export interface CaseScopeRow {
  owner_id: string | null;
  agency_id: string;
  region_id: string;
  assignee_id: string | null;
  pool_id: string;
  responsible_unit_type: ResponsibleUnitType | null;
  responsible_unit_id: string | null;
  responsible_agency_id: string | null;
  responsible_region_id: string | null;
  arbiter_ids: string[];
  former_pool_ids: string[];
}

export const scopeOfCase = (c: CaseScopeRow): CaseScope => ({
  ownerId: c.owner_id,
  agencyId: c.agency_id,
  regionId: c.region_id,
  assigneeId: c.assignee_id,
  poolId: c.pool_id,
  responsible:
    c.responsible_unit_type && c.responsible_unit_id
      ? { type: c.responsible_unit_type, id: c.responsible_unit_id, agencyId: c.responsible_agency_id, regionId: c.responsible_region_id }
      : null,
  arbiterIds: c.arbiter_ids,
  formerPoolIds: c.former_pool_ids,
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export interface UnitPlace extends ResponsibleUnit {
  name: string;
}

const unitKey = (type: string, id: string) => `${type}:${id}`;

/** Names and places of units (agencies, pools, regions) named by cases: one query per type at most. */
export async function unitPlaces(db: Db, units: ReadonlyArray<{ type: ResponsibleUnitType; id: string }>): Promise<Map<string, UnitPlace>> {
  const out = new Map<string, UnitPlace>();
  const ids = (t: ResponsibleUnitType) => [...new Set(units.filter((u) => u.type === t).map((u) => u.id))];
  const [agencies, pools, regions] = [ids('agency'), ids('pool'), ids('region')];
  if (agencies.length) {
    for (const a of await db.selectFrom('agencies').select(['id', 'name', 'region_id']).where('id', 'in', agencies).execute()) {
      out.set(unitKey('agency', a.id), { type: 'agency', id: a.id, name: a.name, agencyId: a.id, regionId: a.region_id });
    }
  }
  if (pools.length) {
    for (const p of await db.selectFrom('pools').select(['id', 'name', 'agency_id', 'region_id']).where('id', 'in', pools).execute()) {
      out.set(unitKey('pool', p.id), { type: 'pool', id: p.id, name: p.name, agencyId: p.agency_id, regionId: p.region_id });
    }
  }
  if (regions.length) {
    for (const r of await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', regions).execute()) {
      out.set(unitKey('region', r.id), { type: 'region', id: r.id, name: r.name, agencyId: null, regionId: r.id });
    }
  }
  return out;
}

interface Responsibilities {
  places: Map<string, UnitPlace>;
  disputes: Map<string, ResponsibilityDispute[]>;
}

/** The responsibility disputes of these cases (newest first) and the places of every unit they and the cases name. */
async function responsibilities(db: Db, p: Principal, rows: CaseRow[]): Promise<Responsibilities> {
  const held = rows.filter((r) => r.responsible_unit_type && r.responsible_unit_id);
  const disputes = new Map<string, ResponsibilityDispute[]>();
  if (held.length === 0) return { places: new Map(), disputes };
  const drows = await db
    .selectFrom('case_responsibility_disputes as d')
    .innerJoin('users as cb', 'cb.id', 'd.contested_by')
    .leftJoin('users as ar', 'ar.id', 'd.arbiter_id')
    .select([
      'd.id',
      'd.case_id',
      'd.contested_by',
      'cb.name as contested_by_name',
      'd.justification',
      'd.filed_at',
      'd.arbiter_id',
      'ar.name as arbiter_name',
      'd.level',
      'd.outcome',
      'd.decision',
      'd.decided_at',
      'd.decided_unit_type',
      'd.decided_unit_id',
    ])
    .where('d.case_id', 'in', held.map((r) => r.id))
    .orderBy('d.filed_at', 'desc')
    .execute();
  const units = [
    ...held.map((r) => ({ type: r.responsible_unit_type!, id: r.responsible_unit_id! })),
    ...drows.filter((d) => d.decided_unit_type && d.decided_unit_id).map((d) => ({ type: d.decided_unit_type!, id: d.decided_unit_id! })),
  ];
  const places = await unitPlaces(db, units);
  for (const d of drows) {
    const decided = d.decided_unit_type && d.decided_unit_id ? places.get(unitKey(d.decided_unit_type, d.decided_unit_id)) : undefined;
    const list = disputes.get(d.case_id) ?? [];
    list.push({
      id: d.id,
      status: d.outcome ? 'decided' : 'open',
      contestedBy: { id: d.contested_by, name: d.contested_by_name },
      justification: d.justification,
      filedAt: new Date(d.filed_at).toISOString(),
      arbiter: d.arbiter_id ? { id: d.arbiter_id, name: d.arbiter_name ?? '' } : null,
      level: d.level,
      outcome: d.outcome,
      decision: d.decision,
      decidedAt: iso(d.decided_at),
      decidedUnit: decided ? { type: decided.type, id: decided.id, name: decided.name } : null,
      canDecide: !d.outcome && d.arbiter_id !== null && d.arbiter_id === p.userId,
    });
    disputes.set(d.case_id, list);
  }
  return { places, disputes };
}

/** A case as lists show it: all but why it went to its pool, which its own page tells (`withRouting`). */
function toCaseListItem(row: CaseRow, history: StatusChange[], config: SlaConfig, r: Responsibilities, p: Principal, now: Date): CaseListItem {
  const openedAt = new Date(row.opened_at);
  const cal = calendarAt(now);
  const at = (d: Date | null) => (d ? new Date(d) : null);
  const firstRespondedAt = at(row.first_responded_at);
  const budgets = row.sla as SlaTargets;
  // A running case reads its state from its stored deadlines; others replay their history.
  const state =
    runningSlaState(
      cal,
      {
        status: row.status as CaseStatus,
        lastChangeAt: history.at(-1)?.at ?? openedAt,
        openedAt,
        firstRespondedAt,
        budgets,
        firstResponseDueAt: at(row.first_response_due_at),
        firstResponseWarnAt: at(row.first_response_warn_at),
        resolutionDueAt: at(row.resolution_due_at),
        resolutionWarnAt: at(row.resolution_warn_at),
      },
      now,
    ) ?? slaState(cal, config, row.priority as CasePriority, { openedAt, firstRespondedAt, history, budgets }, now);
  const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  const unit = row.responsible_unit_type && row.responsible_unit_id ? (r.places.get(unitKey(row.responsible_unit_type, row.responsible_unit_id)) ?? null) : null;
  const disputes = r.disputes.get(row.id) ?? [];
  const responsibility: CaseResponsibility | null = unit && {
    unit: { type: unit.type, id: unit.id, name: unit.name },
    note: row.responsibility_note ?? '',
    setBy: ref(row.responsibility_set_by, row.responsibility_set_by_name),
    setAt: iso(row.responsibility_set_at) ?? openedAt.toISOString(),
    disputes,
  };
  const status = row.status as CaseStatus;
  return {
    id: row.id,
    reference: row.reference,
    status,
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
    transfers: { count: row.transfer_count, pingPong: row.ping_pong },
    responsibility,
    customerSummary: customerSummary(
      {
        reference: row.reference,
        type: row.type,
        status,
        openedAt,
        firstResponseDueAt: state.firstResponseDueAt,
        resolutionDueAt: state.resolutionDueAt,
        resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
        closedAt: row.closed_at ? new Date(row.closed_at) : null,
        resolutionSummary: row.resolution_summary,
        reopenDays: config.reopenDays,
      },
      now,
    ),
    version: row.version,
    abilities: caseAbilities(p, scopeOfCase(row), allowedTransitions(status), {
      status,
      responsible: unit,
      disputeOpen: disputes.some((d) => d.status === 'open'),
    }),
  };
}

/** Cases as lists give them; the SLA rule in force may come in already asked for (listCases reads it beside the page). */
async function shape(db: Db, p: Principal, rows: CaseRow[], now: Date, slaRule = slaRuleInForce(db, now)): Promise<CaseListItem[]> {
  if (rows.length === 0) return [];
  const [rule, r] = await Promise.all([slaRule, responsibilities(db, p, rows)]);
  return rows.map((row) => toCaseListItem(row, historyOf(row), rule.config, r, p, now));
}

/** The whole case: what lists show, and why it went to its pool (both languages, as routing wrote it). */
function withRouting(item: CaseListItem, stored: unknown): Case {
  const routing = stored as { code?: string; text?: Bilingual };
  return { ...item, routing: { code: routing.code ?? 'unknown', text: routing.text ?? { en: '', fr: '' } } };
}

const historyOf = (row: CaseRow): StatusChange[] => (row.history ?? []).map(([status, at]) => ({ status: status as CaseStatus, at: new Date(at) }));

/** One case as the reader sees it; null when it does not exist or is out of their reach. */
export async function getCase(db: Db, p: Principal, id: string, now = new Date()): Promise<Case | null> {
  const row = await caseRows(db).select('c.routing').where('c.id', '=', id).executeTakeFirst();
  if (!row || !canReadCase(p, scopeOfCase(row))) return null;
  return withRouting((await shape(db, p, [row], now))[0]!, row.routing);
}

/** The case a typed reference names, if the reader can see it; [] when the text is not a reference. */
export async function lookupCaseReference(db: Db, p: Principal, typed: string, now = new Date()): Promise<Case[]> {
  const reference = parseCaseReference(typed);
  if (!reference) return [];
  const row = await db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
  const found = row && (await getCase(db, p, row.id, now));
  return found ? [found] : [];
}

/**
 * Written as constants, not parameters: the queue indexes are partial on exactly this predicate, and a
 * prepared statement's generic plan cannot prove a parameterised one matches them.
 */
export const STILL_OPEN = sql<boolean>`c.status NOT IN ('resolved', 'closed')`;

/**
 * The cases a list shows this reader, as one condition on `cases c` that its pages and its count share; null
 * when the view can hold none. mine: assigned to the reader; pool: the reader's pools' cases, unassigned and
 * assigned; unit: the cases of the units the reader manages (their pools, agencies, regions; all for the nation
 * or an admin); account: one account's (the caller has checked the account is in reach). Open cases only unless
 * includeDone (the account view shows all). Reach is in the SQL: the account's region, or handling the case
 * (assignee, pool member, pool manager).
 */
function listedCases(p: Principal, q: CaseListFilters): Expression<SqlBool> | null {
  const eb = expressionBuilder<{ c: CaseTable }, 'c'>();
  const where: Array<Expression<SqlBool>> = [];
  const myPools = p.pools.map((x) => x.id);
  if (q.view === 'mine') where.push(eb('c.assignee_id', '=', p.userId ?? NIL));
  if (q.view === 'pool') {
    if (myPools.length === 0) return null;
    where.push(eb('c.pool_id', 'in', myPools));
  }
  if (q.view === 'unit') {
    const everything = p.roles.includes('admin') || p.managed.some((u) => u.type === 'nation');
    if (!everything) {
      const ids = (t: string) => p.managed.filter((u) => u.type === t && u.id).map((u) => u.id!);
      const [pools, agencies, regions] = [ids('pool'), ids('agency'), ids('region')];
      if (pools.length + agencies.length + regions.length === 0) return null;
      where.push(
        eb.or([
          ...(pools.length ? [eb('c.pool_id', 'in', pools)] : []),
          ...(agencies.length ? [eb('c.agency_id', 'in', agencies)] : []),
          ...(regions.length ? [eb('c.region_id', 'in', regions)] : []),
        ]),
      );
    }
  }
  if (q.view === 'account') where.push(eb('c.account_id', '=', q.accountId!));
  if (q.view !== 'account' && q.includeDone !== 'true' && q.status.length === 0) where.push(STILL_OPEN);
  if (q.status.length) where.push(eb('c.status', 'in', q.status));
  if (q.priority.length) where.push(eb('c.priority', 'in', q.priority));
  if (q.type.length) where.push(eb('c.type', 'in', q.type));
  if (q.assigned === 'me') where.push(eb('c.assignee_id', '=', p.userId ?? NIL));
  if (q.assigned === 'none') where.push(eb('c.assignee_id', 'is', null));
  if (q.pingPong === 'true') where.push(eb('c.ping_pong', '=', true));
  if (q.breached === 'true') {
    where.push(sql<boolean>`(c.resolution_due_at < now() OR (c.first_responded_at IS NULL AND c.first_response_due_at < now()))`);
  }
  const regions = readableRegions(p);
  if (regions !== 'all') {
    const managedPools = p.managed.filter((u) => u.type === 'pool' && u.id).map((u) => u.id!);
    const handled = [...myPools, ...managedPools];
    where.push(
      eb.or([
        ...(regions.length ? [eb('c.region_id', 'in', regions)] : []),
        ...(handled.length ? [eb('c.pool_id', 'in', handled)] : []),
        eb('c.assignee_id', '=', p.userId ?? NIL),
      ]),
    );
  }
  return eb.and(where);
}

/**
 * Where a page starts: just after the place of the case last shown in the queue's order (nearest deadline, cases
 * without one last; then the oldest; then the id). The place, not the case: one taken, answered or transferred
 * since keeps the next page where it was. Instants as PostgreSQL keeps them, to the microsecond (a JS Date would
 * round them to the millisecond and show the last case again).
 */
interface QueuePlace {
  urgentAt: string | null;
  openedAt: string;
  id: string;
}

const placeColumns = [
  sql<string | null>`to_char(c.urgent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('urgent_place'),
  sql<string>`to_char(c.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('opened_place'),
] as const;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const placeCursor = (row: { urgent_place: string | null; opened_place: string; id: string }) =>
  Buffer.from(JSON.stringify([row.urgent_place, row.opened_place, row.id])).toString('base64url');

/** The place a cursor names; 400 cursor.invalid for anything but a nextCursor this list gave. */
function placeOf(cursor: string): QueuePlace {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [urgentAt, openedAt, id] = parsed as unknown[];
    if ((urgentAt === null || (typeof urgentAt === 'string' && INSTANT.test(urgentAt))) && typeof openedAt === 'string' && INSTANT.test(openedAt) && typeof id === 'string' && UUID.test(id)) {
      return { urgentAt, openedAt, id };
    }
  }
  throw new DomainError('invalid', 'cursor.invalid', 'after: not a place in this list; pass the nextCursor of the page before as it came', 'after');
}

/**
 * The cases after a place, in the queue's order. A row comparison on (urgent_at, opened_at, id) lets the index
 * start right there, but it is never true for a case without a deadline: past the last dated case the page goes
 * on with the undated ones, from the start or after the place among them.
 */
const datedAfter = (at: QueuePlace) => sql<SqlBool>`(c.urgent_at, c.opened_at, c.id) > (${at.urgentAt}::timestamptz, ${at.openedAt}::timestamptz, ${at.id}::uuid)`;
const undatedAfter = (at: QueuePlace | null) =>
  at ? sql<SqlBool>`c.urgent_at IS NULL AND (c.opened_at, c.id) > (${at.openedAt}::timestamptz, ${at.id}::uuid)` : sql<SqlBool>`c.urgent_at IS NULL`;

/** `limit` cases from a place (from the top without one), and one more when there are, to tell a next page exists. */
async function queuePage(db: Db, listed: Expression<SqlBool>, after: QueuePlace | null, limit: number) {
  const read = (from: Expression<SqlBool> | null, n: number) =>
    caseRows(db)
      .select(placeColumns)
      .where(listed)
      .$if(from !== null, (query) => query.where(from!))
      .orderBy(sql`c.urgent_at ASC NULLS LAST`)
      .orderBy('c.opened_at')
      .orderBy('c.id')
      .limit(n)
      .execute();
  if (!after) return read(null, limit + 1);
  if (after.urgentAt === null) return read(undatedAfter(after), limit + 1);
  const dated = await read(datedAfter(after), limit + 1);
  if (dated.length > limit) return dated;
  return [...dated, ...(await read(undatedAfter(null), limit + 1 - dated.length))];
}

/**
 * How many cases the list holds (every page), how many nobody holds, how many are late. Late: the nearest
 * deadline has passed — urgent_at holds only the running ones (the first response's is cleared once answered,
 * the resolution's while paused), so this is the breached filter read from the queue index alone.
 */
async function queueCounts(db: Db, listed: Expression<SqlBool>, now: Date) {
  return db
    .selectFrom('cases as c')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE c.assignee_id IS NULL))::int`.as('unassigned'),
      sql<number>`(count(*) FILTER (WHERE c.urgent_at < ${now}))::int`.as('late'),
    ])
    .where(listed)
    .executeTakeFirstOrThrow();
}

/** One page of a case list (see listedCases), most urgent first: the nearest due instant, then the oldest. */
export async function listCases(db: Db, p: Principal, q: CaseListFilters, now = new Date()): Promise<CaseListPage> {
  const after = q.after ? placeOf(q.after) : null;
  const listed = listedCases(p, q);
  if (!listed) return { items: [], nextCursor: null, total: 0, unassigned: 0, late: 0 };
  const slaRule = slaRuleInForce(db, now);
  const [rows, counts] = await Promise.all([queuePage(db, listed, after, q.limit), queueCounts(db, listed, now), slaRule]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: await shape(db, p, page, now, slaRule), nextCursor: rows.length > q.limit && last ? placeCursor(last) : null, ...counts };
}

/** The family of the product a case is about (routing matches on it); null without a product; 422 for an unknown one. */
export async function productFamily(db: Db, productId: string | null | undefined): Promise<string | null> {
  if (!productId) return null;
  const product = await db.selectFrom('products').select('family').where('id', '=', productId).executeTakeFirst();
  if (!product) throw new DomainError('unprocessable', 'product.unknown', `No product ${productId}`, 'productId');
  return product.family;
}

/** Every pool (with its kind) and region by name: what the rule texts and forms name. */
export async function ruleNames(db: Db): Promise<{ pools: Array<{ id: string; name: string; kind: string }>; regions: Array<{ id: string; name: string }> }> {
  const [pools, regions] = await Promise.all([
    db.selectFrom('pools').select(['id', 'name', 'kind']).orderBy('name').execute(),
    db.selectFrom('regions').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return { pools, regions };
}

const DEFAULT_ROUTING_TEXT: Bilingual = {
  en: 'No routing rule is set: a case goes to the back-office pool serving the customer’s agency — the agency’s own first, then the region’s, then the national one. Within the pool, it goes to the available person with the fewest open cases (ties: whoever received one least recently) — never to someone inactive or absent.',
  fr: 'Aucune règle d’orientation n’est définie : un dossier va au pôle back-office qui sert l’agence du client — celui de l’agence d’abord, puis celui de la région, puis le pôle national. Dans le pôle, il va à la personne disponible qui a le moins de dossiers ouverts (à égalité : celle qui en a reçu un le moins récemment) — jamais à une personne inactive ou absente.',
};

/** The routing and SLA rules in force (version 0: the built-in defaults), every saved version, and the names they use. */
export async function caseRulesView(db: Db, now: Date): Promise<CaseRules> {
  const [versions, names, routing, sla] = await Promise.all([
    db
      .selectFrom('case_rules as r')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select(['r.kind', 'r.version', 'r.text_en', 'r.text_fr', 'r.author_id', 'u.name as author_name', 'r.effective_from', 'r.created_at'])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.version', 'desc')
      .execute(),
    ruleNames(db),
    caseRoutingRuleInForce(db, now),
    slaRuleInForce(db, now),
  ]);
  const history = versions.map((v) => ({
    kind: v.kind,
    version: v.version,
    text: { en: v.text_en, fr: v.text_fr },
    author: v.author_id ? { id: v.author_id, name: v.author_name ?? '' } : null,
    effectiveFrom: iso(v.effective_from),
    createdAt: iso(v.created_at),
  }));
  const saved = (kind: 'routing' | 'sla', version: number | undefined) => history.find((h) => h.kind === kind && h.version === version);
  const about = (kind: 'routing' | 'sla', version: number, text: Bilingual) => {
    const v = saved(kind, version);
    return { kind, version, text, author: v?.author ?? null, effectiveFrom: v?.effectiveFrom ?? null, createdAt: v?.createdAt ?? null };
  };
  const cal = calendarAt(now);
  return {
    routing: { ...about('routing', routing?.version ?? 0, saved('routing', routing?.version)?.text ?? DEFAULT_ROUTING_TEXT), config: (routing?.rule ?? null) as CaseRoutingConfig | null },
    sla: { ...about('sla', sla.version, sla.text), config: sla.config, dayMinutes: cal.closesAt - cal.opensAt },
    history,
    pools: names.pools.filter((p) => p.kind === 'back_office').map((p) => ({ id: p.id, name: p.name })),
    regions: names.regions,
  };
}

/**
 * The pool a new case goes to: the routing rule in force at `at` (only pools that serve the account's agency
 * can take it), else the default — the back-office pool serving the agency. null when no pool serves it.
 */
export async function routeNewCase(
  db: Db,
  facts: { agencyId: string; regionId: string; type: CaseType; family: string | null },
  at: Date,
): Promise<{ decision: CaseRoutingDecision; ruleVersion: number } | null> {
  const routingRule = await caseRoutingRuleInForce(db, at);
  if (!routingRule) {
    const decision = await defaultCaseRoute(db, facts.agencyId);
    return decision && { decision, ruleVersion: 0 };
  }
  const rule = routingRule.rule;
  const named = [...rule.entries.map((e) => e.poolId), ...Object.values(rule.fallback.byRegion), rule.fallback.national];
  const pools = await poolsServing(db, [...new Set(named)], facts.agencyId);
  const regions = Object.fromEntries((await ruleNames(db)).regions.map((r) => [r.id, r.name]));
  const decision = routeCase(rule, facts, pools, regions);
  // A fallback pool that does not serve the agency cannot take the case either.
  return pools.some((p) => p.id === decision.poolId && p.agencyIds.length > 0) ? { decision, ruleVersion: routingRule.version } : null;
}

/** Where a case would go and when it would be due if opened at `at`: the same rules openCase applies, nothing written. */
export async function simulateCase(db: Db, input: { accountId: string; type: CaseType; priority: CasePriority; family: string | null }, at: Date): Promise<CaseSimulation | null> {
  const account = await db.selectFrom('accounts').select(['agency_id', 'region_id']).where('id', '=', input.accountId).executeTakeFirst();
  if (!account) return null;
  const routed = await routeNewCase(db, { agencyId: account.agency_id, regionId: account.region_id, type: input.type, family: input.family }, at);
  if (!routed) return null;
  const { decision, ruleVersion } = routed;
  const today = parisTime(at).date;
  const members = await poolMembers(db, decision.poolId, today);
  const assignee = pickAssignee(members, today);
  const pool = await db.selectFrom('pools').select(['id', 'name']).where('id', '=', decision.poolId).executeTakeFirstOrThrow();
  const sla = await slaRuleInForce(db, at);
  const cal = calendarAt(at);
  const budgets = budgetsFor(sla.config, input.priority);
  const state = slaState(cal, sla.config, input.priority, { openedAt: at, firstRespondedAt: null, history: [{ status: 'open', at }], budgets }, at);
  return {
    pool,
    routing: { code: decision.reason.code, text: decision.reason.text, ruleVersion },
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    members: members
      .map((m) => ({ id: m.id, name: m.name, openCases: m.openCases, available: pickAssignee([m], today) !== null }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    sla: {
      ruleVersion: sla.version,
      // The clock starts at the first open instant: the moment a zero-minute budget would be due.
      clockStartsAt: (isOpen(cal, at) ? at : addBusinessMinutes(cal, at, 0)).toISOString(),
      firstResponseDueAt: iso(state.firstResponseDueAt),
      firstResponseWarnAt: iso(state.firstResponseWarnAt),
      resolutionDueAt: iso(state.resolutionDueAt),
      resolutionWarnAt: iso(state.resolutionWarnAt),
      budgets,
    },
  };
}

/** The case's pool members today, for the assign menu: load and whether they may receive it. */
export async function caseMembers(db: Db, poolId: string, now: Date) {
  const today = parisTime(now).date;
  return (await poolMembers(db, poolId, today))
    .map((m) => ({ id: m.id, name: m.name, openCases: m.openCases, available: pickAssignee([m], today) !== null }))
    .sort((a, b) => Number(b.available) - Number(a.available) || a.openCases - b.openCases || a.name.localeCompare(b.name));
}

/** The back-office pools a case may be sent to (all but its own), national first, then by region and name. */
export async function transferTargets(db: Db, currentPoolId: string) {
  const rows = await db
    .selectFrom('pools as p')
    .leftJoin('agencies as ag', 'ag.id', 'p.agency_id')
    .leftJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.scope', 'ag.name as agency', 'r.name as region'])
    .where('p.kind', '=', 'back_office')
    .where('p.id', '!=', currentPoolId)
    .orderBy(sql`CASE p.scope WHEN 'nation' THEN 0 WHEN 'region' THEN 1 ELSE 2 END`)
    .orderBy('r.name')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, scope: r.scope, agency: r.agency, region: r.region }));
}

/**
 * The case's own story, oldest first: its trace events (on its account's stream, tagged with its id) and
 * the contacts logged on it. The receiving side of a transfer reads the whole of it.
 */
export async function caseTimeline(db: Db, caseId: string, accountId: string): Promise<CaseTimelineItem[]> {
  const [events, contacts] = await Promise.all([
    db
      .selectFrom('trace_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.seq', 'e.action', 'e.actor_id', 'u.name as actor_name', 'e.payload', 'e.recorded_at'])
      .where('e.stream', '=', accountStream(accountId))
      .where(sql<boolean>`e.payload->>'caseId' = ${caseId}`)
      .where('e.action', 'like', 'case.%')
      .orderBy('e.seq')
      .execute(),
    db
      .selectFrom('interactions as i')
      .innerJoin('users as u', 'u.id', 'i.actor_id')
      .select(['i.id', 'i.channel', 'i.subject', 'i.notes', 'i.outcome', 'i.actor_id', 'u.name as actor_name', 'i.occurred_at', 'i.recorded_at'])
      .where('i.case_id', '=', caseId)
      .execute(),
  ]);
  const items: CaseTimelineItem[] = [
    ...events.map((e) => ({
      kind: 'event' as const,
      at: new Date(e.recorded_at).toISOString(),
      action: e.action,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      payload: (e.payload ?? {}) as Record<string, unknown>,
      seq: e.seq,
    })),
    ...contacts.map((i) => ({
      kind: 'interaction' as const,
      at: new Date(i.occurred_at).toISOString(),
      interaction: {
        id: i.id,
        channel: i.channel,
        subject: i.subject,
        notes: i.notes,
        outcome: i.outcome,
        actor: { id: i.actor_id, name: i.actor_name },
        occurredAt: new Date(i.occurred_at).toISOString(),
      },
    })),
  ];
  return items.sort((a, b) => a.at.localeCompare(b.at));
}
