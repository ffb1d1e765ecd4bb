// Reads for lead relay: the facts routing needs, the rule in force, leads shaped for the API.
import { sql, type RawBuilder } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../context.ts';
import type { Segment } from '../db/schema.ts';
import { isoTime } from '../db/iso-time.ts';
import type { Lead, RoutingRuleConfig, routingRuleSchema } from '../../contract/leads.ts';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { canReadLead, leadAbilities, readableRegions, type LeadScope } from '../auth/policy.ts';
import { decodeCursor } from '../accounts/queries.ts';
import { DEFAULT_ROUTING_CONFIG, DUPLICATE_WINDOW_MS, routingRuleText, type PoolCandidate, type Person } from './rules.ts';

export interface RuleInForce {
  id: string | null;
  agencyId: string | null;
  version: number;
  config: RoutingRuleConfig;
  text: string;
}

/** The agency's newest rule in effect at `at`, else the national one: a query, read alone or inside another. */
function ruleInForceQuery(db: Db, agencyId: string | RawBuilder<string>, at: Date | RawBuilder<Date>) {
  return (
    db
      .selectFrom('routing_rules')
      .select(['id', 'agency_id', 'version', 'config', 'text'])
      .where((eb) => eb.or([eb('agency_id', '=', agencyId), eb('agency_id', 'is', null)]))
      .where('effective_from', '<=', at)
      // An agency's own rule beats the national one; within each, the newest version wins.
      .orderBy(sql`agency_id IS NULL`)
      .orderBy('version', 'desc')
      .limit(1)
  );
}

type RuleRow = { id: string; agency_id: string | null; version: number; config: RoutingRuleConfig; text: string };

/** A rule row as the rule in force; none: the built-in default (version 0). */
function toRuleInForce(row: RuleRow | null | undefined): RuleInForce {
  if (!row) return { id: null, agencyId: null, version: 0, config: DEFAULT_ROUTING_CONFIG, text: routingRuleText(DEFAULT_ROUTING_CONFIG) };
  return { id: row.id, agencyId: row.agency_id, version: row.version, config: row.config, text: row.text };
}

/** The agency's newest rule in effect at `at`, else the national one, else the built-in default (version 0). */
export async function routingRuleInForce(db: Db, agencyId: string, at: Date): Promise<RuleInForce> {
  return toRuleInForce(await ruleInForceQuery(db, agencyId, at).executeTakeFirst());
}

/** Who may get a lead on an account before its agency's pool is asked. */
export interface AccountRouting {
  account: { id: string; name: string; segment: Segment; ownerId: string | null; agencyId: string; regionId: string; archived: boolean };
  owner: Person | null;
  backup: Person | null;
}

export interface RoutingFacts extends AccountRouting {
  pool: PoolCandidate[];
}

interface PersonRow {
  id: string;
  name: string;
  active: boolean;
  absent_from: string | null;
  absent_until: string | null;
  backup_user_id: string | null;
}
const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  active: r.active,
  absentFrom: r.absent_from,
  absentUntil: r.absent_until,
  backupId: r.backup_user_id,
});

/** A person as routing reads them, as JSON (the fields of PersonRow), from `users` aliased u. */
const personJson = sql`json_build_object('id', u.id, 'name', u.name, 'active', u.active, 'absent_from', u.absent_from::text,
  'absent_until', u.absent_until::text, 'backup_user_id', u.backup_user_id)`;

interface AccountRoutingRow {
  account_id: string;
  name: string;
  segment: Segment;
  owner_id: string | null;
  agency_id: string;
  region_id: string;
  archived: boolean;
  owner: PersonRow | null;
  backup: PersonRow | null;
}

/** The account (aliased a) as routing reads it: the columns of AccountRoutingRow. */
const accountRoutingColumns = sql`a.id AS account_id, a.name, a.segment, a.owner_id, a.agency_id, a.region_id, a.archived_at IS NOT NULL AS archived,
  (SELECT ${personJson} FROM users u WHERE u.id = a.owner_id) AS owner,
  (SELECT ${personJson} FROM users o JOIN users u ON u.id = o.backup_user_id WHERE o.id = a.owner_id) AS backup`;

