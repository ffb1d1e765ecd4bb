import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anonymous, signedIn, testServer, type ApiClient, type Reply } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildAccount, buildAgency, buildContact, buildPool, buildUser, type BuiltUser } from '../../../test/support/factories.ts';
import { buildLeadWorld, buildOwnedAccount, parisDate } from '../../../test/support/lead-factories.ts';
import { buildCaseWorld, caseEvents, complaint, history, iso, NO_ABILITIES, notificationsOf, ok, open, stored, transition } from '../../../test/support/case-factories.ts';
import { caseListQuery, type Case, type CaseListItem, type CaseListPage, type CaseRules } from '../../contract/cases.ts';
import { calendarAt } from '../calendar/current.ts';
import { DEFAULT_SLA_CONFIG, slaState } from './rules.ts';

beforeAll(async () => {
  await testServer();
});

describe('POST /api/cases: the gates', () => {
  it('401 without a session; 400 naming the field; 404 out of reach; 403 for a non-customer-facing pool; 422 contact of another account', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const body = complaint(account.id);
    expect((await (await anonymous()).post('/api/cases', body)).status).toBe(401);

    const advisor = await signedIn(world.advisor.email);
    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ ...body, type: 'grievance' }, 'type'],
      [{ ...body, priority: 'urgent' }, 'priority'],
      [{ ...body, subject: ' ' }, 'subject'],
      [{ ...body, description: undefined }, 'description'],
      [{ ...body, channel: 'pigeon' }, 'channel'],
      [{ ...body, accountId: 'nope' }, 'accountId'],
    ];
    for (const [bad, field] of invalid) {
      const reply = await advisor.post('/api/cases', bad);
      expect(reply.status, field).toBe(400);
      expect(reply.body).toMatchObject({ field });
    }

    const elsewhere = await buildLeadWorld({ reps: 0 });
    const outOfReach = await (await signedIn(elsewhere.advisor.email)).post('/api/cases', body);
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toMatchObject({ code: 'account.not_found', field: 'accountId' });
    expect((await advisor.post('/api/cases', { ...body, accountId: randomUUID() })).status).toBe(404);

    const marketing = await buildUser({ pools: [(await buildPool({ kind: 'marketing', scope: 'region', unitId: world.regionId })).id] });
    const refused = await (await signedIn(marketing.email)).post('/api/cases', body);
    expect(refused.status).toBe(403);

    const other = await buildAccount({ agencyId: world.agencyId });
    const contact = await buildContact({ accountId: other.id });
    const wrong = await advisor.post('/api/cases', { ...body, contactId: contact.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'case.contact_not_on_account', field: 'contactId' });
    expect(await caseEvents(account.id)).toEqual([]);
  });
});

