// The SLA sweep on a real database. On PostgreSQL every test worker shares one database and the sweep reads
// every due case, so it is never run at a made-up future instant: each test opens its own cases through the
// API, moves *their* stored deadlines (and next_alert_at, as nextAlertAt gives it) into the past, and sweeps
// at the real current time. Assertions look only at these cases' notifications and trace events.
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testServer, type ApiClient } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildUser, type BuiltUser } from '../../../test/support/factories.ts';
import { buildOwnedAccount, parisDate } from '../../../test/support/lead-factories.ts';
import { buildCaseWorld, caseEvents, complaint, iso, ok, open, stored, transition, type CaseWorld } from '../../../test/support/case-factories.ts';
import type { Case } from '../../contract/cases.ts';
import { calendarAt } from '../calendar/current.ts';
import { businessMinutesBetween } from '../calendar/rules.ts';
import { verifyTrace } from '../trace/verify.ts';
import { streamTrace } from '../trace/queries.ts';
import { sweepCases } from './commands.ts';
import { DEFAULT_SLA_CONFIG, NO_ALERTS_SENT, nextAlertAt, slaState, type CasePriority, type SlaDeadlines, type SlaTargets, type SweepFlags } from './rules.ts';

beforeAll(async () => {
  await testServer();
});

const MINUTE = 60_000;
/** `minutes` from the real current time (negative: in the past). */
const fromNow = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

/** The sweep at the real current time, in one transaction as the periodic job runs it. */
async function sweep() {
  const db = await testDb();
  return db.transaction().execute((trx) => sweepCases(trx, new Date()));
}

/** Stores these deadlines for the case, with the next_alert_at nextAlertAt gives them given what was already sent. */
async function setDeadlines(caseId: string, d: SlaDeadlines): Promise<Date | null> {
  const db = await testDb();
  const row = await stored(caseId);
  const next = nextAlertAt(d, row.alerts);
  await db
    .updateTable('cases')
    .set({
      first_response_warn_at: d.firstResponseWarnAt,
      first_response_due_at: d.firstResponseDueAt,
      resolution_warn_at: d.resolutionWarnAt,
      resolution_due_at: d.resolutionDueAt,
      next_alert_at: next,
    })
    .where('id', '=', caseId)
    .execute();
  return next;
}

/** The case's SLA notifications, whoever received them, in a stable order. */
async function slaNotes(caseId: string) {
  const db = await testDb();
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'case_id', 'params'])
    .where('kind', 'in', ['case.sla_warning', 'case.sla_breached'])
    .where('case_id', '=', caseId)
    .execute();
  return rows.sort((a, b) => `${a.user_id}${a.kind}${a.params.clock}`.localeCompare(`${b.user_id}${b.kind}${b.params.clock}`));
}

/** The SLA events traced on the case's account for this case. */
async function slaEvents(accountId: string, caseId: string) {
  return (await caseEvents(accountId)).filter((e) => e.action.startsWith('case.sla_') && (e.payload as { caseId?: string }).caseId === caseId);
}

/** The accounts' chains still verify (the sweep appends to them in batches); with `everything`, the whole trace too. */
async function expectTraceVerifies(accountIds: string[], everything = false) {
  const db = await testDb();
  for (const id of accountIds) expect((await streamTrace(db, `account:${id}`)).verified, id).toBe(true);
  if (everything) expect((await verifyTrace(db)).broken).toBeNull();
}

/** A case opened through the API by the world's inbound advisor, on a fresh account of its agency. */
async function openCase(world: CaseWorld, priority: CasePriority = 'normal') {
  const account = await buildOwnedAccount(world, world.reps[0]!.id);
  const opened = await open(await signedIn(world.advisor.email), complaint(account.id, priority));
  return { account, opened };
}

/** An instant `minutes` of business time before now (on the calendar in force), found by bisection. */
function businessMinutesAgo(minutes: number, now: Date): Date {
  const cal = calendarAt(now);
  let lo = now.getTime() - 60 * 86_400_000;
  let hi = now.getTime();
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessMinutesBetween(cal, new Date(mid), now) >= minutes) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

