// The account lifecycle through HTTP: create, duplicates, 360, edits, ownership, archive, hierarchy, reach,
// lists, contacts, search and the phone screen pop.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, signedIn, testServer } from '../../../test/support/server.ts';
import { buildAccount, buildAgency, buildContact, buildPool, buildRep, buildUser, newPhone, newSiren, unique } from '../../../test/support/factories.ts';
import { testDb } from '../../../test/support/db.ts';
import { luhnValid } from '../../contract/values.ts';
import type { Account, AccountSummary, Contact, DuplicateCandidate, PhoneLookup, SearchHit } from '../../contract/accounts.ts';

// Starting the worker's database and server can take a while on a loaded machine: do it under the hook timeout.
beforeAll(async () => {
  await testServer();
});

/** A Luhn-valid SIRET of this SIREN. */
function siretOf(siren: string): string {
  for (let n = 0; n < 100_000; n++) {
    const siret = siren + String(n).padStart(5, '0');
    if (luhnValid(siret)) return siret;
  }
  throw new Error('unreachable');
}

/** "+33142345678" → "01 42 34 56 78" */
const national = (e164: string) => ('0' + e164.slice(3)).replace(/(\d{2})(?=\d)/g, '$1 ');
/** A word of letters only, unique to this test, for names and emails. */
const token = () => randomUUID().replace(/[^a-f]/g, '').slice(0, 4) + randomUUID().slice(0, 6).replace(/-/g, '');

async function accountEvents(accountId: string) {
  const db = await testDb();
  return db
    .selectFrom('trace_events')
    .select(['seq', 'action', 'actor_id', 'payload'])
    .where('stream', '=', `account:${accountId}`)
    .orderBy('seq')
    .execute();
}

/** A manager of an agency (reads its region, reassigns and archives its accounts). */
function buildAgencyManager(agencyId: string) {
  return buildUser({ roles: ['manager'], homeAgencyId: agencyId, manages: [{ type: 'agency', id: agencyId }] });
}

describe('creating an account', () => {
  it('stores phones typed in national format as E.164 and traces account.created', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const phones = [newPhone(), newPhone()];
    const created = await client.post<Account>('/api/accounts', {
      name: unique('Imprimerie'),
      segment: 'mass',
      agencyId: rep.agencyId,
      siren: newSiren(),
      phones: [national(phones[0]!), national(phones[1]!).replace(/ /g, '.')],
      emails: ['  Compta@Imprimerie-Test.FR '],
      city: 'Lyon',
    });
    expect(created.status).toBe(201);
    expect(created.body.phones).toEqual(phones);
    expect(created.body.emails).toEqual(['compta@imprimerie-test.fr']);
    expect(created.body).toMatchObject({ version: 1, status: 'prospect', agencyId: rep.agencyId, regionId: rep.regionId, ownerId: null, archivedAt: null });
    const events = await accountEvents(created.body.id);
    expect(events.map((e) => e.action)).toEqual(['account.created']);
    expect(events[0]!.payload).toMatchObject({ phones, acknowledgedDuplicates: false });

    const invalid = await client.post('/api/accounts', { name: unique('Faux numéro'), segment: 'mass', agencyId: rep.agencyId, phones: ['12'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'phone.invalid', field: 'phones.0' });
  });

  it('refuses to create in an agency of another region (403) and in an unknown agency (422)', async () => {
    const rep = await buildRep();
    const elsewhere = await buildAgency();
    const client = await signedIn(rep.email);
    const foreign = await client.post('/api/accounts', { name: unique('Ailleurs'), segment: 'mass', agencyId: elsewhere.id });
    expect(foreign.status).toBe(403);
    const unknown = await client.post('/api/accounts', { name: unique('Nulle part'), segment: 'mass', agencyId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'agency.unknown', field: 'agencyId' });
  });

  it('refuses a SIRET that does not start with the SIREN (400 siret.siren_mismatch), on create and on update', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const siren = newSiren();
    const mismatch = await client.post('/api/accounts', {
      name: unique('Mauvais SIRET'),
      segment: 'mass',
      agencyId: rep.agencyId,
      siren,
      siret: siretOf(newSiren()),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ code: 'siret.siren_mismatch', field: 'siret' });

    const good = await client.post<Account>('/api/accounts', { name: unique('Bon SIRET'), segment: 'mass', agencyId: rep.agencyId, siren, siret: siretOf(siren) });
    expect(good.status).toBe(201);
    expect(good.body.siret).toBe(siretOf(siren));

    // Only the SIRET sent: the server compares it with the stored SIREN.
    const patched = await client.patch('/api/accounts/' + good.body.id, { version: 1, siret: siretOf(newSiren()) });
    expect(patched.status).toBe(400);
    expect(patched.body).toMatchObject({ code: 'siret.siren_mismatch', field: 'siret' });
    const reread = await client.get<Account>(`/api/accounts/${good.body.id}`);
    expect(reread.body).toMatchObject({ version: 1, siret: siretOf(siren) });
  });
});

