import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, signedIn, type ApiClient, testServer } from '../../../test/support/server.ts';
import { buildAgency, buildPool, buildRep, buildUser, unique } from '../../../test/support/factories.ts';
import { testDb } from '../../../test/support/db.ts';

// Starting the worker's database and server can take a while on a loaded machine: do it under the hook timeout.
beforeAll(async () => {
  await testServer();
});

const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
const email = () => `${unique('new').toLowerCase()}@test.relais.fr`;

async function events(stream: string) {
  const db = await testDb();
  return db.selectFrom('trace_events').select(['action', 'actor_id', 'payload']).where('stream', '=', stream).orderBy('seq').execute();
}

async function admin(): Promise<{ id: string; client: ApiClient }> {
  const user = await buildUser({ roles: ['admin'] });
  return { id: user.id, client: await signedIn(user.email) };
}

interface Region {
  id: string;
  code: string;
  name: string;
}
interface Agency extends Region {
  city: string;
  regionId: string;
}
interface Pool {
  id: string;
  kind: string;
  name: string;
  scope: string;
  agencyId: string | null;
  regionId: string | null;
  memberCount: number;
}
interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  homeAgencyId: string | null;
  active: boolean;
  absentFrom: string | null;
  absentUntil: string | null;
  backupUserId: string | null;
  version: number;
  memberships: Array<{ poolId: string; startsOn: string; endsOn: string | null }>;
  assignments: Array<{ agencyId: string; sharePct: number; startsOn: string; endsOn: string | null }>;
  managedUnits: Array<{ type: string; id: string | null }>;
}