const toAccountRouting = (row: AccountRoutingRow): AccountRouting => ({
  account: { id: row.account_id, name: row.name, segment: row.segment, ownerId: row.owner_id, agencyId: row.agency_id, regionId: row.region_id, archived: row.archived },
  owner: row.owner && toPerson(row.owner),
  backup: row.backup && toPerson(row.backup),
});

export interface RelayChecks {
  /** The transaction's clock, to the millisecond: the lead's creation time. */
  now: Date;
  /** The account with its owner and the owner's backup; null when there is no such account. */
  routing: AccountRouting | null;
  product: { id: string; name: string; active: boolean } | null;
  /** The account of the contact named, if any. */
  contactAccountId: string | null;
  /** The newest lead for the same account and product within the duplicate window. */
  duplicate: { id: string } | null;
  rule: RuleInForce;
}

/** What one relay asks to be checked: its account, product and contact. */
export interface RelayCheckInput {
  accountId: string;
  productId: string;
  contactId: string | null;
}

/**
 * What relaying leads reads before routing them, for a whole batch in one round trip at the transaction's
 * clock (ten reads were most of a relay's round trips): for each, the account with its owner and the owner's
 * backup, the product, the contact's account, a lead for the same account and product within the duplicate
 * window, and the routing rule in force for the account's agency. The pool is read apart (salesPools), only
 * when routing needs it: counting its members' open leads is the dearest read, and most accounts go to their
 * owner. Answers in the order asked.
 */
export async function relayChecks(db: Db, inputs: RelayCheckInput[]): Promise<RelayChecks[]> {
  const asked = inputs.map((x, i) => ({ i, account_id: x.accountId, product_id: x.productId, contact_id: x.contactId }));
  const now = sql<Date>`now()`;
  const r = await sql<
    Partial<AccountRoutingRow> & {
      now: Date;
      account_id: string | null;
      product: RelayChecks['product'];
      contact_account_id: string | null;
      duplicate_id: string | null;
      rule: RuleRow | null;
    }
  >`
    SELECT date_trunc('milliseconds', now()) AS now, ${accountRoutingColumns},
      (SELECT json_build_object('id', p.id, 'name', p.name, 'active', p.active) FROM products p WHERE p.id = r.product_id) AS product,
      (SELECT c.account_id FROM contacts c WHERE c.id = r.contact_id) AS contact_account_id,
      (SELECT l.id FROM leads l
        WHERE l.account_id = r.account_id AND l.product_id = r.product_id
          AND l.created_at > ${now} - make_interval(secs => ${DUPLICATE_WINDOW_MS / 1000})
        ORDER BY l.created_at DESC LIMIT 1) AS duplicate_id,
      ${jsonObjectFrom(ruleInForceQuery(db, sql.ref<string>('a.agency_id'), now))} AS rule
    FROM json_to_recordset(${JSON.stringify(asked)}::json) AS r(i int, account_id uuid, product_id uuid, contact_id uuid)
    LEFT JOIN accounts a ON a.id = r.account_id
    ORDER BY r.i`.execute(db);
  return r.rows.map((row) => ({
    now: new Date(row.now),
    routing: row.account_id ? toAccountRouting(row as AccountRoutingRow) : null,
    product: row.product,
    contactAccountId: row.contact_account_id,
    duplicate: row.duplicate_id ? { id: row.duplicate_id } : null,
    rule: toRuleInForce(row.rule),
  }));
}

/** Each agency's sales pool today, with each member's open leads and latest assignment: what the rotation weighs. */
export async function salesPools(db: Db, agencyIds: string[]): Promise<Map<string, PoolCandidate[]>> {
  const r = await sql<PersonRow & { agency_id: string; open_leads: number; last_assigned_at: string | null }>`
    SELECT m.agency_id, u.id, u.name, u.active, u.absent_from::text, u.absent_until::text, u.backup_user_id,
      (SELECT count(*)::int FROM leads l WHERE l.assignee_id = u.id AND l.status = 'new') AS open_leads,
      (SELECT max(l.created_at) FROM leads l WHERE l.assignee_id = u.id) AS last_assigned_at
    FROM (SELECT DISTINCT p.agency_id, m.user_id FROM pools p
            JOIN pool_memberships m ON m.pool_id = p.id AND m.starts_on <= CURRENT_DATE AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE)
           WHERE p.kind = 'sales' AND p.scope = 'agency' AND p.agency_id = ANY(${agencyIds}::uuid[])) m
    JOIN users u ON u.id = m.user_id
    ORDER BY m.agency_id, u.id`.execute(db);
  const pools = new Map<string, PoolCandidate[]>(agencyIds.map((id) => [id, []]));
  for (const row of r.rows) {
    pools.get(row.agency_id)!.push({
      ...toPerson(row),
      openLeads: row.open_leads,
      lastAssignedAt: row.last_assigned_at ? new Date(row.last_assigned_at).toISOString() : null,
    });
  }
  return pools;
}

