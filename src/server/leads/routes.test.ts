import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, ApiClient, signedIn, testServer } from '../../../test/support/server.ts';
import { testDb, testEngine } from '../../../test/support/db.ts';
import { buildAccount, buildAgency, buildContact, buildRep, buildUser, type BuiltUser } from '../../../test/support/factories.ts';
import { buildLeadWorld, buildOwnedAccount, buildProduct, parisDate, type LeadWorld } from '../../../test/support/lead-factories.ts';
import type { Lead } from '../../contract/leads.ts';
import { calendarAt } from '../calendar/current.ts';
import { businessMinutesBetween } from '../calendar/rules.ts';
import { relayLeads, sweepLeads } from './commands.ts';
import type { DomainError } from '../errors.ts';
import { routingRuleInForce } from './queries.ts';
import { leadDeadlines, routingRuleText } from './rules.ts';

beforeAll(async () => {
  await testServer();
});

type Page = { items: Lead[]; nextCursor: string | null };
type Notes = { items: Array<{ id: string; kind: string; leadId: string | null; text: string; readAt: string | null }>; unread: number };

async function accountEvents(accountId: string) {
  const db = await testDb();
  return db
    .selectFrom('trace_events')
    .select(['seq', 'action', 'actor_id', 'payload'])
    .where('stream', '=', `account:${accountId}`)
    .orderBy('seq')
    .execute();
}

async function notificationsOf(userId: string, leadId?: string) {
  const db = await testDb();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .$if(leadId !== undefined, (q) => q.where('lead_id', '=', leadId!))
    .orderBy('created_at')
    .execute();
}

