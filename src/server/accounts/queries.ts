// Reads of the shared record. Every list is filtered by the reader's reach in its SQL,
// so a record out of reach reads as "not found".
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../context.ts';
import type { DB, Account as AccountRow, Contact as ContactRow } from '../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { accountAbilities, readableRegions, type AccountScope } from '../auth/policy.ts';
import type { Account, AccountSummary, Contact, DuplicateCandidate, PhoneLookup, SearchHit } from '../../contract/accounts.ts';
import { classifySearch, completeness, duplicateReasons, normalizeCompanyName, type DuplicateProbe } from './rules.ts';

/** Restricts a query on accounts (aliased `a`) to the regions the principal reads. */
export function readableBy<O>(qb: SelectQueryBuilder<DB & { a: DB['accounts'] }, 'a', O>, p: Principal) {
  const regions = readableRegions(p);
  if (regions === 'all') return qb;
  if (regions.length === 0) return qb.where(sql<boolean>`false`);
  return qb.where('a.region_id', 'in', regions);
}

function regionFilterSql(p: Principal, column: string) {
  const regions = readableRegions(p);
  if (regions === 'all') return sql`true`;
  if (regions.length === 0) return sql`false`;
  return sql`${sql.ref(column)} = ANY(${regions}::uuid[])`;
}

export async function accountScope(db: Db, id: string): Promise<(AccountScope & { version: number; archived: boolean }) | null> {
  const row = await db
    .selectFrom('accounts')
    .select(['owner_id', 'agency_id', 'region_id', 'version', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? { ownerId: row.owner_id, agencyId: row.agency_id, regionId: row.region_id, version: row.version, archived: row.archived_at !== null }
    : null;
}

export async function contactStats(db: Db, accountId: string) {
  const r = await db
    .selectFrom('contacts')
    .select([sql<number>`count(*)::int`.as('count'), sql<boolean>`coalesce(bool_or(decision_maker), false)`.as('dm')])
    .where('account_id', '=', accountId)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { contactCount: r.count, hasDecisionMaker: r.dm };
}

type CompletenessRow = Pick<AccountRow, 'segment' | 'name' | 'siren' | 'siret' | 'sector' | 'size_band' | 'address_line' | 'postal_code' | 'city' | 'phones' | 'emails' | 'owner_id'> & {
  revenue_cents: string | number | null;
};

export function completenessOf(row: CompletenessRow, stats: { contactCount: number; hasDecisionMaker: boolean }) {
  return completeness({
    segment: row.segment,
    name: row.name,
    siren: row.siren,
    siret: row.siret,
    sector: row.sector,
    sizeBand: row.size_band,
    revenueCents: row.revenue_cents === null ? null : Number(row.revenue_cents),
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    phones: row.phones,
    emails: row.emails,
    ownerId: row.owner_id,
    ...stats,
  });
}

/** The account 360's identity: one query for the row, its names and its contact facts. */
export async function getAccount(db: Db, p: Principal, id: string): Promise<Account | null> {
  const row = await readableBy(
    db
      .selectFrom('accounts as a')
      .innerJoin('agencies as ag', 'ag.id', 'a.agency_id')
      .leftJoin('users as o', 'o.id', 'a.owner_id')
      .leftJoin('accounts as parent', 'parent.id', 'a.parent_id')
      .selectAll('a')
      .select([
        'ag.name as agency_name',
        'o.name as owner_name',
        'parent.name as parent_name',
        (eb) =>
          eb
            .selectFrom('contacts as c')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('c.account_id', '=', 'a.id')
            .where('c.archived_at', 'is', null)
            .as('contact_count'),
        (eb) =>
          eb
            .selectFrom('contacts as c')
            .select(sql<boolean>`coalesce(bool_or(c.decision_maker), false)`.as('dm'))
            .whereRef('c.account_id', '=', 'a.id')
            .where('c.archived_at', 'is', null)
            .as('has_decision_maker'),
      ])
      .where('a.id', '=', id),
    p,
  ).executeTakeFirst();
  if (!row) return null;
  const { score, missing } = completenessOf(row, { contactCount: row.contact_count ?? 0, hasDecisionMaker: row.has_decision_maker ?? false });
  const scope = { ownerId: row.owner_id, agencyId: row.agency_id, regionId: row.region_id };
  return {
    id: row.id,
    name: row.name,
    siren: row.siren,
    siret: row.siret,
    segment: row.segment,
    sector: row.sector,
    sizeBand: row.size_band,
    revenueCents: row.revenue_cents === null ? null : Number(row.revenue_cents),
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    phones: row.phones,
    emails: row.emails,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    regionId: row.region_id,
    parentId: row.parent_id,
    parentName: row.parent_name,
    status: row.status,
    completeness: score,
    missing,
    provenance: row.field_provenance,
    archivedAt: row.archived_at?.toISOString() ?? null,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    abilities: accountAbilities(p, scope),
  };
}

const summaryColumns = [
  'a.id',
  'a.name',
  'a.siren',
  'a.city',
  'a.segment',
  'a.status',
  'a.phones',
  'a.completeness',
  'o.name as owner_name',
  'ag.name as agency_name',
] as const;

interface SummaryRow {
  id: string;
  name: string;
  siren: string | null;
  city: string | null;
  segment: AccountSummary['segment'];
  status: AccountSummary['status'];
  phones: string[];
  completeness: number;
  owner_name: string | null;
  agency_name: string;
}

const toSummary = (r: SummaryRow): AccountSummary => ({
  id: r.id,
  name: r.name,
  siren: r.siren,
  city: r.city,
  segment: r.segment,
  status: r.status,
  phones: r.phones,
  ownerName: r.owner_name,
  agencyName: r.agency_name,
  completeness: r.completeness,
});

const encodeCursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
export function decodeCursor<T extends unknown[]>(cursor: string | undefined): T | null {
  if (!cursor) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString()) as T;
  } catch {
    return null;
  }
}

