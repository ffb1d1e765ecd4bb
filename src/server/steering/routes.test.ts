// Steering through HTTP with real sessions: facts written through the API (contacts, deals won and lost,
// leads relayed and answered), the rollups caught up, then each dashboard checked against figures worked
// out by hand here; who sees what (leaders, colleagues of a large enough group, nobody else); periods and
// their trends; the CSV export and its trace.
import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedIn, testServer } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildAccount, buildAgency, buildPool, buildUser, type BuiltUser } from '../../../test/support/factories.ts';
import { buildProduct, parisDate } from '../../../test/support/lead-factories.ts';
import { INDICATORS, type Dashboard, type DashboardRow, type Figures, type Period } from '../../contract/steering.ts';
import type { Deal } from '../../contract/deals.ts';
import type { Lead } from '../../contract/leads.ts';
import { catchUpRollups } from './rollups.ts';

beforeAll(async () => {
  await testServer();
});

// --- Helpers ---

/**
 * Brings the rollups up to date for these subjects. On a shared PostgreSQL another file's sweep may hold
 * some of our marks (taken with SKIP LOCKED): wait until it has committed them.
 */
async function catchUp(subjects: string[]) {
  const db = await testDb();
  for (let attempt = 0; ; attempt++) {
    await catchUpRollups(db);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM steering_dirty WHERE subject_id = ANY(${subjects}::uuid[])`.execute(db);
    if (left.rows[0]!.n === 0) return;
    if (attempt > 600) throw new Error('the rollups never caught up with this test’s facts');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ok<T>(reply: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

const dashboardUrl = (params: Record<string, string>) => `/api/steering/dashboard?${new URLSearchParams(params).toString()}`;
const getDashboard = (client: ApiClient, params: Record<string, string>) => client.get<Dashboard>(dashboardUrl(params));

/** A CSV download, read as bytes (a text decoder would drop the byte-order mark). */
async function download(client: ApiClient, params: Record<string, string>) {
  const response = await fetch(`${client.baseUrl}/api/steering/dashboard.csv?${new URLSearchParams(params).toString()}`, { headers: { cookie: client.cookie! } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes, text };
}

const parseCsv = (text: string, delimiter: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data;

const value = (figures: Figures, id: keyof Figures) => figures[id]?.value;

async function exports(userId: string) {
  const db = await testDb();
  return db
    .selectFrom('trace_events')
    .select(['action', 'actor_id', 'payload'])
    .where('stream', '=', `user:${userId}`)
    .where('action', '=', 'steering.exported')
    .orderBy('seq')
    .execute();
}

const addDaysTo = (isoDay: string, n: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The first day of the month `n` months from the one holding `isoDay`. */
const addMonths = (isoDay: string, n: number) => {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
};

const daysInMonth = (isoDay: string) => {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

// --- The world: an agency of 8 people, its sales pool of 5 reps and a back office of 2, and their facts ---

interface World {
  regionId: string;
  regionName: string;
  agencyId: string;
  agencyName: string;
  salesPool: { id: string; name: string };
  backOffice: { id: string; name: string };
  reps: BuiltUser[];
  clerks: BuiltUser[];
  manager: BuiltUser;
  advisor: BuiltUser;
  /** Everyone counted in the agency, by name. */
  people: Array<{ id: string; name: string }>;
}

let world: World;
/** Today in Paris, when the facts were written, and the month that holds it. */
let today: string;
let month: { from: string; to: string; days: number };

async function nameOf(table: 'regions' | 'agencies' | 'pools' | 'users', id: string) {
  const db = await testDb();
  return (await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}

async function buildWorld(): Promise<World> {
  const agency = await buildAgency();
  const salesPool = await buildPool({ kind: 'sales', scope: 'agency', unitId: agency.id });
  const backOffice = await buildPool({ kind: 'back_office', scope: 'agency', unitId: agency.id });
  const inbound = await buildPool({ kind: 'inbound', scope: 'region', unitId: agency.regionId });
  const reps: BuiltUser[] = [];
  for (let i = 0; i < 5; i++) reps.push(await buildUser({ homeAgencyId: agency.id, pools: [salesPool.id] }));
  const clerks = [await buildUser({ homeAgencyId: agency.id, pools: [backOffice.id] }), await buildUser({ homeAgencyId: agency.id, pools: [backOffice.id] })];
  const manager = await buildUser({ roles: ['manager'], homeAgencyId: agency.id, manages: [{ type: 'agency', id: agency.id }] });
  // A regional inbound advisor relays leads; homed nowhere, so not counted in the agency.
  const advisor = await buildUser({ pools: [inbound.id] });
  const people = await Promise.all([...reps, ...clerks, manager].map(async (u) => ({ id: u.id, name: await nameOf('users', u.id) })));
  return {
    regionId: agency.regionId,
    regionName: await nameOf('regions', agency.regionId),
    agencyId: agency.id,
    agencyName: await nameOf('agencies', agency.id),
    salesPool: { id: salesPool.id, name: await nameOf('pools', salesPool.id) },
    backOffice: { id: backOffice.id, name: await nameOf('pools', backOffice.id) },
    reps,
    clerks,
    manager,
    advisor,
    people,
  };
}

async function logContact(client: ApiClient, accountId: string, extra: Record<string, unknown> = {}) {
  return ok(client.post<{ id: string }>('/api/interactions', { accountId, channel: 'phone_out', subject: 'Point sur le besoin', ...extra }), 201);
}

async function openDeal(client: ApiClient, accountId: string, productId: string, quantity: number, unitPriceCents: number) {
  return ok(client.post<Deal>('/api/deals', { accountId, title: 'Équipement des sites', lines: [{ productId, quantity, unitPriceCents }] }), 201);
}

const move = (client: ApiClient, deal: Pick<Deal, 'id' | 'version'>, stage: string, extra: Record<string, unknown> = {}) =>
  ok(client.post<Deal>(`/api/deals/${deal.id}/stage`, { version: deal.version, stage, ...extra }));

/**
 * The facts, all written today through the API:
 * - contacts: rep 1 logs 3 (and corrects one of them: a correction does not count), rep 2 logs 2, rep 3 logs 1;
 * - deals: rep 1 wins 2 × 1,500.00 and loses 800.00; rep 2 wins 450.50; rep 3 moves one to proposal on an
 *   account nobody contacted; rep 1 converts a relayed lead into a deal of 2,000.00 and wins it;
 * - leads relayed by the advisor: two to rep 1 (one converted, one rejected), one to rep 2 (left unanswered).
 */
async function writeFacts(w: World) {
  const [rep1, rep2, rep3] = w.reps as [BuiltUser, BuiltUser, BuiltUser];
  const product = await buildProduct();
  const acc1 = await buildAccount({ agencyId: w.agencyId, ownerId: rep1.id });
  const acc2 = await buildAccount({ agencyId: w.agencyId, ownerId: rep2.id });
  const acc3 = await buildAccount({ agencyId: w.agencyId, ownerId: rep3.id });
  const untouched = await buildAccount({ agencyId: w.agencyId, ownerId: rep3.id });
  const [c1, c2, c3] = [await signedIn(rep1.email), await signedIn(rep2.email), await signedIn(rep3.email)];

  const first = await logContact(c1, acc1.id);
  await logContact(c1, acc1.id, { channel: 'visit' });
  await logContact(c1, acc1.id, { channel: 'email_out' });
  await logContact(c1, acc1.id, { amendsId: first.id, subject: 'Point sur le besoin (corrigé)' });
  await logContact(c2, acc2.id);
  await logContact(c2, acc2.id, { channel: 'visit' });
  await logContact(c3, acc3.id);

  await move(c1, await openDeal(c1, acc1.id, product.id, 2, 150_000), 'won');
  await move(c1, await openDeal(c1, acc1.id, product.id, 1, 80_000), 'lost', { lossReason: 'price' });
  await move(c2, await openDeal(c2, acc2.id, product.id, 1, 45_050), 'won');
  await move(c3, await openDeal(c3, untouched.id, product.id, 1, 99_900), 'proposal');

  const advisor = await signedIn(w.advisor.email);
  const relay = (accountId: string) =>
    ok(advisor.post<Lead>('/api/leads', { accountId, productId: product.id, need: 'Souhaite équiper deux sites', source: 'phone_in', acknowledgeDuplicate: true }), 201);
  const l1 = await relay(acc1.id);
  const l2 = await relay(acc1.id);
  const l3 = await relay(acc2.id);
  expect([l1.assigneeId, l2.assigneeId, l3.assigneeId]).toEqual([rep1.id, rep1.id, rep2.id]);
  const converted = await ok(c1.post<Lead>(`/api/leads/${l1.id}/convert`, { version: l1.version, amountCents: 200_000 }));
  await ok(c1.post<Lead>(`/api/leads/${l2.id}/reject`, { version: l2.version, reason: 'no_need', note: 'Déjà équipé ailleurs' }));
  const fromLead = await ok(c1.get<Deal>(`/api/deals/${converted.dealId!}`));
  expect(fromLead).toMatchObject({ ownerId: rep1.id, amountCents: 200_000, stage: 'qualification' });
  await move(c1, fromLead, 'won');
}

/** Contacts per person per week: contacts ÷ headcount ÷ (days / 7). */
const perWeek = (contacts: number, headcount: number) => contacts / headcount / (month.days / 7);

beforeAll(async () => {
  world = await buildWorld();
  today = parisDate(0);
  month = { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(daysInMonth(today)).padStart(2, '0')}`, days: daysInMonth(today) };
  await writeFacts(world);
  await catchUp([...world.people.map((p) => p.id), world.agencyId, world.salesPool.id, world.backOffice.id]);
}, 600_000);

