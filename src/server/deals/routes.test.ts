import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, ApiClient, signedIn, testServer, type Reply } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildAccount, buildAgency, buildPool, buildRep, buildUser, unique, type BuiltUser } from '../../../test/support/factories.ts';
import { buildLeadWorld, buildOwnedAccount, buildProduct, parisDate, type LeadWorld } from '../../../test/support/lead-factories.ts';
import type { CreateDealBody, Deal, DealFigure, DealSummary } from '../../contract/deals.ts';
import type { DealCredits, SalesRule } from '../../contract/credit.ts';
import type { Lead } from '../../contract/leads.ts';
import { parisTime } from '../calendar/rules.ts';
import { eligibilityText } from '../catalog/rules.ts';
import { DEFAULT_STAGE_PROBABILITY } from './rules.ts';

beforeAll(async () => {
  await testServer();
});

type List = { items: DealSummary[]; nextCursor: null };
type History = { items: Array<{ action: string; actorName: string | null; recordedAt: string; payload: Record<string, unknown> }> };
type Rules = { inForce: SalesRule[]; history: SalesRule[] };

async function accountEvents(accountId: string) {
  const db = await testDb();
  return db
    .selectFrom('trace_events')
    .select(['seq', 'action', 'actor_id', 'payload'])
    .where('stream', '=', `account:${accountId}`)
    .orderBy('seq')
    .execute();
}

/** The account's trace events about one deal, oldest first. */
async function dealEvents(accountId: string, dealId: string) {
  return (await accountEvents(accountId)).filter((e) => (e.payload as { dealId?: string }).dealId === dealId);
}

async function creditRows(dealId: string) {
  const db = await testDb();
  return db.selectFrom('credit_entries').selectAll().where('deal_id', '=', dealId).execute();
}

/** A product of a family of its own: sales rules are per product and family, so no other test touches them. */
const freshProduct = (complexity: 'basic' | 'complex') => buildProduct({ complexity, family: unique('Famille') });