/**
 * Moves the case's opening `elapsed` business minutes into the past (opened_at and its first status change)
 * with these budgets, and stores the deadlines the SLA clock then gives, consistently: what the case would
 * hold had it really been opened then. Returns those deadlines.
 */
async function backdateOpening(c: Case, elapsed: number, budgets: SlaTargets): Promise<SlaDeadlines> {
  const db = await testDb();
  const now = new Date();
  const openedAt = businessMinutesAgo(elapsed, now);
  await db.updateTable('cases').set({ opened_at: openedAt, sla: JSON.stringify(budgets) }).where('id', '=', c.id).execute();
  await db.updateTable('case_status_changes').set({ at: openedAt }).where('case_id', '=', c.id).where('seq', '=', 1).execute();
  const state = slaState(calendarAt(now), DEFAULT_SLA_CONFIG, c.priority, { openedAt, firstRespondedAt: null, history: [{ status: 'open', at: openedAt }], budgets }, now);
  await setDeadlines(c.id, state);
  return state;
}

function changePriority(client: ApiClient, c: Pick<Case, 'id' | 'version'>, priority: CasePriority, reason = 'Le client a rappelé') {
  return client.post<Case>(`/api/cases/${c.id}/priority`, { version: c.version, priority, reason });
}

describe('sweepCases: warnings', () => {
  it('warns the assignee once when a warning is due, traces it, and moves next_alert_at to the next threshold', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const { account, opened } = await openCase(world);
    expect(opened.assignee!.id).toBe(agent.id);

    const deadlines = { firstResponseWarnAt: fromNow(-1), firstResponseDueAt: fromNow(30), resolutionWarnAt: fromNow(60), resolutionDueAt: fromNow(120) };
    const armed = await setDeadlines(opened.id, deadlines);
    expect(iso(armed)).toBe(iso(deadlines.firstResponseWarnAt));
    expect(await slaNotes(opened.id)).toEqual([]);

    await sweep();
    const notes = await slaNotes(opened.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      user_id: agent.id,
      kind: 'case.sla_warning',
      case_id: opened.id,
      params: { caseId: opened.id, reference: opened.reference, clock: 'first_response', dueAt: iso(deadlines.firstResponseDueAt) },
    });
    const events = await slaEvents(account.id, opened.id);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([['case.sla_warning', null]]);
    expect(events[0]!.payload).toEqual({ caseId: opened.id, reference: opened.reference, clock: 'first_response', dueAt: iso(deadlines.firstResponseDueAt) });

    // What was sent is stored, and the next alert is the first response's breach (just after its deadline),
    // which comes before the resolution's warning.
    let row = await stored(opened.id);
    expect(row.alerts).toEqual({ ...NO_ALERTS_SENT, warnedFirstResponse: true });
    expect(row.next_alert_at!.getTime()).toBe(deadlines.firstResponseDueAt.getTime() + 1);

    // Again at the same instant (the warning moment is still past): nothing more.
    await sweep();
    expect(await slaNotes(opened.id)).toHaveLength(1);
    expect(await slaEvents(account.id, opened.id)).toHaveLength(1);
    row = await stored(opened.id);
    expect(row.alerts).toEqual({ ...NO_ALERTS_SENT, warnedFirstResponse: true });

    // Nobody else heard of it: the warning is for the person in charge.
    const db = await testDb();
    const others = await db.selectFrom('notifications').select('kind').where('case_id', '=', opened.id).where('user_id', 'in', [world.poolManager.id, world.manager.id]).execute();
    expect(others).toEqual([]);
    await expectTraceVerifies([account.id]);
  });

  it('with nobody assigned (the pool’s members absent or inactive), the warning goes to the pool’s managers', async () => {
    const world = await buildCaseWorld(2);
    const [absent, inactive] = world.agents as [BuiltUser, BuiltUser];
    const db = await testDb();
    await db.updateTable('users').set({ absent_from: parisDate(-1), absent_until: parisDate(1) }).where('id', '=', absent.id).execute();
    await db.updateTable('users').set({ active: false }).where('id', '=', inactive.id).execute();
    const secondManager = await buildUser({ roles: ['manager'], manages: [{ type: 'pool', id: world.boPoolId }] });
    const { account, opened } = await openCase(world);
    expect(opened.assignee).toBeNull();

    await setDeadlines(opened.id, { firstResponseWarnAt: null, firstResponseDueAt: null, resolutionWarnAt: fromNow(-1), resolutionDueAt: fromNow(45) });
    await sweep();

    const notes = await slaNotes(opened.id);
    expect(notes.map((n) => [n.user_id, n.kind, n.params.clock]).sort()).toEqual(
      [
        [world.poolManager.id, 'case.sla_warning', 'resolution'],
        [secondManager.id, 'case.sla_warning', 'resolution'],
      ].sort(),
    );
    expect(notes.some((n) => n.user_id === absent.id || n.user_id === inactive.id || n.user_id === world.manager.id)).toBe(false);
    expect((await slaEvents(account.id, opened.id)).map((e) => e.action)).toEqual(['case.sla_warning']);
    expect((await stored(opened.id)).alerts).toEqual({ ...NO_ALERTS_SENT, warnedResolution: true });
    await expectTraceVerifies([account.id]);
  });
});