describe('regions, agencies and pools (admin)', () => {
  it('creates a region, refuses its code twice, renames it; each write traced on region:<id>', async () => {
    const { id: adminId, client } = await admin();
    expect((await (await anonymous()).post('/api/org/regions', { code: code('R'), name: 'Anonyme' })).status).toBe(401);

    const bad = await client.post('/api/org/regions', { code: 'lower case', name: 'Région' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'code' });

    const regionCode = code('R');
    const created = await client.post<Region>('/api/org/regions', { code: regionCode, name: 'Auvergne-Rhône-Alpes test' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), code: regionCode, name: 'Auvergne-Rhône-Alpes test' });

    const duplicate = await client.post('/api/org/regions', { code: regionCode, name: 'Autre' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'region.code_taken', field: 'code' });

    const renamed = await client.patch<Region>(`/api/org/regions/${created.body.id}`, { name: 'AURA test' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: created.body.id, code: regionCode, name: 'AURA test' });
    expect((await client.patch(`/api/org/regions/${randomUUID()}`, { name: 'Personne' })).status).toBe(404);

    const trace = await events(`region:${created.body.id}`);
    expect(trace.map((e) => e.action)).toEqual(['region.created', 'region.updated']);
    expect(trace.every((e) => e.actor_id === adminId)).toBe(true);
    expect(trace[0]!.payload).toMatchObject({ code: regionCode });

    const org = await client.get<{ regions: Region[] }>('/api/org');
    expect(org.body.regions).toContainEqual({ id: created.body.id, code: regionCode, name: 'AURA test' });
  });

  it('creates an agency in a region; duplicate code → 409; unknown region → 422 naming regionId; traced on agency:<id>', async () => {
    const { id: adminId, client } = await admin();
    const region = await client.post<Region>('/api/org/regions', { code: code('R'), name: 'Région agences' });
    const agencyCode = code('A');
    const created = await client.post<Agency>('/api/org/agencies', { code: agencyCode, name: 'Agence Lyon Part-Dieu', city: 'Lyon', regionId: region.body.id });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), code: agencyCode, name: 'Agence Lyon Part-Dieu', city: 'Lyon', regionId: region.body.id });

    const duplicate = await client.post('/api/org/agencies', { code: agencyCode, name: 'Autre', city: 'Lyon', regionId: region.body.id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'agency.code_taken', field: 'code' });

    const orphan = await client.post('/api/org/agencies', { code: code('A'), name: 'Orpheline', city: 'Nulle part', regionId: randomUUID() });
    expect(orphan.status).toBe(422);
    expect(orphan.body).toMatchObject({ code: 'region.unknown', field: 'regionId' });

    const notUuid = await client.post('/api/org/agencies', { code: code('A'), name: 'Orpheline', city: 'Nulle part', regionId: 'x' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body).toMatchObject({ field: 'regionId' });

    const changed = await client.patch<Agency>(`/api/org/agencies/${created.body.id}`, { city: 'Villeurbanne' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Agence Lyon Part-Dieu', city: 'Villeurbanne' });

    const trace = await events(`agency:${created.body.id}`);
    expect(trace.map((e) => e.action)).toEqual(['agency.created', 'agency.updated']);
    expect(trace.every((e) => e.actor_id === adminId)).toBe(true);
  });

  it('creates pools at each scope and enforces the scope rules; traced on pool:<id>', async () => {
    const { id: adminId, client } = await admin();
    const agency = await buildAgency();

    const agencyPool = await client.post<Pool>('/api/org/pools', { kind: 'sales', name: unique('Pôle ventes'), scope: 'agency', unitId: agency.id });
    expect(agencyPool.status).toBe(201);
    expect(agencyPool.body).toMatchObject({ kind: 'sales', scope: 'agency', agencyId: agency.id, regionId: agency.regionId, memberCount: 0 });

    const regionPool = await client.post<Pool>('/api/org/pools', { kind: 'back_office', name: unique('Pôle SAV'), scope: 'region', unitId: agency.regionId });
    expect(regionPool.status).toBe(201);
    expect(regionPool.body).toMatchObject({ scope: 'region', agencyId: null, regionId: agency.regionId });

    const nationPool = await client.post<Pool>('/api/org/pools', { kind: 'telemarketing', name: unique('Télévente'), scope: 'nation' });
    expect(nationPool.status).toBe(201);
    expect(nationPool.body).toMatchObject({ scope: 'nation', agencyId: null, regionId: null });

    const noUnit = await client.post('/api/org/pools', { kind: 'sales', name: unique('Sans agence'), scope: 'agency' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body).toMatchObject({ code: 'pool.unit_required', field: 'unitId' });

    const nationWithUnit = await client.post('/api/org/pools', { kind: 'inbound', name: unique('National'), scope: 'nation', unitId: agency.regionId });
    expect(nationWithUnit.status).toBe(400);
    expect(nationWithUnit.body).toMatchObject({ code: 'pool.unit_not_allowed', field: 'unitId' });

    // An agency pool pointing at a region (or nothing that exists) names unitId.
    const wrongKind = await client.post('/api/org/pools', { kind: 'sales', name: unique('Mauvais'), scope: 'agency', unitId: agency.regionId });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body).toMatchObject({ code: 'agency.unknown', field: 'unitId' });

    const badKind = await client.post('/api/org/pools', { kind: 'astrology', name: unique('Pôle'), scope: 'nation' });
    expect(badKind.status).toBe(400);
    expect(badKind.body).toMatchObject({ field: 'kind' });

    for (const pool of [agencyPool.body, regionPool.body, nationPool.body]) {
      const trace = await events(`pool:${pool.id}`);
      expect(trace.map((e) => e.action)).toEqual(['pool.created']);
      expect(trace[0]!.actor_id).toBe(adminId);
    }
    const org = await client.get<{ pools: Pool[] }>('/api/org');
    expect(org.body.pools.map((p) => p.id)).toEqual(expect.arrayContaining([agencyPool.body.id, regionPool.body.id, nationPool.body.id]));
  });
});