async function openDeal(client: ApiClient, body: CreateDealBody): Promise<Deal> {
  const reply = await client.post<Deal>('/api/deals', body);
  if (reply.status !== 201) throw new Error(`opening a deal failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function readDeal(client: ApiClient, id: string): Promise<Deal> {
  const reply = await client.get<Deal>(`/api/deals/${id}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Moves a deal from the version just read. */
async function move(client: ApiClient, deal: Pick<Deal, 'id' | 'version'>, stage: string, extra: Record<string, unknown> = {}): Promise<Reply<Deal>> {
  return client.post<Deal>(`/api/deals/${deal.id}/stage`, { version: deal.version, stage, ...extra });
}

async function readOnlyToken(client: ApiClient): Promise<ApiClient> {
  const token = await client.post<{ token: string }>('/api/tokens', { name: 'Lecture seule', scopes: ['read'] });
  expect(token.status).toBe(201);
  const bearer = new ApiClient(client.baseUrl);
  bearer.bearer = token.body.token;
  return bearer;
}

async function listIds(client: ApiClient, query: string): Promise<string[]> {
  const reply = await client.get<List>(`/api/deals?${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items.map((d) => d.id);
}

/** A director of the world's region. */
const buildDirector = (world: LeadWorld) => buildUser({ roles: ['director'], manages: [{ type: 'region', id: world.regionId }] });

describe('POST /api/deals: the gates', () => {
  it('401 without a session; 400 naming the field; 404 out of reach; 403 for a non-selling pool, a read-only token, someone else as owner; 422 unknown product; nothing written', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const body: CreateDealBody = { accountId: account.id, title: 'Équipement fibre', lines: [{ productId: world.product.id, quantity: 1 }] };

    expect((await (await anonymous()).post('/api/deals', body)).status).toBe(401);

    const rep = await signedIn(world.reps[0]!.email);
    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ ...body, lines: [] }, 'lines'],
      [{ ...body, title: undefined }, 'title'],
      [{ ...body, title: ' x ' }, 'title'],
      [{ ...body, accountId: 'not-a-uuid' }, 'accountId'],
      [{ ...body, lines: [{ productId: world.product.id, quantity: 0 }] }, 'lines.0.quantity'],
      [{ ...body, lines: [{ productId: world.product.id, quantity: 1, discountPct: 12.345 }] }, 'lines.0.discountPct'],
      [{ ...body, lines: [{ productId: world.product.id, quantity: 1, unitPriceCents: -1 }] }, 'lines.0.unitPriceCents'],
      [{ ...body, expectedClose: '31/12/2026' }, 'expectedClose'],
    ];
    for (const [bad, field] of invalid) {
      const reply = await rep.post('/api/deals', bad);
      expect(reply.status, field).toBe(400);
      expect(reply.body).toMatchObject({ field });
    }

    // Another region's account, or none: not found, naming the account.
    const foreign = await buildAccount({ agencyId: (await buildAgency()).id });
    const outOfReach = await rep.post('/api/deals', { ...body, accountId: foreign.id });
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toMatchObject({ code: 'account.not_found', field: 'accountId' });
    expect((await rep.post('/api/deals', { ...body, accountId: randomUUID() })).status).toBe(404);
    // An inbound advisor of another region does not see the account either.
    const elsewhere = await buildLeadWorld({ reps: 0 });
    expect((await (await signedIn(elsewhere.advisor.email)).post('/api/deals', body)).status).toBe(404);

    // The back office reads the region's accounts but does not sell.
    const backOffice = await buildUser({ pools: [(await buildPool({ kind: 'back_office', scope: 'region', unitId: world.regionId })).id] });
    const notSelling = await (await signedIn(backOffice.email)).post('/api/deals', body);
    expect(notSelling.status).toBe(403);
    expect(notSelling.body).toMatchObject({ code: 'forbidden' });
    // A read-only token acts as the rep but cannot write.
    const bearer = await readOnlyToken(rep);
    expect((await bearer.get(`/api/accounts/${account.id}`)).status).toBe(200);
    const readOnly = await bearer.post('/api/deals', body);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body).toMatchObject({ code: 'forbidden' });
    // A rep may not open a deal in a colleague's name.
    const forOther = await rep.post('/api/deals', { ...body, ownerId: world.reps[1]!.id });
    expect(forOther.status).toBe(403);

    const unknown = await rep.post('/api/deals', { ...body, lines: [{ productId: world.product.id, quantity: 1 }, { productId: randomUUID(), quantity: 1 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'product.unknown', field: 'lines.1.productId' });
    const noLead = await rep.post('/api/deals', { ...body, leadId: randomUUID() });
    expect(noLead.status).toBe(422);
    expect(noLead.body).toMatchObject({ code: 'deal.lead_not_on_account', field: 'leadId' });
    const retired = await buildProduct({ active: false });
    const inactive = await rep.post('/api/deals', { ...body, lines: [{ productId: retired.id, quantity: 1 }] });
    expect(inactive.status).toBe(422);
    expect(inactive.body).toMatchObject({ code: 'product.inactive', field: 'lines.0.productId' });

    expect((await accountEvents(account.id)).map((e) => e.action)).toEqual(['account.created']);
    const db = await testDb();
    expect(await db.selectFrom('deals').select('id').where('account_id', '=', account.id).execute()).toEqual([]);
  });
});

describe('opening a deal', () => {
  it('prices each line (quantity × price − discount, rounded; the list price when none is given), sums them, starts at qualification 10 %, traced', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const rep = world.reps[0]!;
    const account = await buildOwnedAccount(world, rep.id);
    const [p1, p2, p3] = [world.product, await buildProduct(), await buildProduct()];
    const client = await signedIn(rep.email);

    const deal = await openDeal(client, {
      accountId: account.id,
      title: '  Renouvellement du parc  ',
      expectedClose: '2030-06-30',
      lines: [
        { productId: p1.id, quantity: 3, unitPriceCents: 9_999, discountPct: 12.5 },
        { productId: p2.id, quantity: 2 },
        { productId: p3.id, quantity: 1, unitPriceCents: 1_001, discountPct: 50 },
      ],
    });
    // 3 × 99,99 € less 12,5 % = 262,47375 € → 262,47 €; 2 × 120 € list price; 10,01 € less half = 5,005 € → 5,01 €.
    expect(deal.lines.map((l) => [l.productId, l.quantity, l.unitPriceCents, l.discountPct, l.amountCents])).toEqual([
      [p1.id, 3, 9_999, 12.5, 26_247],
      [p2.id, 2, 12_000, 0, 24_000],
      [p3.id, 1, 1_001, 50, 501],
    ]);
    expect(deal).toMatchObject({
      title: 'Renouvellement du parc',
      accountId: account.id,
      ownerId: rep.id,
      ownerName: rep.principal.name,
      createdById: rep.id,
      agencyId: world.agencyId,
      leadId: null,
      stage: 'qualification',
      probability: DEFAULT_STAGE_PROBABILITY.qualification,
      amountCents: 26_247 + 24_000 + 501,
      currency: 'EUR',
      expectedClose: '2030-06-30',
      closedAt: null,
      version: 1,
      abilities: { update: true, move: true, reassign: false },
    });
    expect(deal.openedOn).toBe(parisTime(new Date(deal.createdAt)).date);
    expect(await readDeal(client, deal.id)).toEqual(deal);

    const events = await accountEvents(account.id);
    expect(events.map((e) => e.action)).toEqual(['account.created', 'deal.created']);
    expect(events[1]!.actor_id).toBe(rep.id);
    expect(events[1]!.payload).toMatchObject({ dealId: deal.id, ownerId: rep.id, stage: 'qualification', amountCents: 50_748, leadId: null });

    // A manager may open one in a rep's name.
    const manager = await signedIn(world.manager.email);
    const assigned = await openDeal(manager, { accountId: account.id, title: 'Pour le commercial', ownerId: rep.id, lines: [{ productId: p2.id, quantity: 1 }] });
    expect(assigned).toMatchObject({ ownerId: rep.id, createdById: world.manager.id, amountCents: 12_000 });
  });

  it('a converted lead becomes a deal linked to it', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const relayed = await advisor.post<Lead>('/api/leads', { accountId: account.id, productId: world.product.id, need: 'Trois lignes mobiles', source: 'phone_in' });
    expect(relayed.status).toBe(201);
    const rep = await signedIn(world.reps[0]!.email);
    const converted = await rep.post<Lead>(`/api/leads/${relayed.body.id}/convert`, { version: relayed.body.version });
    expect(converted.status).toBe(200);
    const deal = await readDeal(rep, converted.body.dealId!);
    expect(deal).toMatchObject({ leadId: relayed.body.id, ownerId: world.reps[0]!.id, title: world.product.name, stage: 'qualification' });
    expect(deal.lines.map((l) => [l.productId, l.quantity])).toEqual([[world.product.id, 1]]);
  });
});

describe('changing a deal', () => {
  it('refuses a stale version (409, nothing changed), replaces the lines, lets only a manager of the unit reassign it', async () => {
    const world = await buildLeadWorld({ reps: 3 });
    const [owner, colleague, next] = world.reps as [BuiltUser, BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, owner.id);
    const client = await signedIn(owner.email);
    const other = await buildProduct();
    const deal = await openDeal(client, { accountId: account.id, title: 'Fibre trois sites', lines: [{ productId: world.product.id, quantity: 1 }] });

    const stale = await client.patch(`/api/deals/${deal.id}`, { version: deal.version + 1, title: 'Changé trop tard' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'deal.version_conflict', field: 'version', details: { currentVersion: deal.version } });
    expect(await readDeal(client, deal.id)).toEqual(deal);
    expect((await dealEvents(account.id, deal.id)).map((e) => e.action)).toEqual(['deal.created']);

    const replaced = await client.patch<Deal>(`/api/deals/${deal.id}`, {
      version: deal.version,
      title: 'Fibre et mobiles',
      lines: [
        { productId: other.id, quantity: 5, discountPct: 10 },
        { productId: world.product.id, quantity: 1, unitPriceCents: 333 },
      ],
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ title: 'Fibre et mobiles', amountCents: 54_000 + 333, version: deal.version + 1 });
    expect(replaced.body.lines.map((l) => [l.productId, l.quantity, l.amountCents])).toEqual([
      [other.id, 5, 54_000],
      [world.product.id, 1, 333],
    ]);
    const db = await testDb();
    expect(await db.selectFrom('deal_lines').select('id').where('deal_id', '=', deal.id).execute()).toHaveLength(2);
    const updated = (await dealEvents(account.id, deal.id)).at(-1)!;
    expect(updated).toMatchObject({ action: 'deal.updated', actor_id: owner.id, payload: { changes: { title: 'Fibre et mobiles', amountCents: 54_333 } } });

    // The owner works the deal but does not give it away; a colleague cannot touch it.
    const byRep = await client.patch(`/api/deals/${deal.id}`, { version: replaced.body.version, ownerId: next.id });
    expect(byRep.status).toBe(403);
    expect(byRep.body).toMatchObject({ code: 'forbidden' });
    const byColleague = await (await signedIn(colleague.email)).patch(`/api/deals/${deal.id}`, { version: replaced.body.version, title: 'Pris par un collègue' });
    expect(byColleague.status).toBe(403);
    expect(await readDeal(client, deal.id)).toMatchObject({ ownerId: owner.id, title: 'Fibre et mobiles', version: replaced.body.version });

    const manager = await signedIn(world.manager.email);
    expect((await readDeal(manager, deal.id)).abilities).toEqual({ update: true, move: true, reassign: true });
    const unknownOwner = await manager.patch(`/api/deals/${deal.id}`, { version: replaced.body.version, ownerId: randomUUID() });
    expect(unknownOwner.status).toBe(422);
    expect(unknownOwner.body).toMatchObject({ code: 'user.unknown', field: 'ownerId' });
    const reassigned = await manager.patch<Deal>(`/api/deals/${deal.id}`, { version: replaced.body.version, ownerId: next.id });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ ownerId: next.id, ownerName: next.principal.name });
    expect((await dealEvents(account.id, deal.id)).at(-1)).toMatchObject({ action: 'deal.updated', actor_id: world.manager.id, payload: { changes: { ownerId: next.id } } });
    // The former owner now reads it without being able to change it.
    expect((await readDeal(client, deal.id)).abilities).toEqual({ update: false, move: false, reassign: false });
    // A manager of another agency cannot reach it.
    const otherManager = await signedIn((await buildLeadWorld({ reps: 0 })).manager.email);
    expect((await otherManager.patch(`/api/deals/${deal.id}`, { version: reassigned.body.version, ownerId: owner.id })).status).toBe(404);
  });
});

describe('listing deals', () => {
  it('mine: what I own; unit: the deals of the units I manage; account: one account’s, for those who read it', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [a, b] = world.reps as [BuiltUser, BuiltUser];
    const accountA = await buildOwnedAccount(world, a.id);
    const accountB = await buildOwnedAccount(world, b.id);
    const clientA = await signedIn(a.email);
    const clientB = await signedIn(b.email);
    const dealA = await openDeal(clientA, { accountId: accountA.id, title: 'Affaire de A', lines: [{ productId: world.product.id, quantity: 1 }] });
    const dealB = await openDeal(clientB, { accountId: accountB.id, title: 'Affaire de B', lines: [{ productId: world.product.id, quantity: 2 }] });

    const mineA = await clientA.get<List>('/api/deals?view=mine');
    expect(mineA.status).toBe(200);
    expect(mineA.body.items.map((d) => d.id)).toEqual([dealA.id]);
    expect(mineA.body.items[0]).toMatchObject({ title: 'Affaire de A', accountName: expect.any(String), ownerId: a.id, amountCents: 12_000, stage: 'qualification', probability: 10 });
    expect(await listIds(clientB, 'view=mine')).toEqual([dealB.id]);

    const manager = await signedIn(world.manager.email);
    const unit = await listIds(manager, 'view=unit');
    expect(unit).toEqual(expect.arrayContaining([dealA.id, dealB.id]));
    expect(await listIds(manager, `view=unit&unitId=${world.agencyId}`)).toEqual(expect.arrayContaining([dealA.id, dealB.id]));
    expect(await listIds(manager, 'view=unit&stage=won')).not.toContain(dealA.id);
    const director = await signedIn((await buildDirector(world)).email);
    expect(await listIds(director, 'view=unit')).toEqual(expect.arrayContaining([dealA.id, dealB.id]));
    // A rep manages nothing; another region's manager does not see them.
    expect(await listIds(clientA, 'view=unit')).toEqual([]);
    const otherManager = await signedIn((await buildLeadWorld({ reps: 0 })).manager.email);
    const theirs = await listIds(otherManager, 'view=unit');
    expect(theirs).not.toContain(dealA.id);
    expect(theirs).not.toContain(dealB.id);

    expect(await listIds(clientB, `view=account&accountId=${accountA.id}`)).toEqual([dealA.id]);
    const stranger = await signedIn((await buildRep()).email);
    expect((await stranger.get(`/api/deals?view=account&accountId=${accountA.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/deals/${dealA.id}`)).status).toBe(404);
    const noAccount = await clientA.get('/api/deals?view=account');
    expect(noAccount.status).toBe(400);
    expect(noAccount.body).toMatchObject({ field: 'accountId' });
    const badView = await clientA.get('/api/deals?view=everything');
    expect(badView.status).toBe(400);
    expect(badView.body).toMatchObject({ field: 'view' });
    expect((await (await anonymous()).get('/api/deals?view=mine')).status).toBe(401);
  });
});

describe('moving a deal through its stages', () => {
  it('traces every move; lost needs a reason; a lost deal is reopened before it is won; a won deal is final; the history lists it all, newest first', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const rep = world.reps[0]!;
    const account = await buildOwnedAccount(world, rep.id);
    const client = await signedIn(rep.email);
    let deal = await openDeal(client, { accountId: account.id, title: 'Standard téléphonique', lines: [{ productId: world.product.id, quantity: 2 }] });

    const step = async (stage: string, extra: Record<string, unknown> = {}) => {
      const reply = await move(client, deal, stage, extra);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      deal = reply.body;
      return deal;
    };
    expect(await step('proposal')).toMatchObject({ stage: 'proposal', probability: 30, version: 2, closedAt: null });
    expect(await step('negotiation')).toMatchObject({ stage: 'negotiation', probability: 60 });

    const stale = await move(client, { id: deal.id, version: deal.version - 1 }, 'proposal');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'deal.version_conflict' });
    const same = await move(client, deal, 'negotiation');
    expect(same.status).toBe(422);
    expect(same.body).toMatchObject({ code: 'deal.same_stage', field: 'stage' });
    const noReason = await move(client, deal, 'lost');
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ field: 'lossReason' });
    const badStage = await move(client, deal, 'signed');
    expect(badStage.status).toBe(400);
    expect(badStage.body).toMatchObject({ field: 'stage' });
    expect(await readDeal(client, deal.id)).toMatchObject({ stage: 'negotiation', version: deal.version });

    const lost = await step('lost', { lossReason: 'competitor', lossNote: 'Moins cher chez le concurrent' });
    expect(lost).toMatchObject({ stage: 'lost', probability: 0, lossReason: 'competitor', lossNote: 'Moins cher chez le concurrent' });
    expect(lost.closedAt).not.toBeNull();
    expect(lost.closedOn).toBe(parisTime(new Date(lost.closedAt!)).date);
    expect(lost.abilities).toEqual({ update: false, move: true, reassign: false });

    const wonFromLost = await move(client, deal, 'won');
    expect(wonFromLost.status).toBe(422);
    expect(wonFromLost.body).toMatchObject({ code: 'deal.reopen_first', field: 'stage', details: { from: 'lost', to: 'won' } });
    const reopened = await step('qualification');
    expect(reopened).toMatchObject({ stage: 'qualification', probability: 10, closedAt: null, closedOn: null, lossReason: null, lossNote: null });

    const won = await step('won');
    expect(won).toMatchObject({ stage: 'won', probability: 100, abilities: { update: false, reassign: false } });
    expect(won.closedAt).not.toBeNull();
    for (const stage of ['qualification', 'lost', 'negotiation']) {
      const after = await move(client, deal, stage, { lossReason: 'other' });
      expect(after.status).toBe(422);
      expect(after.body).toMatchObject({ code: 'deal.already_won' });
    }
    const edit = await client.patch(`/api/deals/${deal.id}`, { version: deal.version, title: 'Trop tard' });
    expect(edit.status).toBe(422);
    expect(edit.body).toMatchObject({ code: 'deal.closed' });

    const events = await dealEvents(account.id, deal.id);
    expect(events.map((e) => [e.action, (e.payload as { from?: string }).from ?? null, (e.payload as { to?: string }).to ?? null])).toEqual([
      ['deal.created', null, null],
      ['deal.stage_changed', 'qualification', 'proposal'],
      ['deal.stage_changed', 'proposal', 'negotiation'],
      ['deal.lost', 'negotiation', 'lost'],
      ['deal.stage_changed', 'lost', 'qualification'],
      ['deal.won', 'qualification', 'won'],
      ['credit.recorded', null, null],
    ]);
    expect(events[3]!.payload).toMatchObject({ lossReason: 'competitor', lossNote: 'Moins cher chez le concurrent' });
    expect(events.every((e) => e.actor_id === rep.id)).toBe(true);

    const history = await client.get<History>(`/api/deals/${deal.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((i) => i.action)).toEqual([...events].reverse().map((e) => e.action));
    expect(history.body.items.every((i) => i.actorName === rep.principal.name)).toBe(true);
    for (let i = 1; i < history.body.items.length; i++) {
      expect(Date.parse(history.body.items[i - 1]!.recordedAt)).toBeGreaterThanOrEqual(Date.parse(history.body.items[i]!.recordedAt));
    }
    const stranger = await signedIn((await buildRep()).email);
    expect((await stranger.get(`/api/deals/${deal.id}/history`)).status).toBe(404);
  });
});

describe('channel eligibility on closing', () => {
  it('refuses an inbound advisor’s win of a complex product (422 naming the rule, offering the relay), leaving the deal and the ledger untouched; a basic product they may win', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const complex = await freshProduct('complex');
    const basic = await freshProduct('basic');
    const advisor = await signedIn(world.advisor.email);

    const deal = await openDeal(advisor, { accountId: account.id, title: 'Réseau privé', lines: [{ productId: complex.id, quantity: 1 }] });
    const negotiating = (await move(advisor, deal, 'negotiation')).body;
    const refused = await move(advisor, negotiating, 'won');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'deal.not_eligible',
      field: 'stage',
      details: { productId: complex.id, productName: complex.name, ruleVersion: 0, allowedPoolKinds: ['sales'], sellerPoolKinds: ['inbound'], suggestion: 'relay_lead' },
    });
    expect((refused.body as unknown as { message: string }).message).toContain(complex.name);
    expect(await readDeal(advisor, deal.id)).toMatchObject({ stage: 'negotiation', version: negotiating.version, closedAt: null });
    expect(await creditRows(deal.id)).toEqual([]);
    expect((await advisor.get<DealCredits>(`/api/deals/${deal.id}/credits`)).body).toEqual({ lines: [] });
    expect((await dealEvents(account.id, deal.id)).map((e) => e.action)).toEqual(['deal.created', 'deal.stage_changed']);

    // One complex line in a mixed deal is enough to refuse it.
    const mixed = await openDeal(advisor, { accountId: account.id, title: 'Mixte', lines: [{ productId: basic.id, quantity: 1 }, { productId: complex.id, quantity: 1 }] });
    expect((await move(advisor, mixed, 'won')).body).toMatchObject({ code: 'deal.not_eligible', details: { productId: complex.id } });

    const simple = await openDeal(advisor, { accountId: account.id, title: 'Forfait mobile', lines: [{ productId: basic.id, quantity: 3 }] });
    const won = await move(advisor, simple, 'won');
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body.stage).toBe('won');
    const credits = await creditRows(simple.id);
    expect(credits.map((c) => [c.user_id, c.role, c.share_bp, Number(c.amount_cents)])).toEqual([[world.advisor.id, 'seller', 10_000, 36_000]]);
  });
});

