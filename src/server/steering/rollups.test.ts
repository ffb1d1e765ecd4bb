// The rollups against the facts, on a real database. Facts are written as plain SQL on purpose: the
// rollups are kept by the fact tables' triggers, whatever wrote the row (a command, an import, a sweep),
// so the property is "any sequence of writes, caught up at any moments, ends equal to a from-scratch
// computation", and beside it an independent computation, in TypeScript, of what each unit must hold.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/support/db.ts';
import { buildAccount, buildAgency, buildPool, buildUser } from '../../../test/support/factories.ts';
import { buildProduct } from '../../../test/support/lead-factories.ts';
import { parisTime } from '../calendar/rules.ts';
import { catchUpRollups, qualifyMetricSql, rebuildRollups, NATION_ID } from './rollups.ts';
import { addDays, qualifyBand, qualifyMetric, QUALIFY_BANDS } from './rules.ts';

const today = () => parisTime(new Date()).date;
/** Noon in Paris, `daysAgo` days before today (never near midnight, so the Paris day is unambiguous). */
const noonDaysAgo = (daysAgo: number) => new Date(`${addDays(today(), -daysAgo)}T11:00:00Z`);

interface World {
  regionId: string;
  agencyA: string;
  agencyB: string;
  poolP: string; // a pool of agency A
  poolQ: string; // a regional pool
  reps: string[]; // r0: home agency A only; r1: shares A 60 / B 40; r2: member of P and Q, home B
  accounts: string[];
  productId: string;
}

async function buildWorld(): Promise<World> {
  const db = await testDb();
  const a = await buildAgency();
  const b = await buildAgency({ regionId: a.regionId });
  const poolP = (await buildPool({ kind: 'back_office', scope: 'agency', unitId: a.id })).id;
  const poolQ = (await buildPool({ kind: 'back_office', scope: 'region', unitId: a.regionId })).id;
  const r0 = await buildUser({ homeAgencyId: a.id });
  const r1 = await buildUser({ homeAgencyId: a.id });
  const r2 = await buildUser({ homeAgencyId: b.id, pools: [poolP, poolQ] });
  await db
    .insertInto('agency_assignments')
    .values([
      { id: randomUUID(), user_id: r1.id, agency_id: a.id, share_pct: 60, starts_on: '2020-01-01', ends_on: null },
      { id: randomUUID(), user_id: r1.id, agency_id: b.id, share_pct: 40, starts_on: '2020-01-01', ends_on: null },
    ])
    .execute();
  await db.updateTable('pool_memberships').set({ starts_on: '2020-01-01' }).where('user_id', '=', r2.id).execute();
  const accounts = [
    (await buildAccount({ agencyId: a.id, ownerId: r0.id })).id,
    (await buildAccount({ agencyId: b.id, ownerId: null })).id,
  ];
  const productId = (await buildProduct()).id;
  return { regionId: a.regionId, agencyA: a.id, agencyB: b.id, poolP, poolQ, reps: [r0.id, r1.id, r2.id], accounts, productId };
}

// --- Writes, as the app's tables receive them ---

type Write =
  | { kind: 'interaction'; rep: number; account: number; daysAgo: number }
  | { kind: 'lead'; rep: number | null; agencyB: boolean; daysAgo: number; answer: 'none' | 'accepted' | 'rejected' | 'converted'; late: boolean; relayedBy: number | null }
  | { kind: 'deal'; rep: number; amount: number; outcome: 'open' | 'won' | 'lost'; closedDaysAgo: number; expectedInDays: number }
  | { kind: 'moveDeal'; rep: number; toRep: number }
  | { kind: 'case'; rep: number | null; regional: boolean; daysAgo: number; resolvedAfterHours: number | null; transfers: number }
  | { kind: 'reassignCase'; toRep: number | null }
  | { kind: 'account'; account: number; owner: number | null; completeness: number }
  | { kind: 'share'; pctA: number; fromDaysAgo: number }
  | { kind: 'membership'; pool: 'P' | 'Q'; rep: number; fromDaysAgo: number; remove: boolean }
  | { kind: 'home'; rep: number; agencyB: boolean }
  | { kind: 'catchUp' };

