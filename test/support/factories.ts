// Each test builds its own world: fresh regions, agencies, pools, people and accounts with unique names.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PoolKind, Role, Segment } from '../../src/server/db/schema.ts';
import { SYSTEM, loadPrincipal, type Principal } from '../../src/server/auth/principal.ts';
import { createAgency, createPool, createRegion, createUser } from '../../src/server/org/commands.ts';
import { createAccount, createContact } from '../../src/server/accounts/commands.ts';
import { luhnValid } from '../../src/contract/values.ts';
import type { Ctx } from '../../src/server/context.ts';
import { testDb } from './db.ts';

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | null = null;
async function testPasswordHash() {
  const { hashPassword } = await import('../../src/server/auth/password.ts');
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

async function asSystem<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const db = await testDb();
  return db.transaction().execute((trx) => fn({ db: trx, actor: SYSTEM, channel: 'system' }));
}

export async function buildRegion() {
  const id = await asSystem((ctx) => createRegion(ctx, { code: code('R'), name: unique('Région') }));
  return { id };
}

export async function buildAgency(input: { regionId?: string } = {}) {
  const regionId = input.regionId ?? (await buildRegion()).id;
  const id = await asSystem((ctx) => createAgency(ctx, { code: code('A'), name: unique('Agence'), city: 'Lyon', regionId }));
  return { id, regionId };
}

export async function buildPool(input: { kind: PoolKind; scope: 'agency' | 'region' | 'nation'; unitId?: string }) {
  const id = await asSystem((ctx) => createPool(ctx, { kind: input.kind, name: unique(`Pôle ${input.kind}`), scope: input.scope, unitId: input.unitId }));
  return { id };
}

export interface BuiltUser {
  id: string;
  email: string;
  principal: Principal;
}

export async function buildUser(
  input: {
    roles?: Role[];
    homeAgencyId?: string | null;
    pools?: string[];
    /** Shares of agencies, with the day they start (default: today). */
    assignments?: Array<{ agencyId: string; sharePct: number; startsOn?: string }>;
    manages?: Array<{ type: 'nation' | 'region' | 'agency' | 'pool'; id: string | null }>;
  } = {},
): Promise<BuiltUser> {
  const email = `${unique('user').toLowerCase()}@test.relais.fr`;
  const hash = await testPasswordHash();
  const id = await asSystem((ctx) =>
    createUser(
      ctx,
      {
        email,
        name: unique('Personne'),
        password: TEST_PASSWORD,
        roles: input.roles ?? ['agent'],
        homeAgencyId: input.homeAgencyId ?? null,
        memberships: (input.pools ?? []).map((poolId) => ({ poolId })),
        assignments: input.assignments ?? [],
        managedUnits: input.manages ?? [],
      },
      { passwordHash: hash },
    ),
  );
  const principal = (await loadPrincipal(await testDb(), id))!;
  return { id, email, principal };
}

/** A rep in the sales pool of an agency (a new agency in a new region unless given). */
export async function buildRep(input: { agencyId?: string; regionId?: string } = {}) {
  const agency = input.agencyId ? { id: input.agencyId, regionId: input.regionId! } : await buildAgency({ regionId: input.regionId });
  const pool = await buildPool({ kind: 'sales', scope: 'agency', unitId: agency.id });
  const user = await buildUser({ homeAgencyId: agency.id, pools: [pool.id] });
  return { ...user, agencyId: agency.id, regionId: agency.regionId, poolId: pool.id };
}

let sirenSeq = Math.floor(Math.random() * 1_000_000);
/** A fresh Luhn-valid SIREN. */
export function newSiren(): string {
  const body = String(10_000_000 + ((sirenSeq++ * 7919 + process.pid) % 89_999_999)).slice(0, 8);
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

let phoneSeq = Math.floor(Math.random() * 1_000_000);
/** A fresh valid French landline in E.164. */
export function newPhone(): string {
  return `+3314${String((phoneSeq++ * 7 + process.pid * 13) % 10_000_000).padStart(7, '0')}`;
}

export async function buildAccount(input: {
  agencyId: string;
  ownerId?: string | null;
  segment?: Segment;
  name?: string;
  phones?: string[];
  emails?: string[];
  city?: string;
  siren?: string | null;
}) {
  const id = await asSystem((ctx) =>
    createAccount(ctx, {
      name: input.name ?? unique('Société'),
      siren: input.siren === undefined ? newSiren() : input.siren,
      segment: input.segment ?? 'mass',
      phones: input.phones ?? [newPhone()],
      emails: input.emails ?? [],
      city: input.city ?? 'Lyon',
      postalCode: '69003',
      addressLine: '12 rue de la République',
      agencyId: input.agencyId,
      ownerId: input.ownerId ?? null,
      status: 'customer',
      acknowledgeDuplicates: true,
    }),
  );
  return { id };
}

export async function buildContact(input: { accountId: string; phones?: string[]; emails?: string[]; lastName?: string }) {
  const id = await asSystem((ctx) =>
    createContact(ctx, {
      accountId: input.accountId,
      firstName: 'Camille',
      lastName: input.lastName ?? unique('Durand'),
      phones: input.phones ?? [],
      emails: input.emails ?? [],
      decisionMaker: false,
      consentCall: true,
      consentMail: true,
    }),
  );
  return { id };
}

export type TestDb = Kysely<DB>;