describe('sweepCases: breaches', () => {
  it('sends a breach to the pool’s managers and the assignee — only the breach when the warning is due too — then nothing is pending', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const secondManager = await buildUser({ roles: ['manager'], manages: [{ type: 'pool', id: world.boPoolId }] });
    const { account, opened } = await openCase(world, 'high');
    expect(opened.assignee!.id).toBe(agent.id);

    // Both clocks: the warning and the deadline are past, and nothing was sent yet.
    const deadlines = { firstResponseWarnAt: fromNow(-180), firstResponseDueAt: fromNow(-60), resolutionWarnAt: fromNow(-120), resolutionDueAt: fromNow(-1) };
    expect(iso(await setDeadlines(opened.id, deadlines))).toBe(iso(deadlines.firstResponseWarnAt));
    // In the same run, another account's case has only its warning due.
    const other = await openCase(world, 'low');
    await setDeadlines(other.opened.id, { firstResponseWarnAt: fromNow(-1), firstResponseDueAt: fromNow(60), resolutionWarnAt: fromNow(120), resolutionDueAt: fromNow(240) });
    await sweep();
    expect((await slaNotes(other.opened.id)).map((n) => [n.user_id, n.kind, n.params.clock])).toEqual([[agent.id, 'case.sla_warning', 'first_response']]);
    expect((await slaEvents(other.account.id, other.opened.id)).map((e) => e.action)).toEqual(['case.sla_warning']);

    const notes = await slaNotes(opened.id);
    const breach = (userId: string, clock: string, dueAt: Date) => ({
      user_id: userId,
      kind: 'case.sla_breached',
      case_id: opened.id,
      params: expect.objectContaining({ caseId: opened.id, clock, dueAt: iso(dueAt) }),
    });
    const expected = [agent.id, world.poolManager.id, secondManager.id].flatMap((u) => [
      breach(u, 'first_response', deadlines.firstResponseDueAt),
      breach(u, 'resolution', deadlines.resolutionDueAt),
    ]);
    expect(notes).toHaveLength(expected.length);
    expect(notes).toEqual(expect.arrayContaining(expected));
    // The agency's manager is above the pool's managers: not told.
    expect(notes.some((n) => n.user_id === world.manager.id)).toBe(false);

    const events = await slaEvents(account.id, opened.id);
    expect(events.map((e) => e.action)).toEqual(['case.sla_breached', 'case.sla_breached']);
    expect(events.map((e) => e.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { caseId: opened.id, reference: opened.reference, clock: 'first_response', dueAt: iso(deadlines.firstResponseDueAt) },
      { caseId: opened.id, reference: opened.reference, clock: 'resolution', dueAt: iso(deadlines.resolutionDueAt) },
    ]);

    // Everything sent: both flags of both clocks, and no next alert.
    let row = await stored(opened.id);
    const allSent: SweepFlags = { warnedFirstResponse: true, breachedFirstResponse: true, warnedResolution: true, breachedResolution: true };
    expect(row.alerts).toEqual(allSent);
    expect(row.next_alert_at).toBeNull();

    await sweep();
    expect(await slaNotes(opened.id)).toHaveLength(expected.length);
    expect(await slaEvents(account.id, opened.id)).toHaveLength(2);
    row = await stored(opened.id);
    expect(row.alerts).toEqual(allSent);
    expect(row.next_alert_at).toBeNull();
    expect(await slaNotes(other.opened.id)).toHaveLength(1);
    await expectTraceVerifies([account.id, other.account.id], true);
  });

  it('tells each person once of the cases one run breaches for them together (a pile-up), counting them; each breach is still traced', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const cases = [await openCase(world, 'high'), await openCase(world, 'high'), await openCase(world, 'high')];
    const since = new Date(Date.now() - 1000);
    for (const c of cases) {
      await setDeadlines(c.opened.id, { firstResponseWarnAt: fromNow(-30), firstResponseDueAt: fromNow(-1), resolutionWarnAt: fromNow(300), resolutionDueAt: fromNow(400) });
      // The warning went out on time: only the breach is pending.
      const db = await testDb();
      await db.updateTable('cases').set({ alerts: JSON.stringify({ ...NO_ALERTS_SENT, warnedFirstResponse: true }) }).where('id', '=', c.opened.id).execute();
    }
    await sweep();
    const told = async (userId: string) => {
      const db = await testDb();
      return db.selectFrom('notifications').select(['kind', 'case_id', 'params']).where('user_id', '=', userId).where('kind', 'like', 'case.sla_%').where('created_at', '>=', since).execute();
    };
    const references = cases.map((c) => c.opened.reference);
    const summary = { kind: 'case.sla_breached', case_id: null, params: expect.objectContaining({ cases: '3', variant: 'many', reference: expect.toBeOneOf(references) }) };
    expect(await told(agent.id)).toEqual([summary]);
    expect(await told(world.poolManager.id)).toEqual([summary]);
    for (const c of cases) expect((await slaEvents(c.account.id, c.opened.id)).map((e) => e.action)).toEqual(['case.sla_breached']);
    await expectTraceVerifies(cases.map((c) => c.account.id));
  });

  it('after a warning, the breach comes in a later run, to the managers and the assignee', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const { account, opened } = await openCase(world, 'critical');
    const dueLater = fromNow(20);
    await setDeadlines(opened.id, { firstResponseWarnAt: fromNow(-5), firstResponseDueAt: dueLater, resolutionWarnAt: fromNow(300), resolutionDueAt: fromNow(400) });
    await sweep();
    expect((await slaNotes(opened.id)).map((n) => [n.user_id, n.kind])).toEqual([[agent.id, 'case.sla_warning']]);

    // The deadline passes (moved into the past; the warning already sent stays sent).
    const due = fromNow(-1);
    const next = await setDeadlines(opened.id, { firstResponseWarnAt: fromNow(-30), firstResponseDueAt: due, resolutionWarnAt: fromNow(300), resolutionDueAt: fromNow(400) });
    expect(next!.getTime()).toBe(due.getTime() + 1);
    await sweep();
    const notes = await slaNotes(opened.id);
    expect(notes.filter((n) => n.kind === 'case.sla_warning')).toHaveLength(1);
    expect(notes.filter((n) => n.kind === 'case.sla_breached').map((n) => n.user_id).sort()).toEqual([agent.id, world.poolManager.id].sort());
    expect((await slaEvents(account.id, opened.id)).map((e) => e.action)).toEqual(['case.sla_warning', 'case.sla_breached']);
    const row = await stored(opened.id);
    expect(row.alerts).toEqual({ ...NO_ALERTS_SENT, warnedFirstResponse: true, breachedFirstResponse: true });
    // Next: the resolution's warning.
    expect(iso(row.next_alert_at)).toBe(iso(row.resolution_warn_at));
    await expectTraceVerifies([account.id]);
  });
});