const rep = fc.integer({ min: 0, max: 2 });
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('interaction' as const), rep, account: fc.integer({ min: 0, max: 1 }), daysAgo: fc.integer({ min: 0, max: 40 }) }),
  fc.record({
    kind: fc.constant('lead' as const),
    rep: fc.option(rep, { nil: null }),
    agencyB: fc.boolean(),
    daysAgo: fc.integer({ min: 0, max: 30 }),
    answer: fc.constantFrom('none' as const, 'accepted' as const, 'rejected' as const, 'converted' as const),
    late: fc.boolean(),
    relayedBy: fc.option(rep, { nil: null }),
  }),
  fc.record({
    kind: fc.constant('deal' as const),
    rep,
    amount: fc.integer({ min: 1, max: 500_000 }),
    outcome: fc.constantFrom('open' as const, 'won' as const, 'lost' as const),
    closedDaysAgo: fc.integer({ min: 0, max: 40 }),
    expectedInDays: fc.integer({ min: -10, max: 60 }),
  }),
  fc.record({ kind: fc.constant('moveDeal' as const), rep, toRep: rep }),
  fc.record({
    kind: fc.constant('case' as const),
    rep: fc.option(rep, { nil: null }),
    regional: fc.boolean(),
    daysAgo: fc.integer({ min: 0, max: 30 }),
    resolvedAfterHours: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
    transfers: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant('reassignCase' as const), toRep: fc.option(rep, { nil: null }) }),
  fc.record({ kind: fc.constant('account' as const), account: fc.integer({ min: 0, max: 1 }), owner: fc.option(rep, { nil: null }), completeness: fc.integer({ min: 0, max: 100 }) }),
  // Allocation changes and catch-ups weigh more: a change after a catch-up is what must move figures.
  { arbitrary: fc.record({ kind: fc.constant('share' as const), pctA: fc.integer({ min: 0, max: 100 }), fromDaysAgo: fc.integer({ min: 0, max: 45 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('membership' as const), pool: fc.constantFrom('P' as const, 'Q' as const), rep, fromDaysAgo: fc.integer({ min: 0, max: 45 }), remove: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('home' as const), rep, agencyB: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'catchUp' as const }), weight: 4 },
);

async function apply(w: World, write: Write): Promise<void> {
  const db = await testDb();
  const person = (i: number | null) => (i === null ? null : w.reps[i]!);
  switch (write.kind) {
    case 'interaction': {
      const at = noonDaysAgo(write.daysAgo);
      await db
        .insertInto('interactions')
        .values({ id: randomUUID(), account_id: w.accounts[write.account]!, contact_id: null, channel: 'visit', actor_id: person(write.rep)!, subject: 'Visite', notes: '', outcome: null, occurred_at: at, recorded_at: new Date(), amends_id: null })
        .execute();
      return;
    }
    case 'lead': {
      const created = noonDaysAgo(write.daysAgo);
      const answered = write.answer === 'none' ? null : new Date(created.getTime() + 3 * 3_600_000);
      await db
        .insertInto('leads')
        .values({
          id: randomUUID(),
          account_id: w.accounts[0]!,
          contact_id: null,
          product_id: w.productId,
          need: 'Besoin',
          estimated_value_cents: null,
          source: write.relayedBy === null ? 'web' : 'relay',
          source_campaign: write.relayedBy === 1 ? 'Campagne' : null,
          initiator_id: person(write.relayedBy),
          status: write.answer === 'none' ? 'new' : write.answer,
          assignee_id: person(write.rep),
          agency_id: write.agencyB ? w.agencyB : w.agencyA,
          region_id: w.regionId,
          routing: JSON.stringify({ code: 'test', text: 'test', ruleVersion: 1 }),
          created_at: created,
          due_at: new Date(created.getTime() + 4 * 3_600_000),
          warn_at: new Date(created.getTime() + 2 * 3_600_000),
          late_at: write.late ? new Date(created.getTime() + 4 * 3_600_000) : null,
          answered_at: answered,
          converted_at: write.answer === 'converted' ? answered : null,
        })
        .execute();
      return;
    }
    case 'deal': {
      const closedOn = write.outcome === 'open' ? null : addDays(today(), -write.closedDaysAgo);
      const id = randomUUID();
      await db
        .insertInto('deals')
        .values({
          id,
          account_id: w.accounts[0]!,
          lead_id: null,
          title: 'Affaire',
          owner_id: person(write.rep)!,
          created_by: null,
          agency_id: w.agencyA,
          region_id: w.regionId,
          stage: write.outcome === 'open' ? 'proposal' : write.outcome,
          probability: write.outcome === 'open' ? 40 : write.outcome === 'won' ? 100 : 0,
          amount_cents: write.amount,
          expected_close: addDays(today(), write.expectedInDays),
          created_at: noonDaysAgo(50),
          stage_changed_at: new Date(),
          closed_at: closedOn ? new Date() : null,
          opened_on: addDays(today(), -50),
          closed_on: closedOn,
        })
        .execute();
      await db
        .insertInto('deal_stage_changes')
        .values({ id: randomUUID(), deal_id: id, account_id: w.accounts[0]!, owner_id: person(write.rep)!, from_stage: 'qualification', to_stage: 'proposal', at: noonDaysAgo(write.closedDaysAgo), backed: write.amount % 2 === 0 })
        .execute();
      return;
    }
    case 'moveDeal':
      await sql`UPDATE deals SET owner_id = ${person(write.toRep)} WHERE id = (SELECT id FROM deals WHERE owner_id = ${person(write.rep)} ORDER BY id LIMIT 1)`.execute(db);
      return;
    case 'case': {
      const opened = noonDaysAgo(write.daysAgo);
      const resolved = write.resolvedAfterHours === null ? null : new Date(opened.getTime() + write.resolvedAfterHours * 3_600_000);
      await db
        .insertInto('cases')
        .values({
          id: randomUUID(),
          reference: `T-${randomUUID()}`,
          account_id: w.accounts[0]!,
          contact_id: null,
          type: 'complaint',
          priority: 'normal',
          status: resolved ? 'resolved' : 'open',
          subject: 'Réclamation',
          description: 'Détail',
          product_id: null,
          channel: 'phone',
          agency_id: w.agencyA,
          region_id: w.regionId,
          pool_id: write.regional ? w.poolQ : w.poolP,
          assignee_id: person(write.rep),
          opened_by: null,
          routing: JSON.stringify({}),
          sla: JSON.stringify({ firstResponseMinutes: 60, resolutionMinutes: 2880 }),
          opened_at: opened,
          resolution_due_at: new Date(opened.getTime() + 48 * 3_600_000),
          resolved_at: resolved,
          transfer_count: write.transfers,
        })
        .execute();
      return;
    }
    case 'reassignCase':
      await sql`UPDATE cases SET assignee_id = ${person(write.toRep)}
        WHERE id = (SELECT id FROM cases WHERE account_id = ${w.accounts[0]!} ORDER BY opened_at LIMIT 1)`.execute(db);
      return;
    case 'account':
      await db.updateTable('accounts').set({ owner_id: person(write.owner), completeness: write.completeness }).where('id', '=', w.accounts[write.account]!).execute();
      return;
    case 'share': {
      // r1's share in A from a date: the old assignment ends the day before, a new one starts.
      const from = addDays(today(), -write.fromDaysAgo);
      const r1 = w.reps[1]!;
      await sql`UPDATE agency_assignments SET ends_on = ${addDays(from, -1)}::date
        WHERE user_id = ${r1} AND agency_id = ${w.agencyA} AND ends_on IS NULL AND starts_on < ${from}::date`.execute(db);
      await sql`DELETE FROM agency_assignments WHERE user_id = ${r1} AND agency_id = ${w.agencyA} AND starts_on >= ${from}::date`.execute(db);
      if (write.pctA > 0) {
        await db.insertInto('agency_assignments').values({ id: randomUUID(), user_id: r1, agency_id: w.agencyA, share_pct: write.pctA, starts_on: from, ends_on: null }).execute();
      }
      return;
    }
    case 'membership': {
      const poolId = write.pool === 'P' ? w.poolP : w.poolQ;
      if (write.remove) {
        await db.deleteFrom('pool_memberships').where('user_id', '=', person(write.rep)!).where('pool_id', '=', poolId).execute();
      } else {
        await sql`INSERT INTO pool_memberships (id, pool_id, user_id, starts_on) VALUES (${randomUUID()}, ${poolId}, ${person(write.rep)}, ${addDays(today(), -write.fromDaysAgo)}::date)
          ON CONFLICT DO NOTHING`.execute(db);
      }
      return;
    }
    case 'home':
      await db.updateTable('users').set({ home_agency_id: write.agencyB ? w.agencyB : w.agencyA }).where('id', '=', person(write.rep)!).execute();
      return;
    case 'catchUp':
      await catchUpRollups(db);
      return;
  }
}

const scopeOf = (w: World) => ({
  subjects: [...w.reps, w.agencyA, w.agencyB, w.poolP, w.poolQ],
  units: [
    { type: 'region' as const, id: w.regionId },
    { type: 'agency' as const, id: w.agencyA },
    { type: 'agency' as const, id: w.agencyB },
    { type: 'pool' as const, id: w.poolP },
    { type: 'pool' as const, id: w.poolQ },
  ],
});

async function unitSum(type: string, id: string, metric: string, from: string, to: string): Promise<number> {
  const db = await testDb();
  const row = await sql<{ v: number | null }>`
    SELECT sum(value)::float8 AS v FROM steering_unit_days
    WHERE unit_type = ${type} AND unit_id = ${id} AND metric = ${metric} AND day BETWEEN ${from}::date AND ${to}::date`.execute(db);
  return row.rows[0]!.v ?? 0;
}

beforeAll(async () => {
  await testDb();
});

describe('the rollups after any sequence of writes', () => {
  it('equal a from-scratch computation, whenever the catch-ups ran', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 25 }), async (writes) => {
        const w = await buildWorld();
        for (const write of writes) await apply(w, write);
        const db = await testDb();
        await catchUpRollups(db);
        const check = await rebuildRollups(db, { replace: false, scope: scopeOf(w) });
        expect(check.differences).toEqual({ subject: 0, unit: 0 });
      }),
      { numRuns: 20 },
    );
  });
});

