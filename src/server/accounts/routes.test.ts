import { describe, expect, it } from 'vitest';
import { anonymous, signedIn } from '../../../test/support/server.ts';
import { buildAccount, buildAgency, buildRep, newPhone, newSiren } from '../../../test/support/factories.ts';
import { testDb } from '../../../test/support/db.ts';

describe('POST /api/accounts', () => {
  it('walks the gates: 401, 400 naming the field, 404 for another region, then success with its trace event', async () => {
    const rep = await buildRep();
    const anon = await anonymous();
    expect((await anon.post('/api/accounts', { name: 'X' })).status).toBe(401);

    const client = await signedIn(rep.email);
    const bad = await client.post('/api/accounts', { name: 'Boulangerie Test', segment: 'mass', agencyId: rep.agencyId, siren: '123456789' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'siren.checksum', field: 'siren' });

    const elsewhere = await buildAgency();
    const other = await buildAccount({ agencyId: elsewhere.id });
    expect((await client.get(`/api/accounts/${other.id}`)).status).toBe(404);

    const phone = newPhone();
    const created = await client.post<{ id: string; phones: string[]; version: number }>('/api/accounts', {
      name: 'Boulangerie Test',
      segment: 'mass',
      agencyId: rep.agencyId,
      siren: newSiren(),
      phones: [phone.replace('+33', '0')],
    });
    expect(created.status).toBe(201);
    expect(created.body.phones).toEqual([phone]);
    const db = await testDb();
    const events = await db.selectFrom('trace_events').selectAll().where('stream', '=', `account:${created.body.id}`).execute();
    expect(events.map((e) => e.action)).toEqual(['account.created']);
    expect(events[0]!.actor_id).toBe(rep.id);
  });

  it('rejects a mutation without the CSRF token', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const reply = await client.request('POST', '/api/accounts', { name: 'Sans jeton', segment: 'mass', agencyId: rep.agencyId }, { 'x-csrf-token': 'wrong' });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ code: 'auth.csrf' });
  });

  it('finds the account by a phone fragment typed in any format', async () => {
    const rep = await buildRep();
    const phone = newPhone();
    const account = await buildAccount({ agencyId: rep.agencyId, phones: [phone] });
    const client = await signedIn(rep.email);
    const national = '0' + phone.slice(3); // 01 4x xx xx xx
    const fragment = `${national.slice(2, 4)} ${national.slice(4, 6)} ${national.slice(6, 8)}`;
    for (const q of [fragment, national, phone, `${national.slice(0, 2)} ${national.slice(2, 4)} ${national.slice(4, 6)} ${national.slice(6, 8)} ${national.slice(8)}`]) {
      const reply = await client.get<{ items: Array<{ id: string }> }>(`/api/search?q=${encodeURIComponent(q)}`);
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((i) => i.id), q).toContain(account.id);
    }
  });
});

describe('GET /api/accounts/:id/360', () => {
  it('answers 401, 400, 404 out of reach, then the account, its live contacts and the same first timeline page as the timeline route', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    expect((await (await anonymous()).get(`/api/accounts/${account.id}/360`)).status).toBe(401);

    const client = await signedIn(rep.email);
    const bad = await client.get(`/api/accounts/not-a-uuid/360`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'id' });
    expect((await client.get(`/api/accounts/${account.id}/360?timelineLimit=0`)).body).toMatchObject({ field: 'timelineLimit' });
    const elsewhere = await buildAccount({ agencyId: (await buildAgency()).id });
    expect((await client.get(`/api/accounts/${elsewhere.id}/360`)).status).toBe(404);

    const kept = await client.post<{ id: string }>('/api/contacts', { accountId: account.id, lastName: 'Garnier', decisionMaker: true });
    const gone = await client.post<{ id: string; version: number }>('/api/contacts', { accountId: account.id, lastName: 'Perrin' });
    expect((await client.patch(`/api/contacts/${gone.body.id}`, { version: gone.body.version, archived: true })).status).toBe(200);
    for (const subject of ['Premier appel', 'Deuxième appel', 'Troisième appel']) {
      expect((await client.post('/api/interactions', { accountId: account.id, channel: 'phone_out', subject })).status).toBe(201);
    }

    const reply = await client.get<{
      account: { id: string; name: string };
      contacts: Array<{ id: string }>;
      timeline: { items: Array<{ kind: string }>; nextCursor: string | null };
    }>(`/api/accounts/${account.id}/360?timelineLimit=2`);
    expect(reply.status).toBe(200);
    expect(reply.body.account).toEqual((await client.get(`/api/accounts/${account.id}`)).body);
    expect(reply.body.contacts.map((c) => c.id)).toEqual([kept.body.id]);
    const page = await client.get(`/api/accounts/${account.id}/timeline?limit=2`);
    expect(reply.body.timeline).toEqual(page.body);
    expect(reply.body.timeline.items).toHaveLength(2);
    expect(reply.body.timeline.nextCursor).not.toBeNull();
  });
});