describe('sales rules', () => {
  it('an admin publishes an eligibility version for a product: readable by everyone, traced, and the next win follows it', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const opened = await freshProduct('complex');
    const untouched = await freshProduct('complex');
    const advisor = await signedIn(world.advisor.email);
    const rep = await signedIn(world.reps[0]!.email);
    const admin = await signedIn(world.admin.email);
    const config = { poolKinds: ['sales', 'inbound'] };

    expect((await (await anonymous()).get('/api/sales-rules')).status).toBe(401);
    for (const client of [rep, advisor, await signedIn(world.manager.email)]) {
      const refused = await client.post('/api/sales-rules', { kind: 'eligibility', subject: opened.id, config });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'forbidden' });
    }
    const empty = await admin.post('/api/sales-rules', { kind: 'eligibility', subject: opened.id, config: { poolKinds: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ field: 'config.poolKinds' });
    const badKind = await admin.post('/api/sales-rules', { kind: 'eligibility', subject: opened.id, config: { poolKinds: ['pigeons'] } });
    expect(badKind.status).toBe(400);
    expect(badKind.body).toMatchObject({ field: 'config.poolKinds.0' });
    const noProduct = await admin.post('/api/sales-rules', { kind: 'eligibility', subject: randomUUID(), config });
    expect(noProduct.status).toBe(422);
    expect(noProduct.body).toMatchObject({ code: 'product.unknown', field: 'subject' });
    const noFamily = await admin.post('/api/sales-rules', { kind: 'incentive', subject: unique('Famille'), config: { ownerSharePct: 10 } });
    expect(noFamily.status).toBe(422);
    expect(noFamily.body).toMatchObject({ code: 'catalog.unknown_family', field: 'subject' });

    // Before: the default refuses the advisor.
    const deal = await openDeal(advisor, { accountId: account.id, title: 'Réseau privé', lines: [{ productId: opened.id, quantity: 1 }] });
    expect((await move(advisor, deal, 'won')).body).toMatchObject({ code: 'deal.not_eligible', details: { ruleVersion: 0 } });

    const published = await admin.post<SalesRule>('/api/sales-rules', { kind: 'eligibility', subject: opened.id, config });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      kind: 'eligibility',
      subject: opened.id,
      subjectLabel: opened.name,
      version: 1,
      config,
      text: eligibilityText(opened.name, { poolKinds: ['sales', 'inbound'] }),
      authorName: world.admin.principal.name,
    });
    expect(published.body.text.en).toContain('inbound phone advisors');
    expect(published.body.text.fr).toContain(opened.name);
    expect(published.body.id).not.toBeNull();

    const rules = await advisor.get<Rules>('/api/sales-rules');
    expect(rules.status).toBe(200);
    const inForce = (subject: string) => rules.body.inForce.find((r) => r.kind === 'eligibility' && r.subject === subject);
    expect(inForce(opened.id)).toEqual(published.body);
    expect(inForce(untouched.id)).toEqual({
      id: null,
      kind: 'eligibility',
      subject: untouched.id,
      subjectLabel: untouched.name,
      version: 0,
      config: { poolKinds: ['sales'] },
      text: eligibilityText(untouched.name, { poolKinds: ['sales'] }),
      authorName: null,
      effectiveFrom: null,
      createdAt: null,
    });
    expect(rules.body.history.filter((r) => r.subject === opened.id)).toEqual([published.body]);
    for (const kind of ['attribution', 'stage_probability'] as const) expect(rules.body.inForce.some((r) => r.kind === kind && r.subject === 'national')).toBe(true);

    const db = await testDb();
    const traced = await db.selectFrom('trace_events').select(['seq', 'action', 'actor_id', 'payload']).where('stream', '=', `rules:eligibility-${opened.id}`).execute();
    expect(traced).toEqual([
      { seq: 1, action: 'rule.changed', actor_id: world.admin.id, payload: expect.objectContaining({ ruleId: published.body.id, kind: 'eligibility', subject: opened.id, version: 1, config }) },
    ]);

    // The same deal now goes through, and its credit names the rule version it rests on.
    const won = await move(advisor, deal, 'won');
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    const credits = await advisor.get<DealCredits>(`/api/deals/${deal.id}/credits`);
    expect(credits.body.lines[0]!.entries.map((e) => e.ruleVersions.eligibility)).toEqual(credits.body.lines[0]!.entries.map(() => 1));
    // The other product keeps the default.
    const still = await openDeal(advisor, { accountId: account.id, title: 'Autre', lines: [{ productId: untouched.id, quantity: 1 }] });
    expect((await move(advisor, still, 'won')).body).toMatchObject({ code: 'deal.not_eligible', details: { productId: untouched.id, ruleVersion: 0 } });
  });

  it('a national rule republished as it stands gets the next version, is listed in force and in the history, and is traced', async () => {
    const world = await buildLeadWorld({ reps: 1 });
    const admin = await signedIn(world.admin.email);
    const before = await admin.get<Rules>('/api/sales-rules');
    const current = before.body.inForce.find((r) => r.kind === 'stage_probability')!;
    // Republishing the default leaves every other test's deals as they were.
    const published = await admin.post<SalesRule>('/api/sales-rules', { kind: 'stage_probability', subject: 'national', config: DEFAULT_STAGE_PROBABILITY });
    expect(published.status).toBe(201);
    expect(published.body.version).toBeGreaterThan(current.version);
    expect(published.body).toMatchObject({ kind: 'stage_probability', subject: 'national', subjectLabel: 'national', config: DEFAULT_STAGE_PROBABILITY, authorName: world.admin.principal.name });
    expect(published.body.text.fr).toContain('qualification 10 %');
    const after = await admin.get<Rules>('/api/sales-rules');
    expect(after.body.history.find((r) => r.id === published.body.id)).toEqual(published.body);
    const inForce = after.body.inForce.find((r) => r.kind === 'stage_probability')!;
    expect(inForce.version).toBeGreaterThanOrEqual(published.body.version);
    const db = await testDb();
    const traced = await db
      .selectFrom('trace_events')
      .select(['action', 'actor_id', 'payload'])
      .where('stream', '=', 'rules:stage_probability-national')
      .where(sql<string>`payload->>'ruleId'`, '=', published.body.id!)
      .execute();
    expect(traced).toEqual([{ action: 'rule.changed', actor_id: world.admin.id, payload: expect.objectContaining({ version: published.body.version, config: DEFAULT_STAGE_PROBABILITY }) }]);
    const wrongSubject = await admin.post('/api/sales-rules', { kind: 'attribution', subject: 'Lyon', config: { windowDays: 90, initiatorSharePct: 50 } });
    expect(wrongSubject.status).toBe(400);
    expect(wrongSubject.body).toMatchObject({ field: 'subject' });
  });
});

