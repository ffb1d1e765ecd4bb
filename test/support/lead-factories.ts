// Factories for lead relay: products, agency codes, and a whole agency world (sales pool, reps, manager,
// a regional inbound advisor, an admin). Each call builds fresh rows with unique codes.
import { randomUUID } from 'node:crypto';
import { SYSTEM } from '../../src/server/auth/principal.ts';
import { createProduct } from '../../src/server/catalog/commands.ts';
import type { Ctx } from '../../src/server/context.ts';
import { parisTime } from '../../src/server/calendar/rules.ts';
import { testDb } from './db.ts';
import { buildAccount, buildAgency, buildPool, buildUser, unique, type BuiltUser } from './factories.ts';
import type { Segment } from '../../src/server/db/schema.ts';

async function asSystem<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const db = await testDb();
  return db.transaction().execute((trx) => fn({ db: trx, actor: SYSTEM, channel: 'system' }));
}

export async function buildProduct(input: { complexity?: 'basic' | 'complex'; active?: boolean; family?: string } = {}) {
  const code = `P-${randomUUID().slice(0, 12).toUpperCase()}`;
  const name = unique('Produit');
  const id = await asSystem((ctx) =>
    createProduct(ctx, {
      code,
      name,
      family: input.family ?? 'Téléphonie',
      complexity: input.complexity ?? 'basic',
      listPriceCents: 12_000,
      active: input.active ?? true,
    }),
  );
  return { id, code, name };
}

export async function agencyCode(agencyId: string): Promise<string> {
  const db = await testDb();
  const row = await db.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
  return row.code;
}

export interface LeadWorld {
  regionId: string;
  agencyId: string;
  salesPoolId: string;
  inboundPoolId: string;
  /** Reps of the agency's sales pool. */
  reps: BuiltUser[];
  manager: BuiltUser;
  advisor: BuiltUser;
  admin: BuiltUser;
  product: { id: string; code: string; name: string };
}

/** A new region and agency with a sales pool of `reps` reps, a manager, a regional inbound advisor, an admin and a product. */
export async function buildLeadWorld(input: { reps?: number } = {}): Promise<LeadWorld> {
  const agency = await buildAgency();
  const salesPool = await buildPool({ kind: 'sales', scope: 'agency', unitId: agency.id });
  const inboundPool = await buildPool({ kind: 'inbound', scope: 'region', unitId: agency.regionId });
  const reps: BuiltUser[] = [];
  for (let i = 0; i < (input.reps ?? 2); i++) reps.push(await buildUser({ homeAgencyId: agency.id, pools: [salesPool.id] }));
  const manager = await buildUser({ roles: ['manager'], homeAgencyId: agency.id, manages: [{ type: 'agency', id: agency.id }] });
  const advisor = await buildUser({ pools: [inboundPool.id] });
  const admin = await buildUser({ roles: ['admin'] });
  const product = await buildProduct();
  return { regionId: agency.regionId, agencyId: agency.id, salesPoolId: salesPool.id, inboundPoolId: inboundPool.id, reps, manager, advisor, admin, product };
}

export async function buildOwnedAccount(world: LeadWorld, ownerId: string | null, segment: Segment = 'mass') {
  return buildAccount({ agencyId: world.agencyId, ownerId, segment });
}

/** Paris calendar date `days` from today (YYYY-MM-DD). */
export function parisDate(days = 0): string {
  return parisTime(new Date(Date.now() + days * 86_400_000)).date;
}