export interface AccountFilter {
  cursor?: string;
  limit: number;
  agencyId?: string;
  ownerId?: string;
  segment?: AccountSummary['segment'];
  status?: AccountSummary['status'];
  includeArchived: boolean;
}

/** Accounts by name, keyset-paginated on (name, id). */
export async function listAccounts(db: Db, p: Principal, f: AccountFilter) {
  const after = decodeCursor<[string, string]>(f.cursor);
  const rows = await readableBy(
    db
      .selectFrom('accounts as a')
      .innerJoin('agencies as ag', 'ag.id', 'a.agency_id')
      .leftJoin('users as o', 'o.id', 'a.owner_id')
      .select(summaryColumns)
      .$if(Boolean(after), (q) => q.where(sql<boolean>`(a.name, a.id) > (${after![0]}, ${after![1]}::uuid)`))
      .$if(Boolean(f.agencyId), (q) => q.where('a.agency_id', '=', f.agencyId!))
      .$if(Boolean(f.ownerId), (q) => q.where('a.owner_id', '=', f.ownerId!))
      .$if(Boolean(f.segment), (q) => q.where('a.segment', '=', f.segment!))
      .$if(Boolean(f.status), (q) => q.where('a.status', '=', f.status!))
      .$if(!f.includeArchived, (q) => q.where('a.archived_at', 'is', null))
      .orderBy('a.name')
      .orderBy('a.id')
      .limit(f.limit + 1),
    p,
  ).execute();
  const items = rows.slice(0, f.limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > f.limit && last ? encodeCursor([last.name, last.id]) : null };
}

/** Accounts that may be the same customer as the probe, with the reasons. */
export async function findDuplicates(db: Db, p: Principal, probe: DuplicateProbe & { excludeId?: string }): Promise<DuplicateCandidate[]> {
  const normalized = normalizeCompanyName(probe.name);
  const conditions = [
    probe.siren ? sql`a.siren = ${probe.siren}` : null,
    probe.siret ? sql`a.siret = ${probe.siret}` : null,
    probe.phones.length ? sql`a.phones && ${probe.phones}::text[]` : null,
    probe.emails.length ? sql`a.emails && ${probe.emails.map((e) => e.toLowerCase())}::text[]` : null,
    probe.city && normalized.length >= 3 ? sql`(lower(a.name) % ${normalized} AND lower(a.city) = lower(${probe.city}))` : null,
  ].filter((c) => c !== null);
  if (conditions.length === 0) return [];
  const r = await sql<{
    id: string;
    name: string;
    city: string | null;
    siren: string | null;
    siret: string | null;
    phones: string[];
    emails: string[];
    sim: number;
  }>`
    SELECT a.id, a.name, a.city, a.siren, a.siret, a.phones, a.emails, similarity(lower(a.name), ${normalized}) AS sim
    FROM accounts a
    WHERE (${sql.join(conditions, sql` OR `)})
      AND a.archived_at IS NULL
      AND ${regionFilterSql(p, 'a.region_id')}
      ${probe.excludeId ? sql`AND a.id <> ${probe.excludeId}` : sql``}
    LIMIT 20
  `.execute(db);
  return r.rows
    .map((c) => ({
      id: c.id,
      name: c.name,
      city: c.city,
      siren: c.siren,
      reasons: duplicateReasons(probe, {
        name: c.name,
        siren: c.siren,
        siret: c.siret,
        city: c.city,
        phones: c.phones,
        emails: c.emails,
        // Compare normalised names on both sides (legal forms and accents removed).
        nameSimilarity: Math.max(c.sim, normalizeCompanyName(c.name) === normalized ? 1 : 0),
      }),
    }))
    .filter((c) => c.reasons.length > 0);
}