describe('GET /api/deals/figures', () => {
  it('counts won, lost and open deals and the won revenue of an agency exactly, within the reader’s reach', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [a, b] = world.reps as [BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, a.id);
    const clientA = await signedIn(a.email);
    const clientB = await signedIn(b.email);
    const open = (client: ApiClient, quantity: number) => openDeal(client, { accountId: account.id, title: `Affaire ×${quantity}`, lines: [{ productId: world.product.id, quantity }] });
    const won1 = await open(clientA, 1);
    const won2 = await open(clientB, 3);
    const lost = await open(clientA, 7);
    await open(clientA, 2);
    await open(clientB, 5);
    expect((await move(clientA, won1, 'won')).status).toBe(200);
    expect((await move(clientB, won2, 'won')).status).toBe(200);
    expect((await move(clientA, lost, 'lost', { lossReason: 'price' })).status).toBe(200);

    const manager = await signedIn(world.manager.email);
    const figures = await manager.get<{ items: DealFigure[] }>('/api/deals/figures?groupBy=agency');
    expect(figures.status).toBe(200);
    const agency = figures.body.items.find((f) => f.key === world.agencyId);
    expect(agency).toEqual({ key: world.agencyId, label: expect.any(String), won: 2, lost: 1, open: 2, wonRevenueCents: 4 * 12_000, winRate: 2 / 3 });

    const byOwner = await manager.get<{ items: DealFigure[] }>('/api/deals/figures?groupBy=owner');
    expect(byOwner.body.items.find((f) => f.key === a.id)).toMatchObject({ label: a.principal.name, won: 1, lost: 1, open: 1, wonRevenueCents: 12_000, winRate: 0.5 });
    expect(byOwner.body.items.find((f) => f.key === b.id)).toMatchObject({ won: 1, lost: 0, open: 1, wonRevenueCents: 36_000, winRate: 1 });

    const byManager = await manager.get<{ items: DealFigure[] }>('/api/deals/figures?groupBy=manager');
    expect(byManager.body.items.find((f) => f.key === world.manager.id)).toEqual({
      key: world.manager.id,
      label: world.manager.principal.name,
      won: 2,
      lost: 1,
      open: 2,
      wonRevenueCents: 48_000,
      winRate: 2 / 3,
    });

    // A period bounds the closed deals by their closing date; open ones stand.
    const later = await manager.get<{ items: DealFigure[] }>(`/api/deals/figures?groupBy=agency&from=${parisDate(1)}`);
    expect(later.body.items.find((f) => f.key === world.agencyId)).toMatchObject({ won: 0, lost: 0, open: 2, wonRevenueCents: 0, winRate: null });

    const otherManager = await signedIn((await buildLeadWorld({ reps: 0 })).manager.email);
    expect((await otherManager.get<{ items: DealFigure[] }>('/api/deals/figures?groupBy=agency')).body.items.map((f) => f.key)).not.toContain(world.agencyId);
    const bad = await manager.get('/api/deals/figures?groupBy=planet');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'groupBy' });
  });
});

