// Organisation reads, shaped as the API contract.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { OrgUser, Organisation } from '../../contract/org.ts';
import type { PoolKind, Role } from '../db/schema.ts';

export async function getOrganisation(db: Db): Promise<Organisation> {
  const [regions, agencies, pools] = await Promise.all([
    db.selectFrom('regions').select(['id', 'code', 'name']).orderBy('name').execute(),
    db.selectFrom('agencies').select(['id', 'code', 'name', 'city', 'region_id']).orderBy('name').execute(),
    db
      .selectFrom('pools')
      .select((eb) => [
        'id',
        'kind',
        'name',
        'scope',
        'agency_id',
        'region_id',
        eb
          .selectFrom('pool_memberships as m')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('m.pool_id', '=', 'pools.id')
          .where(sql<boolean>`m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE`)
          .as('member_count'),
      ])
      .orderBy('name')
      .execute(),
  ]);
  return {
    regions,
    agencies: agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, city: a.city, regionId: a.region_id })),
    pools: pools.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      scope: p.scope,
      agencyId: p.agency_id,
      regionId: p.region_id,
      memberCount: p.member_count ?? 0,
    })),
  };
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  home_agency_id: string | null;
  active: boolean;
  absent_from: string | null;
  absent_until: string | null;
  backup_user_id: string | null;
  version: number;
  memberships: OrgUser['memberships'] | null;
  assignments: OrgUser['assignments'] | null;
  managed: OrgUser['managedUnits'] | null;
}

const userSelect = sql`
  u.id, u.email, u.name, u.roles, u.home_agency_id, u.active, u.absent_from::text AS absent_from,
  u.absent_until::text AS absent_until, u.backup_user_id, u.version,
  (SELECT json_agg(json_build_object('poolId', m.pool_id, 'startsOn', m.starts_on::text, 'endsOn', m.ends_on::text) ORDER BY m.starts_on)
     FROM pool_memberships m WHERE m.user_id = u.id) AS memberships,
  (SELECT json_agg(json_build_object('agencyId', a.agency_id, 'sharePct', a.share_pct, 'startsOn', a.starts_on::text, 'endsOn', a.ends_on::text) ORDER BY a.starts_on)
     FROM agency_assignments a WHERE a.user_id = u.id) AS assignments,
  (SELECT json_agg(json_build_object('type', mu.unit_type, 'id', mu.unit_id)) FROM managed_units mu WHERE mu.user_id = u.id) AS managed
`;

function toOrgUser(r: UserRow): OrgUser {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles,
    homeAgencyId: r.home_agency_id,
    active: r.active,
    absentFrom: r.absent_from,
    absentUntil: r.absent_until,
    backupUserId: r.backup_user_id,
    version: r.version,
    memberships: r.memberships ?? [],
    assignments: r.assignments ?? [],
    managedUnits: r.managed ?? [],
  };
}

export async function getUser(db: Db, id: string): Promise<OrgUser | null> {
  const r = await sql<UserRow>`SELECT ${userSelect} FROM users u WHERE u.id = ${id}`.execute(db);
  return r.rows[0] ? toOrgUser(r.rows[0]) : null;
}

/** Users by name, keyset-paginated on (name, id). */
export async function listUsers(db: Db, input: { cursor?: string; limit: number; q?: string }) {
  const [afterName, afterId] = input.cursor ? (JSON.parse(Buffer.from(input.cursor, 'base64url').toString()) as [string, string]) : [null, null];
  const pattern = input.q ? `%${input.q.toLowerCase()}%` : null;
  const r = await sql<UserRow>`
    SELECT ${userSelect} FROM users u
    WHERE (${afterName}::text IS NULL OR (u.name, u.id) > (${afterName}, ${afterId}::uuid))
      AND (${pattern}::text IS NULL OR lower(u.name) LIKE ${pattern} OR u.email LIKE ${pattern})
    ORDER BY u.name, u.id LIMIT ${input.limit + 1}
  `.execute(db);
  const rows = r.rows.slice(0, input.limit).map(toOrgUser);
  const last = rows[rows.length - 1];
  const nextCursor = r.rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null;
  return { items: rows, nextCursor };
}

/** Who is who: everyone may read it (names, pools, agency, absence) — never credentials or roles' details beyond titles. */
export async function directory(db: Db, input: { q?: string; limit: number }) {
  const pattern = input.q ? `%${input.q.toLowerCase()}%` : null;
  const r = await sql<{
    id: string;
    name: string;
    email: string;
    roles: Role[];
    home_agency_id: string | null;
    active: boolean;
    absent: boolean;
    pool_kinds: PoolKind[] | null;
  }>`
    SELECT u.id, u.name, u.email, u.roles, u.home_agency_id, u.active,
      (u.absent_from IS NOT NULL AND u.absent_from <= CURRENT_DATE AND (u.absent_until IS NULL OR u.absent_until >= CURRENT_DATE)) AS absent,
      (SELECT array_agg(DISTINCT p.kind) FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
        WHERE m.user_id = u.id AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE)) AS pool_kinds
    FROM users u
    WHERE (${pattern}::text IS NULL OR lower(u.name) LIKE ${pattern} OR u.email LIKE ${pattern})
    ORDER BY u.name LIMIT ${input.limit}
  `.execute(db);
  return r.rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.roles,
    homeAgencyId: u.home_agency_id,
    poolKinds: u.pool_kinds ?? [],
    absent: u.absent,
    active: u.active,
  }));
}

/** The kinds of pool a person belongs to on a Paris date: the channels they sell through that day. */
export async function poolKindsOn(db: Db, userId: string, date: string): Promise<PoolKind[]> {
  const rows = await db
    .selectFrom('pool_memberships as m')
    .innerJoin('pools as p', 'p.id', 'm.pool_id')
    .select('p.kind')
    .distinct()
    .where('m.user_id', '=', userId)
    .where('m.starts_on', '<=', date)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', date)]))
    .execute();
  return rows.map((r) => r.kind);
}
