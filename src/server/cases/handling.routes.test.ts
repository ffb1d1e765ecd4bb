// Handling a case after it is opened: taking and assigning it, transferring it (with ping-pong for
// managers), changing its priority, contacts logged on it, its own timeline, the customer-facing summary,
// and the unit held responsible with its contest and ruling. Real server, real database.
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testServer, type ApiClient, type Reply } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildAgency, buildPool, buildUser } from '../../../test/support/factories.ts';
import { buildOwnedAccount } from '../../../test/support/lead-factories.ts';
import { buildCaseWorld, caseEvents, complaint, notificationsOf, ok, open, stored, transition, type CaseWorld } from '../../../test/support/case-factories.ts';
import type { Case, CaseTimelineItem } from '../../contract/cases.ts';
import type { Interaction } from '../../contract/interactions.ts';

beforeAll(async () => {
  await testServer();
});

const post = (client: ApiClient, c: Pick<Case, 'id' | 'version'>, what: string, body: Record<string, unknown>): Promise<Reply<Case>> =>
  client.post<Case>(`/api/cases/${c.id}/${what}`, { version: c.version, ...body });

async function timeline(client: ApiClient, caseId: string): Promise<CaseTimelineItem[]> {
  const reply = await client.get<{ items: CaseTimelineItem[] }>(`/api/cases/${caseId}/timeline`);
  expect(reply.status).toBe(200);
  return reply.body.items;
}

/** A second agency in another region, with its own back-office pool and agent: where cases get transferred. */
async function otherBackOffice() {
  const agency = await buildAgency();
  const pool = await buildPool({ kind: 'back_office', scope: 'agency', unitId: agency.id });
  const agent = await buildUser({ homeAgencyId: agency.id, pools: [pool.id] });
  const manager = await buildUser({ roles: ['manager'], manages: [{ type: 'pool', id: pool.id }] });
  return { agency, poolId: pool.id, agent, manager };
}

async function openedIn(world: CaseWorld) {
  const account = await buildOwnedAccount(world, world.reps[0]!.id);
  const opened = await open(await signedIn(world.advisor.email), complaint(account.id));
  return { account, opened };
}

describe('POST /api/cases/:id/assign: taking and giving a case', () => {
  it('a member takes it; a manager gives it to someone available; refusals name the field', async () => {
    const world = await buildCaseWorld(2);
    const { account, opened } = await openedIn(world);
    const other = world.agents.find((a) => a.id !== opened.assignee!.id)!;
    const otherClient = await signedIn(other.email);
    expect((await otherClient.get<Case>(`/api/cases/${opened.id}`)).body.abilities.take).toBe(true);

    const taken = await ok(post(otherClient, opened, 'assign', { assigneeId: other.id }));
    expect(taken.assignee!.id).toBe(other.id);
    expect(taken.abilities.take).toBe(false);
    expect((await post(otherClient, taken, 'assign', { assigneeId: other.id })).body).toMatchObject({ code: 'case.already_assigned', field: 'assigneeId' });

    // A member gives it to a colleague: only managers do that.
    const refused = await post(otherClient, taken, 'assign', { assigneeId: opened.assignee!.id });
    expect(refused.status).toBe(403);
    // A rep of the agency reads the case but neither takes nor gives it.
    const rep = await signedIn(world.reps[0]!.email);
    expect((await post(rep, taken, 'assign', { assigneeId: world.reps[0]!.id })).status).toBe(403);

    const manager = await signedIn(world.poolManager.email);
    const stale = await post(manager, opened, 'assign', { assigneeId: opened.assignee!.id });
    expect(stale.status).toBe(409);
    const notMember = await post(manager, taken, 'assign', { assigneeId: world.reps[0]!.id });
    expect(notMember.status).toBe(422);
    expect(notMember.body).toMatchObject({ code: 'case.assignee_not_in_pool', field: 'assigneeId' });

    const db = await testDb();
    await db.updateTable('users').set({ absent_from: '2000-01-01', absent_until: '2999-12-31' }).where('id', '=', opened.assignee!.id).execute();
    const absent = await post(manager, taken, 'assign', { assigneeId: opened.assignee!.id });
    expect(absent.status).toBe(422);
    expect(absent.body).toMatchObject({ code: 'case.assignee_unavailable', field: 'assigneeId' });
    await db.updateTable('users').set({ absent_from: null, absent_until: null }).where('id', '=', opened.assignee!.id).execute();

    const given = await ok(post(manager, taken, 'assign', { assigneeId: opened.assignee!.id }));
    expect(given.assignee!.id).toBe(opened.assignee!.id);
    const events = (await caseEvents(account.id)).filter((e) => e.action === 'case.assigned');
    expect(events.map((e) => [e.actor_id, (e.payload as { taken: boolean }).taken])).toEqual([
      [other.id, true],
      [world.poolManager.id, false],
    ]);
    const told = (await notificationsOf(opened.assignee!.id)).filter((n) => n.kind === 'case.assigned');
    // Once at the opening (routing), once when the manager gave it back.
    expect(told).toHaveLength(2);
    expect(told[1]!.params).toMatchObject({ caseId: opened.id, actor: expect.any(String) });

    const resolved = await ok(transition(manager, await ok(transition(manager, given, 'start')), 'resolve', 'Avoir émis'));
    expect((await post(manager, resolved, 'assign', { assigneeId: other.id })).body).toMatchObject({ code: 'case.done' });
  });
});