describe('duplicate warning', () => {
  it('flags the same SIREN, phone, email, and a similar name in the same city; acknowledgeDuplicates creates anyway', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const tok = token();
    const city = `Villeurbanne ${tok}`;
    const existing = {
      siren: newSiren(),
      phone: newPhone(),
      email: `direction@${tok}.fr`,
    };
    const original = await buildAccount({
      agencyId: rep.agencyId,
      name: `Transports ${tok} SARL`,
      city,
      siren: existing.siren,
      phones: [existing.phone],
      emails: [existing.email],
    });
    const base = { segment: 'mass', agencyId: rep.agencyId };
    const probes: Array<[string, Record<string, unknown>, string]> = [
      ['same SIREN', { name: unique('Autre nom'), siren: existing.siren }, 'same_siren'],
      ['same phone', { name: unique('Autre nom'), siren: newSiren(), phones: [national(existing.phone)] }, 'same_phone'],
      ['same email', { name: unique('Autre nom'), siren: newSiren(), emails: [existing.email.toUpperCase()] }, 'same_email'],
      ['similar name, same city', { name: `TRANSPORTS ${tok.toUpperCase()}`, siren: newSiren(), city: city.toLowerCase() }, 'similar_name_same_city'],
    ];
    for (const [what, probe, reason] of probes) {
      const reply = await client.post<{ code: string; details: { duplicates: DuplicateCandidate[] } }>('/api/accounts', { ...base, ...probe });
      expect(reply.status, what).toBe(409);
      expect(reply.body.code, what).toBe('account.possible_duplicate');
      const found = reply.body.details.duplicates.find((d) => d.id === original.id);
      expect(found, what).toMatchObject({ name: `Transports ${tok} SARL`, city, siren: existing.siren });
      expect(found!.reasons, what).toEqual([reason]);
    }
    // Nothing was written by the refusals.
    const db = await testDb();
    const named = await db.selectFrom('accounts').select('id').where('city', '=', city).execute();
    expect(named.map((a) => a.id)).toEqual([original.id]);

    // The same name in another city is a different customer.
    const otherCity = await client.post('/api/accounts', { ...base, name: `Transports ${tok}`, siren: newSiren(), city: 'Marseille' });
    expect(otherCity.status).toBe(201);

    const acknowledged = await client.post<Account>('/api/accounts', { ...base, name: unique('Homonyme'), siren: existing.siren, acknowledgeDuplicates: true });
    expect(acknowledged.status).toBe(201);
    const events = await accountEvents(acknowledged.body.id);
    expect(events[0]!.payload).toMatchObject({ acknowledgedDuplicates: true });
  });

  it('POST /api/accounts/duplicates lists look-alikes with their reasons, excluding the given id', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const tok = token();
    const siren = newSiren();
    const phone = newPhone();
    const a = await buildAccount({ agencyId: rep.agencyId, name: `Garage ${tok}`, city: 'Lyon', siren, phones: [phone] });
    const b = await buildAccount({ agencyId: rep.agencyId, name: unique('Carrosserie'), city: 'Lyon', siren: newSiren(), phones: [phone] });

    const reply = await client.post<{ items: DuplicateCandidate[] }>('/api/accounts/duplicates', {
      name: `Garage ${tok}`,
      siren: siren.replace(/(\d{3})/g, '$1 ').trim(),
      city: 'LYON',
      phones: [national(phone)],
    });
    expect(reply.status).toBe(200);
    const byId = new Map(reply.body.items.map((d) => [d.id, d]));
    expect(byId.get(a.id)!.reasons).toEqual(['same_siren', 'same_phone', 'similar_name_same_city']);
    expect(byId.get(b.id)!.reasons).toEqual(['same_phone']);

    const excluding = await client.post<{ items: DuplicateCandidate[] }>('/api/accounts/duplicates', { name: `Garage ${tok}`, siren, city: 'Lyon', excludeId: a.id });
    expect(excluding.body.items.map((d) => d.id)).not.toContain(a.id);

    // Look-alikes out of the reader's reach are not revealed.
    const stranger = await buildRep();
    const strangerClient = await signedIn(stranger.email);
    const hidden = await strangerClient.post<{ items: DuplicateCandidate[] }>('/api/accounts/duplicates', { siren, phones: [phone] });
    expect(hidden.body.items.map((d) => d.id)).not.toContain(a.id);
  });
});

