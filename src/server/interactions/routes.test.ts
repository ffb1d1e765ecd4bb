import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, signedIn, type ApiClient, testServer } from '../../../test/support/server.ts';
import { buildAccount, buildAgency, buildContact, buildPool, buildRep, buildUser, newSiren, unique } from '../../../test/support/factories.ts';
import { testDb } from '../../../test/support/db.ts';
import type { Interaction, TimelineItem } from '../../contract/interactions.ts';
import type { DomainError } from '../errors.ts';
import { logInteractions } from './commands.ts';

// Starting the worker's database and server can take a while on a loaded machine: do it under the hook timeout.
beforeAll(async () => {
  await testServer();
});

type Timeline = { items: TimelineItem[]; nextCursor: string | null };

async function accountEvents(accountId: string) {
  const db = await testDb();
  return db
    .selectFrom('trace_events')
    .select(['seq', 'action', 'actor_id', 'payload', 'recorded_at'])
    .where('stream', '=', `account:${accountId}`)
    .orderBy('seq')
    .execute();
}

const keyOf = (item: TimelineItem) => (item.kind === 'interaction' ? `i:${item.interaction.id}` : `e:${item.change.seq}`);

function expectNewestFirst(items: TimelineItem[]) {
  for (let i = 1; i < items.length; i++) {
    expect(Date.parse(items[i - 1]!.at), `item ${i}`).toBeGreaterThanOrEqual(Date.parse(items[i]!.at));
  }
}