/** The accounts asked with their owners and the owners' backups, in one statement, keyed by account id. */
export async function accountRoutingOf(db: Db, accountIds: string[]): Promise<Map<string, AccountRouting>> {
  const r = await sql<AccountRoutingRow>`SELECT ${accountRoutingColumns} FROM accounts a WHERE a.id = ANY(${accountIds}::uuid[])`.execute(db);
  return new Map(r.rows.map((row) => [row.account_id, toAccountRouting(row)]));
}

/** Everything routing weighs for one account, its agency's pool included; null when there is no such account. */
export async function routingFacts(db: Db, accountId: string): Promise<RoutingFacts | null> {
  const routing = (await accountRoutingOf(db, [accountId])).get(accountId);
  if (!routing) return null;
  const pools = await salesPools(db, [routing.account.agencyId]);
  return { ...routing, pool: pools.get(routing.account.agencyId)! };
}

interface LeadRow {
  id: string;
  account_id: string;
  account_name: string;
  account_segment: Segment;
  owner_id: string | null;
  contact_id: string | null;
  contact_name: string | null;
  product_id: string;
  product_name: string;
  product_family: string;
  need: string;
  estimated_value_cents: string | null;
  source: Lead['source'];
  source_campaign: string | null;
  initiator_id: string | null;
  initiator_name: string | null;
  status: Lead['status'];
  assignee_id: string | null;
  assignee_name: string | null;
  agency_id: string;
  agency_name: string;
  region_id: string;
  routing: Lead['routing'];
  created_at: string;
  due_at: string;
  warn_at: string;
  offered_at: string | null;
  taken_at: string | null;
  late_at: string | null;
  answered_at: string | null;
  reject_reason: Lead['rejectReason'];
  reject_note: string | null;
  deal_id: string | null;
  version: number;
}

/**
 * A lead with the names it shows. The people, contact and agency come from one-row sub-selects, not joins: with
 * seven tables joined PostgreSQL weighed every join order at each read (11 ms planning a rep's day of 100 leads,
 * for 3 ms of execution) and, its estimate favouring a plan per call, never kept one. Three tables plan in about
 * a millisecond.
 */
const leadSelect = sql`
  l.id, l.account_id, a.name AS account_name, a.segment AS account_segment, a.owner_id, l.contact_id,
  (SELECT NULLIF(trim(c.first_name || ' ' || c.last_name), '') FROM contacts c WHERE c.id = l.contact_id) AS contact_name,
  l.product_id, p.name AS product_name, p.family AS product_family, l.need, l.estimated_value_cents, l.source, l.source_campaign,
  l.initiator_id, (SELECT i.name FROM users i WHERE i.id = l.initiator_id) AS initiator_name, l.status,
  l.assignee_id, (SELECT s.name FROM users s WHERE s.id = l.assignee_id) AS assignee_name,
  l.agency_id, (SELECT ag.name FROM agencies ag WHERE ag.id = l.agency_id) AS agency_name,
  l.region_id, l.routing, ${isoTime('l.created_at')} AS created_at, ${isoTime('l.due_at')} AS due_at, ${isoTime('l.warn_at')} AS warn_at,
  ${isoTime('l.offered_at')} AS offered_at, ${isoTime('l.taken_at')} AS taken_at, ${isoTime('l.late_at')} AS late_at,
  ${isoTime('l.answered_at')} AS answered_at, l.reject_reason, l.reject_note,
  l.deal_id, l.version`;

/** `leads` (a table or a page of it) with its account and product, under the alias the select names. */
const leadsFrom = (leads: RawBuilder<unknown>) => sql`
  FROM ${leads} l
  JOIN accounts a ON a.id = l.account_id
  JOIN products p ON p.id = l.product_id`;

