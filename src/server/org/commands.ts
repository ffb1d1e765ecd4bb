// Organisation writes: regions, agencies, pools, people. Each traces itself.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx, Db } from '../context.ts';
import type { createAgencyBody, createPoolBody, createRegionBody, createUserBody, updateAgencyBody, updateUserBody } from '../../contract/org.ts';
import { DomainError, notFound, versionConflict } from '../errors.ts';
import { appendTrace } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';
import { hashPassword } from '../auth/password.ts';
import { reassignOpenLeads } from '../leads/commands.ts';

type CreateRegion = z.output<typeof createRegionBody>;
type CreateAgency = z.output<typeof createAgencyBody>;
type UpdateAgency = z.output<typeof updateAgencyBody>;
type CreatePool = z.output<typeof createPoolBody>;
type CreateUser = z.output<typeof createUserBody>;
type UpdateUser = z.output<typeof updateUserBody>;

const unknown = (what: string, field: string, id: string) =>
  new DomainError('unprocessable', `${what}.unknown`, `No ${what} ${id}`, field);

async function assertCodeFree(db: Db, table: 'regions' | 'agencies', code: string) {
  const taken = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
  if (taken) throw new DomainError('conflict', `${table === 'regions' ? 'region' : 'agency'}.code_taken`, `The code ${code} is already used`, 'code');
}

export async function createRegion(ctx: Ctx, input: CreateRegion): Promise<string> {
  await assertCodeFree(ctx.db, 'regions', input.code);
  const id = uuidv7();
  await ctx.db.insertInto('regions').values({ id, code: input.code, name: input.name }).execute();
  await appendTrace(ctx, streamOf('region', id), 'region.created', { ...input });
  return id;
}

export async function updateRegion(ctx: Ctx, id: string, input: { name: string }): Promise<void> {
  const r = await ctx.db.updateTable('regions').set({ name: input.name }).where('id', '=', id).executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw notFound('region', id);
  await appendTrace(ctx, streamOf('region', id), 'region.updated', { ...input });
}

export async function createAgency(ctx: Ctx, input: CreateAgency): Promise<string> {
  const region = await ctx.db.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst();
  if (!region) throw unknown('region', 'regionId', input.regionId);
  await assertCodeFree(ctx.db, 'agencies', input.code);
  const id = uuidv7();
  await ctx.db
    .insertInto('agencies')
    .values({ id, region_id: input.regionId, code: input.code, name: input.name, city: input.city })
    .execute();
  await appendTrace(ctx, streamOf('agency', id), 'agency.created', { ...input });
  return id;
}

export async function updateAgency(ctx: Ctx, id: string, input: UpdateAgency): Promise<void> {
  const r = await ctx.db
    .updateTable('agencies')
    .set({ ...(input.name !== undefined && { name: input.name }), ...(input.city !== undefined && { city: input.city }) })
    .where('id', '=', id)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw notFound('agency', id);
  await appendTrace(ctx, streamOf('agency', id), 'agency.updated', { ...input });
}

export async function createPool(ctx: Ctx, input: CreatePool): Promise<string> {
  let agencyId: string | null = null;
  let regionId: string | null = null;
  if (input.scope === 'nation') {
    if (input.unitId) throw new DomainError('invalid', 'pool.unit_not_allowed', 'A national pool has no agency or region', 'unitId');
  } else {
    if (!input.unitId) throw new DomainError('invalid', 'pool.unit_required', `Choose the ${input.scope} this pool serves`, 'unitId');
    if (input.scope === 'agency') {
      const agency = await ctx.db.selectFrom('agencies').select(['id', 'region_id']).where('id', '=', input.unitId).executeTakeFirst();
      if (!agency) throw unknown('agency', 'unitId', input.unitId);
      agencyId = agency.id;
      regionId = agency.region_id;
    } else {
      const region = await ctx.db.selectFrom('regions').select('id').where('id', '=', input.unitId).executeTakeFirst();
      if (!region) throw unknown('region', 'unitId', input.unitId);
      regionId = region.id;
    }
  }
  const id = uuidv7();
  await ctx.db
    .insertInto('pools')
    .values({ id, kind: input.kind, name: input.name, scope: input.scope, agency_id: agencyId, region_id: regionId })
    .execute();
  await appendTrace(ctx, streamOf('pool', id), 'pool.created', { kind: input.kind, name: input.name, scope: input.scope, agencyId, regionId });
  return id;
}

type Links = Pick<CreateUser, 'memberships' | 'assignments' | 'managedUnits'>;

