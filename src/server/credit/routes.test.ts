import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, ApiClient, signedIn, testServer } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildPool, buildRep, buildUser, unique, type BuiltUser } from '../../../test/support/factories.ts';
import { buildLeadWorld, buildOwnedAccount, buildProduct, parisDate, type LeadWorld } from '../../../test/support/lead-factories.ts';
import type { CreditEntry, CreditSimulation, DealCredits, Dispute, DisputeSummary, EvidenceRef } from '../../contract/credit.ts';
import type { CreateDealBody, Deal } from '../../contract/deals.ts';
import type { Lead } from '../../contract/leads.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { attributionInForce } from '../catalog/queries.ts';
import { eligibilityText } from '../catalog/rules.ts';
import { createDeal } from '../deals/commands.ts';
import { canonicalJson, sha256 } from '../trace/rules.ts';

beforeAll(async () => {
  await testServer();
});

const DAY_MS = 86_400_000;
type MyCredits = { items: CreditEntry[]; totals: { amountCents: number; deals: number; byRole: Record<string, number> } };
type Disputes = { items: DisputeSummary[]; nextCursor: null };

async function accountEvents(accountId: string) {
  const db = await testDb();
  return db
    .selectFrom('trace_events')
    .select(['stream', 'seq', 'action', 'actor_id', 'payload', 'hash', 'recorded_at'])
    .where('stream', '=', `account:${accountId}`)
    .orderBy('seq')
    .execute();
}
type TraceRow = Awaited<ReturnType<typeof accountEvents>>[number];
const about = (e: TraceRow, key: 'leadId' | 'dealId' | 'disputeId', id: string) => (e.payload as Record<string, unknown>)[key] === id;
const refOf = (e: TraceRow): EvidenceRef => ({ stream: e.stream, seq: e.seq, action: e.action, hash: e.hash, recordedAt: new Date(e.recorded_at).toISOString() });

async function notificationsOf(userId: string, dealId: string) {
  const db = await testDb();
  return db.selectFrom('notifications').select(['kind', 'deal_id', 'dispute_id', 'text']).where('user_id', '=', userId).where('deal_id', '=', dealId).orderBy('created_at').execute();
}

async function readOnlyToken(client: ApiClient): Promise<ApiClient> {
  const token = await client.post<{ token: string }>('/api/tokens', { name: 'Lecture seule', scopes: ['read'] });
  expect(token.status).toBe(201);
  const bearer = new ApiClient(client.baseUrl);
  bearer.bearer = token.body.token;
  return bearer;
}

/**
 * An agency whose account is owned by rep A (reps[0]), a colleague B (reps[1]) and more reps if asked,
 * a telemarketer of the national centre whose home is the agency, and a complex product of a family
 * of its own (so the default 20 % incentive applies and no other test's rule can touch it).
 */
interface CreditWorld extends LeadWorld {
  owner: BuiltUser;
  seller: BuiltUser;
  telemarketer: BuiltUser;
  complex: { id: string; code: string; name: string };
  account: { id: string };
}
async function buildCreditWorld(reps = 2): Promise<CreditWorld> {
  const world = await buildLeadWorld({ reps });
  const centre = await buildPool({ kind: 'telemarketing', scope: 'nation' });
  const telemarketer = await buildUser({ homeAgencyId: world.agencyId, pools: [centre.id] });
  const complex = await buildProduct({ complexity: 'complex', family: unique('Famille') });
  const account = await buildOwnedAccount(world, world.reps[0]!.id);
  return { ...world, owner: world.reps[0]!, seller: world.reps[1]!, telemarketer, complex, account };
}