/** Where a lead lies for the policy; of its offer and taking only whether they happened counts. */
export function scopeOfLead(
  r: Pick<LeadRow, 'owner_id' | 'agency_id' | 'region_id' | 'assignee_id' | 'initiator_id' | 'status'> & { offered_at: string | Date | null; taken_at: string | Date | null },
): LeadScope {
  return {
    ownerId: r.owner_id,
    agencyId: r.agency_id,
    regionId: r.region_id,
    assigneeId: r.assignee_id,
    initiatorId: r.initiator_id,
    status: r.status,
    offered: r.offered_at !== null && r.taken_at === null,
  };
}

function toLead(p: Principal, r: LeadRow): Lead {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    accountSegment: r.account_segment,
    contactId: r.contact_id,
    contactName: r.contact_name,
    productId: r.product_id,
    productName: r.product_name,
    productFamily: r.product_family,
    need: r.need,
    estimatedValueCents: r.estimated_value_cents === null ? null : Number(r.estimated_value_cents),
    source: r.source,
    sourceCampaign: r.source_campaign,
    initiatorId: r.initiator_id,
    initiatorName: r.initiator_name,
    status: r.status,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    routing: r.routing,
    createdAt: r.created_at,
    dueAt: r.due_at,
    warnAt: r.warn_at,
    offeredAt: r.offered_at,
    lateAt: r.late_at,
    answeredAt: r.answered_at,
    rejectReason: r.reject_reason,
    rejectNote: r.reject_note,
    dealId: r.deal_id,
    version: r.version,
    abilities: leadAbilities(p, scopeOfLead(r)),
  };
}

/** One lead, or null when it does not exist or is out of the reader's sight. */
export async function getLead(db: Db, p: Principal, id: string): Promise<Lead | null> {
  const [lead] = await getLeadsAs(db, [{ reader: p, id }]);
  return lead ?? null;
}

/** Leads by id, each as its own reader sees it (null when absent or out of their sight), in one read: a batch of relays answers with it. */
export async function getLeadsAs(db: Db, asked: Array<{ reader: Principal; id: string }>): Promise<Array<Lead | null>> {
  const r = await sql<LeadRow>`SELECT ${leadSelect} ${leadsFrom(sql`leads`)} WHERE l.id = ANY(${asked.map((a) => a.id)}::uuid[])`.execute(db);
  const rows = new Map(r.rows.map((row) => [row.id, row]));
  return asked.map(({ reader, id }) => {
    const row = rows.get(id);
    return row && canReadLead(reader, scopeOfLead(row)) ? toLead(reader, row) : null;
  });
}

export type LeadView = 'inbox' | 'relayed' | 'unit' | 'offered' | 'account';

/**
 * inbox: my leads to qualify, late first then by deadline; relayed: what I passed on, newest first;
 * unit: open leads of the units I manage; offered: leads offered to my agency's sales pool; account: one account's leads.
 */