describe('sweepCases: cases the clock does not run for', () => {
  it('a case waiting for the customer gets no resolution warning; once resumed, it does', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const { account, opened } = await openCase(world, 'critical');
    const client = await signedIn(agent.email);
    const started = await ok(transition(client, opened, 'start'));

    // The resolution warning is due…
    await setDeadlines(opened.id, { firstResponseWarnAt: fromNow(100), firstResponseDueAt: fromNow(200), resolutionWarnAt: fromNow(-1), resolutionDueAt: fromNow(60) });
    expect((await stored(opened.id)).next_alert_at!.getTime()).toBeLessThan(Date.now());
    // …when the case is put on hold for the customer: the deadlines are recomputed, paused, nothing pending.
    const waiting = await ok(transition(client, started, 'wait_customer'));
    let row = await stored(opened.id);
    expect(row.status).toBe('waiting_customer');
    expect(row.resolution_due_at).toBeNull();
    expect(row.resolution_warn_at).toBeNull();
    expect(row.first_response_due_at).toBeNull();
    expect(row.next_alert_at).toBeNull();
    await sweep();
    expect(await slaNotes(opened.id)).toEqual([]);

    // Even a stale warning instant without its deadline (what a paused case holds at most) sends nothing:
    // a warning names its deadline. next_alert_at is forced to make the sweep read the case.
    const db = await testDb();
    await db.updateTable('cases').set({ resolution_warn_at: fromNow(-1), resolution_due_at: null, next_alert_at: fromNow(-1) }).where('id', '=', opened.id).execute();
    await sweep();
    expect(await slaNotes(opened.id)).toEqual([]);
    expect(await slaEvents(account.id, opened.id)).toEqual([]);
    row = await stored(opened.id);
    expect(row.alerts).toEqual(NO_ALERTS_SENT);
    expect(row.next_alert_at).toBeNull();

    // Resumed, the clock runs again: its warning, once due, is sent.
    const resumed = await ok(transition(client, waiting, 'resume'));
    row = await stored(opened.id);
    expect(row.resolution_due_at).not.toBeNull();
    expect(iso(row.next_alert_at)).toBe(iso(nextAlertAt({ firstResponseDueAt: null, firstResponseWarnAt: null, resolutionDueAt: row.resolution_due_at, resolutionWarnAt: row.resolution_warn_at }, NO_ALERTS_SENT)));
    await setDeadlines(resumed.id, { firstResponseWarnAt: null, firstResponseDueAt: null, resolutionWarnAt: fromNow(-1), resolutionDueAt: fromNow(60) });
    await sweep();
    expect((await slaNotes(opened.id)).map((n) => [n.user_id, n.kind, n.params.clock])).toEqual([[agent.id, 'case.sla_warning', 'resolution']]);
    await expectTraceVerifies([account.id]);
  });

  it('a resolved case is never swept, nor a closed one, whatever instants it holds', async () => {
    const world = await buildCaseWorld(1);
    const { account, opened } = await openCase(world, 'critical');
    const client = await signedIn(world.agents[0]!.email);
    const resolved = await ok(transition(client, await ok(transition(client, opened, 'start')), 'resolve', 'Avoir émis'));
    let row = await stored(opened.id);
    expect(row.next_alert_at).toBeNull();

    // Stale instants, all past, and a next alert due: the status alone keeps the sweep away.
    const db = await testDb();
    const past = { first_response_warn_at: fromNow(-300), first_response_due_at: fromNow(-200), resolution_warn_at: fromNow(-100), resolution_due_at: fromNow(-10), next_alert_at: fromNow(-300) };
    await db.updateTable('cases').set(past).where('id', '=', opened.id).execute();
    await sweep();
    expect(await slaNotes(opened.id)).toEqual([]);
    expect(await slaEvents(account.id, opened.id)).toEqual([]);
    row = await stored(opened.id);
    expect(row.alerts).toEqual(NO_ALERTS_SENT);
    expect(iso(row.next_alert_at)).toBe(iso(past.next_alert_at));

    await ok(transition(client, resolved, 'close'));
    await db.updateTable('cases').set(past).where('id', '=', opened.id).execute();
    await sweep();
    expect(await slaNotes(opened.id)).toEqual([]);
    expect(await slaEvents(account.id, opened.id)).toEqual([]);
    expect((await stored(opened.id)).alerts).toEqual(NO_ALERTS_SENT);
    await expectTraceVerifies([account.id]);
  });
});