describe('opening a case', () => {
  it('routes to the agency’s back-office pool, assigns the least-loaded available member (never an absent one), with a reference, deadlines from slaState and a trace', async () => {
    const world = await buildCaseWorld(3);
    const [a, b, absent] = world.agents as [BuiltUser, BuiltUser, BuiltUser];
    const db = await testDb();
    await db.updateTable('users').set({ absent_from: parisDate(-1), absent_until: parisDate(2) }).where('id', '=', absent.id).execute();
    // A region-wide back-office pool also serves the agency, but the agency’s own comes first.
    await buildPool({ kind: 'back_office', scope: 'region', unitId: world.regionId });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);

    const first = await open(advisor, complaint(account.id, 'high'));
    expect(first.reference).toMatch(/^R-\d{4}-\d{6}$/);
    expect(first).toMatchObject({
      status: 'open',
      priority: 'high',
      type: 'complaint',
      channel: 'phone',
      account: { id: account.id },
      pool: { id: world.boPoolId },
      openedBy: { id: world.advisor.id },
      version: 1,
      abilities: { transitions: [], assign: false },
    });
    expect([a.id, b.id]).toContain(first.assignee!.id);

    // Deadlines: what the pure rule gives with the same facts on the real calendar.
    const openedAt = new Date(first.openedAt);
    const expected = slaState(calendarAt(openedAt), DEFAULT_SLA_CONFIG, 'high', { openedAt, firstRespondedAt: null, history: [{ status: 'open', at: openedAt }], budgets: null }, openedAt);
    expect(first.sla).toMatchObject({
      budgets: DEFAULT_SLA_CONFIG.byPriority.high,
      firstResponseDueAt: iso(expected.firstResponseDueAt),
      firstResponseWarnAt: iso(expected.firstResponseWarnAt),
      resolutionDueAt: iso(expected.resolutionDueAt),
      resolutionWarnAt: iso(expected.resolutionWarnAt),
      paused: false,
      stopped: false,
    });
    const row = await stored(first.id);
    expect(iso(row.first_response_due_at)).toBe(iso(expected.firstResponseDueAt));
    expect(iso(row.resolution_due_at)).toBe(iso(expected.resolutionDueAt));
    expect(iso(row.resolution_warn_at)).toBe(iso(expected.resolutionWarnAt));
    expect(row.sla).toEqual(DEFAULT_SLA_CONFIG.byPriority.high);

    // By load: the other available member next, then the first again (tie: least recently assigned).
    const second = await open(advisor, complaint(account.id));
    const third = await open(advisor, complaint(account.id));
    expect(second.assignee!.id).not.toBe(first.assignee!.id);
    expect([a.id, b.id]).toContain(second.assignee!.id);
    expect(third.assignee!.id).toBe(first.assignee!.id);
    expect(new Set([first.reference, second.reference, third.reference]).size).toBe(3);
    for (const c of [first, second, third]) expect(c.assignee!.id).not.toBe(absent.id);

    // An inactive member is never chosen either: with the least-loaded one deactivated, the other gets it.
    await db.updateTable('users').set({ active: false }).where('id', '=', second.assignee!.id).execute();
    const fourth = await open(advisor, complaint(account.id));
    expect(fourth.assignee!.id).toBe(first.assignee!.id);

    const events = await caseEvents(account.id);
    expect(events.map((e) => e.action)).toEqual(['case.opened', 'case.opened', 'case.opened', 'case.opened']);
    expect(events[0]!.actor_id).toBe(world.advisor.id);
    expect(events[0]!.payload).toMatchObject({ caseId: first.id, reference: first.reference, poolId: world.boPoolId, assigneeId: first.assignee!.id, priority: 'high' });
    expect((await notificationsOf(first.assignee!.id)).filter((n) => n.params.caseId === first.id).map((n) => n.kind)).toEqual(['case.assigned']);
  });

  it('falls back to the region’s back-office pool; with nobody available it stays unassigned and the pool’s manager is told', async () => {
    const world = await buildCaseWorld(0);
    const sibling = await buildAgency({ regionId: world.regionId });
    const regional = await buildPool({ kind: 'back_office', scope: 'region', unitId: world.regionId });
    const member = await buildUser({ pools: [regional.id] });
    const manager = await buildUser({ roles: ['manager'], manages: [{ type: 'pool', id: regional.id }] });
    const advisor = await signedIn(world.advisor.email);

    const there = await buildAccount({ agencyId: sibling.id });
    const routed = await open(advisor, complaint(there.id));
    expect(routed.pool.id).toBe(regional.id);
    expect(routed.assignee!.id).toBe(member.id);
    expect(routed.routing.code).toBe('default_region');
    // The reason is the case's own read; its lists leave it out (a queue of 50 would repeat it in both languages).
    const handler = await signedIn(member.email);
    const read = (await handler.get<Case>(`/api/cases/${routed.id}`)).body;
    expect(read.routing.code).toBe('default_region');
    expect(read.routing.text.fr).toContain('le dossier va au pôle back-office de la région qui sert l’agence du client');
    const listed = (await handler.get<CaseListPage>('/api/cases?view=mine')).body.items.find((c) => c.id === routed.id);
    expect(listed?.reference).toBe(routed.reference);
    expect(listed).not.toHaveProperty('routing');

    // The agency’s own pool has nobody: unassigned, its manager hears of it.
    const here = await buildOwnedAccount(world, null);
    const waiting = await open(advisor, complaint(here.id));
    expect(waiting.pool.id).toBe(world.boPoolId);
    expect(waiting.assignee).toBeNull();
    expect((await notificationsOf(world.poolManager.id)).filter((n) => n.params.caseId === waiting.id).map((n) => n.kind)).toEqual(['case.unassigned']);
    expect((await notificationsOf(manager.id)).filter((n) => n.params.caseId === waiting.id)).toEqual([]);
  });
});