describe('a unit holds its members’ facts, weighted by their share on the day', () => {
  it('counts contacts by the share in force on each day, the home agency without a share, and sums regions', async () => {
    const w = await buildWorld();
    const db = await testDb();
    const [r0, r1, r2] = w.reps as [string, string, string];
    const log = (actor: string, daysAgo: number) =>
      db
        .insertInto('interactions')
        .values({ id: randomUUID(), account_id: w.accounts[0]!, contact_id: null, channel: 'phone_out', actor_id: actor, subject: 'Appel', notes: '', outcome: null, occurred_at: noonDaysAgo(daysAgo), recorded_at: new Date(), amends_id: null })
        .execute();
    for (const daysAgo of [1, 2, 3, 20, 20]) await log(r1, daysAgo);
    for (const daysAgo of [1, 5]) await log(r0, daysAgo);
    await log(r2, 2);
    await catchUpRollups(db);
    const from = addDays(today(), -30);
    const to = today();
    // r1 60 % in A, 40 % in B; r0 whole in A (home, no share); r2 whole in B (home) and in both pools.
    expect(await unitSum('agency', w.agencyA, 'interactions.logged', from, to)).toBeCloseTo(5 * 0.6 + 2, 9);
    expect(await unitSum('agency', w.agencyB, 'interactions.logged', from, to)).toBeCloseTo(5 * 0.4 + 1, 9);
    expect(await unitSum('region', w.regionId, 'interactions.logged', from, to)).toBeCloseTo(8, 9);
    expect(await unitSum('pool', w.poolP, 'interactions.logged', from, to)).toBe(1);
    expect(await unitSum('pool', w.poolQ, 'interactions.logged', from, to)).toBe(1);

    // From 10 days ago r1 is 100 % in A: the contacts of the last 10 days move, the older ones stay.
    await sql`UPDATE agency_assignments SET ends_on = ${addDays(today(), -11)}::date WHERE user_id = ${r1}`.execute(db);
    await db.insertInto('agency_assignments').values({ id: randomUUID(), user_id: r1, agency_id: w.agencyA, share_pct: 100, starts_on: addDays(today(), -10), ends_on: null }).execute();
    await catchUpRollups(db);
    expect(await unitSum('agency', w.agencyA, 'interactions.logged', from, to)).toBeCloseTo(3 * 1 + 2 * 0.6 + 2, 9);
    expect(await unitSum('agency', w.agencyB, 'interactions.logged', from, to)).toBeCloseTo(2 * 0.4 + 1, 9);
    expect(await unitSum('region', w.regionId, 'interactions.logged', from, to)).toBeCloseTo(8, 9);

    // r2 leaves pool P: their figures leave it on every day, including the past ones (membership rows are replaced).
    await db.deleteFrom('pool_memberships').where('user_id', '=', r2).where('pool_id', '=', w.poolP).execute();
    await catchUpRollups(db);
    expect(await unitSum('pool', w.poolP, 'interactions.logged', from, to)).toBe(0);
    expect(await unitSum('pool', w.poolQ, 'interactions.logged', from, to)).toBe(1);

    // A back-dated contact (recorded today, occurred 15 days ago) counts on the day it happened.
    await log(r0, 15);
    await catchUpRollups(db);
    expect(await unitSum('agency', w.agencyA, 'interactions.logged', addDays(today(), -15), addDays(today(), -15))).toBe(1);
    const nation = await sql<{ v: number }>`SELECT count(*)::int AS v FROM steering_unit_days WHERE unit_type = 'nation' AND unit_id = ${NATION_ID} AND day = ${addDays(today(), -15)}::date AND metric = 'interactions.logged'`.execute(db);
    expect(nation.rows[0]!.v).toBe(1);
    expect((await rebuildRollups(db, { replace: false, scope: scopeOf(w) })).differences).toEqual({ subject: 0, unit: 0 });
  });

  it('counts facts nobody holds where they are routed, and moves them when someone takes them', async () => {
    const w = await buildWorld();
    const db = await testDb();
    const leadWrite: Write = { kind: 'lead', rep: null, agencyB: true, daysAgo: 2, answer: 'none', late: true, relayedBy: null };
    await apply(w, leadWrite);
    await apply(w, { kind: 'case', rep: null, regional: true, daysAgo: 1, resolvedAfterHours: null, transfers: 0 });
    await catchUpRollups(db);
    const day = addDays(today(), -2);
    expect(await unitSum('agency', w.agencyB, 'leads.received', day, day)).toBe(1);
    expect(await unitSum('agency', w.agencyB, 'leads.received_late', day, day)).toBe(1);
    expect(await unitSum('region', w.regionId, 'leads.received', day, day)).toBe(1);
    expect(await unitSum('pool', w.poolQ, 'cases.backlog', 'infinity', 'infinity')).toBe(1);
    expect(await unitSum('region', w.regionId, 'cases.backlog', 'infinity', 'infinity')).toBe(1);
    expect(await unitSum('agency', w.agencyA, 'cases.backlog', 'infinity', 'infinity')).toBe(0);

    // The lead is given to r0 (whole in A): it leaves B and counts in A.
    await sql`UPDATE leads SET assignee_id = ${w.reps[0]!} WHERE agency_id = ${w.agencyB}`.execute(db);
    await catchUpRollups(db);
    expect(await unitSum('agency', w.agencyB, 'leads.received', day, day)).toBe(0);
    expect(await unitSum('agency', w.agencyA, 'leads.received', day, day)).toBe(1);
  });

  it('keeps nothing for a subject-day whose facts are gone, and the sweep is idempotent', async () => {
    const w = await buildWorld();
    const db = await testDb();
    await apply(w, { kind: 'deal', rep: 0, amount: 1000, outcome: 'won', closedDaysAgo: 3, expectedInDays: 0 });
    await catchUpRollups(db);
    const day = addDays(today(), -3);
    expect(await unitSum('agency', w.agencyA, 'deals.won_cents', day, day)).toBe(1000);
    // Reopened (a correction): the win leaves the day it was counted on.
    await sql`UPDATE deals SET stage = 'negotiation', closed_on = NULL, closed_at = NULL WHERE owner_id = ${w.reps[0]!}`.execute(db);
    await catchUpRollups(db);
    expect(await unitSum('agency', w.agencyA, 'deals.won_cents', day, day)).toBe(0);
    expect(await unitSum('agency', w.agencyA, 'pipeline.negotiation.cents', 'infinity', 'infinity')).toBe(1000);
    await catchUpRollups(db);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM steering_subject_days WHERE subject_id = ${w.reps[0]!}`.execute(db);
    await catchUpRollups(db);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM steering_subject_days WHERE subject_id = ${w.reps[0]!}`.execute(db);
    expect(after.rows[0]!.n).toBe(rows.rows[0]!.n);
    expect((await rebuildRollups(db, { replace: false, scope: scopeOf(w) })).differences).toEqual({ subject: 0, unit: 0 });
  });
});