async function log(client: ApiClient, body: Record<string, unknown>) {
  const reply = await client.post<Interaction>('/api/interactions', body);
  if (reply.status !== 201) throw new Error(`log failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

describe('POST /api/interactions', () => {
  it('walks the gates: 401, 400 naming the field, 404 out of reach, 403 not customer-facing, 422 foreign contact, 400 in the future', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const anon = await anonymous();
    expect((await anon.post('/api/interactions', { accountId: account.id, channel: 'visit', subject: 'Visite' })).status).toBe(401);

    const client = await signedIn(rep.email);
    const noSubject = await client.post('/api/interactions', { accountId: account.id, channel: 'visit' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body).toMatchObject({ field: 'subject' });
    const blankSubject = await client.post('/api/interactions', { accountId: account.id, channel: 'visit', subject: '   ' });
    expect(blankSubject.status).toBe(400);
    expect(blankSubject.body).toMatchObject({ field: 'subject' });
    const badChannel = await client.post('/api/interactions', { accountId: account.id, channel: 'pigeon', subject: 'Message' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body).toMatchObject({ field: 'channel' });
    const badDate = await client.post('/api/interactions', { accountId: account.id, channel: 'visit', subject: 'Visite', occurredAt: 'hier' });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ field: 'occurredAt' });

    const elsewhere = await buildAgency();
    const foreign = await buildAccount({ agencyId: elsewhere.id });
    const outOfReach = await client.post('/api/interactions', { accountId: foreign.id, channel: 'phone_out', subject: 'Appel' });
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toMatchObject({ code: 'account.not_found', field: 'accountId' });
    expect((await client.post('/api/interactions', { accountId: randomUUID(), channel: 'phone_out', subject: 'Appel' })).status).toBe(404);

    // A marketing analyst reads the region's accounts but does not talk to customers.
    const marketingPool = await buildPool({ kind: 'marketing', scope: 'region', unitId: rep.regionId });
    const analyst = await buildUser({ homeAgencyId: rep.agencyId, pools: [marketingPool.id] });
    const analystClient = await signedIn(analyst.email);
    expect((await analystClient.get(`/api/accounts/${account.id}`)).status).toBe(200);
    const notFacing = await analystClient.post('/api/interactions', { accountId: account.id, channel: 'phone_out', subject: 'Sondage' });
    expect(notFacing.status).toBe(403);
    expect(notFacing.body).toMatchObject({ code: 'forbidden' });

    const otherAccount = await buildAccount({ agencyId: rep.agencyId });
    const otherContact = await buildContact({ accountId: otherAccount.id });
    const wrongContact = await client.post('/api/interactions', { accountId: account.id, contactId: otherContact.id, channel: 'visit', subject: 'Visite' });
    expect(wrongContact.status).toBe(422);
    expect(wrongContact.body).toMatchObject({ code: 'interaction.contact_not_on_account', field: 'contactId' });

    const future = await client.post('/api/interactions', {
      accountId: account.id,
      channel: 'visit',
      subject: 'Visite prévue',
      occurredAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'interaction.in_future', field: 'occurredAt' });

    // None of the refusals left anything behind.
    expect((await accountEvents(account.id)).map((e) => e.action)).toEqual(['account.created']);
    const db = await testDb();
    expect(await db.selectFrom('interactions').select('id').where('account_id', '=', account.id).execute()).toEqual([]);
  });

  it('logs a back-dated contact: occurredAt as claimed, recordedAt from the database, traced as interaction.logged', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const contact = await buildContact({ accountId: account.id, lastName: 'Moreau' });
    const client = await signedIn(rep.email);
    const occurredAt = new Date(Date.now() - 3 * 86_400_000);
    occurredAt.setMilliseconds(0);
    const before = Date.now();

    const reply = await client.post<Interaction>('/api/interactions', {
      accountId: account.id,
      contactId: contact.id,
      channel: 'visit',
      subject: '  Visite de courtoisie ',
      notes: 'Intéressée par la fibre.',
      outcome: 'Rappeler en septembre',
      occurredAt: occurredAt.toISOString().replace('Z', '+00:00'),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      accountId: account.id,
      contactId: contact.id,
      contactName: 'Camille Moreau',
      channel: 'visit',
      actorId: rep.id,
      actorName: rep.principal.name,
      subject: 'Visite de courtoisie',
      notes: 'Intéressée par la fibre.',
      outcome: 'Rappeler en septembre',
      occurredAt: occurredAt.toISOString(),
      amendsId: null,
      amendedById: null,
    });
    const recordedAt = Date.parse(reply.body.recordedAt);
    // The database clock, not the claimed time: now (allowing for clock differences with the database).
    expect(Math.abs(recordedAt - before)).toBeLessThan(60_000);
    expect(recordedAt - Date.parse(reply.body.occurredAt)).toBeGreaterThan(2.9 * 86_400_000);

    const events = await accountEvents(account.id);
    const logged = events.filter((e) => e.action === 'interaction.logged');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actor_id).toBe(rep.id);
    expect(logged[0]!.payload).toMatchObject({ interactionId: reply.body.id, channel: 'visit', subject: 'Visite de courtoisie', contactId: contact.id });
    expect(new Date(logged[0]!.recorded_at).toISOString()).toBe(reply.body.recordedAt);

    // Without occurredAt, it happened when it was recorded.
    const now = await log(client, { accountId: account.id, channel: 'phone_in', subject: 'Appel entrant' });
    expect(now.occurredAt).toBe(now.recordedAt);
  });

  it('lets a national inbound advisor log on an account of any region', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const inbound = await buildPool({ kind: 'inbound', scope: 'nation' });
    const advisor = await buildUser({ pools: [inbound.id] });
    const advisorClient = await signedIn(advisor.email);
    const logged = await advisorClient.post<Interaction>('/api/interactions', { accountId: account.id, channel: 'phone_in', subject: 'Question facture' });
    expect(logged.status).toBe(201);
    expect(logged.body.actorId).toBe(advisor.id);
  });

  it('corrects an entry with a new one that amends it; the original stays as it was and points to its correction', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const client = await signedIn(rep.email);
    const original = await log(client, { accountId: account.id, channel: 'phone_out', subject: 'Appel: devis envoyé', notes: 'Devis 1200 €' });
    const correction = await log(client, {
      accountId: account.id,
      channel: 'phone_out',
      subject: 'Appel: devis envoyé',
      notes: 'Devis 2100 € (inversion de chiffres)',
      amendsId: original.id,
    });
    expect(correction.id).not.toBe(original.id);
    expect(correction.amendsId).toBe(original.id);

    const timeline = (await client.get<Timeline>(`/api/accounts/${account.id}/timeline`)).body;
    const interactions = timeline.items.flatMap((i) => (i.kind === 'interaction' ? [i.interaction] : []));
    expect(interactions).toHaveLength(2);
    const shownOriginal = interactions.find((i) => i.id === original.id)!;
    expect(shownOriginal).toMatchObject({ notes: 'Devis 1200 €', amendedById: correction.id, amendsId: null, recordedAt: original.recordedAt });
    expect(interactions.find((i) => i.id === correction.id)).toMatchObject({ amendsId: original.id, amendedById: null });

    // An entry of another account cannot be amended from this one.
    const other = await buildAccount({ agencyId: rep.agencyId });
    const otherEntry = await log(client, { accountId: other.id, channel: 'visit', subject: 'Visite' });
    const crossed = await client.post('/api/interactions', { accountId: account.id, channel: 'visit', subject: 'Correction', amendsId: otherEntry.id });
    expect(crossed.status).toBe(422);
    expect(crossed.body).toMatchObject({ code: 'interaction.amends_unknown', field: 'amendsId' });
  });
});

describe('contacts logged together', () => {
  it('share one transaction: each answered on its own, refusals leave nothing, one instant and an unbroken chain per account', async () => {
    const rep = await buildRep();
    const [a, b] = [await buildAccount({ agencyId: rep.agencyId }), await buildAccount({ agencyId: rep.agencyId })];
    const foreign = await buildAccount({ agencyId: (await buildAgency()).id });
    const stranger = await buildContact({ accountId: b.id });
    const entry = (accountId: string, extra: Record<string, unknown> = {}) => ({
      actor: rep.principal,
      input: { accountId, channel: 'phone_out' as const, subject: 'Appel', notes: '', ...extra },
    });
    const db = await testDb();
    const outcomes = await db.transaction().execute((trx) =>
      logInteractions(trx, [
        entry(a.id, { subject: 'Premier appel' }),
        entry(foreign.id),
        entry(a.id, { contactId: stranger.id }),
        entry(b.id, { occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }),
        entry(a.id, { occurredAt: new Date(Date.now() + 86_400_000).toISOString() }),
        entry(a.id, { subject: 'Rappel' }),
        entry(randomUUID()),
      ]),
    );
    expect(outcomes.map((o) => (o.ok ? null : (o.error as DomainError).code))).toEqual([
      null,
      'account.not_found',
      'interaction.contact_not_on_account',
      null,
      'interaction.in_future',
      null,
      'account.not_found',
    ]);
    const ids = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
    const rows = await db.selectFrom('interactions').select(['id', 'account_id', 'subject', 'occurred_at', 'recorded_at']).where('id', 'in', ids).execute();
    expect(rows).toHaveLength(3);
    const recorded = new Set(rows.map((r) => new Date(r.recorded_at).toISOString()));
    expect(recorded.size).toBe(1);
    const backDated = rows.find((r) => r.account_id === b.id)!;
    expect(new Date(backDated.occurred_at).getTime()).toBeLessThan(new Date(backDated.recorded_at).getTime() - 2 * 86_400_000);

    // Account a's two entries follow its creation on its chain, in the order logged; nothing of the refusals.
    const onA = await accountEvents(a.id);
    expect(onA.map((e) => [e.seq, e.action])).toEqual([
      [1, 'account.created'],
      [2, 'interaction.logged'],
      [3, 'interaction.logged'],
    ]);
    expect(onA.slice(1).map((e) => (e.payload as { interactionId: string; subject: string }).subject)).toEqual(['Premier appel', 'Rappel']);
    expect(onA.slice(1).map((e) => (e.payload as { interactionId: string }).interactionId)).toEqual([ids[0], ids[2]]);
    expect((await accountEvents(foreign.id)).map((e) => e.action)).toEqual(['account.created']);
  });

  it('over HTTP at once: every call answered with its own entry or error, all on the timeline', async () => {
    const rep = await buildRep();
    const accounts = [await buildAccount({ agencyId: rep.agencyId }), await buildAccount({ agencyId: rep.agencyId })];
    const client = await signedIn(rep.email);
    const bodies: Array<Record<string, unknown>> = Array.from({ length: 12 }, (_, i) => ({ accountId: accounts[i % 2]!.id, channel: 'phone_out', subject: `Appel ${i}` }));
    bodies.push({ accountId: randomUUID(), channel: 'phone_out', subject: 'Appel perdu' });
    const replies = await Promise.all(bodies.map((body) => client.post<Interaction & { code?: string }>('/api/interactions', body)));
    expect(replies.map((r) => r.status)).toEqual([...Array(12).fill(201), 404]);
    expect(replies.slice(0, 12).map((r) => r.body.subject)).toEqual(bodies.slice(0, 12).map((b) => b.subject));
    expect(replies.slice(0, 12).every((r) => r.body.actorId === rep.id && r.body.actorName)).toBe(true);
    for (const [k, account] of accounts.entries()) {
      const timeline = (await client.get<Timeline>(`/api/accounts/${account.id}/timeline`)).body;
      const logged = timeline.items.flatMap((i) => (i.kind === 'interaction' ? [i.interaction.subject] : []));
      expect(logged.sort()).toEqual(bodies.filter((_, i) => i < 12 && i % 2 === k).map((b) => b.subject as string).sort());
      const events = await accountEvents(account.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.action === 'interaction.logged')).toHaveLength(6);
    }
  });
});

describe('GET /api/accounts/:id/timeline', () => {
  it('merges interactions and record changes, newest first, and filters by channel', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const created = await client.post<{ id: string }>('/api/accounts', { name: unique('Chronologie'), segment: 'mass', agencyId: rep.agencyId, siren: newSiren() });
    expect(created.status).toBe(201);
    const accountId = created.body.id;
    expect((await client.patch(`/api/accounts/${accountId}`, { version: 1, city: 'Lyon' })).status).toBe(200);
    expect((await client.post('/api/contacts', { accountId, lastName: 'Girard' })).status).toBe(201);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const visit = await log(client, { accountId, channel: 'visit', subject: 'Visite', occurredAt: hourAgo });
    const call = await log(client, { accountId, channel: 'phone_in', subject: 'Appel' });
    const mail = await log(client, { accountId, channel: 'email_out', subject: 'Proposition' });

    const all = await client.get<Timeline>(`/api/accounts/${accountId}/timeline`);
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const items = all.body.items;
    expectNewestFirst(items);
    const changes = items.flatMap((i) => (i.kind === 'change' ? [i.change] : []));
    expect(changes.map((c) => c.action)).toEqual(['contact.created', 'account.updated', 'account.created']);
    expect(changes.every((c) => c.stream === `account:${accountId}` && c.actorId === rep.id && c.actorName === rep.principal.name)).toBe(true);
    expect(changes.find((c) => c.action === 'account.updated')!.payload).toEqual({ changes: { city: { from: null, to: 'Lyon' } } });
    expect(items.filter((i) => i.kind === 'interaction').map((i) => keyOf(i))).toEqual([`i:${mail.id}`, `i:${call.id}`, `i:${visit.id}`]);
    // The back-dated visit sits where it happened (an hour ago), below the account's creation recorded since.
    expect(items.map((i) => keyOf(i))).toEqual([
      `i:${mail.id}`,
      `i:${call.id}`,
      `e:${changes[0]!.seq}`,
      `e:${changes[1]!.seq}`,
      `e:${changes[2]!.seq}`,
      `i:${visit.id}`,
    ]);

    const visits = await client.get<Timeline>(`/api/accounts/${accountId}/timeline?channels=visit`);
    expect(visits.body.items.map((i) => keyOf(i))).toEqual([`i:${visit.id}`]);
    const calls = await client.get<Timeline>(`/api/accounts/${accountId}/timeline?channels=phone_in,email_out`);
    expect(calls.body.items.map((i) => keyOf(i))).toEqual([`i:${mail.id}`, `i:${call.id}`]);
    const onlyChanges = await client.get<Timeline>(`/api/accounts/${accountId}/timeline?channels=changes`);
    expect(onlyChanges.body.items.every((i) => i.kind === 'change')).toBe(true);
    expect(onlyChanges.body.items.map((i) => (i.kind === 'change' ? i.change.action : ''))).toEqual(['contact.created', 'account.updated', 'account.created']);
    const visitsAndChanges = await client.get<Timeline>(`/api/accounts/${accountId}/timeline?channels=visit,changes`);
    expect(visitsAndChanges.body.items).toHaveLength(4);

    const badChannel = await client.get(`/api/accounts/${accountId}/timeline?channels=visit,pigeon`);
    expect(badChannel.status).toBe(400);
    expect(badChannel.body).toMatchObject({ field: 'channels.1' });
  });

  it('pages by keyset across interactions and changes with no duplicates and no gaps', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const client = await signedIn(rep.email);
    const base = Date.now() - 10 * 86_400_000;
    const logged: Interaction[] = [];
    // Seven entries, two of them claimed at the very same instant, one just now.
    const offsets = [0, 1, 1, 2, 5, 9, null];
    const channels = ['visit', 'phone_in', 'phone_out', 'email_in', 'chat', 'visit', 'hotline'];
    for (const [i, offset] of offsets.entries()) {
      logged.push(
        await log(client, {
          accountId: account.id,
          channel: channels[i],
          subject: `Contact ${i + 1}`,
          ...(offset !== null && { occurredAt: new Date(base + offset * 86_400_000).toISOString() }),
        }),
      );
    }
    const full = (await client.get<Timeline>(`/api/accounts/${account.id}/timeline?limit=100`)).body.items;
    expect(full).toHaveLength(8); // seven interactions and account.created
    expectNewestFirst(full);

    const seen: TimelineItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/accounts/${account.id}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const reply = await client.get<Timeline>(path);
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...reply.body.items);
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    const keys = seen.map((i) => keyOf(i));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(full.map((i) => keyOf(i)));
    expect(keys.filter((k) => k.startsWith('i:')).sort()).toEqual(logged.map((i) => `i:${i.id}`).sort());

    // The same walk over visits only.
    const visitPage = await client.get<Timeline>(`/api/accounts/${account.id}/timeline?channels=visit&limit=1`);
    expect(visitPage.body.items.map((i) => keyOf(i))).toEqual([`i:${logged[5]!.id}`]);
    const nextVisit = await client.get<Timeline>(`/api/accounts/${account.id}/timeline?channels=visit&limit=1&cursor=${visitPage.body.nextCursor}`);
    expect(nextVisit.body.items.map((i) => keyOf(i))).toEqual([`i:${logged[0]!.id}`]);
    expect(nextVisit.body.nextCursor).toBeNull();
  });

  it('answers 404 for an account out of reach and 401 without a session', async () => {
    const rep = await buildRep();
    const elsewhere = await buildAgency();
    const foreign = await buildAccount({ agencyId: elsewhere.id });
    const client = await signedIn(rep.email);
    expect((await client.get(`/api/accounts/${foreign.id}/timeline`)).status).toBe(404);
    expect((await (await anonymous()).get(`/api/accounts/${foreign.id}/timeline`)).status).toBe(401);
  });
});