async function leadRow(id: string) {
  const db = await testDb();
  return db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const need = 'Souhaite une offre fibre pour trois sites';

/** The deadline sweep at a chosen time, in one transaction as the periodic job runs it. */
async function sweep(at: Date) {
  const db = await testDb();
  return db.transaction().execute((trx) => sweepLeads(trx, at));
}

async function relay(client: ApiClient, body: Record<string, unknown>): Promise<Lead> {
  const reply = await client.post<Lead>('/api/leads', { need, source: 'phone_in', ...body });
  if (reply.status !== 201) throw new Error(`relay failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Changes a user as an admin, with the version just read. */
async function patchUser(admin: ApiClient, userId: string, change: Record<string, unknown>) {
  const current = await admin.get<{ version: number }>(`/api/users/${userId}`);
  expect(current.status).toBe(200);
  const reply = await admin.patch(`/api/users/${userId}`, { version: current.body.version, ...change });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Absent from yesterday to tomorrow (Paris dates): absent whatever the hour of the run. */
const absentAroundToday = () => ({ absentFrom: parisDate(-1), absentUntil: parisDate(1) });

async function ids(client: ApiClient, view: string) {
  const reply = await client.get<Page>(`/api/leads?view=${view}&limit=200`);
  expect(reply.status).toBe(200);
  return reply.body.items;
}

describe('POST /api/leads: the gates', () => {
  it('401 without a session; 400 naming the field; 404 out of reach; 403 read-only token; 422 unknown or inactive product, foreign contact', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const body = { accountId: account.id, productId: world.product.id, need, source: 'phone_in' };

    expect((await (await anonymous()).post('/api/leads', body)).status).toBe(401);

    const advisor = await signedIn(world.advisor.email);
    const noNeed = await advisor.post('/api/leads', { ...body, need: undefined });
    expect(noNeed.status).toBe(400);
    expect(noNeed.body).toMatchObject({ field: 'need' });
    const shortNeed = await advisor.post('/api/leads', { ...body, need: ' x ' });
    expect(shortNeed.status).toBe(400);
    expect(shortNeed.body).toMatchObject({ field: 'need' });
    const badSource = await advisor.post('/api/leads', { ...body, source: 'pigeon' });
    expect(badSource.status).toBe(400);
    expect(badSource.body).toMatchObject({ field: 'source' });
    const badAccount = await advisor.post('/api/leads', { ...body, accountId: 'not-a-uuid' });
    expect(badAccount.status).toBe(400);
    expect(badAccount.body).toMatchObject({ field: 'accountId' });

    // Another region's account: the regional advisor cannot see it.
    const elsewhere = await buildAgency();
    const foreign = await buildAccount({ agencyId: elsewhere.id });
    const outOfReach = await advisor.post('/api/leads', { ...body, accountId: foreign.id });
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toMatchObject({ code: 'account.not_found', field: 'accountId' });
    expect((await advisor.post('/api/leads', { ...body, accountId: randomUUID() })).status).toBe(404);

    // A read-only API token acts as the advisor, but cannot write.
    const token = await advisor.post<{ token: string }>('/api/tokens', { name: 'Lecture seule', scopes: ['read'] });
    expect(token.status).toBe(201);
    const bearer = new ApiClient(advisor.baseUrl);
    bearer.bearer = token.body.token;
    expect((await bearer.get(`/api/accounts/${account.id}`)).status).toBe(200);
    const readOnly = await bearer.post('/api/leads', body);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body).toMatchObject({ code: 'forbidden' });

    const unknownProduct = await advisor.post('/api/leads', { ...body, productId: randomUUID() });
    expect(unknownProduct.status).toBe(422);
    expect(unknownProduct.body).toMatchObject({ code: 'product.unknown', field: 'productId' });
    const retired = await buildProduct({ active: false });
    const inactive = await advisor.post('/api/leads', { ...body, productId: retired.id });
    expect(inactive.status).toBe(422);
    expect(inactive.body).toMatchObject({ code: 'product.inactive', field: 'productId' });

    const otherAccount = await buildOwnedAccount(world, null);
    const otherContact = await buildContact({ accountId: otherAccount.id });
    const wrongContact = await advisor.post('/api/leads', { ...body, contactId: otherContact.id });
    expect(wrongContact.status).toBe(422);
    expect(wrongContact.body).toMatchObject({ code: 'lead.contact_not_on_account', field: 'contactId' });

    // An archived account takes no new leads.
    const archived = await buildOwnedAccount(world, world.reps[0]!.id);
    const manager = await signedIn(world.manager.email);
    const read = await manager.get<{ version: number }>(`/api/accounts/${archived.id}`);
    expect((await manager.post(`/api/accounts/${archived.id}/archive`, { version: read.body.version })).status).toBe(200);
    const onArchived = await advisor.post('/api/leads', { ...body, accountId: archived.id });
    expect(onArchived.status).toBe(422);
    expect(onArchived.body).toMatchObject({ code: 'account.archived', field: 'accountId' });

    // Nothing was half-written.
    expect((await accountEvents(account.id)).map((e) => e.action)).toEqual(['account.created']);
    const db = await testDb();
    expect(await db.selectFrom('leads').select('id').where('account_id', '=', account.id).execute()).toEqual([]);
    expect(await notificationsOf(world.reps[0]!.id)).toEqual([]);
  });
});

describe('relaying a lead', () => {
  it('routes an inbound advisor’s lead to the owner rep, due in business hours, traced, notified, in the rep’s inbox', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const rep = world.reps[0]!;
    const account = await buildOwnedAccount(world, rep.id, 'mass');
    const contact = await buildContact({ accountId: account.id, lastName: 'Roux' });
    const advisor = await signedIn(world.advisor.email);

    const reply = await advisor.post<Lead>('/api/leads', {
      accountId: account.id,
      contactId: contact.id,
      productId: world.product.id,
      need: '  Veut équiper ses commerciaux  ',
      estimatedValueCents: 250_000,
      source: 'phone_in',
      sourceCampaign: 'Printemps',
    });
    expect(reply.status).toBe(201);
    const lead = reply.body;
    expect(lead).toMatchObject({
      accountId: account.id,
      accountSegment: 'mass',
      contactId: contact.id,
      contactName: 'Camille Roux',
      productId: world.product.id,
      productName: world.product.name,
      need: 'Veut équiper ses commerciaux',
      estimatedValueCents: 250_000,
      source: 'phone_in',
      sourceCampaign: 'Printemps',
      initiatorId: world.advisor.id,
      initiatorName: world.advisor.principal.name,
      status: 'new',
      assigneeId: rep.id,
      assigneeName: rep.principal.name,
      agencyId: world.agencyId,
      offeredAt: null,
      lateAt: null,
      version: 1,
      // The advisor relays, the rep answers.
      abilities: { accept: false, reject: false, convert: false, take: false },
    });
    expect(lead.routing.code).toBe('owner');
    expect(lead.routing.text).toContain(rep.principal.name);
    expect(Math.abs(Date.parse(lead.createdAt) - Date.now())).toBeLessThan(60_000);

    // The deadline: the segment's business hours from creation, on the Paris calendar, from the rule in force.
    const db = await testDb();
    const createdAt = new Date(lead.createdAt);
    const rule = await routingRuleInForce(db, world.agencyId, createdAt);
    expect(lead.routing.ruleVersion).toBe(rule.version);
    const expected = leadDeadlines(calendarAt(createdAt), rule.config, 'mass', createdAt);
    expect(lead.dueAt).toBe(expected.dueAt.toISOString());
    expect(lead.warnAt).toBe(expected.warnAt.toISOString());
    const cal = calendarAt(createdAt);
    expect(businessMinutesBetween(cal, createdAt, new Date(lead.dueAt))).toBe(rule.config.deadlineHours.mass * 60);
    expect(businessMinutesBetween(cal, createdAt, new Date(lead.warnAt))).toBe(Math.round(rule.config.deadlineHours.mass * 60 * rule.config.warnRatio));

    const events = await accountEvents(account.id);
    const relayed = events.filter((e) => e.action === 'lead.relayed');
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.actor_id).toBe(world.advisor.id);
    expect(relayed[0]!.payload).toMatchObject({ leadId: lead.id, productId: world.product.id, assigneeId: rep.id, source: 'phone_in', dueAt: lead.dueAt, routing: { code: 'owner' } });

    const notes = await notificationsOf(rep.id, lead.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'lead.assigned', read_at: null });
    expect(notes[0]!.text).toContain(world.advisor.principal.name);
    expect(notes[0]!.text).toContain(world.product.name);

    const repClient = await signedIn(rep.email);
    const inbox = await ids(repClient, 'inbox');
    const mine = inbox.find((l) => l.id === lead.id);
    expect(mine).toBeDefined();
    expect(mine!.abilities).toEqual({ accept: true, reject: true, convert: true, take: false });
    expect(inbox.every((l) => l.assigneeId === rep.id && l.status === 'new')).toBe(true);
    expect((await ids(advisor, 'relayed')).map((l) => l.id)).toContain(lead.id);
    // Not in the other rep's inbox.
    expect((await ids(await signedIn(world.reps[1]!.email), 'inbox')).map((l) => l.id)).not.toContain(lead.id);

    // The account view lists it; someone from another region sees neither the lead nor the account's list.
    const accountView = await repClient.get<Page>(`/api/leads?view=account&accountId=${account.id}`);
    expect(accountView.body.items.map((l) => l.id)).toEqual([lead.id]);
    const stranger = await signedIn((await buildRep()).email);
    expect((await stranger.get(`/api/leads/${lead.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/leads?view=account&accountId=${account.id}`)).status).toBe(404);
    expect((await repClient.get(`/api/leads/${lead.id}`)).status).toBe(200);
  });

  it('warns of a probable duplicate within a day (409, linking the existing lead), then relays once acknowledged', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const first = await relay(advisor, { accountId: account.id, productId: world.product.id });

    const again = await advisor.post('/api/leads', { accountId: account.id, productId: world.product.id, need, source: 'phone_in' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'lead.possible_duplicate', field: 'productId', details: { existingLeadId: first.id } });
    // Anyone else relaying the same product is warned too; another product is not a duplicate.
    const repClient = await signedIn(world.reps[0]!.email);
    expect((await repClient.post('/api/leads', { accountId: account.id, productId: world.product.id, need, source: 'visit' })).status).toBe(409);
    const other = await buildProduct();
    await relay(advisor, { accountId: account.id, productId: other.id });

    const acknowledged = await relay(advisor, { accountId: account.id, productId: world.product.id, acknowledgeDuplicate: true });
    expect(acknowledged.id).not.toBe(first.id);
    const relayedEvents = (await accountEvents(account.id)).filter((e) => e.action === 'lead.relayed');
    expect(relayedEvents).toHaveLength(3);
    // The next warning links the newest one.
    const third = await advisor.post('/api/leads', { accountId: account.id, productId: world.product.id, need, source: 'phone_in' });
    expect(third.body).toMatchObject({ details: { existingLeadId: acknowledged.id } });
  });

  it('hands an absent owner’s lead to their backup, and to the pool when the backup is away too; simulate agrees', async () => {
    const world = await buildLeadWorld({ reps: 3 });
    const [owner, backup, third] = world.reps as [BuiltUser, BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, owner.id, 'key');
    const admin = await signedIn(world.admin.email);
    const advisor = await signedIn(world.advisor.email);

    await patchUser(admin, owner.id, { backupUserId: backup.id, ...absentAroundToday() });
    const simulated = await advisor.post<{ assigneeId: string; assigneeName: string; reason: Lead['routing']; rule: { version: number; text: string }; dueAt: string }>(
      '/api/leads/simulate',
      { accountId: account.id },
    );
    expect(simulated.status).toBe(200);
    expect(simulated.body).toMatchObject({ assigneeId: backup.id, assigneeName: backup.principal.name, reason: { code: 'owner_absent_backup' } });
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
    expect(lead.assigneeId).toBe(backup.id);
    expect(lead.routing.code).toBe('owner_absent_backup');
    expect(lead.routing.text).toContain(owner.principal.name);
    expect(lead.routing.text).toContain(backup.principal.name);
    expect(simulated.body.rule.version).toBe(lead.routing.ruleVersion);
    expect(simulated.body.rule.text).toContain('backup');
    expect((await notificationsOf(backup.id, lead.id)).map((n) => n.kind)).toEqual(['lead.assigned']);
    expect(await notificationsOf(owner.id, lead.id)).toEqual([]);

    // The backup is away too (an open-ended absence): the only one left in the pool gets it.
    await patchUser(admin, backup.id, { absentFrom: parisDate(-3), absentUntil: null });
    const sim2 = await advisor.post<{ assigneeId: string; reason: Lead['routing'] }>('/api/leads/simulate', { accountId: account.id });
    const lead2 = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });
    expect(lead2.assigneeId).toBe(third.id);
    expect(lead2.routing.code).toBe('owner_unavailable_pool');
    expect(sim2.body).toMatchObject({ assigneeId: third.id, reason: { code: 'owner_unavailable_pool' } });

    // The absence is over (it ended yesterday): back to the owner.
    await patchUser(admin, owner.id, { absentFrom: parisDate(-5), absentUntil: parisDate(-1) });
    const lead3 = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });
    expect(lead3.assigneeId).toBe(owner.id);
    expect(lead3.routing.code).toBe('owner');
  });

  it('without an owner, picks the least-loaded pool member, then whoever received one least recently', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [a, b] = world.reps as [BuiltUser, BuiltUser];
    const advisor = await signedIn(world.advisor.email);
    // a already holds one open lead (as an owner).
    const owned = await buildOwnedAccount(world, a.id);
    await relay(advisor, { accountId: owned.id, productId: world.product.id });

    const orphan1 = await buildOwnedAccount(world, null);
    const sim = await advisor.post<{ assigneeId: string; reason: Lead['routing']; dueAt: string; rule: { text: string } }>('/api/leads/simulate', {
      accountId: orphan1.id,
    });
    const first = await relay(advisor, { accountId: orphan1.id, productId: world.product.id });
    expect(first.assigneeId).toBe(b.id);
    expect(first.routing.code).toBe('no_owner_pool');
    expect(first.routing.text).toContain(b.principal.name);
    expect(sim.body.assigneeId).toBe(first.assigneeId);
    expect(sim.body.reason.code).toBe('no_owner_pool');

    // Now one each: a received theirs earlier, so a is next.
    const orphan2 = await buildOwnedAccount(world, null);
    const second = await relay(advisor, { accountId: orphan2.id, productId: world.product.id });
    expect(second.assigneeId).toBe(a.id);
    // a has two, b one: b.
    const orphan3 = await buildOwnedAccount(world, null);
    expect((await relay(advisor, { accountId: orphan3.id, productId: world.product.id })).assigneeId).toBe(b.id);

    // An inactive pool member is never picked, however idle.
    const idle = await buildLeadWorld({ reps: 2 });
    const idleAdmin = await signedIn(idle.admin.email);
    const [busy, gone] = idle.reps as [BuiltUser, BuiltUser];
    const busyAccount = await buildOwnedAccount(idle, busy.id);
    const idleAdvisor = await signedIn(idle.advisor.email);
    await relay(idleAdvisor, { accountId: busyAccount.id, productId: idle.product.id });
    await patchUser(idleAdmin, gone.id, { active: false });
    const orphan = await buildOwnedAccount(idle, null);
    expect((await relay(idleAdvisor, { accountId: orphan.id, productId: idle.product.id })).assigneeId).toBe(busy.id);

    // Nobody available: the lead waits unassigned and the manager is alerted.
    await patchUser(idleAdmin, busy.id, absentAroundToday());
    const nobody = await buildOwnedAccount(idle, null);
    const waiting = await relay(idleAdvisor, { accountId: nobody.id, productId: idle.product.id });
    expect(waiting.assigneeId).toBeNull();
    expect(waiting.routing.code).toBe('no_one_available');
    expect((await notificationsOf(idle.manager.id, waiting.id)).map((n) => n.kind)).toEqual(['lead.late']);
  });
});

describe('relays that arrive together', () => {
  it('share one transaction: each answered on its own, the pool shared by load, a second relay of the same product a duplicate of the first', async () => {
    const world = await buildLeadWorld({ reps: 3 });
    const [a, b, c] = world.reps as [BuiltUser, BuiltUser, BuiltUser];
    const orphans: Array<{ id: string }> = [];
    for (let i = 0; i < 6; i++) orphans.push(await buildOwnedAccount(world, null));
    const actor = world.advisor.principal;
    const input = (accountId: string, extra: Record<string, unknown> = {}) => ({
      actor,
      input: { accountId, productId: world.product.id, need, source: 'phone_in' as const, acknowledgeDuplicate: false, ...extra },
    });
    const db = await testDb();
    const outcomes = await db.transaction().execute((trx) =>
      relayLeads(trx, [
        input(orphans[0]!.id),
        input(orphans[1]!.id, { productId: randomUUID() }),
        input(orphans[0]!.id),
        input(orphans[2]!.id),
        input(orphans[3]!.id),
        input(orphans[0]!.id, { acknowledgeDuplicate: true }),
        input(orphans[4]!.id),
        input(orphans[5]!.id),
      ]),
    );
    const refusals = outcomes.map((o) => (o.ok ? null : (o.error as DomainError).code));
    expect(refusals).toEqual([null, 'product.unknown', 'lead.possible_duplicate', null, null, null, null, null]);
    const first = outcomes[0]!;
    if (!first.ok) throw new Error('the first relay was refused');
    expect((outcomes[2] as { error: DomainError }).error.details).toEqual({ existingLeadId: first.value });

    // Six leads, shared two each in rotation as if each had committed alone: the pool's least loaded, then by id.
    const created = outcomes.flatMap((o) => (o.ok ? [o.value] : []));
    expect(created).toHaveLength(6);
    const rows = await Promise.all(created.map(leadRow));
    const perRep = (id: string) => rows.filter((r) => r.assignee_id === id).length;
    expect([perRep(a.id), perRep(b.id), perRep(c.id)]).toEqual([2, 2, 2]);
    expect(rows.map((r) => (r.routing as Lead['routing']).code)).toEqual(Array(6).fill('no_owner_pool'));
    // The rotation's reason quotes the load each had when picked: 0 for the first three, 1 for the next.
    expect(rows.map((r) => (r.routing as Lead['routing']).text.match(/\((\d+)\)/)![1])).toEqual(['0', '0', '0', '1', '1', '1']);

    // Each traced on its account and each assignee notified once per lead.
    const traced = (await accountEvents(orphans[0]!.id)).filter((e) => e.action === 'lead.relayed');
    expect(traced.map((e) => (e.payload as { leadId: string }).leadId)).toEqual([created[0], created[3]]);
    const told = await Promise.all(created.map(async (id, i) => (await notificationsOf(rows[i]!.assignee_id!, id)).map((n) => n.kind)));
    expect(told).toEqual(Array(6).fill(['lead.assigned']));
  });

  it('over HTTP at once: every relay answered with its own lead or error, nothing half-written', async () => {
    const world = await buildLeadWorld({ reps: 3 });
    const advisor = await signedIn(world.advisor.email);
    const accounts: Array<{ id: string }> = [];
    for (let i = 0; i < 9; i++) accounts.push(await buildOwnedAccount(world, null));
    const bodies = accounts.map((acc) => ({ accountId: acc.id, productId: world.product.id, need, source: 'phone_in' }));
    bodies.push({ ...bodies[0]!, productId: randomUUID() }, { ...bodies[1]! });
    const replies = await Promise.all(bodies.map((body) => advisor.post<Lead & { code?: string; details?: { existingLeadId: string } }>('/api/leads', body)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.slice(0, 9).filter((s) => s === 201).length + (statuses[10] === 201 ? 1 : 0)).toBe(9);
    expect(statuses[9]).toBe(422);
    expect(replies[9]!.body.code).toBe('product.unknown');
    // The same account and product twice: one relayed, the other warned with a link to it, whichever came first.
    const twins = [replies[1]!, replies[10]!];
    const won = twins.find((r) => r.status === 201)!;
    const warned = twins.find((r) => r.status === 409)!;
    expect(warned.body.details?.existingLeadId).toBe(won.body.id);

    const leads = replies.filter((r) => r.status === 201).map((r) => r.body);
    expect(new Set(leads.map((l) => l.id)).size).toBe(9);
    expect(leads.every((l) => l.initiatorId === world.advisor.id && l.status === 'new' && l.abilities)).toBe(true);
    const loads = world.reps.map((rep) => leads.filter((l) => l.assigneeId === rep.id).length);
    expect(loads).toEqual([3, 3, 3]);
    const db = await testDb();
    const inDb = await db.selectFrom('leads').select('id').where('account_id', 'in', accounts.map((acc) => acc.id)).execute();
    expect(inDb.map((r) => r.id).sort()).toEqual(leads.map((l) => l.id).sort());
  });
});

describe('listing leads', () => {
  it('pages the inbox by deadline (key accounts first) and "Mes relais" newest first, with cursors', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const rep = world.reps[0]!;
    const advisor = await signedIn(world.advisor.email);
    const made: Lead[] = [];
    for (const segment of ['mass', 'key', 'intermediate'] as const) {
      made.push(await relay(advisor, { accountId: (await buildOwnedAccount(world, rep.id, segment)).id, productId: world.product.id }));
    }
    const repClient = await signedIn(rep.email);
    const seen: Lead[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const reply: { body: Page } = await repClient.get<Page>(`/api/leads?view=inbox&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...reply.body.items);
      cursor = reply.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.map((l) => l.accountSegment)).toEqual(['key', 'intermediate', 'mass']);
    for (let i = 1; i < seen.length; i++) expect(Date.parse(seen[i - 1]!.dueAt)).toBeLessThanOrEqual(Date.parse(seen[i]!.dueAt));

    const relayed: Lead[] = [];
    cursor = null;
    for (let page = 0; page < 5; page++) {
      const reply: { body: Page } = await advisor.get<Page>(`/api/leads?view=relayed&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      relayed.push(...reply.body.items);
      cursor = reply.body.nextCursor;
      if (!cursor) break;
    }
    expect(relayed.map((l) => l.id)).toEqual([...made].reverse().map((l) => l.id));

    const noAccount = await advisor.get('/api/leads?view=account');
    expect(noAccount.status).toBe(400);
    expect(noAccount.body).toMatchObject({ field: 'accountId' });
    const badView = await advisor.get('/api/leads?view=everything');
    expect(badView.status).toBe(400);
    expect(badView.body).toMatchObject({ field: 'view' });
  });
});

describe('answering a lead', () => {
  let world: LeadWorld;
  let account: { id: string };
  let advisor: ApiClient;
  let rep: ApiClient;
  beforeAll(async () => {
    world = await buildLeadWorld({ reps: 2 });
    account = await buildOwnedAccount(world, world.reps[0]!.id);
    advisor = await signedIn(world.advisor.email);
    rep = await signedIn(world.reps[0]!.email);
  });
  const fresh = async () => relay(advisor, { accountId: account.id, productId: (await buildProduct()).id, estimatedValueCents: 90_000 });

  it('accept then convert: a deal stub in qualification linked to the lead, traced, the initiator told each time', async () => {
    const lead = await fresh();
    const accepted = await rep.post<Lead>(`/api/leads/${lead.id}/accept`, { version: lead.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: lead.version + 1, abilities: { accept: false, reject: false, convert: true } });
    expect(accepted.body.answeredAt).not.toBeNull();
    const row = await leadRow(lead.id);
    expect(row.expires_at).not.toBeNull();

    const converted = await rep.post<Lead>(`/api/leads/${lead.id}/convert`, { version: accepted.body.version });
    expect(converted.status).toBe(200);
    expect(converted.body.status).toBe('converted');
    expect(converted.body.dealId).not.toBeNull();
    // Answered once: converting does not move the answer time.
    expect(converted.body.answeredAt).toBe(accepted.body.answeredAt);

    const db = await testDb();
    const deal = await db.selectFrom('deals').selectAll().where('id', '=', converted.body.dealId!).executeTakeFirstOrThrow();
    expect(deal).toMatchObject({ account_id: account.id, lead_id: lead.id, title: lead.productName, owner_id: world.reps[0]!.id, stage: 'qualification' });
    expect(Number(deal.amount_cents)).toBe(90_000);
    // One line: the lead's product at the converted amount.
    const lines = await db.selectFrom('deal_lines').selectAll().where('deal_id', '=', deal.id).execute();
    expect(lines.map((l) => [l.product_id, l.quantity, Number(l.unit_price_cents)])).toEqual([[lead.productId, 1, 90_000]]);

    const actions = (await accountEvents(account.id)).filter((e) => (e.payload as { leadId?: string }).leadId === lead.id);
    expect(actions.map((e) => e.action)).toEqual(['lead.relayed', 'lead.accepted', 'deal.created', 'lead.converted']);
    expect(actions[2]!.payload).toMatchObject({ dealId: deal.id, stage: 'qualification', amountCents: 90_000 });
    expect(actions[3]!.actor_id).toBe(world.reps[0]!.id);

    const told = await notificationsOf(world.advisor.id, lead.id);
    expect(told.map((n) => n.kind)).toEqual(['lead.answered', 'lead.answered']);
    expect(told[1]!.text).toContain('deal');

    // The initiator follows it in "Mes relais".
    const mine = (await ids(advisor, 'relayed')).find((l) => l.id === lead.id);
    expect(mine).toMatchObject({ status: 'converted', dealId: deal.id });

    // Converting straight from new, with an amount.
    const direct = await fresh();
    const conv = await rep.post<Lead>(`/api/leads/${direct.id}/convert`, { version: direct.version, amountCents: 5_000 });
    expect(conv.status).toBe(200);
    const deal2 = await db.selectFrom('deals').select('amount_cents').where('id', '=', conv.body.dealId!).executeTakeFirstOrThrow();
    expect(Number(deal2.amount_cents)).toBe(5_000);
  });

  it('reject needs a reason and a note; the initiator reads both and is notified', async () => {
    const lead = await fresh();
    const noNote = await rep.post(`/api/leads/${lead.id}/reject`, { version: lead.version, reason: 'already_equipped' });
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ field: 'note' });
    const badReason = await rep.post(`/api/leads/${lead.id}/reject`, { version: lead.version, reason: 'lazy', note: 'Pas le temps' });
    expect(badReason.status).toBe(400);
    expect(badReason.body).toMatchObject({ field: 'reason' });
    const noReason = await rep.post(`/api/leads/${lead.id}/reject`, { version: lead.version, note: 'Déjà équipé chez un concurrent' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ field: 'reason' });
    expect((await leadRow(lead.id)).status).toBe('new');

    const rejected = await rep.post<Lead>(`/api/leads/${lead.id}/reject`, { version: lead.version, reason: 'already_equipped', note: 'Équipé chez un concurrent jusqu’en 2028' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'already_equipped', rejectNote: 'Équipé chez un concurrent jusqu’en 2028' });

    const seen = (await ids(advisor, 'relayed')).find((l) => l.id === lead.id);
    expect(seen).toMatchObject({ status: 'rejected', rejectReason: 'already_equipped', rejectNote: 'Équipé chez un concurrent jusqu’en 2028' });
    const told = await notificationsOf(world.advisor.id, lead.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.kind).toBe('lead.answered');
    expect(told[0]!.text).toContain('Équipé chez un concurrent jusqu’en 2028');
    const traced = (await accountEvents(account.id)).find((e) => e.action === 'lead.rejected' && (e.payload as { leadId: string }).leadId === lead.id);
    expect(traced!.payload).toMatchObject({ reason: 'already_equipped', note: 'Équipé chez un concurrent jusqu’en 2028' });
    // Out of the inbox.
    expect((await ids(rep, 'inbox')).map((l) => l.id)).not.toContain(lead.id);
  });

  it('refuses a transition the lifecycle does not allow (422), a stale version (409), someone else’s lead (403); a manager may answer', async () => {
    const lead = await fresh();
    const accepted = await rep.post<Lead>(`/api/leads/${lead.id}/accept`, { version: lead.version });
    expect(accepted.status).toBe(200);
    const rejectAccepted = await rep.post(`/api/leads/${lead.id}/reject`, { version: accepted.body.version, reason: 'no_need', note: 'Finalement non' });
    expect(rejectAccepted.status).toBe(422);
    expect(rejectAccepted.body).toMatchObject({ code: 'lead.transition_not_allowed', details: { from: 'accepted', transition: 'reject' } });
    const acceptTwice = await rep.post(`/api/leads/${lead.id}/accept`, { version: accepted.body.version });
    expect(acceptTwice.status).toBe(422);
    expect(acceptTwice.body).toMatchObject({ code: 'lead.transition_not_allowed' });

    const other = await fresh();
    const stale = await rep.post(`/api/leads/${other.id}/accept`, { version: other.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'lead.version_conflict', field: 'version', details: { currentVersion: other.version } });

    // A colleague of the same pool reads it but does not hold it.
    const colleague = await signedIn(world.reps[1]!.email);
    const colleagueView = await colleague.get<Lead>(`/api/leads/${other.id}`);
    expect(colleagueView.status).toBe(200);
    expect(colleagueView.body.abilities).toEqual({ accept: false, reject: false, convert: false, take: false });
    const notMine = await colleague.post(`/api/leads/${other.id}/accept`, { version: other.version });
    expect(notMine.status).toBe(403);
    expect(notMine.body).toMatchObject({ code: 'forbidden' });
    // The advisor who relayed it cannot answer it either.
    expect((await advisor.post(`/api/leads/${other.id}/reject`, { version: other.version, reason: 'no_need', note: 'Je change d’avis' })).status).toBe(403);
    expect((await leadRow(other.id)).status).toBe('new');

    const manager = await signedIn(world.manager.email);
    const byManager = await manager.post<Lead>(`/api/leads/${other.id}/accept`, { version: other.version });
    expect(byManager.status).toBe(200);
    expect(byManager.body.status).toBe('accepted');
    const stillOpen = await fresh();
    const unit = await ids(manager, 'unit');
    expect(unit.map((l) => l.id)).not.toContain(other.id); // answered: no longer open
    expect(unit.map((l) => l.id)).toContain(stillOpen.id);
    // A director sees the region's open leads; the manager of another agency, none of these.
    const director = await buildUser({ roles: ['director'], manages: [{ type: 'region', id: world.regionId }] });
    expect((await ids(await signedIn(director.email), 'unit')).map((l) => l.id)).toContain(stillOpen.id);
    const elsewhere = await buildAgency({ regionId: world.regionId });
    const otherManager = await buildUser({ roles: ['manager'], manages: [{ type: 'agency', id: elsewhere.id }] });
    expect((await ids(await signedIn(otherManager.email), 'unit')).map((l) => l.id)).not.toContain(stillOpen.id);

    expect((await rep.post(`/api/leads/${randomUUID()}/accept`, { version: 1 })).status).toBe(404);
  });
});

describe('the warning point, the deadline and the sweep', () => {
  it('lets a colleague of the agency sales pool take a lead only once it is offered; traced, the holder notified', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [holder, colleague] = world.reps as [BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, holder.id, 'key');
    const advisor = await signedIn(world.advisor.email);
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
    const colleagueClient = await signedIn(colleague.email);

    const early = await colleagueClient.post(`/api/leads/${lead.id}/take`, { version: lead.version });
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ code: 'lead.not_offered_to_you' });
    expect((await ids(colleagueClient, 'offered')).map((l) => l.id)).not.toContain(lead.id);

    // Just before the warning point nothing happens to this lead.
    await sweep(new Date(Date.parse(lead.warnAt) - 1000));
    expect((await leadRow(lead.id)).offered_at).toBeNull();
    await sweep(new Date(Date.parse(lead.warnAt) + 1000));
    const offeredRow = await leadRow(lead.id);
    expect(offeredRow.offered_at).not.toBeNull();
    expect(offeredRow.late_at).toBeNull();
    expect((await notificationsOf(holder.id, lead.id)).map((n) => n.kind)).toEqual(['lead.assigned', 'lead.reminder']);
    expect((await notificationsOf(colleague.id, lead.id)).map((n) => n.kind)).toEqual(['lead.offered']);
    // The advisor is not in the sales pool: not offered to them, and they cannot take it.
    expect(await notificationsOf(world.advisor.id, lead.id)).toEqual([]);
    expect((await advisor.post(`/api/leads/${lead.id}/take`, { version: lead.version })).status).toBe(403);

    const offered = (await ids(colleagueClient, 'offered')).find((l) => l.id === lead.id);
    expect(offered).toBeDefined();
    expect(offered!.abilities.take).toBe(true);
    // The holder does not see their own lead as offered to them.
    expect((await ids(await signedIn(holder.email), 'offered')).map((l) => l.id)).not.toContain(lead.id);

    const stale = await colleagueClient.post(`/api/leads/${lead.id}/take`, { version: lead.version + 1 });
    expect(stale.status).toBe(409);
    const taken = await colleagueClient.post<Lead>(`/api/leads/${lead.id}/take`, { version: lead.version });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ assigneeId: colleague.id, status: 'new', version: lead.version + 1 });
    expect(taken.body.abilities).toMatchObject({ accept: true, take: false });
    const event = (await accountEvents(account.id)).find((e) => e.action === 'lead.taken');
    expect(event).toMatchObject({ actor_id: colleague.id, payload: { leadId: lead.id, from: holder.id, to: colleague.id } });
    const holderNotes = await notificationsOf(holder.id, lead.id);
    expect(holderNotes.map((n) => n.kind)).toEqual(['lead.assigned', 'lead.reminder', 'lead.taken']);
    expect(holderNotes[2]!.text).toContain(colleague.principal.name);
    expect((await ids(colleagueClient, 'inbox')).map((l) => l.id)).toContain(lead.id);
  });

  it('marks a lead late past its deadline and alerts the agency manager, once: a second sweep at the same time changes nothing', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id, 'intermediate');
    const advisor = await signedIn(world.advisor.email);
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });

    const before = await sweep(new Date(Date.parse(lead.dueAt) - 1000));
    const row1 = await leadRow(lead.id);
    expect(row1.offered_at).not.toBeNull();
    expect(row1.late_at).toBeNull();
    expect(before.offered).toBeGreaterThanOrEqual(1);

    const at = new Date(Date.parse(lead.dueAt) + 60_000);
    const first = await sweep(at);
    expect(first.late).toBeGreaterThanOrEqual(1);
    const row2 = await leadRow(lead.id);
    expect(new Date(row2.late_at!).toISOString()).toBe(at.toISOString());
    expect(row2.status).toBe('new');
    const late = await notificationsOf(world.manager.id, lead.id);
    expect(late.map((n) => n.kind)).toEqual(['lead.late']);
    expect(late[0]!.text).toContain(world.reps[0]!.principal.name);
    const eventsAfterFirst = await accountEvents(account.id);
    expect(eventsAfterFirst.map((e) => e.action)).toEqual(['account.created', 'lead.relayed', 'lead.offered', 'lead.late']);

    const second = await sweep(at);
    // On PGlite the worker's database is this file's alone at this moment; on PostgreSQL other files may relay meanwhile.
    if (testEngine === 'pglite') expect(second).toEqual({ offered: 0, late: 0, expired: 0 });
    expect(await leadRow(lead.id)).toEqual(row2);
    expect(await accountEvents(account.id)).toHaveLength(eventsAfterFirst.length);
    expect(await notificationsOf(world.manager.id, lead.id)).toHaveLength(1);

    // The manager's unit view shows it late.
    const manager = await signedIn(world.manager.email);
    const unit = (await ids(manager, 'unit')).find((l) => l.id === lead.id);
    expect(unit?.lateAt).toBe(at.toISOString());
    // Answering late is still possible.
    const rep = await signedIn(world.reps[0]!.email);
    expect((await rep.post(`/api/leads/${lead.id}/accept`, { version: lead.version })).status).toBe(200);
  });

  it('tells each person once of the leads one sweep moves for them together (a pile-up), counting them; each lead is still traced', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [holder, colleague] = world.reps as [BuiltUser, BuiltUser];
    const advisor = await signedIn(world.advisor.email);
    const leads = [];
    for (let i = 0; i < 3; i++) {
      const account = await buildOwnedAccount(world, holder.id, 'key');
      leads.push({ account, lead: await relay(advisor, { accountId: account.id, productId: world.product.id }) });
    }
    const since = new Date();
    const lastWarn = Math.max(...leads.map((l) => Date.parse(l.lead.warnAt)));
    const lastDue = Math.max(...leads.map((l) => Date.parse(l.lead.dueAt)));
    await sweep(new Date(lastWarn + 1000));
    await sweep(new Date(lastDue + 1000));
    const told = async (userId: string) =>
      (await notificationsOf(userId)).filter((n) => new Date(n.created_at) >= new Date(since.getTime() - 1000) && n.kind !== 'lead.assigned');
    // One of the leads named, the count given, no lead linked: the web opens the list they are in.
    const names = leads.map((l) => l.lead.accountName);
    const summary = (kind: string) => ({ kind, lead_id: null, params: { product: world.product.name, account: expect.toBeOneOf(names), leads: '3', variant: 'many' } });
    expect(await told(colleague.id)).toMatchObject([summary('lead.offered')]);
    expect(await told(holder.id)).toMatchObject([summary('lead.reminder')]);
    expect(await told(world.manager.id)).toMatchObject([summary('lead.late')]);
    for (const { account } of leads) {
      expect((await accountEvents(account.id)).map((e) => e.action)).toEqual(['account.created', 'lead.relayed', 'lead.offered', 'lead.late']);
    }
  });

  it('expires an accepted lead past its expiry date, traced', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const rep = await signedIn(world.reps[0]!.email);
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
    const accepted = await rep.post<Lead>(`/api/leads/${lead.id}/accept`, { version: lead.version });
    const db = await testDb();
    const row = await leadRow(lead.id);
    const rule = await routingRuleInForce(db, world.agencyId, new Date(lead.createdAt));
    const expiresAt = new Date(row.expires_at!);
    expect(Math.abs(expiresAt.getTime() - Date.parse(accepted.body.answeredAt!) - rule.config.expireAfterDays * 86_400_000)).toBeLessThan(1000);

    await sweep(new Date(expiresAt.getTime() - 1000));
    expect((await leadRow(lead.id)).status).toBe('accepted');
    await sweep(new Date(expiresAt.getTime() + 1000));
    const expired = await leadRow(lead.id);
    expect(expired.status).toBe('expired');
    expect(expired.version).toBe(accepted.body.version + 1);
    const events = (await accountEvents(account.id)).filter((e) => e.action === 'lead.expired');
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_id).toBeNull();
    // Idempotent, and nothing more can happen to it.
    await sweep(new Date(expiresAt.getTime() + 1000));
    expect((await accountEvents(account.id)).filter((e) => e.action === 'lead.expired')).toHaveLength(1);
    const convert = await rep.post(`/api/leads/${lead.id}/convert`, { version: expired.version });
    expect(convert.status).toBe(422);
    expect(convert.body).toMatchObject({ code: 'lead.transition_not_allowed' });
  });
});

describe('deactivating a rep', () => {
  it('routes their open leads again by the rules, traced and notified; answered leads stay', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [leaving, staying] = world.reps as [BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, leaving.id);
    const advisor = await signedIn(world.advisor.email);
    const open = await relay(advisor, { accountId: account.id, productId: world.product.id });
    const answered = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });
    const leavingClient = await signedIn(leaving.email);
    expect((await leavingClient.post(`/api/leads/${answered.id}/accept`, { version: answered.version })).status).toBe(200);
    // The leaving rep also has a backup: an inactive owner's leads go to the pool, not to the backup.
    const backupWorldRep = await buildOutsider(world);
    const admin = await signedIn(world.admin.email);
    await patchUser(admin, leaving.id, { backupUserId: backupWorldRep.id });

    await patchUser(admin, leaving.id, { active: false });

    const moved = await leadRow(open.id);
    expect(moved.assignee_id).toBe(staying.id);
    expect(moved.version).toBe(open.version + 1);
    expect(moved.routing).toMatchObject({ code: 'owner_unavailable_pool' });
    expect((moved.routing as { text: string }).text).toContain('no longer active');
    expect((await leadRow(answered.id)).assignee_id).toBe(leaving.id);
    const events = (await accountEvents(account.id)).filter((e) => e.action === 'lead.reassigned');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: world.admin.id, payload: { leadId: open.id, from: leaving.id, to: staying.id } });
    expect((await notificationsOf(staying.id, open.id)).map((n) => n.kind)).toEqual(['lead.reassigned']);
    expect(await notificationsOf(backupWorldRep.id, open.id)).toEqual([]);
    // Signed out everywhere.
    expect((await leavingClient.get('/api/leads?view=inbox')).status).toBe(401);

    // New leads on the account skip them too.
    const next = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });
    expect(next.assigneeId).toBe(staying.id);
  });
});

describe('deactivating a rep who holds many leads', () => {
  it('spreads them over the pool by load, soonest due first, each move traced; each new holder told once, counting the leads', async () => {
    const world = await buildLeadWorld({ reps: 3 });
    const [leaving, b, c] = world.reps as [BuiltUser, BuiltUser, BuiltUser];
    const advisor = await signedIn(world.advisor.email);
    // b already holds one open lead; c none.
    await relay(advisor, { accountId: (await buildOwnedAccount(world, b.id)).id, productId: world.product.id });
    const held: Lead[] = [];
    for (let i = 0; i < 5; i++) held.push(await relay(advisor, { accountId: (await buildOwnedAccount(world, leaving.id)).id, productId: world.product.id }));
    expect(held.every((l) => l.assigneeId === leaving.id)).toBe(true);

    await patchUser(await signedIn(world.admin.email), leaving.id, { active: false });

    const moved = await Promise.all(held.map((l) => leadRow(l.id)));
    // c (0 open) first, then alternately by load and by who received one least recently: c, b, c, b, c → c 3, b 2 (then 3 each).
    const order = [...moved].sort((x, y) => +new Date(x.due_at) - +new Date(y.due_at) || x.id.localeCompare(y.id));
    expect(order.map((l) => (l.assignee_id === b.id ? 'b' : l.assignee_id === c.id ? 'c' : 'other'))).toEqual(['c', 'b', 'c', 'b', 'c']);
    expect(moved.every((l) => l.version === 2 && (l.routing as Lead['routing']).code === 'owner_unavailable_pool')).toBe(true);
    for (const lead of moved) {
      const events = (await accountEvents(lead.account_id)).filter((e) => e.action === 'lead.reassigned');
      expect(events.map((e) => e.payload)).toEqual([{ leadId: lead.id, from: leaving.id, to: lead.assignee_id, routing: lead.routing }]);
    }
    // Not one notice per lead: one per person, counting them and naming the soonest due.
    for (const [holder, count] of [[c, 3], [b, 2]] as const) {
      const told = (await notificationsOf(holder.id)).filter((n) => n.kind === 'lead.reassigned');
      const first = order.find((l) => l.assignee_id === holder.id)!;
      expect(told).toHaveLength(1);
      const account = await (await testDb()).selectFrom('accounts').select('name').where('id', '=', first.account_id).executeTakeFirstOrThrow();
      expect(told[0]).toMatchObject({ lead_id: null, text: `${count} leads were passed to you, among them ${world.product.name} for ${account.name}` });
      expect(told[0]!.params).toEqual({ leads: String(count), variant: 'many', product: world.product.name, account: account.name });
    }
  });
});

describe('deactivating the last available rep', () => {
  it('leaves the lead unassigned with no_one_available and alerts the manager, as the rule says', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const only = world.reps[0]!;
    const account = await buildOwnedAccount(world, only.id);
    const advisor = await signedIn(world.advisor.email);
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
    const admin = await signedIn(world.admin.email);
    await patchUser(admin, only.id, { active: false });

    const row = await leadRow(lead.id);
    expect(row.assignee_id).toBeNull();
    expect(row.routing).toMatchObject({ code: 'no_one_available' });
    expect((row.routing as { text: string }).text).toContain('the manager is alerted');
    const event = (await accountEvents(account.id)).find((e) => e.action === 'lead.reassigned');
    expect(event!.payload).toMatchObject({ leadId: lead.id, from: only.id, to: null });
    const alerts = await notificationsOf(world.manager.id, lead.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.kind).toBe('lead.late');
    // The manager sees it among the unit's open leads, and may answer it.
    const manager = await signedIn(world.manager.email);
    const unit = (await ids(manager, 'unit')).find((l) => l.id === lead.id);
    expect(unit).toMatchObject({ assigneeId: null, abilities: { accept: true } });
  });
});

/** Someone of the agency outside its sales pool: only ever a backup, never a pool pick. */
const buildOutsider = (world: LeadWorld) => buildUser({ homeAgencyId: world.agencyId, pools: [world.inboundPoolId] });

describe('routing rules', () => {
  it('are readable by everyone, changed by admins only; a new version for an agency drives its next relays', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const rep = await signedIn(world.reps[0]!.email);
    const admin = await signedIn(world.admin.email);
    const config = { deadlineHours: { key: 4, intermediate: 8, mass: 12 }, warnRatio: 0.5, expireAfterDays: 30 };

    const read = await rep.get<{ items: unknown[] }>('/api/rules/routing');
    expect(read.status).toBe(200);
    expect(Array.isArray(read.body.items)).toBe(true);
    const refused = await rep.post('/api/rules/routing', { agencyId: world.agencyId, config });
    expect(refused.status).toBe(403);
    expect((await (await anonymous()).get('/api/rules/routing')).status).toBe(401);
    const invalid = await admin.post('/api/rules/routing', { agencyId: world.agencyId, config: { ...config, warnRatio: 2 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ field: 'config.warnRatio' });
    const noAgency = await admin.post('/api/rules/routing', { agencyId: randomUUID(), config });
    expect(noAgency.status).toBe(422);
    expect(noAgency.body).toMatchObject({ code: 'agency.unknown', field: 'agencyId' });

    const v1 = await admin.post<{ id: string; version: number; text: string; agencyId: string; authorName: string; config: typeof config }>('/api/rules/routing', {
      agencyId: world.agencyId,
      config: { ...config, warnRatio: 0.8 },
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ agencyId: world.agencyId, version: 1, authorName: world.admin.principal.name });
    const v2 = await admin.post<{ id: string; version: number; text: string }>('/api/rules/routing', { agencyId: world.agencyId, config });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(v1.body.version + 1);
    expect(v2.body.text).toBe(routingRuleText(config));
    expect(v2.body.text).toContain('4 business hours');
    expect(v2.body.text).toContain('50%');

    const feed = await rep.get<{ items: Array<{ id: string; version: number }> }>('/api/rules/routing');
    const mine = feed.body.items.filter((r) => r.id === v1.body.id || r.id === v2.body.id);
    expect(mine.map((r) => r.version)).toEqual([2, 1]);
    const db = await testDb();
    const changed = await db.selectFrom('trace_events').select(['action', 'actor_id']).where('stream', '=', `rules:routing-${world.agencyId}`).orderBy('seq').execute();
    expect(changed).toEqual([
      { action: 'rule.changed', actor_id: world.admin.id },
      { action: 'rule.changed', actor_id: world.admin.id },
    ]);

    const account = await buildOwnedAccount(world, world.reps[0]!.id, 'mass');
    const advisor = await signedIn(world.advisor.email);
    const sim = await advisor.post<{ rule: { version: number; text: string }; dueAt: string; warnAt: string }>('/api/leads/simulate', { accountId: account.id });
    expect(sim.body.rule).toEqual({ version: 2, text: routingRuleText(config) });
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
    expect(lead.routing.ruleVersion).toBe(2);
    const createdAt = new Date(lead.createdAt);
    const cal = calendarAt(createdAt);
    expect(businessMinutesBetween(cal, createdAt, new Date(lead.dueAt))).toBe(12 * 60);
    expect(businessMinutesBetween(cal, createdAt, new Date(lead.warnAt))).toBe(6 * 60);
    // Another agency keeps its own rule.
    const otherWorld = await buildLeadWorld({ reps: 1 });
    const otherAccount = await buildOwnedAccount(otherWorld, otherWorld.reps[0]!.id, 'mass');
    const otherLead = await relay(await signedIn(otherWorld.advisor.email), { accountId: otherAccount.id, productId: otherWorld.product.id });
    const otherRule = await routingRuleInForce(db, otherWorld.agencyId, new Date(otherLead.createdAt));
    expect(otherRule.agencyId).not.toBe(world.agencyId);
    expect(businessMinutesBetween(cal, new Date(otherLead.createdAt), new Date(otherLead.dueAt))).toBe(otherRule.config.deadlineHours.mass * 60);
  });

  it('a version with a future effective date applies only from that date (simulate at a time shows it)', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const admin = await signedIn(world.admin.email);
    const now = { deadlineHours: { key: 9, intermediate: 18, mass: 9 }, warnRatio: 0.75, expireAfterDays: 90 };
    const later = { deadlineHours: { key: 9, intermediate: 18, mass: 45 }, warnRatio: 0.75, expireAfterDays: 90 };
    expect((await admin.post('/api/rules/routing', { agencyId: world.agencyId, config: now })).status).toBe(201);
    const from = new Date(Date.now() + 30 * 86_400_000);
    const planned = await admin.post<{ version: number; effectiveFrom: string }>('/api/rules/routing', { agencyId: world.agencyId, config: later, effectiveFrom: from.toISOString() });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ version: 2, effectiveFrom: from.toISOString() });

    const account = await buildOwnedAccount(world, world.reps[0]!.id, 'mass');
    const advisor = await signedIn(world.advisor.email);
    const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
    expect(lead.routing.ruleVersion).toBe(1);
    const createdAt = new Date(lead.createdAt);
    expect(businessMinutesBetween(calendarAt(createdAt), createdAt, new Date(lead.dueAt))).toBe(9 * 60);

    const at = new Date(from.getTime() + 86_400_000);
    const sim = await advisor.post<{ rule: { version: number; text: string }; dueAt: string; reason: Lead['routing'] }>('/api/leads/simulate', {
      accountId: account.id,
      at: at.toISOString(),
    });
    expect(sim.status).toBe(200);
    expect(sim.body.rule).toEqual({ version: 2, text: routingRuleText(later) });
    expect(sim.body.reason.ruleVersion).toBe(2);
    expect(sim.body.dueAt).toBe(leadDeadlines(calendarAt(at), later, 'mass', at).dueAt.toISOString());
  });

  it('simulate answers 404 for an account out of reach and 401 without a session', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const elsewhere = await buildAccount({ agencyId: (await buildAgency()).id });
    const advisor = await signedIn(world.advisor.email);
    expect((await advisor.post('/api/leads/simulate', { accountId: elsewhere.id })).status).toBe(404);
    expect((await (await anonymous()).post('/api/leads/simulate', { accountId: elsewhere.id })).status).toBe(401);
    const bad = await advisor.post('/api/leads/simulate', { accountId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'accountId' });
  });
});

describe('notifications', () => {
  it('lists mine with the unread count, and marks them read by id or all at once', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const rep = await signedIn(world.reps[0]!.email);
    const l1 = await relay(advisor, { accountId: account.id, productId: world.product.id });
    const l2 = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });

    expect((await (await anonymous()).get('/api/notifications')).status).toBe(401);
    const list = await rep.get<Notes>('/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(2);
    expect(list.body.items.map((n) => n.leadId)).toEqual([l2.id, l1.id]);
    expect(list.body.items.every((n) => n.kind === 'lead.assigned' && n.readAt === null)).toBe(true);
    // The advisor has none of the rep's notifications.
    expect((await advisor.get<Notes>('/api/notifications')).body.items.map((n) => n.leadId)).not.toContain(l1.id);

    // Marking someone else's notification does nothing.
    expect((await advisor.post<{ marked: number }>('/api/notifications/read', { ids: [list.body.items[0]!.id] })).body.marked).toBe(0);
    const one = await rep.post<{ marked: number }>('/api/notifications/read', { ids: [list.body.items[1]!.id] });
    expect(one.status).toBe(200);
    expect(one.body.marked).toBe(1);
    const after = await rep.get<Notes>('/api/notifications');
    expect(after.body.unread).toBe(1);
    expect(after.body.items.find((n) => n.leadId === l1.id)!.readAt).not.toBeNull();
    const all = await rep.post<{ marked: number }>('/api/notifications/read', {});
    expect(all.body.marked).toBe(1);
    expect((await rep.get<Notes>('/api/notifications')).body.unread).toBe(0);
    expect((await rep.post('/api/notifications/read', { ids: ['nope'] })).status).toBe(400);
    // An empty selection marks nothing (and is not a server error).
    const l3 = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });
    const none = await rep.post<{ marked: number }>('/api/notifications/read', { ids: [] });
    expect(none.status).toBe(200);
    expect(none.body.marked).toBe(0);
    const last = await rep.get<Notes>('/api/notifications?limit=1');
    expect(last.body).toMatchObject({ unread: 1, items: [{ leadId: l3.id, readAt: null }] });
  });

  it('pushes a lead assigned to the rep’s open stream within two seconds', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const rep = await signedIn(world.reps[0]!.email);
    const { url } = await testServer();

    expect((await fetch(`${url}/api/notifications/stream`)).status).toBe(401);

    const controller = new AbortController();
    const response = await fetch(`${url}/api/notifications/stream`, { headers: { cookie: rep.cookie! }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const reading = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
    })();
    try {
      const lead = await relay(advisor, { accountId: account.id, productId: (await buildProduct()).id });
      const relayedAt = Date.now();
      while (!received.includes(lead.id) && Date.now() - relayedAt < 2000) await new Promise((r) => setTimeout(r, 20));
      expect(received).toContain('event: notification');
      const events = received
        .split('\n\n')
        .filter((chunk) => chunk.startsWith('event: notification'))
        .map((chunk) => JSON.parse(chunk.split('\ndata: ')[1]!) as { kind: string; leadId: string; text: string });
      const pushed = events.find((e) => e.leadId === lead.id);
      expect(pushed, received).toMatchObject({ kind: 'lead.assigned', leadId: lead.id });
      expect(pushed!.text).toContain(world.advisor.principal.name);
      expect(events.every((e) => e.kind.startsWith('lead.'))).toBe(true);
    } finally {
      controller.abort();
      await reading;
    }
  });

  it('does not push another person’s notifications', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [listener, other] = world.reps as [BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, other.id);
    const advisor = await signedIn(world.advisor.email);
    const client = await signedIn(listener.email);
    const { url } = await testServer();
    const controller = new AbortController();
    const response = await fetch(`${url}/api/notifications/stream`, { headers: { cookie: client.cookie! }, signal: controller.signal });
    const reader = response.body!.getReader();
    let received = '';
    const reading = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += new TextDecoder().decode(value);
        }
      } catch {
        // aborted
      }
    })();
    try {
      const lead = await relay(advisor, { accountId: account.id, productId: world.product.id });
      expect(lead.assigneeId).toBe(other.id);
      // A lead for the listener afterwards arrives; the other's never did.
      const mineAccount = await buildOwnedAccount(world, listener.id);
      const mine = await relay(advisor, { accountId: mineAccount.id, productId: world.product.id });
      const start = Date.now();
      while (!received.includes(mine.id) && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 20));
      expect(received).toContain(mine.id);
      expect(received).not.toContain(lead.id);
    } finally {
      controller.abort();
      await reading;
    }
  });
});