describe('POST /api/cases/:id/transition', () => {
  it('walks the status machine: refusals with the rule’s codes, pause and resume of the clock, stale versions, the resolution summary, the trace', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const opened = await open(await signedIn(world.advisor.email), complaint(account.id, 'critical'));
    expect(opened.assignee!.id).toBe(agent.id);
    const client = await signedIn(agent.email);

    const read = await client.get<Case>(`/api/cases/${opened.id}`);
    expect(read.status).toBe(200);
    expect(read.body.abilities).toEqual({ ...NO_ABILITIES, transitions: ['start'], transfer: true, changePriority: true, setResponsibility: true, logInteraction: true });

    const notAllowed = await transition(client, opened, 'resolve', 'Fait');
    expect(notAllowed.status).toBe(422);
    expect(notAllowed.body).toMatchObject({ code: 'case.transition_not_allowed', field: 'status' });

    const started = await ok(transition(client, opened, 'start'));
    expect(started).toMatchObject({ status: 'in_progress', version: 2, abilities: { transitions: ['wait_customer', 'resolve'] } });

    const stale = await transition(client, opened, 'wait_customer');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'case.version_conflict' });

    // Waiting for the customer: the first response is recorded, the resolution clock pauses.
    const waiting = await ok(transition(client, started, 'wait_customer'));
    expect(waiting.status).toBe('waiting_customer');
    expect(waiting.sla.paused).toBe(true);
    expect(waiting.sla.resolutionDueAt).toBeNull();
    expect(waiting.sla.firstResponseDueAt).toBeNull();
    expect(waiting.sla.firstRespondedAt).not.toBeNull();
    let row = await stored(opened.id);
    expect(row.resolution_due_at).toBeNull();
    expect(row.first_responded_at).not.toBeNull();

    // Resuming recomputes the deadline from the whole history.
    const resumed = await ok(transition(client, waiting, 'resume'));
    const h = await history(opened.id);
    expect(h.map((x) => x.status)).toEqual(['open', 'in_progress', 'waiting_customer', 'in_progress']);
    const at = h.at(-1)!.at;
    const expected = slaState(
      calendarAt(at),
      DEFAULT_SLA_CONFIG,
      'critical',
      { openedAt: new Date(opened.openedAt), firstRespondedAt: new Date(waiting.sla.firstRespondedAt!), history: h, budgets: null },
      at,
    );
    expect(resumed.sla.paused).toBe(false);
    expect(resumed.sla.resolutionDueAt).toBe(iso(expected.resolutionDueAt));
    row = await stored(opened.id);
    expect(iso(row.resolution_due_at)).toBe(iso(expected.resolutionDueAt));
    expect(iso(row.resolution_warn_at)).toBe(iso(expected.resolutionWarnAt));

    // Resolving needs a summary.
    for (const summary of [undefined, '   ']) {
      const missing = await transition(client, resumed, 'resolve', summary);
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ code: 'case.summary_required', field: 'summary' });
    }
    const resolved = await ok(transition(client, resumed, 'resolve', '  Avoir émis sur la facture  '));
    expect(resolved).toMatchObject({ status: 'resolved', resolutionSummary: 'Avoir émis sur la facture', abilities: { transitions: ['close', 'reopen'] } });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.sla).toMatchObject({ stopped: true, resolutionDueAt: null });

    const reopened = await ok(transition(client, resolved, 'reopen'));
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect(reopened.sla.resolutionDueAt).not.toBeNull();
    const again = await ok(transition(client, reopened, 'resolve', 'Remboursé'));
    const closed = await ok(transition(client, again, 'close'));
    expect(closed).toMatchObject({ status: 'closed', abilities: { transitions: [] } });
    expect(closed.closedAt).not.toBeNull();

    const events = await caseEvents(account.id);
    expect(events.map((e) => e.action)).toEqual([
      'case.opened',
      'case.start',
      'case.wait_customer',
      'case.resume',
      'case.resolve',
      'case.reopen',
      'case.resolve',
      'case.close',
    ]);
    expect(events.slice(1).every((e) => e.actor_id === agent.id)).toBe(true);
    expect(events[4]!.payload).toMatchObject({ caseId: opened.id, from: 'in_progress', to: 'resolved', summary: 'Avoir émis sur la facture' });
  });

  it('refuses to reopen after the reopen window (422 case.reopen_window_passed) and to move a closed case', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, null);
    const opened = await open(await signedIn(world.advisor.email), complaint(account.id, 'low'));
    const client = await signedIn(world.agents[0]!.email);
    const resolved = await ok(transition(client, await ok(transition(client, opened, 'start')), 'resolve', 'Expliqué au client'));
    const db = await testDb();
    await db.updateTable('cases').set({ resolved_at: new Date(Date.now() - (DEFAULT_SLA_CONFIG.reopenDays + 1) * 86_400_000) }).where('id', '=', opened.id).execute();
    const late = await transition(client, resolved, 'reopen');
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'case.reopen_window_passed', field: 'status' });
    const closed = await ok(transition(client, resolved, 'close'));
    const again = await transition(client, closed, 'reopen');
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'case.transition_not_allowed' });
  });

  it('who may: a pool member and the pool’s manager work it; a rep of the agency reads it but gets 403; out of reach reads as 404', async () => {
    const world = await buildCaseWorld(2);
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const opened = await open(await signedIn(world.advisor.email), complaint(account.id));
    const colleague = world.agents.find((x) => x.id !== opened.assignee!.id)!;

    const rep = await signedIn(world.reps[0]!.email);
    const seen = await rep.get<Case>(`/api/cases/${opened.id}`);
    expect(seen.status).toBe(200);
    // The rep owns the account: they may log a contact about the case, nothing more.
    expect(seen.body.abilities).toEqual({ ...NO_ABILITIES, logInteraction: true });
    expect((await transition(rep, opened, 'start')).status).toBe(403);

    const elsewhere = await buildCaseWorld(1);
    const stranger = await signedIn(elsewhere.agents[0]!.email);
    expect((await stranger.get(`/api/cases/${opened.id}`)).status).toBe(404);
    expect((await transition(stranger, opened, 'start')).status).toBe(404);
    expect((await stranger.get(`/api/cases/${randomUUID()}`)).status).toBe(404);

    const manager = await signedIn(world.poolManager.email);
    expect((await manager.get<Case>(`/api/cases/${opened.id}`)).body.abilities).toEqual({
      ...NO_ABILITIES,
      transitions: ['start'],
      assign: true,
      transfer: true,
      changePriority: true,
      setResponsibility: true,
      logInteraction: true,
    });
    const started = await ok(transition(await signedIn(colleague.email), opened, 'start'));
    await ok(transition(manager, started, 'wait_customer'));
    expect((await caseEvents(account.id)).map((e) => [e.action, e.actor_id])).toEqual([
      ['case.opened', world.advisor.id],
      ['case.start', colleague.id],
      ['case.wait_customer', world.poolManager.id],
    ]);
  });
});