describe('users (admin)', () => {
  it('creates a user with memberships, assignments and managed units, who can then sign in', async () => {
    const { id: adminId, client } = await admin();
    const agency = await buildAgency();
    const second = await buildAgency({ regionId: agency.regionId });
    const pool = await buildPool({ kind: 'inbound', scope: 'region', unitId: agency.regionId });
    const address = email();
    const password = 'un-mot-de-passe-solide';

    const created = await client.post<User>('/api/users', {
      email: address.toUpperCase(),
      name: 'Chloé Conseillère',
      password,
      roles: ['agent', 'manager'],
      homeAgencyId: agency.id,
      memberships: [{ poolId: pool.id }],
      assignments: [
        { agencyId: agency.id, sharePct: 60 },
        { agencyId: second.id, sharePct: 40 },
      ],
      managedUnits: [{ type: 'pool', id: pool.id }],
    });
    expect(created.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    expect(created.body).toMatchObject({
      email: address,
      name: 'Chloé Conseillère',
      roles: ['agent', 'manager'],
      homeAgencyId: agency.id,
      active: true,
      absentFrom: null,
      absentUntil: null,
      backupUserId: null,
      version: 1,
      memberships: [{ poolId: pool.id, endsOn: null }],
      managedUnits: [{ type: 'pool', id: pool.id }],
    });
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(created.body.memberships[0]!.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs(Date.parse(created.body.memberships[0]!.startsOn) - Date.parse(today))).toBeLessThanOrEqual(86_400_000);
    expect(created.body.assignments).toHaveLength(2);
    expect(created.body.assignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyId: agency.id, sharePct: 60 }),
        expect.objectContaining({ agencyId: second.id, sharePct: 40 }),
      ]),
    );

    const trace = await events(`user:${created.body.id}`);
    expect(trace.map((e) => e.action)).toEqual(['user.created']);
    expect(trace[0]!.actor_id).toBe(adminId);
    expect(trace[0]!.payload).toMatchObject({ email: address });
    expect(JSON.stringify(trace[0]!.payload)).not.toContain(password);

    const read = await client.get<User>(`/api/users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect((await client.get(`/api/users/${randomUUID()}`)).status).toBe(404);

    const listed = await client.get<{ items: User[] }>(`/api/users?q=${encodeURIComponent(address)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((u) => u.id)).toEqual([created.body.id]);

    const session = await (await anonymous()).post<{ user: { id: string; poolKinds: string[] } }>('/api/session', { email: address, password });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ id: created.body.id, poolKinds: ['inbound'] });
  });

  it('refuses shares over 100%, a taken email, unknown links', async () => {
    const { client } = await admin();
    const a = await buildAgency();
    const b = await buildAgency({ regionId: a.regionId });
    const base = { name: 'Réparti Partout', password: 'mot-de-passe-long', roles: ['agent'] };

    const over = await client.post('/api/users', {
      ...base,
      email: email(),
      assignments: [
        { agencyId: a.id, sharePct: 60 },
        { agencyId: b.id, sharePct: 50 },
      ],
    });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'user.shares_over_100', field: 'assignments' });

    const existing = await buildUser();
    const taken = await client.post('/api/users', { ...base, email: existing.email.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'user.email_taken', field: 'email' });

    const unknownPool = await client.post('/api/users', { ...base, email: email(), memberships: [{ poolId: randomUUID() }] });
    expect(unknownPool.status).toBe(422);
    expect(unknownPool.body).toMatchObject({ code: 'pool.unknown', field: 'memberships.0.poolId' });

    const shortPassword = await client.post('/api/users', { ...base, email: email(), password: 'court' });
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body).toMatchObject({ field: 'password' });

    const nationWithId = await client.post('/api/users', { ...base, email: email(), roles: ['director'], managedUnits: [{ type: 'nation', id: a.regionId }] });
    expect(nationWithId.status).toBe(400);
    expect(nationWithId.body).toMatchObject({ code: 'unit.nation_has_no_id', field: 'managedUnits.0.id' });
  });

  it('updates with the version read: stale → 409, absences in order, no self-backup; traced on user:<id>', async () => {
    const { id: adminId, client } = await admin();
    const person = await buildRep();
    const backup = await buildRep({ agencyId: person.agencyId, regionId: person.regionId });
    const read = await client.get<User>(`/api/users/${person.id}`);
    expect(read.body.version).toBe(1);

    const updated = await client.patch<User>(`/api/users/${person.id}`, {
      version: 1,
      absentFrom: '2031-07-01',
      absentUntil: '2031-07-21',
      backupUserId: backup.id,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, absentFrom: '2031-07-01', absentUntil: '2031-07-21', backupUserId: backup.id });
    // Links not sent are kept.
    expect(updated.body.memberships.map((m) => m.poolId)).toEqual([person.poolId]);

    const stale = await client.patch(`/api/users/${person.id}`, { version: 1, name: 'Écrasé' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'user.version_conflict', field: 'version', details: { currentVersion: 2 } });

    const backwards = await client.patch(`/api/users/${person.id}`, { version: 2, absentFrom: '2031-08-10', absentUntil: '2031-08-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'user.absence_order', field: 'absentUntil' });

    const self = await client.patch(`/api/users/${person.id}`, { version: 2, backupUserId: person.id });
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ code: 'user.backup_is_self', field: 'backupUserId' });

    const badDate = await client.patch(`/api/users/${person.id}`, { version: 2, absentFrom: '31/07/2031' });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ field: 'absentFrom' });

    const after = await client.get<User>(`/api/users/${person.id}`);
    expect(after.body).toMatchObject({ version: 2, name: read.body.name, absentFrom: '2031-07-01', backupUserId: backup.id });

    const newPassword = 'nouveau-mot-de-passe';
    const reset = await client.patch<User>(`/api/users/${person.id}`, { version: 2, password: newPassword });
    expect(reset.status).toBe(200);
    expect((await (await anonymous()).post('/api/session', { email: person.email, password: newPassword })).status).toBe(200);

    const trace = await events(`user:${person.id}`);
    const updates = trace.filter((e) => e.action === 'user.updated');
    expect(updates).toHaveLength(2);
    expect(updates.every((e) => e.actor_id === adminId)).toBe(true);
    expect(updates[0]!.payload).toMatchObject({ absentFrom: '2031-07-01', backupUserId: backup.id });
    expect(updates[1]!.payload).toEqual({ passwordChanged: true });
    expect(JSON.stringify(trace)).not.toContain(newPassword);
  });
});