describe('the qualification bands in SQL', () => {
  it('put every time in the band the rules put it in: on each bound, just past it, and anywhere', async () => {
    const db = await testDb();
    const times = [0, 0.001, 0.5, ...QUALIFY_BANDS.flatMap((b) => [b - 0.5, b, b + 0.001]), 25_000, ...fc.sample(fc.double({ min: 0, max: 21_000, noNaN: true }), 300)];
    const rows = await sql<{ i: number; metric: string }>`
      SELECT t.i::int AS i, ${qualifyMetricSql(sql`t.minutes`)} AS metric
      FROM unnest(${times}::float8[]) WITH ORDINALITY AS t(minutes, i) ORDER BY t.i`.execute(db);
    const wrong = times.map((t, i) => [t, rows.rows[i]!.metric, qualifyMetric(qualifyBand(t))]).filter(([, a, b]) => a !== b);
    expect(wrong).toEqual([]);
  });
});

describe('a catch-up running while a write is still open', () => {
  // PGlite runs one transaction at a time, so only PostgreSQL can interleave them.
  it.skipIf(!process.env.RELAIS_TEST_DATABASE_URL)('never consumes the mark of a write it cannot see yet', async () => {
    const w = await buildWorld();
    const db = await testDb();
    await apply(w, { kind: 'interaction', rep: 0, account: 0, daysAgo: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inserted = new Promise<void>((resolve) => (written = resolve));
    // A second contact, same person and day, in a transaction that stays open while a catch-up runs.
    const open = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('interactions')
        .values({ id: randomUUID(), account_id: w.accounts[0]!, contact_id: null, channel: 'visit', actor_id: w.reps[0]!, subject: 'Visite', notes: '', outcome: null, occurred_at: noonDaysAgo(1), recorded_at: new Date(), amends_id: null })
        .execute();
      written();
      await held;
    });
    await inserted;
    await catchUpRollups(db);
    release();
    await open;
    await catchUpRollups(db);
    const day = addDays(today(), -1);
    expect(await unitSum('agency', w.agencyA, 'interactions.logged', day, day)).toBe(2);
    expect((await rebuildRollups(db, { replace: false, scope: scopeOf(w) })).differences).toEqual({ subject: 0, unit: 0 });
  });
});