describe('GET /api/cases', () => {
  it('mine, my pool’s (unassigned too) and an account’s, most urgent first, within reach', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const low = await open(advisor, complaint(account.id, 'low'));
    const critical = await open(advisor, complaint(account.id, 'critical'));
    // With its only member inactive, the pool's next case stays unassigned.
    const db = await testDb();
    await db.updateTable('users').set({ active: false }).where('id', '=', agent.id).execute();
    const unassigned = await open(advisor, complaint(account.id, 'normal'));
    expect(unassigned.assignee).toBeNull();
    await db.updateTable('users').set({ active: true }).where('id', '=', agent.id).execute();

    const client = await signedIn(agent.email);
    const mine = await client.get<{ items: Case[] }>('/api/cases?view=mine');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c) => c.id)).toEqual([critical.id, low.id]);

    const pool = await client.get<{ items: Case[] }>('/api/cases?view=pool');
    expect(pool.body.items.map((c) => c.id)).toEqual([critical.id, unassigned.id, low.id]);

    const byAccount = await (await signedIn(world.reps[0]!.email)).get<{ items: Case[] }>(`/api/cases?view=account&accountId=${account.id}`);
    expect(byAccount.body.items.map((c) => c.id).sort()).toEqual([low.id, critical.id, unassigned.id].sort());

    expect((await client.get('/api/cases?view=account')).status).toBe(400);
    const stranger = await signedIn((await buildCaseWorld(1)).agents[0]!.email);
    expect((await stranger.get(`/api/cases?view=account&accountId=${account.id}`)).status).toBe(404);
    expect((await stranger.get<{ items: Case[] }>('/api/cases?view=pool')).body.items).toEqual([]);
  });

  it('finds a case by its reference typed any way, within reach only', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, null);
    const opened = await open(await signedIn(world.advisor.email), complaint(account.id));
    const [, year, number] = opened.reference.split('-') as [string, string, string];
    const client = await signedIn(world.reps[0]!.email);
    for (const typed of [opened.reference, `r ${year} ${Number(number)}`, `R${year}/${number}`]) {
      const reply = await client.get<{ items: Case[] }>(`/api/cases/lookup?q=${encodeURIComponent(typed)}`);
      expect(reply.status, typed).toBe(200);
      expect(reply.body.items.map((c) => c.id), typed).toEqual([opened.id]);
    }
    expect((await client.get<{ items: Case[] }>('/api/cases/lookup?q=Dupont')).body.items).toEqual([]);
    const stranger = await signedIn((await buildCaseWorld(1)).agents[0]!.email);
    expect((await stranger.get<{ items: Case[] }>(`/api/cases/lookup?q=${opened.reference}`)).body.items).toEqual([]);
  });

  it('gives the rules in force, in words: version 0 defaults until an administrator saves one', async () => {
    const world = await buildCaseWorld(0);
    const reply = await (await signedIn(world.advisor.email)).get<CaseRules>('/api/case-rules');
    expect(reply.status).toBe(200);
    expect(reply.body.sla.version).toBe(0);
    expect(reply.body.sla.config).toEqual(DEFAULT_SLA_CONFIG);
    expect(reply.body.sla.dayMinutes).toBe(540);
    expect(reply.body.sla.text.fr).toContain('ouvré');
    expect(reply.body.routing.text.fr).toContain('pôle back-office qui sert l’agence du client');
    expect(reply.body.pools.map((p) => p.id)).toContain(world.boPoolId);
  });
});