describe('sweepCases and priority changes', () => {
  it('a downgrade that moves the deadlines later re-arms a warning already sent, which the sweep sends again when due', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const { account, opened } = await openCase(world, 'high');
    // Opened 200 business minutes ago: past the high warning (180 min), before its deadline (240 min).
    const high = DEFAULT_SLA_CONFIG.byPriority.high;
    const before = await backdateOpening(opened, 200, high);
    expect(before.firstResponseWarnAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(before.firstResponseDueAt!.getTime()).toBeGreaterThan(Date.now());
    await sweep();
    expect((await slaNotes(opened.id)).map((n) => [n.user_id, n.kind, n.params.clock])).toEqual([[agent.id, 'case.sla_warning', 'first_response']]);
    expect((await stored(opened.id)).alerts).toEqual({ ...NO_ALERTS_SENT, warnedFirstResponse: true });

    // Lowered to low: 1080 minutes to respond, warning at 810 — both ahead again.
    const client = await signedIn(agent.email);
    const changed = await changePriority(client, opened, 'low', 'Le client n’est plus pressé');
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const row = await stored(opened.id);
    expect(row.priority).toBe('low');
    expect(row.sla).toEqual(DEFAULT_SLA_CONFIG.byPriority.low);
    expect(row.alerts).toEqual(NO_ALERTS_SENT);
    expect(row.first_response_due_at!.getTime()).toBeGreaterThan(before.firstResponseDueAt!.getTime());
    expect(row.first_response_warn_at!.getTime()).toBeGreaterThan(Date.now());
    expect(row.resolution_due_at!.getTime()).toBeGreaterThan(before.resolutionDueAt!.getTime());
    const rearmed = { firstResponseDueAt: row.first_response_due_at, firstResponseWarnAt: row.first_response_warn_at, resolutionDueAt: row.resolution_due_at, resolutionWarnAt: row.resolution_warn_at };
    expect(row.next_alert_at).not.toBeNull();
    expect(iso(row.next_alert_at)).toBe(iso(nextAlertAt(rearmed, NO_ALERTS_SENT)));
    expect(iso(row.next_alert_at)).toBe(iso(row.first_response_warn_at));
    expect(changed.body.sla.firstResponseDueAt).toBe(iso(row.first_response_due_at));
    const traced = (await caseEvents(account.id)).filter((e) => e.action === 'case.priority_changed');
    expect(traced).toHaveLength(1);
    expect(traced[0]!.payload).toMatchObject({
      caseId: opened.id,
      direction: 'downgrade',
      priority: { from: 'high', to: 'low' },
      firstResponseDueAt: { before: iso(before.firstResponseDueAt), after: iso(row.first_response_due_at) },
      reason: 'Le client n’est plus pressé',
    });

    // Nothing due now: nothing sent.
    await sweep();
    expect(await slaNotes(opened.id)).toHaveLength(1);

    // Its new warning moment passes: the warning goes out again, naming the new deadline.
    await setDeadlines(opened.id, { ...rearmed, firstResponseWarnAt: fromNow(-1) });
    await sweep();
    const notes = await slaNotes(opened.id);
    expect(notes.map((n) => [n.user_id, n.kind, n.params.clock])).toEqual([
      [agent.id, 'case.sla_warning', 'first_response'],
      [agent.id, 'case.sla_warning', 'first_response'],
    ]);
    expect(notes.map((n) => n.params.dueAt).sort()).toEqual([iso(before.firstResponseDueAt), iso(row.first_response_due_at)].sort());
    expect((await slaEvents(account.id, opened.id)).map((e) => e.action)).toEqual(['case.sla_warning', 'case.sla_warning']);
    await expectTraceVerifies([account.id]);
  });

  it('an upgrade never moves a deadline later (budgets smaller than the new priority’s are kept) and never re-arms', async () => {
    const world = await buildCaseWorld(1);
    const agent = world.agents[0]!;
    const { account, opened } = await openCase(world, 'normal');
    // Budgets frozen under a stricter rule than today's critical (60 / 540): 30 / 120.
    const frozen = { firstResponseMinutes: 30, resolutionMinutes: 120 };
    // Opened 25 business minutes ago: past the warning (23 min), before the deadline (30 min).
    const before = await backdateOpening(opened, 25, frozen);
    expect(before.firstResponseWarnAt!.getTime()).toBeLessThanOrEqual(Date.now());
    await sweep();
    expect((await slaNotes(opened.id)).map((n) => [n.user_id, n.kind])).toEqual([[agent.id, 'case.sla_warning']]);

    const changed = await changePriority(await signedIn(agent.email), opened, 'critical', 'Client stratégique');
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.priority).toBe('critical');
    expect(changed.body.sla.budgets).toEqual(frozen);
    const row = await stored(opened.id);
    expect(row.sla).toEqual(frozen);
    expect(iso(row.first_response_due_at)).toBe(iso(before.firstResponseDueAt));
    expect(iso(row.resolution_due_at)).toBe(iso(before.resolutionDueAt));
    expect(row.alerts).toEqual({ ...NO_ALERTS_SENT, warnedFirstResponse: true });
    expect(row.next_alert_at!.getTime()).toBe(before.firstResponseDueAt!.getTime() + 1);
    const traced = (await caseEvents(account.id)).find((e) => e.action === 'case.priority_changed')!;
    expect(traced.payload).toMatchObject({ direction: 'upgrade', budgets: { before: frozen, after: frozen } });

    await sweep();
    expect(await slaNotes(opened.id)).toHaveLength(1);
    await expectTraceVerifies([account.id]);
  });
});