const agencyMonth = () => ({ type: 'agency', id: world.agencyId, period: 'month', at: today });

describe('GET /api/steering/dashboard: an agency for a month', () => {
  it('shows the figures the facts give, worked out by hand', async () => {
    const manager = await signedIn(world.manager.email);
    const d = await ok(getDashboard(manager, agencyMonth()));

    expect(d.unit).toEqual({ type: 'agency', id: world.agencyId, name: world.agencyName, headcount: 8 });
    expect(d.period).toEqual({ kind: 'month', from: month.from, to: month.to, label: today.slice(0, 7) });
    expect(d.minGroup).toBe(5);
    expect(d.freshAt).not.toBeNull();

    // Won: 2 × 1,500.00 + 450.50 + 2,000.00; closed: 3 won, 1 lost.
    expect(d.figures.won_revenue).toMatchObject({ value: 545_050, numerator: 3 });
    expect(d.figures.win_rate).toEqual({ value: 3 / 4, numerator: 3, denominator: 4 });
    // 6 contacts (the correction does not count) by 8 people over the month's weeks.
    expect(d.figures.interactions_per_rep_week!.numerator).toBe(6);
    expect(d.figures.interactions_per_rep_week!.denominator).toBeCloseTo((8 * month.days) / 7, 10);
    expect(d.figures.interactions_per_rep_week!.value).toBeCloseTo(perWeek(6, 8), 10);
    // Leads: 3 received, 1 converted of 2 concluded (converted or rejected); 2 of the 3 relayed leads answered.
    expect(d.figures.leads_received).toEqual({ value: 3 });
    expect(d.figures.lead_conversion).toEqual({ value: 1 / 2, numerator: 1, denominator: 2 });
    expect(d.figures.relay_feedback).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    // The deal from the lead is the one of the three won that someone else passed on.
    expect(d.figures.relayed_won_share).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    // Five stage moves; the one on the account nobody contacted is not backed by a contact.
    expect(d.figures.logging_compliance).toEqual({ value: 4 / 5, numerator: 4, denominator: 5 });
    // Open now: the deal moved to proposal.
    expect(d.figures.pipeline).toEqual({ value: 99_900, parts: { qualification: 0, proposal: 99_900, negotiation: 0 } });
    // From lead to sale: 3 received, 2 answered (converted, rejected), 1 converted, and its deal won.
    expect(d.funnel).toEqual({ received: 3, answered: 2, converted: 1, won: 1 });
    // The median qualification time of the two answered leads, from the leads themselves: to the minute.
    const db = await testDb();
    const answered = await sql<{ minutes: number }>`
      SELECT extract(epoch FROM answered_at - created_at)::float8 / 60 AS minutes FROM leads
      WHERE agency_id = ${world.agencyId} AND answered_at IS NOT NULL ORDER BY 1`.execute(db);
    expect(answered.rows).toHaveLength(2);
    expect(d.figures.qualification_median!.denominator).toBe(2);
    const [first, second] = answered.rows.map((r) => r.minutes) as [number, number];
    expect(d.figures.qualification_median!.value).toBeGreaterThanOrEqual(first - 1);
    expect(d.figures.qualification_median!.value).toBeLessThanOrEqual(second + 1);
  });

  it('gives the breadcrumb from the nation down, and to its manager the pools then each person', async () => {
    const manager = await signedIn(world.manager.email);
    const d = await ok(getDashboard(manager, agencyMonth()));
    expect(d.parents).toEqual([
      { type: 'nation', id: null, name: 'National' },
      { type: 'region', id: world.regionId, name: world.regionName },
    ]);
    expect(d.childrenHidden).toBeNull();

    const people = [...world.people].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    expect(d.children.map((c) => ({ type: c.type, id: c.id, name: c.name, headcount: c.headcount }))).toEqual([
      { type: 'pool', id: world.backOffice.id, name: world.backOffice.name, headcount: 2 },
      { type: 'pool', id: world.salesPool.id, name: world.salesPool.name, headcount: 5 },
      ...people.map((p) => ({ type: 'person', id: p.id, name: p.name, headcount: 1 })),
    ]);

    const row = (id: string) => d.children.find((c) => c.id === id)!;
    const sales = row(world.salesPool.id);
    expect(value(sales.figures, 'won_revenue')).toBe(545_050);
    expect(value(sales.figures, 'win_rate')).toBe(3 / 4);
    expect(value(sales.figures, 'interactions_per_rep_week')).toBeCloseTo(perWeek(6, 5), 10);
    const back = row(world.backOffice.id);
    expect(value(back.figures, 'won_revenue')).toBe(0);
    expect(value(back.figures, 'win_rate')).toBeNull();
    expect(value(back.figures, 'interactions_per_rep_week')).toBe(0);

    const [rep1, rep2, rep3, rep4] = world.reps as [BuiltUser, BuiltUser, BuiltUser, BuiltUser];
    const expectPerson = (r: DashboardRow, won: number, winRate: number | null, contacts: number, conversion: number | null) => {
      expect(value(r.figures, 'won_revenue'), r.name).toBe(won);
      expect(value(r.figures, 'win_rate'), r.name).toBe(winRate);
      expect(value(r.figures, 'interactions_per_rep_week'), r.name).toBeCloseTo(perWeek(contacts, 1), 10);
      expect(value(r.figures, 'lead_conversion'), r.name).toBe(conversion);
    };
    expectPerson(row(rep1.id), 500_000, 2 / 3, 3, 1 / 2);
    expectPerson(row(rep2.id), 45_050, 1, 2, null);
    expectPerson(row(rep3.id), 0, null, 1, null);
    expectPerson(row(rep4.id), 0, null, 0, null);
    expect(value(row(rep3.id).figures, 'pipeline')).toBe(99_900);
  });

  it('shows a pool with its agency in the breadcrumb', async () => {
    const manager = await signedIn(world.manager.email);
    const d = await ok(getDashboard(manager, { type: 'pool', id: world.salesPool.id, period: 'month', at: today }));
    expect(d.unit).toEqual({ type: 'pool', id: world.salesPool.id, name: world.salesPool.name, headcount: 5 });
    expect(d.parents).toEqual([
      { type: 'nation', id: null, name: 'National' },
      { type: 'region', id: world.regionId, name: world.regionName },
      { type: 'agency', id: world.agencyId, name: world.agencyName },
    ]);
    expect(d.children.map((c) => c.id).sort()).toEqual(world.reps.map((r) => r.id).sort());
    expect(value(d.figures, 'won_revenue')).toBe(545_050);
  });

  it('draws the 12 months up to this one, with this month’s figures last and none before (no trend for snapshots)', async () => {
    const d = await ok(getDashboard(await signedIn(world.manager.email), agencyMonth()));
    expect(d.trend.periods).toHaveLength(12);
    expect(d.trend.periods.at(-1)).toEqual(d.period);
    for (let i = 1; i < 12; i++) {
      const p = d.trend.periods[i - 1]!;
      expect(p.kind).toBe('month');
      expect(p.to < d.trend.periods[i]!.from).toBe(true);
    }
    expect(d.trend.series.won_revenue).toEqual([...Array<number>(11).fill(0), 545_050]);
    expect(d.trend.series.win_rate).toEqual([...Array<null>(11).fill(null), 3 / 4]);
    expect(d.trend.series.lead_conversion).toEqual([...Array<null>(11).fill(null), 1 / 2]);
    for (const snapshot of ['pipeline', 'case_backlog', 'data_completeness', 'forecast'] as const) expect(d.trend.series[snapshot], snapshot).toBeUndefined();
  });

  it('counts only the days of the period asked: a custom period ending yesterday has none of today’s facts', async () => {
    const manager = await signedIn(world.manager.email);
    const upToToday = await ok(getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom', from: parisDate(-3), to: today }));
    expect(value(upToToday.figures, 'won_revenue')).toBe(545_050);
    expect(value(upToToday.figures, 'win_rate')).toBe(3 / 4);
    const before = await ok(getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom', from: parisDate(-10), to: parisDate(-1) }));
    expect(value(before.figures, 'won_revenue')).toBe(0);
    expect(value(before.figures, 'win_rate')).toBeNull();
    expect(value(before.figures, 'leads_received')).toBe(0);
    expect(before.figures.interactions_per_rep_week).toMatchObject({ value: 0, numerator: 0 });
  });
});

describe('GET /api/steering/dashboard: who sees what', () => {
  it('a rep sees their agency of 8 people as aggregates: the same figures, pools of 5 or more, no person', async () => {
    const rep = await signedIn(world.reps[3]!.email);
    const d = await ok(getDashboard(rep, agencyMonth()));
    expect(d.unit.headcount).toBe(8);
    expect(value(d.figures, 'won_revenue')).toBe(545_050);
    expect(value(d.figures, 'win_rate')).toBe(3 / 4);
    expect(d.childrenHidden).toBe('individuals_private');
    // The back office (2 people) would single its members out: only the sales pool (5) is shown.
    expect(d.children.map((c) => ({ type: c.type, id: c.id }))).toEqual([{ type: 'pool', id: world.salesPool.id }]);
    expect(d.children.some((c) => c.type === 'person')).toBe(false);
    // Their sales pool too, as a member of 5.
    const pool = await ok(getDashboard(rep, { type: 'pool', id: world.salesPool.id, period: 'month', at: today }));
    expect(pool.childrenHidden).toBe('individuals_private');
    expect(pool.children).toEqual([]);
    expect(value(pool.figures, 'won_revenue')).toBe(545_050);
  });

  it('a member of a group smaller than the min group sees nothing of it: 403', async () => {
    // The back office counts 2 people.
    const clerk = await signedIn(world.clerks[0]!.email);
    const refused = await getDashboard(clerk, { type: 'pool', id: world.backOffice.id, period: 'month', at: today });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden' });
    // The agency (8) they may see.
    expect((await getDashboard(clerk, agencyMonth())).status).toBe(200);

    // An agency of 4 reps: each of them is refused it.
    const small = await buildAgency();
    const smallPool = await buildPool({ kind: 'sales', scope: 'agency', unitId: small.id });
    const smallReps: BuiltUser[] = [];
    for (let i = 0; i < 4; i++) smallReps.push(await buildUser({ homeAgencyId: small.id, pools: [smallPool.id] }));
    for (const r of smallReps) {
      const reply = await getDashboard(await signedIn(r.email), { type: 'agency', id: small.id, period: 'month', at: today });
      expect(reply.status).toBe(403);
      expect(reply.body).toMatchObject({ code: 'forbidden' });
    }
    // A fifth makes it large enough.
    const fifth = await buildUser({ homeAgencyId: small.id, pools: [smallPool.id] });
    expect((await getDashboard(await signedIn(fifth.email), { type: 'agency', id: small.id, period: 'month', at: today })).status).toBe(200);
    // Someone from elsewhere never sees it, however large our agency is.
    expect((await getDashboard(await signedIn(fifth.email), agencyMonth())).status).toBe(403);
  });

  it('a person’s figures are theirs and their line manager’s: 403 for a colleague, 200 for themselves and their manager', async () => {
    const [rep1, rep2] = world.reps as [BuiltUser, BuiltUser];
    const params = { type: 'person', id: rep1.id, period: 'month', at: today };
    const colleague = await getDashboard(await signedIn(rep2.email), params);
    expect(colleague.status).toBe(403);
    expect(colleague.body).toMatchObject({ code: 'forbidden' });

    const own = await ok(getDashboard(await signedIn(rep1.email), params));
    expect(own.unit).toEqual({ type: 'person', id: rep1.id, name: world.people.find((p) => p.id === rep1.id)!.name, headcount: 1 });
    expect(own.parents).toEqual([
      { type: 'nation', id: null, name: 'National' },
      { type: 'region', id: world.regionId, name: world.regionName },
      { type: 'agency', id: world.agencyId, name: world.agencyName },
    ]);
    expect(own.children).toEqual([]);
    expect(own.figures.won_revenue).toMatchObject({ value: 500_000, numerator: 2 });
    expect(own.figures.win_rate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(own.figures.interactions_per_rep_week!.value).toBeCloseTo(perWeek(3, 1), 10);
    expect(own.trend.series.won_revenue!.at(-1)).toBe(500_000);

    const byManager = await ok(getDashboard(await signedIn(world.manager.email), params));
    expect(byManager.figures).toEqual(own.figures);

    // The manager of another agency may not.
    const other = await buildAgency({ regionId: world.regionId });
    const otherManager = await buildUser({ roles: ['manager'], homeAgencyId: other.id, manages: [{ type: 'agency', id: other.id }] });
    expect((await getDashboard(await signedIn(otherManager.email), params)).status).toBe(403);
    expect((await getDashboard(await signedIn(otherManager.email), agencyMonth())).status).toBe(403);
  });

  it('404 for an agency or a person that does not exist', async () => {
    const manager = await signedIn(world.manager.email);
    const agency = await getDashboard(manager, { type: 'agency', id: randomUUID(), period: 'month' });
    expect(agency.status).toBe(404);
    expect(agency.body).toMatchObject({ code: 'agency.not_found' });
    const person = await getDashboard(manager, { type: 'person', id: randomUUID(), period: 'month' });
    expect(person.status).toBe(404);
    expect(person.body).toMatchObject({ code: 'person.not_found' });
  });

  it('400 naming the field: a custom period without from or to, from after to, an id missing', async () => {
    const manager = await signedIn(world.manager.email);
    const noDates = await getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom' });
    expect(noDates.status).toBe(400);
    expect(noDates.body).toMatchObject({ field: 'from' });
    const noTo = await getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom', from: '2026-01-01' });
    expect(noTo.status).toBe(400);
    expect(noTo.body).toMatchObject({ field: 'from' });
    const reversed = await getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom', from: '2026-03-02', to: '2026-03-01' });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ field: 'to' });
    const noId = await getDashboard(manager, { type: 'agency', period: 'month' });
    expect(noId.status).toBe(400);
    expect(noId.body).toMatchObject({ field: 'id' });
    const badDay = await getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'month', at: '2026-02-30' });
    expect(badDay.status).toBe(400);
    expect(badDay.body).toMatchObject({ field: 'at' });
  });
});

describe('GET /api/steering/dashboard: periods and trends', () => {
  /** Monday-to-Sunday weeks with their ISO labels, worked out by hand. */
  const week = (from: string, to: string, label: string): Period => ({ kind: 'week', from, to, label });

  it('a week: Monday to Sunday around the day asked, and the 11 weeks before it', async () => {
    const manager = await signedIn(world.manager.email);
    // Wednesday 11 March 2026 is in ISO week 11.
    const d = await ok(getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'week', at: '2026-03-11' }));
    expect(d.period).toEqual(week('2026-03-09', '2026-03-15', '2026-W11'));
    expect(d.trend.periods).toEqual([
      week('2025-12-22', '2025-12-28', '2025-W52'),
      week('2025-12-29', '2026-01-04', '2026-W01'),
      week('2026-01-05', '2026-01-11', '2026-W02'),
      week('2026-01-12', '2026-01-18', '2026-W03'),
      week('2026-01-19', '2026-01-25', '2026-W04'),
      week('2026-01-26', '2026-02-01', '2026-W05'),
      week('2026-02-02', '2026-02-08', '2026-W06'),
      week('2026-02-09', '2026-02-15', '2026-W07'),
      week('2026-02-16', '2026-02-22', '2026-W08'),
      week('2026-02-23', '2026-03-01', '2026-W09'),
      week('2026-03-02', '2026-03-08', '2026-W10'),
      week('2026-03-09', '2026-03-15', '2026-W11'),
    ]);
    for (const series of Object.values(d.trend.series)) expect(series).toHaveLength(12);
  });

  it('counts each period of a trend with the people it had on its last day', async () => {
    // An agency of one rep, joined for the last two months by a second one (an agency share from the 1st of last month).
    const agency = await buildAgency();
    const sales = await buildPool({ kind: 'sales', scope: 'agency', unitId: agency.id });
    const first = await buildUser({ homeAgencyId: agency.id, pools: [sales.id] });
    const lastMonthStart = `${addMonths(month.from, -1)}`;
    await buildUser({ assignments: [{ agencyId: agency.id, sharePct: 100, startsOn: lastMonthStart }] });
    const manager = await buildUser({ roles: ['manager'], manages: [{ type: 'agency', id: agency.id }] });
    // The first rep logs one contact four months ago and one today.
    const account = await buildAccount({ agencyId: agency.id, ownerId: first.id });
    const rep = await signedIn(first.email);
    const fourMonthsAgo = addMonths(month.from, -4);
    await logContact(rep, account.id, { occurredAt: `${fourMonthsAgo}T10:00:00+01:00` });
    await logContact(rep, account.id);
    await catchUp([first.id, agency.id]);

    const d = await ok(getDashboard(await signedIn(manager.email), { type: 'agency', id: agency.id, period: 'month', at: today }));
    expect(d.trend.headcount).toEqual([...Array<number>(10).fill(1), 2, 2]);
    expect(d.trend.headcount.at(-1)).toBe(d.unit.headcount);
    // Contacts per person per week: one contact for one person four months ago, for two this month.
    const weeks = (from: string) => daysInMonth(from) / 7;
    const perRepWeek = d.trend.series.interactions_per_rep_week!;
    expect(perRepWeek[7]).toBeCloseTo(1 / 1 / weeks(fourMonthsAgo), 10);
    expect(perRepWeek[11]).toBeCloseTo(1 / 2 / weeks(month.from), 10);
    expect(value(d.figures, 'interactions_per_rep_week')).toBeCloseTo(perRepWeek[11]!, 10);
    expect(perRepWeek.filter((v) => v !== 0 && v !== null)).toHaveLength(2);
  });

  it('forecasts the month with the run rate of the quick business won over the last 90 days', async () => {
    const agency = await buildAgency();
    const sales = await buildPool({ kind: 'sales', scope: 'agency', unitId: agency.id });
    const rep = await buildUser({ homeAgencyId: agency.id, pools: [sales.id] });
    const manager = await buildUser({ roles: ['manager'], manages: [{ type: 'agency', id: agency.id }] });
    const account = await buildAccount({ agencyId: agency.id, ownerId: rep.id });
    const db = await testDb();
    const won = (openedDaysAgo: number, closedDaysAgo: number, amount: number) => ({
      id: randomUUID(), account_id: account.id, lead_id: null, title: 'Affaire', owner_id: rep.id, created_by: null, agency_id: agency.id, region_id: agency.regionId,
      stage: 'won' as const, probability: 100, amount_cents: amount, expected_close: addDaysTo(today, -closedDaysAgo), created_at: new Date(), stage_changed_at: new Date(), closed_at: new Date(),
      opened_on: addDaysTo(today, -openedDaysAgo), closed_on: addDaysTo(today, -closedDaysAgo),
    });
    // Quick (won within 30 days of opening) and in the window: 900,000. Slow, or won before the window: left out.
    await db.insertInto('deals').values([won(20, 10, 600_000), won(41, 10, 5_000_000), won(100, 91, 7_000_000), won(60, 30, 300_000), won(95, 91, 8_000_000)]).execute();
    await catchUp([rep.id, agency.id]);

    const d = await ok(getDashboard(await signedIn(manager.email), { type: 'agency', id: agency.id, period: 'month', at: today }));
    const daysLeft = daysInMonth(today) - Number(today.slice(8, 10));
    const wonThisMonth = [[10, 5_600_000], [30, 300_000], [91, 15_000_000]].filter(([ago]) => addDaysTo(today, -ago!) >= month.from).reduce((sum, [, amount]) => sum + amount!, 0);
    expect(d.figures.forecast).toEqual({
      value: wonThisMonth + Math.round((900_000 / 90) * daysLeft),
      parts: { won: wonThisMonth, weightedPipeline: 0, runRate: Math.round((900_000 / 90) * daysLeft) },
    });
    const person = d.children.find((c) => c.id === rep.id)!;
    expect(person.figures.forecast!.parts!.runRate).toBe(Math.round((900_000 / 90) * daysLeft));
    const past = await ok(getDashboard(await signedIn(manager.email), { type: 'agency', id: agency.id, period: 'month', at: addMonths(month.from, -1) }));
    expect(past.figures.forecast!.parts!.runRate).toBe(0);
  });

  it('a custom period: its own from and to, its trend cut into weeks, months or days', async () => {
    const manager = await signedIn(world.manager.email);
    const custom = (from: string, to: string) => ok(getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom', from, to }));

    // 42 days: cut into weeks, the first and last ones partial.
    const weeks = await custom('2026-01-10', '2026-02-20');
    expect(weeks.period).toEqual({ kind: 'custom', from: '2026-01-10', to: '2026-02-20', label: '2026-01-10 → 2026-02-20' });
    expect(weeks.trend.periods).toEqual([
      week('2026-01-10', '2026-01-11', '2026-W02'),
      week('2026-01-12', '2026-01-18', '2026-W03'),
      week('2026-01-19', '2026-01-25', '2026-W04'),
      week('2026-01-26', '2026-02-01', '2026-W05'),
      week('2026-02-02', '2026-02-08', '2026-W06'),
      week('2026-02-09', '2026-02-15', '2026-W07'),
      week('2026-02-16', '2026-02-20', '2026-W08'),
    ]);
    for (const series of Object.values(weeks.trend.series)) expect(series).toHaveLength(7);

    // Over 92 days: months.
    const months = await custom('2025-11-15', '2026-03-03');
    expect(months.trend.periods).toEqual([
      { kind: 'month', from: '2025-11-15', to: '2025-11-30', label: '2025-11' },
      { kind: 'month', from: '2025-12-01', to: '2025-12-31', label: '2025-12' },
      { kind: 'month', from: '2026-01-01', to: '2026-01-31', label: '2026-01' },
      { kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026-02' },
      { kind: 'month', from: '2026-03-01', to: '2026-03-03', label: '2026-03' },
    ]);

    // Up to 14 days: days.
    const days = await custom('2026-02-27', '2026-03-02');
    expect(days.trend.periods).toEqual(
      ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map((day) => ({ kind: 'custom', from: day, to: day, label: day })),
    );
  });

  it('a custom period holding today puts today’s facts in the right piece of its trend', async () => {
    const manager = await signedIn(world.manager.email);
    const d = await ok(getDashboard(manager, { type: 'agency', id: world.agencyId, period: 'custom', from: parisDate(-2), to: parisDate(2) }));
    expect(d.trend.periods.map((p) => p.from)).toEqual([parisDate(-2), parisDate(-1), today, parisDate(1), parisDate(2)]);
    expect(d.trend.series.won_revenue).toEqual([0, 0, 545_050, 0, 0]);
    expect(d.trend.series.win_rate).toEqual([null, null, 3 / 4, null, null]);
  });
});

describe('GET /api/steering/dashboard.csv', () => {
  const FR_HEADER_START = ['Type', 'Nom', 'Effectif', 'Leads reçus', 'Taux de transformation des leads (%)'];

  it('the next-level table in French: BOM, semicolons, decimal commas, one row for the unit then one per child; traced', async () => {
    const manager = await signedIn(world.manager.email);
    const before = (await exports(world.manager.id)).length;
    const csv = await download(manager, { ...agencyMonth(), table: 'children' });
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe(`attachment; filename="relais-agency-${today.slice(0, 7)}-children.csv"`);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = parseCsv(csv.text, ';');
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(FR_HEADER_START);
    expect(header).toContain('Chiffre d’affaires gagné (€)');
    expect(header).toContain('Taux de réussite (%)');
    expect(header).toContain('Contacts saisis par personne et par semaine');
    // Type, name, headcount, then every indicator of the catalogue, in its order.
    expect(header.slice(3)).toEqual(INDICATORS.map((i) => i.name.fr + ({ ratio: ' (%)', cents: ' (€)', minutes: ' (min)', count: '', decimal: '' } as const)[i.format]));
    expect(csv.text.split('\r\n')[0]).toBe(`\uFEFF${header.join(';')}`);

    // The agency, its 2 pools, its 8 people.
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Agence', 'Pool', 'Pool', ...Array<string>(8).fill('Personne')]);
    const col = (name: string) => header.indexOf(name);
    const unit = rows[1]!;
    expect(unit[1]).toBe(world.agencyName);
    expect(unit[2]).toBe('8,0');
    expect(unit[col('Chiffre d’affaires gagné (€)')]).toBe('5450,50');
    expect(unit[col('Taux de réussite (%)')]).toBe('75,0');
    expect(unit[col('Taux de transformation des leads (%)')]).toBe('50,0');
    expect(unit[col('Leads reçus')]).toBe('3');
    expect(unit[col('Contacts saisis par personne et par semaine')]).toBe(perWeek(6, 8).toFixed(1).replace('.', ','));
    const rep1 = rows.find((r) => r[1] === world.people.find((p) => p.id === world.reps[0]!.id)!.name)!;
    expect(rep1[col('Chiffre d’affaires gagné (€)')]).toBe('5000,00');
    expect(rep1[col('Taux de réussite (%)')]).toBe('66,7');
    // Nothing to measure: an empty cell.
    const back = rows.find((r) => r[1] === world.backOffice.name)!;
    expect(back[col('Taux de réussite (%)')]).toBe('');

    const events = await exports(world.manager.id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actor_id: world.manager.id,
      payload: { unit: { type: 'agency', id: world.agencyId }, period: { kind: 'month', from: month.from, to: month.to }, table: 'children', rows: 11 },
    });
  });

  it('in English: commas and decimal points, English names', async () => {
    const manager = await signedIn(world.manager.email);
    const csv = await download(manager, { ...agencyMonth(), table: 'children', lang: 'en' });
    expect(csv.status).toBe(200);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.text, ',');
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(['Type', 'Name', 'Headcount', 'Leads received', 'Lead conversion rate (%)']);
    expect(header).toContain('Won revenue (€)');
    expect(header).toContain('Win rate (%)');
    expect(rows).toHaveLength(1 + 11);
    const unit = rows[1]!;
    expect(unit.slice(0, 3)).toEqual(['Agency', world.agencyName, '8.0']);
    expect(unit[header.indexOf('Won revenue (€)')]).toBe('5450.50');
    expect(unit[header.indexOf('Win rate (%)')]).toBe('75.0');
    expect(csv.text).not.toContain(';');
  });

  it('a colleague’s export holds only what they may see: the unit and the pools of 5 or more', async () => {
    const rep = world.reps[4]!;
    const csv = await download(await signedIn(rep.email), { ...agencyMonth(), table: 'children' });
    expect(csv.status).toBe(200);
    const rows = parseCsv(csv.text, ';');
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['Agence', world.agencyName],
      ['Pool', world.salesPool.name],
    ]);
    expect((await exports(rep.id)).at(-1)).toMatchObject({ payload: { table: 'children', rows: 2 } });
    // And nothing at all where they may see nothing.
    const refused = await download(await signedIn(world.clerks[1]!.email), { type: 'pool', id: world.backOffice.id, period: 'month', at: today, table: 'children' });
    expect(refused.status).toBe(403);
    expect(await exports(world.clerks[1]!.id)).toEqual([]);
  });

  it('the trend table: one row per period, with its dates; French by default', async () => {
    const manager = await signedIn(world.manager.email);
    const before = (await exports(world.manager.id)).length;
    const csv = await download(manager, { ...agencyMonth(), table: 'trend' });
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.text, ';');
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['Période', 'Du', 'Au']);
    expect(header).toContain('Chiffre d’affaires gagné (€)');
    // Snapshot indicators have no trend.
    expect(header).not.toContain('Portefeuille d’affaires en cours (€)');
    expect(header).not.toContain('Prévision pondérée (€)');
    expect(rows).toHaveLength(1 + 12);
    const last = rows.at(-1)!;
    expect(last.slice(0, 3)).toEqual([today.slice(0, 7), month.from, month.to]);
    expect(last[header.indexOf('Chiffre d’affaires gagné (€)')]).toBe('5450,50');
    expect(last[header.indexOf('Taux de réussite (%)')]).toBe('75,0');
    expect(rows[1]![header.indexOf('Chiffre d’affaires gagné (€)')]).toBe('0,00');
    expect(rows[1]![header.indexOf('Taux de réussite (%)')]).toBe('');

    const en = parseCsv((await download(manager, { ...agencyMonth(), table: 'trend', lang: 'en' })).text, ',');
    expect(en[0]!.slice(0, 3)).toEqual(['Period', 'From', 'To']);
    expect(en.at(-1)![en[0]!.indexOf('Won revenue (€)')]).toBe('5450.50');

    const events = await exports(world.manager.id);
    expect(events).toHaveLength(before + 2);
    expect(events[before]).toMatchObject({ payload: { unit: { type: 'agency', id: world.agencyId }, table: 'trend', rows: 12 } });
  });
});