async function assertLinksExist(db: Db, links: Partial<Links>, homeAgencyId?: string | null, backupUserId?: string | null) {
  const exists = async (table: 'pools' | 'agencies' | 'regions' | 'users', id: string) =>
    Boolean(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
  if (homeAgencyId && !(await exists('agencies', homeAgencyId))) throw unknown('agency', 'homeAgencyId', homeAgencyId);
  if (backupUserId && !(await exists('users', backupUserId))) throw unknown('user', 'backupUserId', backupUserId);
  for (const [i, m] of (links.memberships ?? []).entries()) {
    if (!(await exists('pools', m.poolId))) throw unknown('pool', `memberships.${i}.poolId`, m.poolId);
  }
  for (const [i, a] of (links.assignments ?? []).entries()) {
    if (!(await exists('agencies', a.agencyId))) throw unknown('agency', `assignments.${i}.agencyId`, a.agencyId);
  }
  for (const [i, u] of (links.managedUnits ?? []).entries()) {
    if (u.type === 'nation') {
      if (u.id) throw new DomainError('invalid', 'unit.nation_has_no_id', 'The nation unit takes no id', `managedUnits.${i}.id`);
      continue;
    }
    const table = u.type === 'region' ? 'regions' : u.type === 'agency' ? 'agencies' : 'pools';
    if (!u.id || !(await exists(table, u.id))) throw unknown(u.type, `managedUnits.${i}.id`, u.id ?? '(none)');
  }
}

async function replaceLinks(db: Db, userId: string, links: Partial<Links>) {
  if (links.memberships) {
    await db.deleteFrom('pool_memberships').where('user_id', '=', userId).execute();
    if (links.memberships.length) {
      await db
        .insertInto('pool_memberships')
        .values(
          links.memberships.map((m) => ({
            id: uuidv7(),
            pool_id: m.poolId,
            user_id: userId,
            starts_on: m.startsOn ?? sql<string>`CURRENT_DATE`,
            ends_on: m.endsOn ?? null,
          })),
        )
        .execute();
    }
  }
  if (links.assignments) {
    await db.deleteFrom('agency_assignments').where('user_id', '=', userId).execute();
    if (links.assignments.length) {
      await db
        .insertInto('agency_assignments')
        .values(
          links.assignments.map((a) => ({
            id: uuidv7(),
            user_id: userId,
            agency_id: a.agencyId,
            share_pct: a.sharePct,
            starts_on: a.startsOn ?? sql<string>`CURRENT_DATE`,
            ends_on: a.endsOn ?? null,
          })),
        )
        .execute();
    }
  }
  if (links.managedUnits) {
    await db.deleteFrom('managed_units').where('user_id', '=', userId).execute();
    if (links.managedUnits.length) {
      await db
        .insertInto('managed_units')
        .values(links.managedUnits.map((u) => ({ id: uuidv7(), user_id: userId, unit_type: u.type, unit_id: u.id ?? null })))
        .execute();
    }
  }
}

/** The password itself never enters the trace; only the fact it changed. */
function traceable(input: Partial<CreateUser & UpdateUser>) {
  const { password, ...rest } = input;
  return { ...rest, ...(password !== undefined && { passwordChanged: true }) };
}

export async function createUser(ctx: Ctx, input: CreateUser, options: { passwordHash?: string } = {}): Promise<string> {
  const taken = await ctx.db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (taken) throw new DomainError('conflict', 'user.email_taken', `${input.email} already has an account`, 'email');
  await assertLinksExist(ctx.db, input, input.homeAgencyId);
  const id = uuidv7();
  await ctx.db
    .insertInto('users')
    .values({
      id,
      email: input.email,
      name: input.name,
      password_hash: options.passwordHash ?? (await hashPassword(input.password)),
      roles: input.roles,
      home_agency_id: input.homeAgencyId ?? null,
      absent_from: null,
      absent_until: null,
      backup_user_id: null,
      updated_at: sql<Date>`now()`,
    })
    .execute();
  await replaceLinks(ctx.db, id, input);
  await appendTrace(ctx, streamOf('user', id), 'user.created', traceable(input));
  return id;
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUser): Promise<void> {
  const current = await ctx.db.selectFrom('users').select(['version']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw notFound('user', id);
  if (current.version !== input.version) throw versionConflict('user', current.version);
  if (input.backupUserId === id) throw new DomainError('invalid', 'user.backup_is_self', 'A person cannot be their own backup', 'backupUserId');
  if (input.absentFrom && input.absentUntil && input.absentUntil < input.absentFrom) {
    throw new DomainError('invalid', 'user.absence_order', 'The absence ends before it starts', 'absentUntil');
  }
  await assertLinksExist(ctx.db, input, input.homeAgencyId, input.backupUserId);
  await ctx.db
    .updateTable('users')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.roles !== undefined && { roles: input.roles }),
      ...(input.homeAgencyId !== undefined && { home_agency_id: input.homeAgencyId }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.absentFrom !== undefined && { absent_from: input.absentFrom }),
      ...(input.absentUntil !== undefined && { absent_until: input.absentUntil }),
      ...(input.backupUserId !== undefined && { backup_user_id: input.backupUserId }),
      ...(input.password !== undefined && { password_hash: await hashPassword(input.password) }),
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
  await replaceLinks(ctx.db, id, input);
  // A deactivated person is signed out everywhere, and the rules route their open leads again.
  if (input.active === false) {
    await ctx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    await reassignOpenLeads(ctx, id);
  }
  const { version: _version, ...change } = input;
  await appendTrace(ctx, streamOf('user', id), 'user.updated', traceable(change));
}