async function relay(client: ApiClient, accountId: string, productId: string): Promise<Lead> {
  const reply = await client.post<Lead>('/api/leads', { accountId, productId, need: 'Interconnexion de trois sites', source: 'phone_out' });
  if (reply.status !== 201) throw new Error(`relay failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function openDeal(client: ApiClient, body: CreateDealBody): Promise<Deal> {
  const reply = await client.post<Deal>('/api/deals', body);
  if (reply.status !== 201) throw new Error(`opening a deal failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function win(client: ApiClient, deal: Deal): Promise<Deal> {
  const reply = await client.post<Deal>(`/api/deals/${deal.id}/stage`, { version: deal.version, stage: 'won' });
  if (reply.status !== 200) throw new Error(`winning failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function creditsOf(client: ApiClient, dealId: string): Promise<DealCredits> {
  const reply = await client.get<DealCredits>(`/api/deals/${dealId}/credits`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** [person, role, share %, cents] for each entry of a line, in ledger order. */
const entriesOf = (line: DealCredits['lines'][number]) => line.entries.map((e) => [e.userId, e.role, e.sharePct, e.amountCents]);
/** person → net share % of a line. */
const netOf = (line: DealCredits['lines'][number]) => Object.fromEntries(line.net.map((n) => [n.userId, n.sharePct]));

/**
 * The sale of the issue: the telemarketer relays a lead for the complex product on A's account, B opens
 * the deal from it (2 × 100,01 €) and wins it.
 */
async function sellRelayedDeal(w: CreditWorld, extraLines: CreateDealBody['lines'] = []) {
  const tm = await signedIn(w.telemarketer.email);
  const lead = await relay(tm, w.account.id, w.complex.id);
  expect(lead.assigneeId).toBe(w.owner.id);
  const b = await signedIn(w.seller.email);
  const opened = await openDeal(b, {
    accountId: w.account.id,
    title: 'Interconnexion',
    leadId: lead.id,
    lines: [{ productId: w.complex.id, quantity: 2, unitPriceCents: 10_001 }, ...extraLines],
  });
  const deal = await win(b, opened);
  return { tm, b, lead, deal, line: deal.lines[0]! };
}

describe('the credit of a won deal', () => {
  it('credits the telemarketer who relayed the lead, the rep who sold and the account’s rep, with the rules, the evidence and the reasons in both languages', async () => {
    const w = await buildCreditWorld();
    // A second line, of a basic family nobody relayed: attribution is per family.
    const basic = await buildProduct({ complexity: 'basic', family: unique('Famille') });
    const { tm, b, lead, deal, line } = await sellRelayedDeal(w, [{ productId: basic.id, quantity: 1 }]);
    const [tmName, aName, bName] = [w.telemarketer.principal.name, w.owner.principal.name, w.seller.principal.name];
    expect(deal.leadId).toBe(lead.id);
    expect(line.amountCents).toBe(20_002);

    const credits = await creditsOf(b, deal.id);
    expect(credits.lines.map((l) => [l.lineId, l.productName, l.amountCents])).toEqual(deal.lines.map((l) => [l.id, l.productName, l.amountCents]));
    const [credit, basicCredit] = credits.lines as [DealCredits['lines'][number], DealCredits['lines'][number]];
    // The basic line: B opened the deal, the first initiative for that family, and no incentive on a basic family.
    expect(entriesOf(basicCredit)).toEqual([[w.seller.id, 'seller', 100, 12_000]]);
    expect(basicCredit.entries[0]!.explanation.en).toContain(`Credited to ${bName} as initiator and seller (100 %)`);
    expect(credit).toMatchObject({ lineId: line.id, productName: w.complex.name, amountCents: 20_002 });
    // 20 % incentive to the account's rep, the 80 % left halved between initiator and seller; the cents add up exactly.
    expect(entriesOf(credit)).toEqual([
      [w.owner.id, 'owner_incentive', 20, 4_000],
      [w.telemarketer.id, 'initiator', 40, 8_001],
      [w.seller.id, 'seller', 40, 8_001],
    ]);
    expect(credit.entries.reduce((s, e) => s + e.amountCents, 0)).toBe(line.amountCents);
    expect(netOf(credit)).toEqual({ [w.owner.id]: 20, [w.telemarketer.id]: 40, [w.seller.id]: 40 });

    const db = await testDb();
    const attribution = await attributionInForce(db, new Date(deal.closedAt!));
    expect(attribution.config).toEqual({ windowDays: 90, initiatorSharePct: 50 });
    for (const e of credit.entries) {
      expect(e).toMatchObject({ dealId: deal.id, accountId: w.account.id, disputeId: null, currency: 'EUR', recordedAt: deal.closedAt });
      expect(e.ruleVersions).toEqual({ attribution: attribution.version, incentive: 0, eligibility: 0 });
    }

    // The trace events each line rests on: the relay, the opening, the win — the very links of the account's chain.
    const events = await accountEvents(w.account.id);
    const relayed = events.find((e) => e.action === 'lead.relayed' && about(e, 'leadId', lead.id))!;
    const created = events.find((e) => e.action === 'deal.created' && about(e, 'dealId', deal.id))!;
    const won = events.find((e) => e.action === 'deal.won' && about(e, 'dealId', deal.id))!;
    for (const e of credit.entries) expect(e.evidence).toEqual([refOf(relayed), refOf(created), refOf(won)]);
    expect(basicCredit.entries[0]!.evidence).toEqual([refOf(created), refOf(won)]);
    expect(relayed.seq).toBeLessThan(created.seq);
    expect(created.seq).toBeLessThan(won.seq);

    const byRole = Object.fromEntries(credit.entries.map((e) => [e.role, e.explanation]));
    expect(byRole.initiator!.fr).toContain(`Crédité à ${tmName} comme initiateur (40 %)`);
    expect(byRole.initiator!.fr).toContain(`${tmName} a relayé la piste le `);
    expect(byRole.initiator!.fr).toContain(`avant que ${bName} ouvre l'affaire`);
    expect(byRole.initiator!.en).toContain(`Credited to ${tmName} as initiator (40 %)`);
    expect(byRole.initiator!.en).toContain(`${tmName} relayed the lead on `);
    expect(byRole.seller!.fr).toContain(`Crédité à ${bName} comme vendeur (40 %)`);
    expect(byRole.seller!.fr).toContain(`initiée par ${tmName}`);
    expect(byRole.seller!.en).toContain(`the sale was initiated by ${tmName}`);
    expect(byRole.owner_incentive!.fr).toContain(`Crédité à ${aName} comme commercial du compte (20 %)`);
    expect(byRole.owner_incentive!.en).toContain(`Credited to ${aName} as the account's rep (20 %)`);
    expect(byRole.owner_incentive!.en).toContain(bName);

    // The ledger write is traced after the win.
    const recorded = events.find((e) => e.action === 'credit.recorded' && about(e, 'dealId', deal.id))!;
    expect(recorded.seq).toBe(won.seq + 1);
    expect(recorded.actor_id).toBe(w.seller.id);
    expect((recorded.payload as { entries: unknown[] }).entries).toHaveLength(4);

    // The credited are told, the one who won is not.
    for (const person of [w.telemarketer, w.owner]) {
      const notes = await notificationsOf(person.id, deal.id);
      expect(notes.map((n) => n.kind), person.principal.name).toEqual(['credit.recorded']);
      expect(notes[0]!.text).toContain(w.complex.name);
    }
    expect(await notificationsOf(w.seller.id, deal.id)).toEqual([]);

    // « Mes crédits »: the telemarketer's entry, explained, and the totals.
    const mine = await tm.get<MyCredits>('/api/credits');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([credit.entries[1]]);
    expect(mine.body.totals).toEqual({ amountCents: 8_001, deals: 1, byRole: { initiator: 8_001, seller: 0, owner_incentive: 0, adjustment: 0 } });
    expect((await tm.get<MyCredits>(`/api/credits?from=${parisDate(1)}`)).body.items).toEqual([]);
    expect((await tm.get<MyCredits>(`/api/credits?to=${parisDate(1)}`)).body.items).toHaveLength(1);
    // The agency's manager reads the people whose home is the agency; a rep, even of the agency, does not; nor does another agency's.
    const manager = await signedIn(w.manager.email);
    const managed = await manager.get<MyCredits>(`/api/credits?userId=${w.telemarketer.id}`);
    expect(managed.status).toBe(200);
    expect(managed.body).toEqual(mine.body);
    expect((await b.get(`/api/credits?userId=${w.telemarketer.id}`)).status).toBe(404);
    const stranger = await signedIn((await buildRep()).email);
    const refused = await stranger.get(`/api/credits?userId=${w.telemarketer.id}`);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'user.not_found' });
    expect((await stranger.get(`/api/deals/${deal.id}/credits`)).status).toBe(404);
    expect((await (await anonymous()).get('/api/credits')).status).toBe(401);
    expect((await b.get('/api/credits?userId=nope')).status).toBe(400);
  });

  it('the ledger is append-only: the database refuses to change or delete an entry', async () => {
    const w = await buildCreditWorld();
    const { deal } = await sellRelayedDeal(w);
    const db = await testDb();
    const before = await db.selectFrom('credit_entries').selectAll().where('deal_id', '=', deal.id).orderBy('id').execute();
    expect(before).toHaveLength(3);
    const id = before[0]!.id;
    await expect(db.updateTable('credit_entries').set({ share_bp: 10_000 }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('credit_entries').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE credit_entries`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('credit_entries').selectAll().where('deal_id', '=', deal.id).orderBy('id').execute()).toEqual(before);
  });

  it('gives no incentive when the account’s own rep sells; the initiator still has their share', async () => {
    const w = await buildCreditWorld();
    const tm = await signedIn(w.telemarketer.email);
    const lead = await relay(tm, w.account.id, w.complex.id);
    const a = await signedIn(w.owner.email);
    const converted = await a.post<Lead>(`/api/leads/${lead.id}/convert`, { version: lead.version, amountCents: 30_000 });
    expect(converted.status).toBe(200);
    const deal = await win(a, (await a.get<Deal>(`/api/deals/${converted.body.dealId}`)).body);
    const [credit] = (await creditsOf(a, deal.id)).lines as [DealCredits['lines'][number]];
    expect(entriesOf(credit)).toEqual([
      [w.telemarketer.id, 'initiator', 50, 15_000],
      [w.owner.id, 'seller', 50, 15_000],
    ]);
    expect(credit.entries.some((e) => e.role === 'owner_incentive')).toBe(false);

    // Alone on the account's family: all of it, as initiator and seller.
    const other = await buildProduct({ complexity: 'complex', family: unique('Famille') });
    const solo = await win(a, await openDeal(a, { accountId: w.account.id, title: 'Seul', lines: [{ productId: other.id, quantity: 1 }] }));
    const [soloCredit] = (await creditsOf(a, solo.id)).lines as [DealCredits['lines'][number]];
    expect(entriesOf(soloCredit)).toEqual([[w.owner.id, 'seller', 100, 12_000]]);
    expect(soloCredit.entries[0]!.explanation.fr).toContain(`Crédité à ${w.owner.principal.name} comme initiateur et vendeur (100 %)`);
    expect(soloCredit.entries[0]!.evidence.map((r) => r.action)).toEqual(['deal.created', 'deal.won']);
  });
});

describe('back-dating cannot take credit', () => {
  it('the first initiative recorded wins: a rep who opened the deal before the relay is the initiator', async () => {
    const w = await buildCreditWorld();
    const b = await signedIn(w.seller.email);
    const opened = await openDeal(b, { accountId: w.account.id, title: 'Ouverte la première', lines: [{ productId: w.complex.id, quantity: 1 }] });
    const lead = await relay(await signedIn(w.telemarketer.email), w.account.id, w.complex.id);
    expect(Date.parse(lead.createdAt)).toBeGreaterThan(Date.parse(opened.createdAt));
    const deal = await win(b, opened);
    const [credit] = (await creditsOf(b, deal.id)).lines as [DealCredits['lines'][number]];
    expect(entriesOf(credit)).toEqual([
      [w.owner.id, 'owner_incentive', 20, 2_400],
      [w.seller.id, 'seller', 80, 9_600],
    ]);
    expect(credit.entries[1]!.explanation.fr).toContain(`Crédité à ${w.seller.principal.name} comme initiateur et vendeur (80 %)`);
  });

  it('a deal whose claimed opening date is before the relay still counts from when the database recorded it, after it', async () => {
    const w = await buildCreditWorld();
    // Ten days ago: well within the window, and before the relay — were the claimed date read, the rep would be the initiator.
    const claimed = parisDate(-10);
    const lead = await relay(await signedIn(w.telemarketer.email), w.account.id, w.complex.id);
    // An import carries the date the source file claims; the route has no such field, the command does.
    const db = await testDb();
    const seller = (await loadPrincipal(db, w.seller.id))!;
    const dealId = await db.transaction().execute((trx) =>
      createDeal(
        { db: trx, actor: seller, channel: 'import' },
        { accountId: w.account.id, title: 'Importée', lines: [{ productId: w.complex.id, quantity: 1, discountPct: 0 }] },
        { openedOn: claimed },
      ),
    );
    const b = await signedIn(w.seller.email);
    const imported = (await b.get<Deal>(`/api/deals/${dealId}`)).body;
    expect(imported.openedOn).toBe(claimed);
    expect(Date.parse(imported.createdAt)).toBeGreaterThan(Date.parse(lead.createdAt));
    const deal = await win(b, imported);
    const [credit] = (await creditsOf(b, deal.id)).lines as [DealCredits['lines'][number]];
    expect(entriesOf(credit)).toEqual([
      [w.owner.id, 'owner_incentive', 20, 2_400],
      [w.telemarketer.id, 'initiator', 40, 4_800],
      [w.seller.id, 'seller', 40, 4_800],
    ]);
  });
});

describe('POST /api/credits/simulate', () => {
  it('applies the live rules to hypothetical and recorded initiatives, and says why each counts or not', async () => {
    const w = await buildCreditWorld(3);
    const third = w.reps[2]!;
    const b = await signedIn(w.seller.email);
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY_MS).toISOString();
    const base = { accountId: w.account.id, productId: w.complex.id, sellerId: w.seller.id };

    const sim = await b.post<CreditSimulation>('/api/credits/simulate', {
      ...base,
      amountCents: 100_001,
      includeRecorded: false,
      events: [
        { kind: 'lead', personId: w.telemarketer.id, at: at(-1) },
        { kind: 'deal', personId: third.id, at: at(-2) },
        { kind: 'lead', personId: w.owner.id, at: at(-100) },
        { kind: 'lead', personId: w.telemarketer.id, at: at(2) },
      ],
    });
    expect(sim.status, JSON.stringify(sim.body)).toBe(200);
    // The earlier deal beats the later lead: the third rep initiated it.
    expect(sim.body.initiatives.map((i) => [i.kind, i.personId, i.source, i.status])).toEqual([
      ['lead', w.owner.id, 'hypothetical', 'outside_window'],
      ['deal', third.id, 'hypothetical', 'initiator'],
      ['lead', w.telemarketer.id, 'hypothetical', 'later'],
      ['lead', w.telemarketer.id, 'hypothetical', 'after_sale'],
    ]);
    expect(sim.body.initiatives[1]!.personName).toBe(third.principal.name);
    expect(sim.body.entries.map((e) => [e.userId, e.role, e.sharePct])).toEqual([
      [w.owner.id, 'owner_incentive', 20],
      [third.id, 'initiator', 40],
      [w.seller.id, 'seller', 40],
    ]);
    expect(sim.body.entries.reduce((s, e) => s + e.sharePct, 0)).toBe(100);
    expect(sim.body.entries.reduce((s, e) => s + e.amountCents, 0)).toBe(100_001);
    expect(sim.body.entries[1]!.explanation.en).toContain(`Credited to ${third.principal.name} as initiator (40 %)`);
    expect(sim.body.entries[1]!.explanation.en).toContain('opened a deal');
    expect(sim.body.eligible).toBe(true);
    const attribution = await attributionInForce(await testDb(), new Date());
    expect(sim.body.rules).toEqual({ attribution: attribution.version, incentive: 0, eligibility: 0 });

    // What the record holds counts too: a real relay, marked as recorded.
    const lead = await relay(await signedIn(w.telemarketer.email), w.account.id, w.complex.id);
    const recorded = await b.post<CreditSimulation>('/api/credits/simulate', base);
    expect(recorded.status).toBe(200);
    expect(recorded.body.initiatives).toEqual([
      { kind: 'lead', personId: w.telemarketer.id, personName: w.telemarketer.principal.name, recordedAt: lead.createdAt, source: 'recorded', status: 'initiator' },
    ]);
    expect(recorded.body.entries.map((e) => [e.userId, e.role, e.sharePct, e.amountCents])).toEqual([
      [w.owner.id, 'owner_incentive', 20, 20_000],
      [w.telemarketer.id, 'initiator', 40, 40_000],
      [w.seller.id, 'seller', 40, 40_000],
    ]);
    // A sale imagined before the relay: the relay comes after it.
    const earlier = await b.post<CreditSimulation>('/api/credits/simulate', { ...base, wonAt: at(-1) });
    expect(earlier.body.initiatives.map((i) => i.status)).toEqual(['after_sale']);
    expect(earlier.body.entries.map((e) => e.role)).toEqual(['owner_incentive', 'seller']);

    // An inbound advisor may not sell the complex product: the simulation says so, with the rule's words.
    const advisor = await signedIn(w.advisor.email);
    const byAdvisor = await advisor.post<CreditSimulation>('/api/credits/simulate', { ...base, sellerId: w.advisor.id });
    expect(byAdvisor.status).toBe(200);
    expect(byAdvisor.body.eligible).toBe(false);
    expect(byAdvisor.body.eligibility).toEqual(eligibilityText(w.complex.name, { poolKinds: ['sales'] }));
    expect(byAdvisor.body.entries.reduce((s, e) => s + e.sharePct, 0)).toBe(100);

    const stranger = await signedIn((await buildRep()).email);
    const outOfReach = await stranger.post('/api/credits/simulate', base);
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toMatchObject({ code: 'account.not_found' });
    const unknown = await b.post('/api/credits/simulate', { ...base, productId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'simulation.unknown_subject', field: 'productId' });
    const badEvent = await b.post('/api/credits/simulate', { ...base, events: [{ kind: 'visit', personId: w.owner.id, at: at(-1) }] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body).toMatchObject({ field: 'events.0.kind' });
    expect((await (await anonymous()).post('/api/credits/simulate', base)).status).toBe(401);
  });
});

describe('disputes', () => {
  it('the seller contests the initiator’s share: filed with frozen evidence before the agency manager, decided, appealed to the region’s director, decided for good — the ledger nets to the last word', async () => {
    const w = await buildCreditWorld();
    const { tm, b, deal, line } = await sellRelayedDeal(w);
    const director = await buildUser({ roles: ['director'], manages: [{ type: 'region', id: w.regionId }] });
    const manager = await signedIn(w.manager.email);
    const url = `/api/deals/${deal.id}/lines/${line.id}/disputes`;
    const claim = 'J’ai fait tout le travail de découverte du besoin avant le relais.';

    // What cannot be filed.
    const self = await b.post(url, { counterpartyId: w.seller.id, requestedPct: 10, claim });
    expect(self.status).toBe(422);
    expect(self.body).toMatchObject({ code: 'dispute.self', field: 'counterpartyId' });
    const notCredited = await b.post(url, { counterpartyId: w.manager.id, requestedPct: 10, claim });
    expect(notCredited.status).toBe(422);
    expect(notCredited.body).toMatchObject({ code: 'dispute.counterparty_not_credited', field: 'counterpartyId' });
    const tooMuch = await b.post(url, { counterpartyId: w.telemarketer.id, requestedPct: 40.01, claim });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'dispute.more_than_held', field: 'requestedPct', details: { heldPct: 40 } });
    const zero = await b.post(url, { counterpartyId: w.telemarketer.id, requestedPct: 0, claim });
    expect(zero.status).toBe(400);
    expect(zero.body).toMatchObject({ field: 'requestedPct' });
    const terse = await b.post(url, { counterpartyId: w.telemarketer.id, requestedPct: 20, claim: 'Non.' });
    expect(terse.status).toBe(400);
    expect(terse.body).toMatchObject({ field: 'claim' });
    expect((await b.post(`/api/deals/${deal.id}/lines/${randomUUID()}/disputes`, { counterpartyId: w.telemarketer.id, requestedPct: 20, claim })).status).toBe(404);
    const open = await openDeal(b, { accountId: w.account.id, title: 'Pas encore gagnée', lines: [{ productId: w.complex.id, quantity: 1 }] });
    const notWon = await b.post(`/api/deals/${open.id}/lines/${open.lines[0]!.id}/disputes`, { counterpartyId: w.telemarketer.id, requestedPct: 20, claim });
    expect(notWon.status).toBe(422);
    expect(notWon.body).toMatchObject({ code: 'dispute.deal_not_won', field: 'dealId' });
    const stranger = await signedIn((await buildRep()).email);
    expect((await stranger.post(url, { counterpartyId: w.telemarketer.id, requestedPct: 20, claim })).status).toBe(404);
    expect((await (await readOnlyToken(b)).post(url, { counterpartyId: w.telemarketer.id, requestedPct: 20, claim })).status).toBe(403);
    const db = await testDb();
    expect(await db.selectFrom('credit_disputes').select('id').where('deal_id', '=', deal.id).execute()).toEqual([]);

    // Filed: a reference, the agency's manager as arbiter (both parties' home is the agency), the evidence frozen.
    const filed = await b.post<Dispute>(url, { counterpartyId: w.telemarketer.id, requestedPct: 20, claim: `  ${claim}  ` });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const dispute = filed.body;
    expect(dispute.reference).toMatch(new RegExp(`^C-${new Date(dispute.filedAt).getUTCFullYear()}-\\d{6}$`));
    expect(dispute).toMatchObject({
      dealId: deal.id,
      lineId: line.id,
      accountId: w.account.id,
      productName: w.complex.name,
      claimant: { id: w.seller.id, name: w.seller.principal.name },
      counterparty: { id: w.telemarketer.id, name: w.telemarketer.principal.name },
      requestedPct: 20,
      claim,
      status: 'open',
      arbiter: { id: w.manager.id, name: w.manager.principal.name },
      arbiterLevel: 'agency',
      rulings: [],
      appealedBy: null,
      version: 1,
      abilities: { decide: false, appeal: false },
    });
    const events = await accountEvents(w.account.id);
    const packet = dispute.evidence;
    expect(packet.chainVerified).toBe(true);
    expect(packet.brokenAtSeq).toBeNull();
    expect(packet.windowFrom).toBe(new Date(Date.parse(deal.closedAt!) - 90 * DAY_MS).toISOString());
    // Every event on the account for the family, the other deal opened since included.
    expect(packet.events.map((e) => [e.action, e.payload.dealId ?? null])).toEqual([
      ['lead.relayed', null],
      ['deal.created', deal.id],
      ['deal.won', deal.id],
      ['credit.recorded', deal.id],
      ['deal.created', open.id],
    ]);
    for (let i = 1; i < packet.events.length; i++) expect(packet.events[i]!.seq).toBeGreaterThan(packet.events[i - 1]!.seq);
    for (const e of packet.events) {
      const link = events.find((x) => x.seq === e.seq)!;
      expect({ stream: e.stream, action: e.action, hash: e.hash, recordedAt: e.recordedAt }).toEqual({
        stream: link.stream,
        action: link.action,
        hash: link.hash,
        recordedAt: new Date(link.recorded_at).toISOString(),
      });
      expect(e.payload).toEqual(link.payload);
    }
    expect(packet.events[0]!.actorName).toBe(w.telemarketer.principal.name);
    const filedEvent = events.find((e) => e.action === 'dispute.filed' && about(e, 'disputeId', dispute.id))!;
    expect(filedEvent.actor_id).toBe(w.seller.id);
    expect(filedEvent.payload).toMatchObject({ reference: dispute.reference, counterpartyId: w.telemarketer.id, requestedBp: 2_000, arbiterId: w.manager.id, arbiterLevel: 'agency' });
    // The packet's digest is in the trace: it can be shown later not to have been retouched.
    expect((filedEvent.payload as { evidenceDigest: string }).evidenceDigest).toBe(sha256(canonicalJson(packet)));
    expect((await notificationsOf(w.telemarketer.id, deal.id)).map((n) => n.kind)).toEqual(['credit.recorded', 'dispute.filed']);
    expect((await notificationsOf(w.manager.id, deal.id)).map((n) => [n.kind, n.dispute_id])).toEqual([['dispute.filed', dispute.id]]);

    const again = await b.post(url, { counterpartyId: w.telemarketer.id, requestedPct: 5, claim });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'dispute.already_open', field: 'counterpartyId' });

    // Who reads it: the parties and the arbiter; not a stranger.
    for (const client of [b, tm, manager]) expect((await client.get(`/api/disputes/${dispute.id}`)).status).toBe(200);
    expect((await stranger.get(`/api/disputes/${dispute.id}`)).status).toBe(404);
    expect((await manager.get<Dispute>(`/api/disputes/${dispute.id}`)).body.abilities).toEqual({ decide: true, appeal: false });

    // Only the arbiter decides, and never more than was asked.
    const justification = 'Le relais a précédé la découverte, mais la préparation de l’offre revient au vendeur.';
    const byParty = await b.post(`/api/disputes/${dispute.id}/decision`, { version: 1, awardedPct: 20, justification });
    expect(byParty.status).toBe(403);
    const overAwarded = await manager.post(`/api/disputes/${dispute.id}/decision`, { version: 1, awardedPct: 25, justification });
    expect(overAwarded.status).toBe(422);
    expect(overAwarded.body).toMatchObject({ code: 'dispute.more_than_requested', field: 'awardedPct' });
    const unjustified = await manager.post(`/api/disputes/${dispute.id}/decision`, { version: 1, awardedPct: 20, justification: 'Ok' });
    expect(unjustified.status).toBe(400);
    expect(unjustified.body).toMatchObject({ field: 'justification' });
    const staleDecision = await manager.post(`/api/disputes/${dispute.id}/decision`, { version: 0, awardedPct: 20, justification });
    expect(staleDecision.status).toBe(409);
    expect(staleDecision.body).toMatchObject({ code: 'dispute.version_conflict' });

    const decided = await manager.post<Dispute>(`/api/disputes/${dispute.id}/decision`, { version: 1, awardedPct: 20, justification });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', version: 2, rulings: [{ round: 1, arbiter: { id: w.manager.id }, level: 'agency', awardedPct: 20, justification }] });
    let [credit] = (await creditsOf(b, deal.id)).lines as [DealCredits['lines'][number]];
    const firstAdjustments = credit.entries.filter((e) => e.role === 'adjustment');
    expect(firstAdjustments.map((e) => [e.userId, e.sharePct, e.amountCents, e.disputeId])).toEqual([
      [w.seller.id, 20, 4_000, dispute.id],
      [w.telemarketer.id, -20, -4_000, dispute.id],
    ]);
    expect(firstAdjustments[0]!.explanation.en).toContain(dispute.reference);
    expect(firstAdjustments[0]!.explanation.fr).toContain(w.manager.principal.name);
    expect(netOf(credit)).toEqual({ [w.seller.id]: 60, [w.telemarketer.id]: 20, [w.owner.id]: 20 });
    expect(credit.net.reduce((s, n) => s + n.sharePct, 0)).toBe(100);
    expect(credit.net.reduce((s, n) => s + n.amountCents, 0)).toBe(line.amountCents);
    for (const party of [w.seller, w.telemarketer]) {
      expect((await notificationsOf(party.id, deal.id)).filter((n) => n.kind === 'dispute.decided').map((n) => n.dispute_id)).toEqual([dispute.id]);
    }
    expect((await tm.get<Dispute>(`/api/disputes/${dispute.id}`)).body.abilities).toEqual({ decide: false, appeal: true });

    // The telemarketer appeals: a manager one level up, the region's director, takes it.
    const reason = 'Sans mon appel, le client n’aurait jamais été contacté pour cette offre.';
    const appealed = await tm.post<Dispute>(`/api/disputes/${dispute.id}/appeal`, { version: 2, reason });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body).toMatchObject({
      status: 'appealed',
      arbiter: { id: director.id, name: director.principal.name },
      arbiterLevel: 'region',
      appealedBy: { id: w.telemarketer.id },
      appealReason: reason,
      version: 3,
    });
    const twice = await b.post(`/api/disputes/${dispute.id}/appeal`, { version: 3, reason });
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: 'dispute.already_appealed' });
    expect((await notificationsOf(w.seller.id, deal.id)).at(-1)).toMatchObject({ kind: 'dispute.appealed', dispute_id: dispute.id });
    expect((await notificationsOf(director.id, deal.id)).map((n) => n.kind)).toEqual(['dispute.appealed']);
    // The first arbiter no longer decides.
    expect((await manager.post(`/api/disputes/${dispute.id}/decision`, { version: 3, awardedPct: 0, justification })).status).toBe(403);

    const directorClient = await signedIn(director.email);
    const final = await directorClient.post<Dispute>(`/api/disputes/${dispute.id}/decision`, { version: 3, awardedPct: 10, justification: 'En appel : le relais a bien initié la vente, part partagée.' });
    expect(final.status, JSON.stringify(final.body)).toBe(200);
    expect(final.body).toMatchObject({ status: 'final', abilities: { decide: false, appeal: false } });
    expect(final.body.rulings.map((r) => [r.round, r.arbiter.id, r.level, r.awardedPct])).toEqual([
      [1, w.manager.id, 'agency', 20],
      [2, director.id, 'region', 10],
    ]);
    // The frozen packet did not move with the stream.
    expect(final.body.evidence).toEqual(packet);
    [credit] = (await creditsOf(b, deal.id)).lines as [DealCredits['lines'][number]];
    // Only the difference is written.
    expect(credit.entries.filter((e) => e.role === 'adjustment').map((e) => [e.userId, e.sharePct, e.amountCents])).toEqual([
      [w.seller.id, 20, 4_000],
      [w.telemarketer.id, -20, -4_000],
      [w.seller.id, -10, -2_000],
      [w.telemarketer.id, 10, 2_000],
    ]);
    expect(netOf(credit)).toEqual({ [w.seller.id]: 50, [w.telemarketer.id]: 30, [w.owner.id]: 20 });
    expect(credit.net.reduce((s, n) => s + n.amountCents, 0)).toBe(line.amountCents);
    expect((await directorClient.post(`/api/disputes/${dispute.id}/appeal`, { version: 4, reason })).status).toBe(422);

    // The lists.
    const ids = async (client: ApiClient, role: string) => {
      const reply = await client.get<Disputes>(`/api/disputes?role=${role}`);
      expect(reply.status).toBe(200);
      return reply.body.items.map((d) => d.id);
    };
    expect(await ids(b, 'party')).toEqual([dispute.id]);
    expect(await ids(tm, 'party')).toEqual([dispute.id]);
    expect(await ids(manager, 'arbiter')).toEqual([dispute.id]);
    expect(await ids(directorClient, 'arbiter')).toEqual([dispute.id]);
    expect(await ids(b, 'arbiter')).toEqual([]);
    expect(await ids(manager, 'party')).toEqual([]);
    expect(await ids(await signedIn(w.owner.email), 'party')).toEqual([]);
    expect(await ids(manager, 'unit')).toContain(dispute.id);
    expect(await ids(stranger, 'unit')).not.toContain(dispute.id);
    const summary = (await b.get<Disputes>(`/api/disputes?dealId=${deal.id}`)).body.items[0]!;
    expect(summary).toMatchObject({ id: dispute.id, status: 'final', arbiter: { id: director.id }, arbiterLevel: 'region', version: 4 });

    // Every step is on the account's chain.
    const steps = (await accountEvents(w.account.id)).filter((e) => about(e, 'disputeId', dispute.id));
    expect(steps.map((e) => [e.action, e.actor_id])).toEqual([
      ['dispute.filed', w.seller.id],
      ['dispute.decided', w.manager.id],
      ['dispute.appealed', w.telemarketer.id],
      ['dispute.decided', director.id],
    ]);
    expect(steps[3]!.payload).toMatchObject({ round: 2, awardedBp: 1_000 });
    // Once final, the seller may contest the same share again (a new dispute).
    expect((await b.post(url, { counterpartyId: w.telemarketer.id, requestedPct: 5, claim })).status).toBe(201);
  });

  it('access matrix: read, decide and appeal for each kind of person', async () => {
    const w = await buildCreditWorld(3);
    const colleague = w.reps[2]!;
    // B opens and wins on A's account: A's incentive is what B contests.
    const b = await signedIn(w.seller.email);
    const deal = await win(b, await openDeal(b, { accountId: w.account.id, title: 'Matrice', lines: [{ productId: w.complex.id, quantity: 1 }] }));
    const director = await buildUser({ roles: ['director'], manages: [{ type: 'region', id: w.regionId }] });
    const filed = await b.post<Dispute>(`/api/deals/${deal.id}/lines/${deal.lines[0]!.id}/disputes`, {
      counterpartyId: w.owner.id,
      requestedPct: 10,
      claim: 'Le client est venu me voir directement, sans le commercial du compte.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    const manager = await signedIn(w.manager.email);

    const actors: Array<{ who: string; client: ApiClient; read: number; decide: number | null; appeal: number | null }> = [
      { who: 'owner rep (claimant)', client: b, read: 200, decide: 403, appeal: null },
      { who: 'account rep (counterparty)', client: await signedIn(w.owner.email), read: 200, decide: 403, appeal: null },
      { who: 'rep of the same agency', client: await signedIn(colleague.email), read: 404, decide: 404, appeal: 404 },
      { who: 'manager of the agency (arbiter)', client: manager, read: 200, decide: null, appeal: 403 },
      { who: 'director of the region', client: await signedIn(director.email), read: 200, decide: 403, appeal: 403 },
      { who: 'rep of another region', client: await signedIn((await buildRep()).email), read: 404, decide: 404, appeal: 404 },
      { who: 'admin', client: await signedIn(w.admin.email), read: 200, decide: 403, appeal: 403 },
      { who: 'read-only token of the claimant', client: await readOnlyToken(b), read: 200, decide: 403, appeal: 403 },
      { who: 'read-only token of the arbiter', client: await readOnlyToken(manager), read: 200, decide: 403, appeal: 403 },
    ];
    const version = async () => (await b.get<Dispute>(`/api/disputes/${id}`)).body.version;
    const justification = 'Les deux ont contribué, partage de la part.';
    const reason = 'La décision ne tient pas compte de la visite.';

    for (const actor of actors) expect((await actor.client.get(`/api/disputes/${id}`)).status, `${actor.who} reads`).toBe(actor.read);
    for (const actor of actors.filter((a) => a.decide !== null)) {
      const reply = await actor.client.post(`/api/disputes/${id}/decision`, { version: await version(), awardedPct: 5, justification });
      expect(reply.status, `${actor.who} decides: ${JSON.stringify(reply.body)}`).toBe(actor.decide);
    }
    // Out of sight, even a stale version reads as not found: nothing about the dispute is told.
    const outsider = actors.find((a) => a.who === 'rep of another region')!.client;
    expect((await outsider.post(`/api/disputes/${id}/decision`, { version: 99, awardedPct: 5, justification })).status).toBe(404);
    expect((await manager.post(`/api/disputes/${id}/decision`, { version: await version(), awardedPct: 5, justification })).status).toBe(200);
    for (const actor of actors.filter((a) => a.appeal !== null)) {
      const reply = await actor.client.post(`/api/disputes/${id}/appeal`, { version: await version(), reason });
      expect(reply.status, `${actor.who} appeals: ${JSON.stringify(reply.body)}`).toBe(actor.appeal);
    }
    const appealed = await b.post<Dispute>(`/api/disputes/${id}/appeal`, { version: await version(), reason });
    expect(appealed.status).toBe(200);
    expect(appealed.body).toMatchObject({ status: 'appealed', arbiter: { id: director.id }, arbiterLevel: 'region' });
    // Nothing the refused attempts tried was written: one ruling, one appeal.
    const steps = (await accountEvents(w.account.id)).filter((e) => about(e, 'disputeId', id)).map((e) => e.action);
    expect(steps).toEqual(['dispute.filed', 'dispute.decided', 'dispute.appealed']);
  });
});