export const toContact = (c: ContactRow): Contact => ({
  id: c.id,
  accountId: c.account_id,
  firstName: c.first_name,
  lastName: c.last_name,
  jobTitle: c.job_title,
  phones: c.phones,
  emails: c.emails,
  decisionMaker: c.decision_maker,
  consentCall: c.consent_call,
  consentMail: c.consent_mail,
  archivedAt: c.archived_at ? new Date(c.archived_at).toISOString() : null,
  version: c.version,
});

export async function listContacts(db: Db, accountId: string, includeArchived: boolean): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .$if(!includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('decision_maker', 'desc')
    .orderBy('last_name')
    .execute();
  return rows.map(toContact);
}

export async function getContact(db: Db, id: string) {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toContact(row) : null;
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** One box: a name fragment (trigram), SIREN/SIRET, a phone in any format or a fragment of it, an email; also through contacts. */
export async function search(db: Db, p: Principal, q: string, limit: number): Promise<SearchHit[]> {
  const intent = classifySearch(q);
  const reach = regionFilterSql(p, 'a.region_id');
  let matches;
  switch (intent.kind) {
    case 'siren':
      matches = sql`
        SELECT a.id, 'siren' AS matched_by, NULL AS contact, 1.0 AS rank FROM accounts a WHERE a.siren = ${intent.siren}
        UNION ALL SELECT a.id, 'phone', NULL, 0.5 FROM accounts a WHERE a.phone_search LIKE ${'%' + intent.phoneDigits + '%'}`;
      break;
    case 'siret':
      matches = sql`SELECT a.id, 'siret' AS matched_by, NULL AS contact, 1.0 AS rank FROM accounts a WHERE a.siret = ${intent.siret}`;
      break;
    case 'phone':
      matches = sql`
        SELECT a.id, 'phone' AS matched_by, NULL AS contact, 1.0 AS rank FROM accounts a WHERE a.phones @> ARRAY[${intent.e164}]::text[]
        UNION ALL
        SELECT c.account_id, 'contact_phone', c.first_name || ' ' || c.last_name, 0.9 FROM contacts c
          WHERE c.phones @> ARRAY[${intent.e164}]::text[] AND c.archived_at IS NULL`;
      break;
    case 'phone_fragment': {
      const like = '%' + escapeLike(intent.phoneDigits) + '%';
      matches = sql`
        SELECT a.id, 'phone' AS matched_by, NULL AS contact, 1.0 AS rank FROM accounts a WHERE a.phone_search LIKE ${like}
        UNION ALL
        SELECT c.account_id, 'contact_phone', c.first_name || ' ' || c.last_name, 0.9 FROM contacts c
          WHERE c.phone_search LIKE ${like} AND c.archived_at IS NULL`;
      break;
    }
    case 'email':
      matches = sql`
        SELECT a.id, 'email' AS matched_by, NULL AS contact, 1.0 AS rank FROM accounts a WHERE a.emails @> ARRAY[${intent.email}]::text[]
        UNION ALL
        SELECT c.account_id, 'contact_email', c.first_name || ' ' || c.last_name, 0.9 FROM contacts c
          WHERE c.emails @> ARRAY[${intent.email}]::text[] AND c.archived_at IS NULL`;
      break;
    case 'name': {
      // Search-as-you-type: name prefixes first (a btree range scan), and only when they do not fill
      // the page, substrings and near-misses by trigram similarity (typos), which cost more.
      const text = intent.text.toLowerCase();
      const prefix = escapeLike(text) + '%';
      const prefixHits = await rankedHits(
        db,
        sql`
          (SELECT a.id, 'name' AS matched_by, NULL AS contact, 3.0 AS rank FROM accounts a
            WHERE lower(a.name) LIKE ${prefix} AND a.archived_at IS NULL AND ${reach} ORDER BY lower(a.name) LIMIT ${limit})
          UNION ALL
          (SELECT c.account_id, 'contact_name', c.first_name || ' ' || c.last_name, 2.5 FROM contacts c
            WHERE lower(c.last_name || ' ' || c.first_name) LIKE ${prefix} AND c.archived_at IS NULL
            ORDER BY lower(c.last_name || ' ' || c.first_name) LIMIT ${limit})`,
        reach,
        limit,
      );
      if (prefixHits.length >= limit) return prefixHits;
      const like = '%' + escapeLike(text) + '%';
      matches = sql`
        SELECT a.id, 'name' AS matched_by, NULL AS contact,
               CASE WHEN lower(a.name) LIKE ${prefix} THEN 3.0 ELSE 1.0 END + similarity(lower(a.name), ${text}) AS rank
          FROM accounts a WHERE lower(a.name) LIKE ${like} OR (length(${text}) >= 4 AND lower(a.name) % ${text})
        UNION ALL
        SELECT c.account_id, 'contact_name', c.first_name || ' ' || c.last_name,
               CASE WHEN lower(c.last_name || ' ' || c.first_name) LIKE ${prefix} THEN 2.5 ELSE 0.5 END + similarity(lower(c.last_name || ' ' || c.first_name), ${text})
          FROM contacts c WHERE lower(c.last_name || ' ' || c.first_name) LIKE ${like} AND c.archived_at IS NULL`;
      break;
    }
  }
  return rankedHits(db, matches, reach, limit);
}

/** The best match per account, joined to what a hit shows, within the reader's reach. */
async function rankedHits(db: Db, matches: RawBuilder<unknown>, reach: RawBuilder<unknown>, limit: number): Promise<SearchHit[]> {
  const r = await sql<SummaryRow & { matched_by: SearchHit['matchedBy']; contact: string | null }>`
    WITH m AS (${matches}),
    best AS (SELECT DISTINCT ON (id) id, matched_by, contact, rank FROM m ORDER BY id, rank DESC)
    SELECT a.id, a.name, a.siren, a.city, a.segment, a.status, a.phones, a.completeness,
           o.name AS owner_name, ag.name AS agency_name, best.matched_by, best.contact
    FROM best
    JOIN accounts a ON a.id = best.id
    JOIN agencies ag ON ag.id = a.agency_id
    LEFT JOIN users o ON o.id = a.owner_id
    WHERE a.archived_at IS NULL AND ${reach}
    ORDER BY best.rank DESC, a.name
    LIMIT ${limit}
  `.execute(db);
  return r.rows.map((row) => ({ ...toSummary(row), matchedBy: row.matched_by, matchedContact: row.contact }));
}

/** The phone advisor's screen pop: accounts and contacts with exactly this number. */
export async function lookupPhone(db: Db, p: Principal, e164: string): Promise<Omit<PhoneLookup, 'number'>> {
  const reach = regionFilterSql(p, 'a.region_id');
  const [accounts, contacts] = await Promise.all([
    sql<SummaryRow>`
      SELECT a.id, a.name, a.siren, a.city, a.segment, a.status, a.phones, a.completeness, o.name AS owner_name, ag.name AS agency_name
      FROM accounts a JOIN agencies ag ON ag.id = a.agency_id LEFT JOIN users o ON o.id = a.owner_id
      WHERE a.phones @> ARRAY[${e164}]::text[] AND a.archived_at IS NULL AND ${reach}
      ORDER BY a.name LIMIT 20`.execute(db),
    sql<ContactRow & { account_name: string }>`
      SELECT c.*, a.name AS account_name FROM contacts c JOIN accounts a ON a.id = c.account_id
      WHERE c.phones @> ARRAY[${e164}]::text[] AND c.archived_at IS NULL AND a.archived_at IS NULL AND ${reach}
      ORDER BY c.last_name LIMIT 20`.execute(db),
  ]);
  return {
    accounts: accounts.rows.map(toSummary),
    contacts: contacts.rows.map((c) => ({ ...toContact(c), accountName: c.account_name })),
  };
}