describe('POST /api/cases/:id/transfer', () => {
  it('sends the case to another agency’s pool with its reason; the receiving agent reads the whole history and works it', async () => {
    const world = await buildCaseWorld(1);
    const { account, opened } = await openedIn(world);
    const target = await otherBackOffice();
    const agent = await signedIn(world.agents[0]!.email);

    const noReason = await post(agent, opened, 'transfer', { poolId: target.poolId, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'case.transfer_reason_required', field: 'reason' });
    const samePool = await post(agent, opened, 'transfer', { poolId: world.boPoolId, reason: 'Erreur' });
    expect(samePool.status).toBe(422);
    expect(samePool.body).toMatchObject({ code: 'case.transfer_same_pool', field: 'poolId' });
    const sales = await post(agent, opened, 'transfer', { poolId: world.salesPoolId, reason: 'Pour le commercial' });
    expect(sales.body).toMatchObject({ code: 'case.transfer_not_back_office', field: 'poolId' });
    const pools = await agent.get<{ items: Array<{ id: string }> }>(`/api/cases/${opened.id}/pools`);
    expect(pools.body.items.map((p) => p.id)).toContain(target.poolId);
    expect(pools.body.items.map((p) => p.id)).not.toContain(world.boPoolId);

    // Before the transfer the other region's agent cannot even see it.
    const receiver = await signedIn(target.agent.email);
    expect((await receiver.get(`/api/cases/${opened.id}`)).status).toBe(404);

    const reason = 'La livraison est partie de leur entrepôt';
    const moved = await ok(post(agent, opened, 'transfer', { poolId: target.poolId, reason }));
    expect(moved.pool.id).toBe(target.poolId);
    expect(moved.assignee!.id).toBe(target.agent.id);
    expect(moved.transfers).toEqual({ count: 1, pingPong: false });
    expect(moved.version).toBe(opened.version + 1);
    const told = (await notificationsOf(target.agent.id)).filter((n) => n.kind === 'case.transferred');
    expect(told.map((n) => n.params)).toEqual([expect.objectContaining({ caseId: opened.id, reason })]);

    const seen = await receiver.get<Case>(`/api/cases/${opened.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities.transitions).toEqual(['start']);
    const story = await timeline(receiver, opened.id);
    expect(story.map((i) => (i.kind === 'event' ? i.action : 'contact'))).toEqual(['case.opened', 'case.transferred']);
    expect(story[1]).toMatchObject({ kind: 'event', payload: { reason, fromPool: { id: world.boPoolId }, toPool: { id: target.poolId } } });
    await ok(transition(receiver, seen.body, 'start'));

    const events = await caseEvents(account.id);
    expect(events.map((e) => e.action)).toEqual(['case.opened', 'case.transferred', 'case.start']);
    const db = await testDb();
    const rows = await db.selectFrom('case_transfers').select(['from_pool_id', 'to_pool_id', 'reason', 'by_id']).where('case_id', '=', opened.id).execute();
    expect(rows).toEqual([{ from_pool_id: world.boPoolId, to_pool_id: target.poolId, reason, by_id: world.agents[0]!.id }]);
  });

  it('a case sent straight back (A → B → A) is flagged ping-pong for managers, and the unit view filters on it', async () => {
    const world = await buildCaseWorld(1);
    const { opened } = await openedIn(world);
    const target = await otherBackOffice();
    const there = await ok(post(await signedIn(world.agents[0]!.email), opened, 'transfer', { poolId: target.poolId, reason: 'Leur entrepôt' }));
    const back = await ok(post(await signedIn(target.agent.email), there, 'transfer', { poolId: world.boPoolId, reason: 'Pas chez nous' }));
    expect(back.transfers).toEqual({ count: 2, pingPong: true });
    expect(back.pool.id).toBe(world.boPoolId);
    // The pool that sent it back keeps following it, without working it any more.
    expect(back.abilities.transitions).toEqual([]);

    const manager = await signedIn(world.poolManager.email);
    const unit = await manager.get<{ items: Case[] }>('/api/cases?view=unit&pingPong=true');
    expect(unit.status).toBe(200);
    expect(unit.body.items.map((c) => c.id)).toEqual([opened.id]);
    const { opened: calm } = await openedIn(world);
    const all = await manager.get<{ items: Case[] }>('/api/cases?view=unit');
    expect(all.body.items.map((c) => c.id).sort()).toEqual([opened.id, calm.id].sort());
    // Someone who manages nothing has no unit view.
    expect((await (await signedIn(world.agents[0]!.email)).get<{ items: Case[] }>('/api/cases?view=unit')).body.items).toEqual([]);
  });
});

describe('queue filters', () => {
  it('filters the pool view by priority, type, status and assignment', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, null);
    const advisor = await signedIn(world.advisor.email);
    const critical = await open(advisor, complaint(account.id, 'critical'));
    const billing = await open(advisor, { ...complaint(account.id, 'low'), type: 'billing' });
    const agent = await signedIn(world.agents[0]!.email);
    await ok(transition(agent, billing, 'start'));
    const ids = async (query: string) => (await agent.get<{ items: Case[] }>(`/api/cases?view=pool&${query}`)).body.items.map((c) => c.id);
    expect(await ids('priority=critical,high')).toEqual([critical.id]);
    expect(await ids('type=billing')).toEqual([billing.id]);
    expect(await ids('status=in_progress')).toEqual([billing.id]);
    expect(await ids('assigned=me')).toHaveLength(2);
    expect(await ids('assigned=none')).toEqual([]);
    // Most urgent first: the critical one's first response is due well before the low one's.
    expect(await ids('')).toEqual([critical.id, billing.id]);
    const bad = await agent.get('/api/cases?view=pool&priority=urgent');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: expect.stringContaining('priority') });
  });
});

describe('POST /api/cases/:id/priority', () => {
  it('an upgrade brings the deadlines forward, never later, and is traced with its reason; refusals are clear', async () => {
    const world = await buildCaseWorld(1);
    const { account, opened } = await openedIn(world);
    const agent = await signedIn(world.agents[0]!.email);
    const missing = await post(agent, opened, 'priority', { priority: 'critical' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ field: 'reason' });
    const same = await post(agent, opened, 'priority', { priority: 'normal', reason: 'Rien' });
    expect(same.status).toBe(422);
    expect(same.body).toMatchObject({ code: 'case.priority_unchanged', field: 'priority' });

    const up = await ok(post(agent, opened, 'priority', { priority: 'critical', reason: 'Client bloqué, ligne coupée' }));
    expect(up.priority).toBe('critical');
    expect(Date.parse(up.sla.firstResponseDueAt!)).toBeLessThan(Date.parse(opened.sla.firstResponseDueAt!));
    expect(Date.parse(up.sla.resolutionDueAt!)).toBeLessThan(Date.parse(opened.sla.resolutionDueAt!));
    expect(up.sla.budgets.resolutionMinutes).toBeLessThan(opened.sla.budgets.resolutionMinutes);
    const row = await stored(opened.id);
    expect(row.resolution_due_at!.toISOString()).toBe(up.sla.resolutionDueAt);

    const down = await ok(post(agent, up, 'priority', { priority: 'low', reason: 'Solution de contournement en place' }));
    expect(Date.parse(down.sla.resolutionDueAt!)).toBeGreaterThan(Date.parse(up.sla.resolutionDueAt!));

    const changes = (await caseEvents(account.id)).filter((e) => e.action === 'case.priority_changed').map((e) => e.payload as Record<string, unknown>);
    expect(changes).toEqual([
      expect.objectContaining({ priority: { from: 'normal', to: 'critical' }, direction: 'upgrade', reason: 'Client bloqué, ligne coupée' }),
      expect.objectContaining({ priority: { from: 'critical', to: 'low' }, direction: 'downgrade' }),
    ]);
    expect((changes[0]!.resolutionDueAt as { after: string }).after).toBe(up.sla.resolutionDueAt);

    const rep = await signedIn(world.reps[0]!.email);
    expect((await post(rep, down, 'priority', { priority: 'high', reason: 'Je pense' })).status).toBe(403);
  });
});

describe('contacts, timeline and the customer summary', () => {
  it('a contact logged on the case shows on its timeline and on the account’s; what the advisor reads out follows the status', async () => {
    const world = await buildCaseWorld(1);
    const { account, opened } = await openedIn(world);
    expect(opened.customerSummary.fr).toContain(opened.reference);
    expect(opened.customerSummary.fr).toContain('revient vers vous au plus tard le');
    expect(opened.customerSummary.en).toContain('will get back to you by');
    expect(opened.customerSummary.fr).not.toContain(opened.pool.name);

    const agent = await signedIn(world.agents[0]!.email);
    const logged = await agent.post<Interaction>(`/api/cases/${opened.id}/interactions`, {
      channel: 'phone_out',
      subject: 'Rappel du client',
      notes: 'Demande la copie de la facture',
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ caseId: opened.id, accountId: account.id, subject: 'Rappel du client' });
    const bad = await agent.post(`/api/cases/${opened.id}/interactions`, { channel: 'pigeon', subject: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'channel' });
    // The advisor who takes the customer's next call logs it on the case too; someone out of reach cannot.
    const call = await (await signedIn(world.advisor.email)).post<Interaction>(`/api/cases/${opened.id}/interactions`, { channel: 'phone_in', subject: 'Le client demande où en est son dossier' });
    expect(call.status).toBe(201);
    const stranger = await signedIn((await buildCaseWorld(1)).agents[0]!.email);
    expect((await stranger.post(`/api/cases/${opened.id}/interactions`, { channel: 'phone_out', subject: 'x' })).status).toBe(404);

    const waiting = await ok(transition(agent, await ok(transition(agent, opened, 'start')), 'wait_customer'));
    expect(waiting.customerSummary.fr).toContain('attend un élément de votre part');
    const story = await timeline(agent, opened.id);
    expect(story.map((i) => (i.kind === 'event' ? i.action : `contact:${i.interaction.subject}`))).toEqual([
      'case.opened',
      'contact:Rappel du client',
      'contact:Le client demande où en est son dossier',
      'case.start',
      'case.wait_customer',
    ]);
    const accountTimeline = await agent.get<{ items: Array<{ kind: string; interaction?: Interaction }> }>(`/api/accounts/${account.id}/timeline`);
    expect(accountTimeline.body.items.find((i) => i.interaction?.id === logged.body.id)?.interaction?.caseId).toBe(opened.id);

    const resolved = await ok(transition(agent, await ok(transition(agent, waiting, 'resume')), 'resolve', 'Facture corrigée et avoir envoyé'));
    expect(resolved.customerSummary.fr).toContain('a été résolu');
    expect(resolved.customerSummary.fr).toContain('Facture corrigée et avoir envoyé');
    expect(resolved.customerSummary.fr).toContain('rouvrir jusqu’au');
  });
});

describe('the unit held responsible: record, contest, ruling', () => {
  it('a handler holds another agency responsible; its manager contests; the lowest common manager rules; everything traced', async () => {
    const world = await buildCaseWorld(1);
    const { account, opened } = await openedIn(world);
    // Agency B of the same region is held responsible; its manager contests; the region's director arbitrates.
    const agencyB = await buildAgency({ regionId: world.regionId });
    const agencyC = await buildAgency({ regionId: world.regionId });
    const managerB = await buildUser({ roles: ['manager'], manages: [{ type: 'agency', id: agencyB.id }] });
    const director = await buildUser({ roles: ['director'], manages: [{ type: 'region', id: world.regionId }] });
    const agent = await signedIn(world.agents[0]!.email);

    const unknown = await post(agent, opened, 'responsibility', { unitType: 'agency', unitId: world.admin.id, note: 'Erreur de colisage' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'case.unit_unknown', field: 'unitId' });
    const noNote = await post(agent, opened, 'responsibility', { unitType: 'agency', unitId: agencyB.id, note: '' });
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ field: 'note' });

    const held = await ok(post(agent, opened, 'responsibility', { unitType: 'agency', unitId: agencyB.id, note: 'Colis mal étiqueté au départ de l’agence' }));
    expect(held.responsibility).toMatchObject({ unit: { type: 'agency', id: agencyB.id }, note: 'Colis mal étiqueté au départ de l’agence', setBy: { id: world.agents[0]!.id }, disputes: [] });
    expect((await notificationsOf(managerB.id)).map((n) => n.kind)).toEqual(['case.responsibility_set']);

    // The agent who recorded it may not contest; agency B's manager may, and reads the case for that.
    const refused = await agent.post(`/api/cases/${opened.id}/responsibility/contest`, { justification: 'Nous ne sommes pas responsables du tout' });
    expect(refused.status).toBe(403);
    const b = await signedIn(managerB.email);
    const seenByB = await b.get<Case>(`/api/cases/${opened.id}`);
    expect(seenByB.status).toBe(200);
    expect(seenByB.body.abilities.contestResponsibility).toBe(true);
    const short = await b.post(`/api/cases/${opened.id}/responsibility/contest`, { justification: 'Non' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ field: 'justification' });
    const contested = await b.post<Case>(`/api/cases/${opened.id}/responsibility/contest`, { justification: 'L’étiquette a été refaite par le transporteur, pas par nous' });
    expect(contested.status).toBe(201);
    const dispute = contested.body.responsibility!.disputes[0]!;
    expect(dispute).toMatchObject({ status: 'open', contestedBy: { id: managerB.id }, arbiter: { id: director.id }, level: 'region', canDecide: false });
    expect((await b.post(`/api/cases/${opened.id}/responsibility/contest`, { justification: 'Encore une fois, ce n’est pas nous' })).status).toBe(409);
    const whileDisputed = await post(agent, contested.body, 'responsibility', { unitType: 'agency', unitId: agencyC.id, note: 'Finalement C' });
    expect(whileDisputed.status).toBe(409);
    expect(whileDisputed.body).toMatchObject({ code: 'case.responsibility_disputed' });
    expect((await notificationsOf(director.id)).map((n) => n.kind)).toEqual(['case.responsibility_contested']);

    // Only the arbiter rules; a move needs the other unit; a ruling is final.
    expect((await b.post(`/api/case-responsibility-disputes/${dispute.id}/decide`, { outcome: 'upheld', justification: 'Je me donne raison' })).status).toBe(403);
    const arbiter = await signedIn(director.email);
    expect((await arbiter.get<Case>(`/api/cases/${opened.id}`)).body.responsibility!.disputes[0]!.canDecide).toBe(true);
    const noUnit = await arbiter.post(`/api/case-responsibility-disputes/${dispute.id}/decide`, { outcome: 'moved', justification: 'Le transporteur dépend de C' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body).toMatchObject({ field: 'unitId' });
    const ruled = await arbiter.post<Case>(`/api/case-responsibility-disputes/${dispute.id}/decide`, {
      outcome: 'moved',
      unitType: 'agency',
      unitId: agencyC.id,
      justification: 'Le transporteur est sous contrat avec l’agence C',
    });
    expect(ruled.status).toBe(200);
    expect(ruled.body.responsibility).toMatchObject({
      unit: { type: 'agency', id: agencyC.id },
      setBy: { id: director.id },
      disputes: [{ status: 'decided', outcome: 'moved', decidedUnit: { id: agencyC.id }, decision: 'Le transporteur est sous contrat avec l’agence C', canDecide: false }],
    });
    expect((await arbiter.post(`/api/case-responsibility-disputes/${dispute.id}/decide`, { outcome: 'upheld', justification: 'Je change d’avis' })).status).toBe(409);
    expect((await notificationsOf(managerB.id)).map((n) => n.kind)).toContain('case.responsibility_decided');
    expect((await notificationsOf(world.agents[0]!.id)).map((n) => n.kind)).toContain('case.responsibility_decided');

    const events = (await caseEvents(account.id)).map((e) => e.action).filter((a) => a.startsWith('case.responsibility'));
    expect(events).toEqual(['case.responsibility_set', 'case.responsibility_contested', 'case.responsibility_decided']);
    const db = await testDb();
    const rows = await db.selectFrom('case_responsibility_disputes').select(['outcome', 'decided_by', 'arbiter_id']).where('case_id', '=', opened.id).execute();
    expect(rows).toEqual([{ outcome: 'moved', decided_by: director.id, arbiter_id: director.id }]);
  });
});