describe('GET /api/cases in pages', () => {
  type Page = CaseListPage;
  /** Every page of a list, `limit` at a time, each asked with the nextCursor of the one before. */
  async function walk(client: ApiClient, query: string, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const reply: Reply<Page> = await client.get<Page>(`/api/cases?${query}&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(reply.body);
      after = reply.body.nextCursor;
      expect(pages.length).toBeLessThan(50);
    } while (after);
    return pages;
  }
  const ids = (pages: Page[]) => pages.flatMap((p) => p.items.map((c) => c.id));
  /** Instants with microseconds, as PostgreSQL keeps them: a cursor rounded to the millisecond would repeat a case. */
  const at = (text: string) => sql<Date>`${text}::timestamptz`;

  /**
   * A back-office pool of 10 open cases and a resolved one: 2 waiting for the customer (no running deadline), 3 due
   * at the same instant and opened at the same instant (the id decides), 2 late, 3 as opened, one of them unassigned.
   */
  async function buildQueue() {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const client = await signedIn(agent.email);
    const db = await testDb();
    const opened: Case[] = [];
    for (const priority of ['normal', 'high', 'normal', 'low', 'critical', 'high', 'normal', 'normal', 'low'] as const) opened.push(await open(advisor, complaint(account.id, priority)));
    await db.updateTable('users').set({ active: false }).where('id', '=', agent.id).execute();
    const unassigned = await open(advisor, complaint(account.id, 'high'));
    await db.updateTable('users').set({ active: true }).where('id', '=', agent.id).execute();
    const [w1, w2, t1, t2, t3, l1, l2, , , done] = [...opened, await open(advisor, complaint(account.id))];
    for (const c of [w1!, w2!]) await ok(transition(client, await ok(transition(client, c, 'start')), 'wait_customer'));
    await ok(transition(client, await ok(transition(client, done!, 'start')), 'resolve', 'Réglé au téléphone'));
    const tied = [t1!.id, t2!.id, t3!.id];
    await db
      .updateTable('cases')
      .set({ first_response_due_at: at('2030-01-07T09:00:00.123456Z'), resolution_due_at: at('2030-01-09T09:00:00.123456Z'), opened_at: at('2026-01-05T08:00:00.654321Z') })
      .where('id', 'in', tied)
      .execute();
    const late = [l1!.id, l2!.id];
    await db.updateTable('cases').set({ first_response_due_at: at('2026-01-05T10:00:00.000001Z') }).where('id', 'in', late).execute();
    return { world, agent, client, opened, unassigned, waiting: [w1!.id, w2!.id], tied: tied.sort(), late, done: done!.id };
  }

  it('walked with after, a pool’s queue gives each open case once, in the order of one big page, with the counts of the whole queue', async () => {
    const q = await buildQueue();
    const whole = await q.client.get<Page>('/api/cases?view=pool&limit=200');
    expect(whole.status).toBe(200);
    const order = whole.body.items.map((c) => c.id);
    expect(whole.body).toMatchObject({ nextCursor: null, total: 10, unassigned: 1, late: 2 });
    expect(new Set(order)).toEqual(new Set([...q.opened.map((c) => c.id), q.unassigned.id].filter((id) => id !== q.done)));
    // Late first, the cases without a running deadline last; the tie on both instants goes by id.
    expect(order.slice(0, 2).sort()).toEqual([...q.late].sort());
    expect(order.slice(-2).sort()).toEqual([...q.waiting].sort());
    const t = order.indexOf(q.tied[0]!);
    expect(order.slice(t, t + 3)).toEqual(q.tied);
    expect(order.indexOf(q.tied[0]!)).toBe(order.length - 5);

    // 1 at a time crosses from the dated cases to the undated ones between two pages, 3 and 4 within one.
    for (const limit of [1, 3, 4]) {
      const pages = await walk(q.client, 'view=pool', limit);
      expect(ids(pages), `limit ${limit}`).toEqual(order);
      expect(pages.length).toBe(Math.ceil(order.length / limit));
      for (const page of pages) expect(page).toMatchObject({ total: 10, unassigned: 1, late: 2 });
    }
    // A case that moves after its page was read does not shift the next page: the cursor holds a place.
    const [first] = await walk(q.client, 'view=pool', 3);
    await (await testDb()).updateTable('cases').set({ first_response_due_at: at('2031-01-01T00:00:00Z'), resolution_due_at: at('2031-01-02T00:00:00Z') }).where('id', '=', order[2]!).execute();
    const next = await q.client.get<Page>(`/api/cases?view=pool&limit=3&after=${encodeURIComponent(first!.nextCursor!)}`);
    expect(next.body.items.map((c) => c.id)).toEqual(order.slice(3, 6));
  });

  it('the filters apply on every page; mine and the units’ view page the same way', async () => {
    const q = await buildQueue();
    const whole = (await q.client.get<Page>('/api/cases?view=pool&limit=200')).body.items;
    const expectFiltered = async (query: string, keep: (c: CaseListItem) => boolean) => {
      const pages = await walk(q.client, `view=pool&${query}`, 2);
      expect(ids(pages), query).toEqual(whole.filter(keep).map((c) => c.id));
      for (const page of pages) expect(page.total, query).toBe(whole.filter(keep).length);
    };
    await expectFiltered('priority=high,critical', (c) => c.priority === 'high' || c.priority === 'critical');
    await expectFiltered('assigned=none', (c) => c.assignee === null);
    await expectFiltered('breached=true', (c) => q.late.includes(c.id));
    await expectFiltered('type=billing', () => false);

    const mine = await walk(q.client, 'view=mine', 4);
    expect(ids(mine)).toEqual(whole.filter((c) => c.assignee?.id === q.agent.id).map((c) => c.id));
    expect(mine[0]).toMatchObject({ total: 9, unassigned: 0, late: 2 });
    const manager = await signedIn(q.world.manager.email);
    expect(ids(await walk(manager, 'view=unit', 3))).toEqual(whole.map((c) => c.id));
    expect(ids(await walk(manager, 'view=unit&includeDone=true', 5))).toEqual([...whole.map((c) => c.id), q.done]);
  });

  it('limit between 1 and 200 (default 50); a cursor it did not give is refused, naming after', async () => {
    const q = await buildQueue();
    for (const limit of ['0', '201', '2.5', 'many']) {
      const reply = await q.client.get(`/api/cases?view=pool&limit=${limit}`);
      expect(reply.status, limit).toBe(400);
      expect(reply.body, limit).toMatchObject({ field: 'limit' });
    }
    expect((await q.client.get<Page>('/api/cases?view=pool')).body.items).toHaveLength(10);
    expect(caseListQuery.parse({}).limit).toBe(50);
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const malformed = [
      'not-a-cursor!',
      cursor({ after: 3 }),
      cursor(['2026-01-05T10:00:00.000001Z', '2026-01-05T08:00:00.654321Z']),
      cursor(['2026-01-05 10:00', '2026-01-05T08:00:00.654321Z', randomUUID()]),
      cursor([null, '2026-01-05T08:00:00.654321Z', 'DROP TABLE cases']),
      'x'.repeat(301),
    ];
    for (const after of malformed) {
      const reply = await q.client.get(`/api/cases?view=pool&after=${encodeURIComponent(after)}`);
      expect(reply.status, after).toBe(400);
      expect(reply.body, after).toMatchObject({ field: 'after' });
    }
    // Even for a view that holds nothing, where the list is not read at all.
    const refused = await (await signedIn(q.world.reps[0]!.email)).get(`/api/cases?view=pool&after=${cursor({})}`);
    expect(refused.body).toMatchObject({ code: 'cursor.invalid', field: 'after' });
  });

  it('paging never reaches past the reader’s reach: another region’s cursor or view shows only their own cases', async () => {
    const q = await buildQueue();
    const mine = ids(await walk(q.client, 'view=pool', 200));
    const elsewhere = await buildCaseWorld(1);
    const account = await buildOwnedAccount(elsewhere, null);
    const theirs = await open(await signedIn(elsewhere.advisor.email), complaint(account.id, 'critical'));
    const stranger = await signedIn(elsewhere.agents[0]!.email);
    const manager = await signedIn(elsewhere.manager.email);

    // Every place of the first queue, handed to the other region's agent and manager.
    const cursors = (await walk(q.client, 'view=pool', 1)).map((p) => p.nextCursor).filter((c): c is string => c !== null);
    for (const after of cursors) {
      for (const [client, view] of [[stranger, 'pool'], [stranger, 'mine'], [manager, 'unit']] as const) {
        const reply = await client.get<Page>(`/api/cases?view=${view}&after=${encodeURIComponent(after)}`);
        expect(reply.status).toBe(200);
        expect(reply.body.items.filter((c) => mine.includes(c.id))).toEqual([]);
        expect(reply.body.total).toBe(1);
      }
    }
    expect(ids(await walk(manager, 'view=unit', 1))).toEqual([theirs.id]);
    expect(ids(await walk(stranger, 'view=pool', 1))).toEqual([theirs.id]);
  });
});