describe('reading an account', () => {
  it('returns completeness, what is missing, provenance per field and the abilities of the reader', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const created = await client.post<Account>('/api/accounts', {
      name: unique('Cabinet'),
      segment: 'intermediate',
      agencyId: rep.agencyId,
      phones: [national(newPhone())],
      emails: ['contact@cabinet-test.fr'],
    });
    expect(created.status).toBe(201);
    const account = (await client.get<Account>(`/api/accounts/${created.body.id}`)).body;
    // Intermediate requires 10 fields: phones present (2 points), a generic mailbox is imprecise (1 point).
    expect(account.completeness).toBe(15);
    expect(account.missing).toEqual([
      { field: 'siren', reason: 'missing' },
      { field: 'addressLine', reason: 'missing' },
      { field: 'postalCode', reason: 'missing' },
      { field: 'city', reason: 'missing' },
      { field: 'sector', reason: 'missing' },
      { field: 'sizeBand', reason: 'missing' },
      { field: 'emails', reason: 'imprecise' },
      { field: 'ownerId', reason: 'missing' },
      { field: 'contacts', reason: 'missing' },
    ]);
    const stamp = { by: rep.id, byName: rep.principal.name, channel: 'web', at: account.createdAt };
    for (const field of ['name', 'segment', 'phones', 'emails', 'agencyId', 'status']) expect(account.provenance[field], field).toEqual(stamp);
    expect(account.provenance).not.toHaveProperty('siren');
    expect(account.abilities).toEqual({ update: true, reassign: false, archive: false, writeContacts: true, logInteraction: true, openCase: true });
    expect(account).toMatchObject({ agencyName: expect.any(String), ownerName: null, parentId: null, country: expect.any(String) });

    const manager = await buildAgencyManager(rep.agencyId);
    const asManager = await (await signedIn(manager.email)).get<Account>(`/api/accounts/${created.body.id}`);
    expect(asManager.body.abilities).toEqual({ update: true, reassign: true, archive: true, writeContacts: true, logInteraction: true, openCase: true });

    // Completing the record raises the score and takes the fields off the list.
    const siren = newSiren();
    const patched = await client.patch<Account>(`/api/accounts/${created.body.id}`, {
      version: 1,
      siren,
      addressLine: '3 place Bellecour',
      postalCode: '69002',
      city: 'Lyon',
      sector: 'Conseil',
      sizeBand: '10-49',
      emails: ['dupont@cabinet-test.fr'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.missing).toEqual([
      { field: 'ownerId', reason: 'missing' },
      { field: 'contacts', reason: 'missing' },
    ]);
    expect(patched.body.completeness).toBe(80);
    expect(patched.body.provenance.siren).toMatchObject({ by: rep.id, channel: 'web', at: patched.body.updatedAt });
    expect(patched.body.provenance.name).toEqual(stamp);
  });

  it('hides an account of another region from a rep (404) but shows it to a national telemarketer', async () => {
    const rep = await buildRep();
    const elsewhere = await buildAgency();
    const other = await buildAccount({ agencyId: elsewhere.id });
    const repClient = await signedIn(rep.email);
    const hidden = await repClient.get(`/api/accounts/${other.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 'account.not_found' });
    expect((await repClient.get(`/api/accounts/${randomUUID()}`)).status).toBe(404);
    expect((await repClient.patch(`/api/accounts/${other.id}`, { version: 1, city: 'Paris' })).status).toBe(404);

    const national = await buildPool({ kind: 'telemarketing', scope: 'nation' });
    const telemarketer = await buildUser({ pools: [national.id] });
    const teleClient = await signedIn(telemarketer.email);
    const shown = await teleClient.get<Account>(`/api/accounts/${other.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.abilities).toMatchObject({ update: false, reassign: false, archive: false, logInteraction: true, writeContacts: true });
    expect((await teleClient.patch(`/api/accounts/${other.id}`, { version: 1, city: 'Paris' })).status).toBe(403);

    expect((await (await anonymous()).get(`/api/accounts/${other.id}`)).status).toBe(401);
  });
});

describe('changing an account', () => {
  it('PATCH with the version: version+1 and account.updated with from/to; a stale version is refused and overwrites nothing', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId, city: 'Lyon' });
    const client = await signedIn(rep.email);
    const before = (await client.get<Account>(`/api/accounts/${account.id}`)).body;

    const first = await client.patch<Account>(`/api/accounts/${account.id}`, { version: before.version, city: 'Villeurbanne', sector: 'Boulangerie', revenueCents: 12_500_000 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: before.version + 1, city: 'Villeurbanne', sector: 'Boulangerie', revenueCents: 12_500_000 });

    const events = await accountEvents(account.id);
    const update = events.find((e) => e.action === 'account.updated')!;
    expect(update.actor_id).toBe(rep.id);
    expect(update.payload).toEqual({
      changes: {
        city: { from: 'Lyon', to: 'Villeurbanne' },
        sector: { from: null, to: 'Boulangerie' },
        revenueCents: { from: null, to: 12_500_000 },
      },
    });

    const stale = await client.patch(`/api/accounts/${account.id}`, { version: before.version, city: 'Écrasée' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'account.version_conflict', field: 'version', details: { currentVersion: before.version + 1 } });
    const after = (await client.get<Account>(`/api/accounts/${account.id}`)).body;
    expect(after).toMatchObject({ version: before.version + 1, city: 'Villeurbanne' });
    expect((await accountEvents(account.id)).filter((e) => e.action === 'account.updated')).toHaveLength(1);

    // Sending what is already there changes nothing: no new version, no event.
    const same = await client.patch<Account>(`/api/accounts/${account.id}`, { version: after.version, city: 'Villeurbanne' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(after.version);
    expect((await accountEvents(account.id)).filter((e) => e.action === 'account.updated')).toHaveLength(1);
  });

  it('lets only a manager reassign the owner or the agency', async () => {
    const rep = await buildRep();
    const colleague = await buildRep({ agencyId: rep.agencyId, regionId: rep.regionId });
    const client = await signedIn(rep.email);
    const created = await client.post<Account>('/api/accounts', { name: unique('Portefeuille'), segment: 'mass', agencyId: rep.agencyId, ownerId: rep.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ownerId: rep.id, ownerName: rep.principal.name });

    const giveAway = await client.patch(`/api/accounts/${created.body.id}`, { version: 1, ownerId: colleague.id });
    expect(giveAway.status).toBe(403);
    expect(giveAway.body).toMatchObject({ code: 'account.reassign_not_allowed', field: 'ownerId' });
    const sibling = await buildAgency({ regionId: rep.regionId });
    const move = await client.patch(`/api/accounts/${created.body.id}`, { version: 1, agencyId: sibling.id });
    expect(move.status).toBe(403);
    expect(move.body).toMatchObject({ code: 'account.reassign_not_allowed', field: 'agencyId' });
    const onCreate = await client.post('/api/accounts', { name: unique('Pour un autre'), segment: 'mass', agencyId: rep.agencyId, ownerId: colleague.id });
    expect(onCreate.status).toBe(403);
    expect(onCreate.body).toMatchObject({ code: 'account.owner_not_allowed' });

    const manager = await buildAgencyManager(rep.agencyId);
    const managerClient = await signedIn(manager.email);
    const reassigned = await managerClient.patch<Account>(`/api/accounts/${created.body.id}`, { version: 1, ownerId: colleague.id });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ version: 2, ownerId: colleague.id, ownerName: colleague.principal.name });
    const update = (await accountEvents(created.body.id)).find((e) => e.action === 'account.updated')!;
    expect(update.actor_id).toBe(manager.id);
    expect(update.payload).toEqual({ changes: { ownerId: { from: rep.id, to: colleague.id } } });

    const unknownOwner = await managerClient.patch(`/api/accounts/${created.body.id}`, { version: 2, ownerId: randomUUID() });
    expect(unknownOwner.status).toBe(422);
    expect(unknownOwner.body).toMatchObject({ code: 'user.unknown', field: 'ownerId' });
  });

  it('archives as a manager only; an archived account is left out of lists and cannot be changed', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const client = await signedIn(rep.email);
    const byRep = await client.post(`/api/accounts/${account.id}/archive`, { version: 1 });
    expect(byRep.status).toBe(403);

    const manager = await buildAgencyManager(rep.agencyId);
    const managerClient = await signedIn(manager.email);
    const stale = await managerClient.post(`/api/accounts/${account.id}/archive`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'account.version_conflict' });
    const archived = await managerClient.post<Account>(`/api/accounts/${account.id}/archive`, { version: 1 });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(archived.body.version).toBe(2);
    expect((await accountEvents(account.id)).map((e) => e.action)).toEqual(['account.created', 'account.archived']);

    const list = await client.get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}`);
    expect(list.body.items.map((a) => a.id)).not.toContain(account.id);
    const withArchived = await client.get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}&includeArchived=true`);
    expect(withArchived.body.items.map((a) => a.id)).toContain(account.id);

    const change = await client.patch(`/api/accounts/${account.id}`, { version: 2, city: 'Paris' });
    expect(change.status).toBe(422);
    expect(change.body).toMatchObject({ code: 'account.archived' });
    const contact = await client.post('/api/contacts', { accountId: account.id, lastName: 'Tardif' });
    expect(contact.status).toBe(422);
  });

  it('refuses a parent that would make a cycle (400 account.parent_cycle) or the account itself', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const top = await buildAccount({ agencyId: rep.agencyId, name: unique('Groupe') });
    const middle = await buildAccount({ agencyId: rep.agencyId, name: unique('Filiale') });
    const bottom = await buildAccount({ agencyId: rep.agencyId, name: unique('Établissement') });

    expect((await client.patch(`/api/accounts/${middle.id}`, { version: 1, parentId: top.id })).status).toBe(200);
    const linked = await client.patch<Account>(`/api/accounts/${bottom.id}`, { version: 1, parentId: middle.id });
    expect(linked.status).toBe(200);
    expect(linked.body.parentId).toBe(middle.id);
    expect(linked.body.parentName).toEqual(expect.stringContaining('Filiale'));

    const direct = await client.patch(`/api/accounts/${middle.id}`, { version: 2, parentId: bottom.id });
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({ code: 'account.parent_cycle', field: 'parentId' });
    const indirect = await client.patch(`/api/accounts/${top.id}`, { version: 1, parentId: bottom.id });
    expect(indirect.status).toBe(400);
    expect(indirect.body).toMatchObject({ code: 'account.parent_cycle', field: 'parentId' });
    const self = await client.patch(`/api/accounts/${top.id}`, { version: 1, parentId: top.id });
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ code: 'account.parent_is_self' });
    const unknown = await client.patch(`/api/accounts/${top.id}`, { version: 1, parentId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'account.unknown_parent' });

    // A parent out of the writer's reach reads as unknown: linking to it would reveal its name.
    const elsewhere = await buildAgency();
    const hidden = await buildAccount({ agencyId: elsewhere.id, name: unique('Secret') });
    const outOfReach = await client.patch(`/api/accounts/${top.id}`, { version: 1, parentId: hidden.id });
    expect(outOfReach.status).toBe(422);
    expect(outOfReach.body).toMatchObject({ code: 'account.unknown_parent', field: 'parentId' });
    const onCreate = await client.post('/api/accounts', { name: unique('Filiale'), segment: 'mass', agencyId: rep.agencyId, parentId: hidden.id });
    expect(onCreate.status).toBe(422);

    const reread = await client.get<Account>(`/api/accounts/${top.id}`);
    expect(reread.body).toMatchObject({ version: 1, parentId: null, parentName: null });
  });
});