describe('the queue of breached cases', () => {
  it('lists only the cases past a deadline: resolution, or first response while unanswered', async () => {
    const world = await buildCaseWorld(1);
    const agent = await signedIn(world.agents[0]!.email);
    const late = (await openCase(world)).opened;
    const unanswered = (await openCase(world)).opened;
    const onTime = (await openCase(world)).opened;
    const answeredLate = (await openCase(world)).opened;
    await setDeadlines(late.id, { firstResponseWarnAt: fromNow(-60), firstResponseDueAt: fromNow(-30), resolutionWarnAt: fromNow(-20), resolutionDueAt: fromNow(-10) });
    await setDeadlines(unanswered.id, { firstResponseWarnAt: fromNow(-60), firstResponseDueAt: fromNow(-30), resolutionWarnAt: fromNow(600), resolutionDueAt: fromNow(900) });
    await setDeadlines(onTime.id, { firstResponseWarnAt: fromNow(60), firstResponseDueAt: fromNow(120), resolutionWarnAt: fromNow(600), resolutionDueAt: fromNow(900) });
    // Its first response came after its deadline, but it was answered: only the resolution deadline counts now.
    await setDeadlines(answeredLate.id, { firstResponseWarnAt: fromNow(-60), firstResponseDueAt: fromNow(-30), resolutionWarnAt: fromNow(600), resolutionDueAt: fromNow(900) });
    const db = await testDb();
    await db.updateTable('cases').set({ first_responded_at: fromNow(-5) }).where('id', '=', answeredLate.id).execute();
    const mine = [late.id, unanswered.id, onTime.id, answeredLate.id];
    const list = await agent.get<{ items: Case[] }>('/api/cases?view=pool&breached=true');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id).filter((id) => mine.includes(id)).sort()).toEqual([late.id, unanswered.id].sort());
    const all = await agent.get<{ items: Case[] }>('/api/cases?view=pool');
    expect(all.body.items.map((c) => c.id).filter((id) => mine.includes(id))).toHaveLength(4);
  });
});