describe('who may change the organisation', () => {
  it('refuses every org write and the user list to an agent and a manager (403)', async () => {
    const rep = await buildRep();
    const manager = await buildUser({ roles: ['manager', 'director'], homeAgencyId: rep.agencyId, manages: [{ type: 'region', id: rep.regionId }] });
    for (const user of [rep, manager]) {
      const client = await signedIn(user.email);
      const attempts: Array<[string, Promise<{ status: number; body: unknown }>]> = [
        ['create region', client.post('/api/org/regions', { code: code('R'), name: 'Interdite' })],
        ['rename region', client.patch(`/api/org/regions/${rep.regionId}`, { name: 'Renommée' })],
        ['create agency', client.post('/api/org/agencies', { code: code('A'), name: 'Interdite', city: 'Lyon', regionId: rep.regionId })],
        ['change agency', client.patch(`/api/org/agencies/${rep.agencyId}`, { city: 'Ailleurs' })],
        ['create pool', client.post('/api/org/pools', { kind: 'sales', name: 'Interdit', scope: 'agency', unitId: rep.agencyId })],
        ['create user', client.post('/api/users', { email: email(), name: 'Interdit', password: 'mot-de-passe-long' })],
        ['change user', client.patch(`/api/users/${rep.id}`, { version: 1, name: 'Renommé' })],
        ['list users', client.get('/api/users')],
        ['read user', client.get(`/api/users/${rep.id}`)],
      ];
      for (const [what, attempt] of attempts) {
        const reply = await attempt;
        expect(reply.status, `${what} as ${user.principal.roles.join('+')}`).toBe(403);
        expect(reply.body, what).toMatchObject({ code: 'forbidden' });
      }
    }
    // Nothing changed.
    const db = await testDb();
    const agency = await db.selectFrom('agencies').select('city').where('id', '=', rep.agencyId).executeTakeFirstOrThrow();
    expect(agency.city).toBe('Lyon');
    expect((await events(`user:${rep.id}`)).map((e) => e.action)).not.toContain('user.updated');
  });

  it('lets everyone signed in read the organisation and the directory, nobody anonymous', async () => {
    const rep = await buildRep();
    const anon = await anonymous();
    expect((await anon.get('/api/org')).status).toBe(401);
    expect((await anon.get('/api/directory')).status).toBe(401);

    const client = await signedIn(rep.email);
    const org = await client.get<{ regions: Region[]; agencies: Agency[]; pools: Pool[] }>('/api/org');
    expect(org.status).toBe(200);
    expect(org.body.regions.map((r) => r.id)).toContain(rep.regionId);
    expect(org.body.agencies.find((a) => a.id === rep.agencyId)).toMatchObject({ regionId: rep.regionId, city: 'Lyon' });
    expect(org.body.pools.find((p) => p.id === rep.poolId)).toMatchObject({ kind: 'sales', memberCount: 1 });

    const directory = await client.get<{ items: Array<Record<string, unknown>> }>(`/api/directory?q=${encodeURIComponent(rep.email)}`);
    expect(directory.status).toBe(200);
    expect(directory.body.items).toHaveLength(1);
    expect(directory.body.items[0]).toMatchObject({ id: rep.id, email: rep.email, poolKinds: ['sales'], absent: false, active: true, homeAgencyId: rep.agencyId });
    expect(directory.body.items[0]).not.toHaveProperty('version');
    expect(JSON.stringify(directory.body)).not.toMatch(/password|hash/i);
  });
});