describe('GET /api/accounts', () => {
  it('filters and pages by keyset: every account once, none twice', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const ids = [
      (await buildAccount({ agencyId: rep.agencyId, name: 'Zinc Bar' })).id,
      (await buildAccount({ agencyId: rep.agencyId, name: 'Atelier' })).id,
      (await buildAccount({ agencyId: rep.agencyId, name: 'Atelier', segment: 'key', ownerId: rep.id })).id,
    ];
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/accounts?agencyId=${rep.agencyId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const reply = await client.get<{ items: AccountSummary[]; nextCursor: string | null }>(query);
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...reply.body.items.map((a) => a.id));
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());

    const names = await client.get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}`);
    expect(names.body.items.map((a) => a.name)).toEqual(['Atelier', 'Atelier', 'Zinc Bar']);
    const key = await client.get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}&segment=key`);
    expect(key.body.items.map((a) => a.id)).toEqual([ids[2]]);
    const mine = await client.get<{ items: AccountSummary[] }>(`/api/accounts?ownerId=${rep.id}`);
    expect(mine.body.items.map((a) => a.id)).toEqual([ids[2]]);
    const prospects = await client.get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}&status=prospect`);
    expect(prospects.body.items).toEqual([]);

    const badLimit = await client.get(`/api/accounts?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ field: 'limit' });

    // Another region's agency lists nothing for this rep.
    const stranger = await buildRep();
    const strangers = await (await signedIn(stranger.email)).get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}`);
    expect(strangers.body.items).toEqual([]);
  });
});

describe('contacts', () => {
  it('creates, lists, updates with the version, archives; phones normalised; traced on the account', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const client = await signedIn(rep.email);
    const phone = newPhone();

    const bad = await client.post('/api/contacts', { accountId: account.id, firstName: 'Sans' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'lastName' });

    const created = await client.post<Contact>('/api/contacts', {
      accountId: account.id,
      firstName: 'Sophie',
      lastName: 'Martin',
      jobTitle: 'Gérante',
      phones: [national(phone)],
      emails: ['Sophie.Martin@Exemple.FR'],
      decisionMaker: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      accountId: account.id,
      firstName: 'Sophie',
      lastName: 'Martin',
      phones: [phone],
      emails: ['sophie.martin@exemple.fr'],
      decisionMaker: true,
      consentCall: true,
      consentMail: true,
      archivedAt: null,
      version: 1,
    });

    const list = await client.get<{ items: Contact[] }>(`/api/contacts?accountId=${account.id}`);
    expect(list.body.items.map((c) => c.id)).toEqual([created.body.id]);

    const updated = await client.patch<Contact>(`/api/contacts/${created.body.id}`, { version: 1, jobTitle: 'Directrice', consentCall: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, jobTitle: 'Directrice', consentCall: false });
    const stale = await client.patch(`/api/contacts/${created.body.id}`, { version: 1, jobTitle: 'Écrasé' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'contact.version_conflict' });

    const archived = await client.patch<Contact>(`/api/contacts/${created.body.id}`, { version: 2, archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await client.get<{ items: Contact[] }>(`/api/contacts?accountId=${account.id}`)).body.items).toEqual([]);
    const all = await client.get<{ items: Contact[] }>(`/api/contacts?accountId=${account.id}&includeArchived=true`);
    expect(all.body.items.map((c) => c.id)).toEqual([created.body.id]);

    const events = await accountEvents(account.id);
    expect(events.map((e) => e.action)).toEqual(['account.created', 'contact.created', 'contact.updated', 'contact.updated']);
    expect(events[2]!.payload).toEqual({
      contactId: created.body.id,
      changes: { jobTitle: { from: 'Gérante', to: 'Directrice' }, consentCall: { from: true, to: false } },
    });
    expect(events[3]!.payload).toEqual({ contactId: created.body.id, changes: { archived: { from: false, to: true } } });
  });

  it('counts contacts in the completeness of an account that needs them', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId, segment: 'key' });
    const client = await signedIn(rep.email);
    const before = (await client.get<Account>(`/api/accounts/${account.id}`)).body;
    expect(before.missing.map((m) => m.field)).toEqual(expect.arrayContaining(['contacts', 'decisionMaker']));
    await client.post('/api/contacts', { accountId: account.id, lastName: 'Décideur', decisionMaker: true });
    const after = (await client.get<Account>(`/api/accounts/${account.id}`)).body;
    expect(after.missing.map((m) => m.field)).not.toContain('contacts');
    expect(after.missing.map((m) => m.field)).not.toContain('decisionMaker');
    expect(after.completeness).toBeGreaterThan(before.completeness);
    const summary = (await client.get<{ items: AccountSummary[] }>(`/api/accounts?agencyId=${rep.agencyId}`)).body.items.find((a) => a.id === account.id)!;
    expect(summary.completeness).toBe(after.completeness);
  });

  it('answers 404 for the contacts of an account out of reach', async () => {
    const rep = await buildRep();
    const elsewhere = await buildAgency();
    const other = await buildAccount({ agencyId: elsewhere.id });
    const contact = await buildContact({ accountId: other.id });
    const client = await signedIn(rep.email);

    const list = await client.get(`/api/contacts?accountId=${other.id}`);
    expect(list.status).toBe(404);
    const create = await client.post('/api/contacts', { accountId: other.id, lastName: 'Intrus' });
    expect(create.status).toBe(404);
    expect(create.body).toMatchObject({ code: 'account.not_found', field: 'accountId' });
    const update = await client.patch(`/api/contacts/${contact.id}`, { version: 1, lastName: 'Intrus' });
    expect(update.status).toBe(404);
    expect(update.body).toMatchObject({ code: 'contact.not_found' });
    expect((await accountEvents(other.id)).map((e) => e.action)).toEqual(['account.created', 'contact.created']);
  });
});

describe('search', () => {
  it('finds an account by name, typo, SIREN, SIRET, email, contact email, contact phone and contact name — never out of reach', async () => {
    const rep = await buildRep();
    const stranger = await buildRep();
    const tok = token();
    const person = token();
    const siren = newSiren();
    const phone = newPhone();
    const mine = await buildAccount({ agencyId: rep.agencyId, name: `Menuiserie ${tok} Frères`, siren, emails: [`compta@${tok}.fr`] });
    const db = await testDb();
    await db.updateTable('accounts').set({ siret: siretOf(siren) }).where('id', '=', mine.id).execute();
    await buildContact({ accountId: mine.id, lastName: `Lefebvre${person}`, emails: [`jean@${person}.fr`], phones: [phone] });
    // The same words, in another region.
    const theirs = await buildAccount({ agencyId: stranger.agencyId, name: `Menuiserie ${tok} Associés`, emails: [`compta@${tok}.fr`] });
    await buildContact({ accountId: theirs.id, lastName: `Lefebvre${person}`, emails: [`jean@${person}.fr`], phones: [phone] });

    const client = await signedIn(rep.email);
    const strangerClient = await signedIn(stranger.email);
    const cases: Array<[string, string, SearchHit['matchedBy']]> = [
      ['name fragment', tok.toUpperCase(), 'name'],
      ['typo', `Menuisrie ${tok} Freres`, 'name'],
      ['SIREN', siren.replace(/(\d{3})(?=\d)/g, '$1 '), 'siren'],
      ['SIRET', siretOf(siren), 'siret'],
      ['email', `COMPTA@${tok}.fr`, 'email'],
      ['contact email', `jean@${person}.fr`, 'contact_email'],
      ['contact phone', national(phone), 'contact_phone'],
      ['contact name', `lefebvre${person}`, 'contact_name'],
    ];
    for (const [what, q, matchedBy] of cases) {
      const reply = await client.get<{ items: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
      expect(reply.status, what).toBe(200);
      const ids = reply.body.items.map((h) => h.id);
      expect(ids, what).toContain(mine.id);
      expect(ids, what).not.toContain(theirs.id);
      expect(reply.body.items.find((h) => h.id === mine.id)!.matchedBy, what).toBe(matchedBy);
    }
    const byContact = await client.get<{ items: SearchHit[] }>(`/api/search?q=${encodeURIComponent(`jean@${person}.fr`)}`);
    expect(byContact.body.items.find((h) => h.id === mine.id)!.matchedContact).toBe(`Camille Lefebvre${person}`);

    // The other rep sees their own account and never this one.
    for (const q of [tok, `jean@${person}.fr`, national(phone), `compta@${tok}.fr`]) {
      const ids = (await strangerClient.get<{ items: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}&limit=50`)).body.items.map((h) => h.id);
      expect(ids, q).toContain(theirs.id);
      expect(ids, q).not.toContain(mine.id);
    }

    const empty = await client.get('/api/search?q=%20');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ field: 'q' });
  });

  it('leaves archived accounts out', async () => {
    const rep = await buildRep();
    const tok = token();
    const account = await buildAccount({ agencyId: rep.agencyId, name: `Archivée ${tok}` });
    const manager = await buildAgencyManager(rep.agencyId);
    expect((await (await signedIn(manager.email)).post(`/api/accounts/${account.id}/archive`, { version: 1 })).status).toBe(200);
    const reply = await (await signedIn(rep.email)).get<{ items: SearchHit[] }>(`/api/search?q=${tok}`);
    expect(reply.body.items.map((h) => h.id)).not.toContain(account.id);
  });
});