describe('deal access matrix', () => {
  it('read, update and move, for each kind of person', async () => {
    const world = await buildLeadWorld({ reps: 2 });
    const [owner, colleague] = world.reps as [BuiltUser, BuiltUser];
    const account = await buildOwnedAccount(world, owner.id);
    const ownerClient = await signedIn(owner.email);
    const deal = await openDeal(ownerClient, { accountId: account.id, title: 'Matrice', lines: [{ productId: world.product.id, quantity: 1 }] });
    const director = await buildDirector(world);

    const actors: Array<{ who: string; client: ApiClient; userId: string | null; read: number; write: number; abilities: Deal['abilities'] | null }> = [
      { who: 'owner rep', client: ownerClient, userId: owner.id, read: 200, write: 200, abilities: { update: true, move: true, reassign: false } },
      { who: 'rep of the same agency', client: await signedIn(colleague.email), userId: colleague.id, read: 200, write: 403, abilities: { update: false, move: false, reassign: false } },
      { who: 'manager of the agency', client: await signedIn(world.manager.email), userId: world.manager.id, read: 200, write: 200, abilities: { update: true, move: true, reassign: true } },
      { who: 'director of the region', client: await signedIn(director.email), userId: director.id, read: 200, write: 200, abilities: { update: true, move: true, reassign: true } },
      { who: 'rep of another region', client: await signedIn((await buildRep()).email), userId: null, read: 404, write: 404, abilities: null },
      { who: 'admin', client: await signedIn(world.admin.email), userId: world.admin.id, read: 200, write: 200, abilities: { update: true, move: true, reassign: true } },
      { who: 'read-only token of the owner', client: await readOnlyToken(ownerClient), userId: null, read: 200, write: 403, abilities: { update: false, move: false, reassign: false } },
    ];
    for (const actor of actors) {
      const read = await actor.client.get<Deal>(`/api/deals/${deal.id}`);
      expect(read.status, `${actor.who} reads`).toBe(actor.read);
      if (actor.abilities) expect(read.body.abilities, `${actor.who}'s abilities`).toEqual(actor.abilities);
      expect((await actor.client.get(`/api/deals/${deal.id}/history`)).status, `${actor.who} reads the history`).toBe(actor.read);

      const current = await readDeal(ownerClient, deal.id);
      const title = `Changé par ${actor.who}`;
      const update = await actor.client.patch<Deal>(`/api/deals/${deal.id}`, { version: current.version, title });
      expect(update.status, `${actor.who} updates`).toBe(actor.write);
      const afterUpdate = await readDeal(ownerClient, deal.id);
      expect(afterUpdate.title === title, `${actor.who}'s update applied`).toBe(actor.write === 200);

      const stage = afterUpdate.stage === 'proposal' ? 'negotiation' : 'proposal';
      const moved = await move(actor.client, afterUpdate, stage);
      expect(moved.status, `${actor.who} moves`).toBe(actor.write);
      expect((await readDeal(ownerClient, deal.id)).stage === stage, `${actor.who}'s move applied`).toBe(actor.write === 200);
      if (actor.write === 200 && actor.userId) {
        expect((await dealEvents(account.id, deal.id)).at(-1)).toMatchObject({ action: 'deal.stage_changed', actor_id: actor.userId, payload: { to: stage } });
      }
    }
  });
});