export async function listLeads(
  db: Db,
  p: Principal,
  input: { view: LeadView; accountId?: string; status?: Lead['status']; cursor?: string; limit: number },
): Promise<{ items: Lead[]; nextCursor: string | null }> {
  const me = p.userId;
  const regions = readableRegions(p);
  const reach = regions === 'all' ? sql`true` : regions.length ? sql`l.region_id = ANY(${regions}::uuid[])` : sql`false`;
  const managedAgencies = p.managed.filter((u) => u.type === 'agency').map((u) => u.id!);
  const managedRegions = p.managed.filter((u) => u.type === 'region').map((u) => u.id!);
  const nation = p.managed.some((u) => u.type === 'nation') || p.roles.includes('admin');
  const salesAgencies = p.pools.filter((x) => x.kind === 'sales' && x.scope === 'agency').map((x) => x.agencyId!);
  const after = decodeCursor<[string, string]>(input.cursor);
  let where;
  let order;
  let key;
  switch (input.view) {
    case 'inbox':
      // Leads I hold: to qualify (new) by default, or in another status when asked (e.g. accepted, to convert).
      // 'new' written in the text, not bound: a cached plan can then use the index of open leads (status = 'new').
      where = sql`l.assignee_id = ${me} AND l.status = ${input.status ? sql`${input.status}` : sql`'new'`}`;
      order = sql`l.due_at ASC, l.id ASC`;
      key = sql`(l.due_at, l.id) > (${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? null}::uuid)`;
      break;
    case 'offered':
      where = sql`l.status = 'new' AND l.offered_at IS NOT NULL AND l.taken_at IS NULL AND l.agency_id = ANY(${salesAgencies}::uuid[]) AND l.assignee_id IS DISTINCT FROM ${me}`;
      order = sql`l.due_at ASC, l.id ASC`;
      key = sql`(l.due_at, l.id) > (${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? null}::uuid)`;
      break;
    case 'relayed':
      where = sql`l.initiator_id = ${me}`;
      order = sql`l.created_at DESC, l.id DESC`;
      key = sql`(l.created_at, l.id) < (${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? null}::uuid)`;
      break;
    case 'unit':
      // Only the kinds of unit managed: an always-false branch would keep the planner off the agency's index.
      where = nation
        ? sql`l.status = 'new'`
        : sql`l.status = 'new' AND (${sql.join(
            [
              ...(managedAgencies.length ? [sql`l.agency_id = ANY(${managedAgencies}::uuid[])`] : []),
              ...(managedRegions.length ? [sql`l.region_id = ANY(${managedRegions}::uuid[])`] : []),
              ...(managedAgencies.length + managedRegions.length === 0 ? [sql`false`] : []),
            ],
            sql` OR `,
          )})`;
      order = sql`l.due_at ASC, l.id ASC`;
      key = sql`(l.due_at, l.id) > (${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? null}::uuid)`;
      break;
    case 'account':
      where = sql`l.account_id = ${input.accountId ?? null} AND ${reach}`;
      order = sql`l.created_at DESC, l.id DESC`;
      key = sql`(l.created_at, l.id) < (${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? null}::uuid)`;
      break;
  }
  // The page is chosen from leads alone (by its index, in order), then named: joined first, a unit's 900 open
  // leads were matched against every account (a hash of 20,000) to keep 51.
  const page = sql`(
    SELECT * FROM leads l
    WHERE ${where} ${input.status && input.view !== 'inbox' ? sql`AND l.status = ${input.status}` : sql``} ${after ? sql`AND ${key}` : sql``}
    ORDER BY ${order} LIMIT ${input.limit + 1})`;
  const r = await sql<LeadRow>`SELECT ${leadSelect} ${leadsFrom(page)} ORDER BY ${order}`.execute(db);
  const rows = r.rows.slice(0, input.limit);
  const last = rows[rows.length - 1];
  const sortKey = (row: LeadRow) => (input.view === 'relayed' || input.view === 'account' ? row.created_at : row.due_at);
  return {
    items: rows.map((row) => toLead(p, row)),
    nextCursor: r.rows.length > input.limit && last ? Buffer.from(JSON.stringify([sortKey(last), last.id])).toString('base64url') : null,
  };
}

/** Managers to alert for an agency: its managers, else its region's directors, else national directors. */
export async function managersOf(db: Db, agencyId: string): Promise<string[]> {
  const r = await sql<{ user_id: string; level: number }>`
    SELECT mu.user_id, CASE mu.unit_type WHEN 'agency' THEN 1 WHEN 'region' THEN 2 ELSE 3 END AS level
    FROM managed_units mu JOIN users u ON u.id = mu.user_id AND u.active
    WHERE (mu.unit_type = 'agency' AND mu.unit_id = ${agencyId})
       OR (mu.unit_type = 'region' AND mu.unit_id = (SELECT region_id FROM agencies WHERE id = ${agencyId}))
       OR mu.unit_type = 'nation'
    ORDER BY level`.execute(db);
  const best = r.rows[0]?.level;
  return r.rows.filter((x) => x.level === best).map((x) => x.user_id);
}

/** Every version of every routing rule, newest first: the change feed everyone can read. */
export async function listRoutingRules(db: Db): Promise<Array<z.infer<typeof routingRuleSchema>>> {
  const rows = await db
    .selectFrom('routing_rules as r')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.agency_id', 'a.name as agency_name', 'r.version', 'r.config', 'r.text', 'u.name as author_name', 'r.effective_from', 'r.created_at'])
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    version: r.version,
    config: r.config,
    text: r.text,
    authorName: r.author_name,
    effectiveFrom: new Date(r.effective_from).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