describe('GET /api/lookup/phone/:number (screen pop)', () => {
  it('finds the account and the contact by a number in three formats, never out of reach; an invalid number is 400', async () => {
    const rep = await buildRep();
    const phone = newPhone();
    const account = await buildAccount({ agencyId: rep.agencyId, phones: [phone] });
    const contact = await buildContact({ accountId: account.id, phones: [phone] });
    const stranger = await buildRep();
    const theirs = await buildAccount({ agencyId: stranger.agencyId, phones: [phone] });
    const client = await signedIn(rep.email);

    const digits = phone.slice(3);
    for (const format of [phone, national(phone), `0033 ${digits.slice(0, 1)} ${digits.slice(1).replace(/(\d{2})(?=\d)/g, '$1 ')}`]) {
      const reply = await client.get<PhoneLookup>(`/api/lookup/phone/${encodeURIComponent(format)}`);
      expect(reply.status, format).toBe(200);
      expect(reply.body.number, format).toBe(phone);
      expect(reply.body.accounts.map((a) => a.id), format).toEqual([account.id]);
      expect(reply.body.contacts.map((c) => c.id), format).toEqual([contact.id]);
      expect(reply.body.contacts[0]!.accountName, format).toEqual(expect.any(String));
    }
    const theirLookup = await (await signedIn(stranger.email)).get<PhoneLookup>(`/api/lookup/phone/${encodeURIComponent(phone)}`);
    expect(theirLookup.body.accounts.map((a) => a.id)).toEqual([theirs.id]);
    expect(theirLookup.body.contacts).toEqual([]);

    const invalid = await client.get(`/api/lookup/phone/${encodeURIComponent('12345')}`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'phone.invalid', field: 'number' });
    expect((await (await anonymous()).get(`/api/lookup/phone/${encodeURIComponent(phone)}`)).status).toBe(401);
  });
});
