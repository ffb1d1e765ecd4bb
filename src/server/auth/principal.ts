// Who is acting: a user with roles, pool memberships and managed units, loaded in one query.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { PoolKind, Role, UnitType } from '../db/schema.ts';

export interface PrincipalPool {
  id: string;
  kind: PoolKind;
  scope: 'agency' | 'region' | 'nation';
  agencyId: string | null;
  regionId: string | null;
}

export interface ManagedUnit {
  type: UnitType;
  id: string | null;
  /** The region the unit lies in (null for the nation and national pools). */
  regionId: string | null;
  /** The agency the unit is or lies in (agencies and agency pools; null otherwise). */
  agencyId?: string | null;
}

export interface Principal {
  /** null only for the system itself (seed, periodic jobs). */
  userId: string | null;
  name: string;
  email: string;
  roles: Role[];
  homeAgencyId: string | null;
  homeRegionId: string | null;
  pools: PrincipalPool[];
  managed: ManagedUnit[];
  /** Set when acting through an API token: the scopes it was narrowed to. */
  tokenScopes: string[] | null;
}

export const SYSTEM: Principal = {
  userId: null,
  name: 'Relais',
  email: 'system@relais',
  roles: ['admin'],
  homeAgencyId: null,
  homeRegionId: null,
  pools: [],
  managed: [{ type: 'nation', id: null, regionId: null, agencyId: null }],
  tokenScopes: null,
};

interface PrincipalRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  home_agency_id: string | null;
  home_region_id: string | null;
  pools: PrincipalPool[] | null;
  managed: ManagedUnit[] | null;
}

/** Memberships count only while in effect today. */
const principalColumns = sql`
  u.id, u.name, u.email, u.roles, u.home_agency_id, a.region_id AS home_region_id,
  (SELECT json_agg(json_build_object('id', p.id, 'kind', p.kind, 'scope', p.scope,
                                     'agencyId', p.agency_id, 'regionId', p.region_id))
     FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
    WHERE m.user_id = u.id AND m.starts_on <= CURRENT_DATE AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE)) AS pools,
  (SELECT json_agg(json_build_object('type', mu.unit_type, 'id', mu.unit_id,
                                     'regionId', COALESCE(r.id, ag.region_id, po.region_id),
                                     'agencyId', COALESCE(ag.id, po.agency_id)))
     FROM managed_units mu
     LEFT JOIN regions r ON mu.unit_type = 'region' AND r.id = mu.unit_id
     LEFT JOIN agencies ag ON mu.unit_type = 'agency' AND ag.id = mu.unit_id
     LEFT JOIN pools po ON mu.unit_type = 'pool' AND po.id = mu.unit_id
    WHERE mu.user_id = u.id) AS managed`;

function toPrincipal(row: PrincipalRow, tokenScopes: string[] | null): Principal {
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    homeAgencyId: row.home_agency_id,
    homeRegionId: row.home_region_id,
    pools: row.pools ?? [],
    managed: row.managed ?? [],
    tokenScopes,
  };
}

/** Loads an active user's principal, or null. */
export async function loadPrincipal(db: Db, userId: string, tokenScopes: string[] | null = null): Promise<Principal | null> {
  const result = await sql<PrincipalRow>`
    SELECT ${principalColumns}
    FROM users u LEFT JOIN agencies a ON a.id = u.home_agency_id
    WHERE u.id = ${userId} AND u.active
  `.execute(db);
  const row = result.rows[0];
  return row ? toPrincipal(row, tokenScopes) : null;
}

export interface SessionPrincipal {
  principal: Principal;
  csrfToken: string;
  lastSeenAt: Date;
}

/** The principal behind a live session, with its CSRF token: one round trip per request. */
export async function loadSessionPrincipal(db: Db, tokenHash: string): Promise<SessionPrincipal | null> {
  const result = await sql<PrincipalRow & { csrf_token: string; last_seen_at: Date }>`
    SELECT ${principalColumns}, s.csrf_token, s.last_seen_at
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN agencies a ON a.id = u.home_agency_id
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > now() AND u.active
  `.execute(db);
  const row = result.rows[0];
  return row ? { principal: toPrincipal(row, null), csrfToken: row.csrf_token, lastSeenAt: new Date(row.last_seen_at) } : null;
}
