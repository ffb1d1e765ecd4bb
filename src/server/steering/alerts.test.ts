// Alerts and objectives through HTTP on a real database. Every test builds its own agency and people and
// creates its own rule scoped to that agency, and sweeps only that rule (the shared database holds other
// tests' people, which the default national rules would also evaluate).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testServer, type ApiClient } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildAccount, buildAgency, buildPool, buildUser, type BuiltUser } from '../../../test/support/factories.ts';
import type { Alert, AlertRule, CreateAlertRuleBody, Dashboard } from '../../contract/steering.ts';
import { parisTime } from '../calendar/rules.ts';
import { calendarAt } from '../calendar/current.ts';
import { isBusinessDay } from '../calendar/rules.ts';
import { catchUpRollups } from './rollups.ts';
import { sweepAlerts } from './commands.ts';
import { addDays, alertPeriod } from './rules.ts';

const today = () => parisTime(new Date()).date;

interface World {
  regionId: string;
  agencyId: string;
  poolId: string;
  rep: BuiltUser;
  quiet: BuiltUser;
  manager: BuiltUser;
  director: BuiltUser;
  otherManager: BuiltUser;
  admin: BuiltUser;
  accountId: string;
}

async function buildWorld(): Promise<World> {
  const agency = await buildAgency();
  const other = await buildAgency({ regionId: agency.regionId });
  const poolId = (await buildPool({ kind: 'sales', scope: 'agency', unitId: agency.id })).id;
  const rep = await buildUser({ homeAgencyId: agency.id, pools: [poolId] });
  const quiet = await buildUser({ homeAgencyId: agency.id, pools: [poolId] });
  const manager = await buildUser({ roles: ['manager'], homeAgencyId: agency.id, manages: [{ type: 'agency', id: agency.id }] });
  const director = await buildUser({ roles: ['director'], manages: [{ type: 'region', id: agency.regionId }] });
  const otherManager = await buildUser({ roles: ['manager'], homeAgencyId: other.id, manages: [{ type: 'agency', id: other.id }] });
  const admin = await buildUser({ roles: ['admin'] });
  const db = await testDb();
  // Memberships from long ago, so the window of past business days counts them.
  await db.updateTable('pool_memberships').set({ starts_on: '2020-01-01' }).where('pool_id', '=', poolId).execute();
  const accountId = (await buildAccount({ agencyId: agency.id, ownerId: rep.id })).id;
  return { regionId: agency.regionId, agencyId: agency.id, poolId, rep, quiet, manager, director, otherManager, admin, accountId };
}

/** A contact logged by `actor`, `businessDaysAgo` business days before today (1: the last business day). */
async function logContact(w: World, actorId: string, businessDaysAgo: number) {
  const window = alertPeriod({ periodKind: 'business_days', periodDays: businessDaysAgo }, today(), (d, wd) => isBusinessDay(calendarAt(new Date()), d, wd));
  const db = await testDb();
  await db
    .insertInto('interactions')
    .values({ id: randomUUID(), account_id: w.accountId, contact_id: null, channel: 'visit', actor_id: actorId, subject: 'Visite', notes: '', outcome: null, occurred_at: new Date(`${window.from}T10:00:00Z`), recorded_at: new Date(), amends_id: null })
    .execute();
}

const quietRule = (w: World, overrides: Partial<CreateAlertRuleBody> = {}): CreateAlertRuleBody => ({
  name: 'Pas de contact depuis 5 jours ouvrés',
  indicator: 'interactions_logged',
  unitType: 'agency',
  unitId: w.agencyId,
  appliesTo: 'reps',
  comparison: 'below',
  threshold: 1,
  periodKind: 'business_days',
  periodDays: 5,
  notify: 'leaders',
  ...overrides,
});

async function alertsOfRule(ruleId: string) {
  const db = await testDb();
  return db.selectFrom('alerts').selectAll().where('rule_id', '=', ruleId).orderBy('fired_at').execute();
}

async function sweep(ruleId: string) {
  const db = await testDb();
  await catchUpRollups(db);
  return db.transaction().execute((trx) => sweepAlerts(trx, new Date(), [ruleId]));
}

beforeAll(async () => {
  await testServer();
});

describe('an alert rule fires once per crossing', () => {
  it('fires for the quiet rep only, tells the agency manager, holds, clears when he logs, fires again on a new crossing', async () => {
    const w = await buildWorld();
    await logContact(w, w.rep.id, 1);
    await catchUpRollups(await testDb());
    const admin = await signedIn(w.admin.email);
    const created = await admin.post<AlertRule>('/api/alert-rules', quietRule(w));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.text.fr).toContain('Contacts saisis en dessous de 1');
    expect(created.body.text.fr).toContain('chaque commercial de');

    // Evaluated at creation: one alert, for the quiet rep, told to the agency's manager (the pool has none).
    let alerts = await alertsOfRule(created.body.id);
    expect(alerts.map((a) => a.target_id)).toEqual([w.quiet.id]);
    expect(alerts[0]!.value).toBe(0);
    const db = await testDb();
    const recipients = await db.selectFrom('alert_recipients').select('user_id').where('alert_id', '=', alerts[0]!.id).execute();
    expect(recipients.map((r) => r.user_id)).toEqual([w.manager.id]);
    const notes = await db.selectFrom('notifications').select(['kind', 'alert_id', 'params']).where('user_id', '=', w.manager.id).where('kind', '=', 'alert.fired').execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.alert_id).toBe(alerts[0]!.id);
    expect(notes[0]!.params.textFr).toContain(w.quiet.principal.name);

    // Sweeping again with the same figures changes nothing.
    expect(await sweep(created.body.id)).toEqual({ fired: 0, cleared: 0 });
    expect(await alertsOfRule(created.body.id)).toHaveLength(1);

    // He logs a contact (two business days ago, written today): the alert clears, and stays in the inbox.
    await logContact(w, w.quiet.id, 2);
    expect(await sweep(created.body.id)).toEqual({ fired: 0, cleared: 1 });
    alerts = await alertsOfRule(created.body.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.cleared_at).not.toBeNull();
    expect(alerts[0]!.status).toBe('open');

    // The threshold is raised to 2 contacts: both reps cross it now (a new crossing for each), at once.
    const raised = await admin.patch<AlertRule>(`/api/alert-rules/${created.body.id}`, { version: created.body.version, threshold: 2 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    alerts = await alertsOfRule(created.body.id);
    expect(alerts.map((a) => a.target_id).sort()).toEqual([w.quiet.id, w.quiet.id, w.rep.id].sort());
    expect(await sweep(created.body.id)).toEqual({ fired: 0, cleared: 0 });
  });

  it('does not alert a rep who was absent during the window', async () => {
    const w = await buildWorld();
    const db = await testDb();
    await db.updateTable('users').set({ absent_from: addDays(today(), -3), absent_until: addDays(today(), 5) }).where('id', '=', w.quiet.id).execute();
    await logContact(w, w.rep.id, 1);
    const admin = await signedIn(w.admin.email);
    const created = await admin.post<AlertRule>('/api/alert-rules', quietRule(w));
    expect(created.status).toBe(201);
    expect(await alertsOfRule(created.body.id)).toHaveLength(0);
  });

  it('alerts an agency whose late leads pass 10 % of the week’s, and refuses rules that cannot apply', async () => {
    const w = await buildWorld();
    const admin = await signedIn(w.admin.email);
    const db = await testDb();
    const product = await sql<{ id: string }>`SELECT id FROM products LIMIT 1`.execute(db);
    let productId = product.rows[0]?.id;
    if (!productId) {
      const { buildProduct } = await import('../../../test/support/lead-factories.ts');
      productId = (await buildProduct()).id;
    }
    const created = new Date();
    for (const late of [true, false, false]) {
      await db
        .insertInto('leads')
        .values({
          id: randomUUID(), account_id: w.accountId, contact_id: null, product_id: productId, need: 'Besoin', estimated_value_cents: null, source: 'web', source_campaign: null,
          initiator_id: null, assignee_id: w.rep.id, agency_id: w.agencyId, region_id: w.regionId, routing: JSON.stringify({ code: 't', text: 't', ruleVersion: 1 }),
          created_at: created, due_at: created, warn_at: created, late_at: late ? created : null,
        })
        .execute();
    }
    await catchUpRollups(db);
    const rule = await admin.post<AlertRule>('/api/alert-rules', {
      name: 'Leads en retard', indicator: 'late_lead_share', unitType: 'region', unitId: w.regionId, appliesTo: 'agencies',
      comparison: 'above', threshold: 0.1, periodKind: 'week', notify: 'leaders',
    } satisfies CreateAlertRuleBody);
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const alerts = await alertsOfRule(rule.body.id);
    // One of three leads late (33 %) in this agency; the other agency of the region has no lead: nothing measured, no alert.
    expect(alerts.map((a) => [a.target_type, a.target_id])).toEqual([['agency', w.agencyId]]);
    expect(alerts[0]!.value).toBeCloseTo(1 / 3, 9);

    const refused = await admin.post('/api/alert-rules', { ...quietRule(w), appliesTo: 'agencies' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'alert_rule.no_agencies_below', field: 'appliesTo' });
    const noWindow = await admin.post('/api/alert-rules', { ...quietRule(w), periodDays: null });
    expect(noWindow.status).toBe(400);
    expect(noWindow.body).toMatchObject({ field: 'periodDays' });
    const rep = await signedIn(w.rep.email);
    expect((await rep.post('/api/alert-rules', quietRule(w))).status).toBe(403);
    const manager = await signedIn(w.manager.email);
    expect((await manager.post('/api/alert-rules', quietRule(w))).status).toBe(201);
    expect((await manager.post('/api/alert-rules', { ...quietRule(w), unitType: 'region', unitId: w.regionId })).status).toBe(403);
  });
});

describe('the alert inbox', () => {
  async function firedAlert(w: World): Promise<{ manager: ApiClient; alert: Alert }> {
    const admin = await signedIn(w.admin.email);
    await logContact(w, w.rep.id, 1);
    await catchUpRollups(await testDb());
    const rule = await admin.post<AlertRule>('/api/alert-rules', quietRule(w));
    const manager = await signedIn(w.manager.email);
    const inbox = await manager.get<{ items: Alert[] }>('/api/alerts');
    const alert = inbox.body.items.find((a) => a.rule.id === rule.body.id)!;
    return { manager, alert };
  }

  it('lets the people told acknowledge, comment and resolve, with a history, each traced', async () => {
    const w = await buildWorld();
    const { manager, alert } = await firedAlert(w);
    expect(alert).toBeDefined();
    expect(alert.status).toBe('open');
    expect(alert.target).toEqual({ type: 'person', id: w.quiet.id, name: w.quiet.principal.name });
    expect(alert.abilities).toEqual({ acknowledge: true, comment: true, resolve: true });

    const stale = await manager.post(`/api/alerts/${alert.id}/acknowledge`, { version: alert.version + 5 });
    expect(stale.status).toBe(409);
    const acked = await manager.post<Alert>(`/api/alerts/${alert.id}/acknowledge`, { version: alert.version, comment: 'Je l’appelle demain.' });
    expect(acked.status).toBe(200);
    expect(acked.body.status).toBe('acknowledged');
    expect(acked.body.abilities.acknowledge).toBe(false);
    const again = await manager.post(`/api/alerts/${alert.id}/acknowledge`, { version: acked.body.version });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'alert.not_open' });

    const commented = await manager.post<Alert>(`/api/alerts/${alert.id}/comments`, { comment: 'Il était en formation.' });
    expect(commented.status).toBe(201);
    expect(commented.body.version).toBe(acked.body.version);
    const noComment = await manager.post(`/api/alerts/${alert.id}/resolve`, { version: commented.body.version, comment: '' });
    expect(noComment.status).toBe(400);
    expect(noComment.body).toMatchObject({ field: 'comment' });
    const resolved = await manager.post<Alert>(`/api/alerts/${alert.id}/resolve`, { version: commented.body.version, comment: 'Saisie reprise.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.events.map((e) => e.action)).toEqual(['fired', 'acknowledged', 'commented', 'resolved']);
    expect(resolved.body.events[1]!.actor).toEqual({ id: w.manager.id, name: w.manager.principal.name });
    expect(resolved.body.events[1]!.comment).toBe('Je l’appelle demain.');

    const db = await testDb();
    const trace = await db.selectFrom('trace_events').select('action').where('stream', '=', `alert:${alert.id}`).orderBy('seq').execute();
    expect(trace.map((t) => t.action)).toEqual(['alert.fired', 'alert.acknowledged', 'alert.commented', 'alert.resolved']);

    expect((await manager.get<{ items: Alert[] }>('/api/alerts')).body.items.some((a) => a.id === alert.id)).toBe(false);
    expect((await manager.get<{ items: Alert[] }>('/api/alerts?status=resolved')).body.items.some((a) => a.id === alert.id)).toBe(true);
  });

  it('is the leaders’ business: the regional director acts on it from the rep’s dashboard; others find nothing', async () => {
    const w = await buildWorld();
    const { alert } = await firedAlert(w);
    const director = await signedIn(w.director.email);
    // Not told (the agency manager was), but a leader above: sees it on the rep's dashboard and may act.
    expect((await director.get<{ items: Alert[] }>('/api/alerts')).body.items.some((a) => a.id === alert.id)).toBe(false);
    const board = await director.get<Dashboard>(`/api/steering/dashboard?type=person&id=${w.quiet.id}&period=week`);
    expect(board.status).toBe(200);
    expect(board.body.alerts.map((a) => a.id)).toEqual([alert.id]);
    const acked = await director.post<Alert>(`/api/alerts/${alert.id}/acknowledge`, { version: alert.version });
    expect(acked.status).toBe(200);

    // The inbox of the units one leads lists it for the leaders above, whoever was told; not for others.
    const inUnits = async (client: ApiClient) => (await client.get<{ items: Alert[] }>('/api/alerts?scope=units')).body.items.find((a) => a.id === alert.id);
    expect(await inUnits(director)).toMatchObject({ id: alert.id, status: 'acknowledged', abilities: { comment: true, resolve: true } });
    const national = await signedIn((await buildUser({ roles: ['director'], manages: [{ type: 'nation', id: null }] })).email);
    expect((await national.get<{ items: Alert[] }>('/api/alerts')).body.items.some((a) => a.id === alert.id)).toBe(false);
    expect(await inUnits(national)).toMatchObject({ id: alert.id, abilities: { resolve: true } });
    expect(await inUnits(await signedIn(w.admin.email))).toBeDefined();
    expect(await inUnits(await signedIn(w.manager.email))).toBeDefined();
    expect(await inUnits(await signedIn(w.otherManager.email))).toBeUndefined();
    expect(await inUnits(await signedIn(w.rep.email))).toBeUndefined();
    expect(await inUnits(await signedIn(w.quiet.email))).toBeUndefined();
    expect((await director.get('/api/alerts?scope=everything')).body).toMatchObject({ field: 'scope' });

    const other = await signedIn(w.otherManager.email);
    expect((await other.get(`/api/alerts/${alert.id}`)).status).toBe(404);
    expect((await other.post(`/api/alerts/${alert.id}/comments`, { comment: 'Hors de mon périmètre' })).status).toBe(404);
    const quiet = await signedIn(w.quiet.email);
    expect((await quiet.get(`/api/alerts/${alert.id}`)).status).toBe(404);
    const own = await quiet.get<Dashboard>(`/api/steering/dashboard?type=person&id=${w.quiet.id}&period=week`);
    expect(own.status).toBe(200);
    expect(own.body.alerts).toEqual([]);
  });
});

describe('objectives', () => {
  it('are set from the level above, never for oneself, and shown with their attainment', async () => {
    const w = await buildWorld();
    const at = today();
    const director = await signedIn(w.director.email);
    const manager = await signedIn(w.manager.email);
    const rep = await signedIn(w.rep.email);
    const agencyObjective = { unitType: 'agency', unitId: w.agencyId, indicator: 'won_revenue', period: 'month', at, target: 1_000_000 } as const;

    expect((await manager.request('PUT', '/api/objectives', agencyObjective)).status).toBe(403);
    const set = await director.request<{ items: Array<{ target: number; version: number; unit: { id: string } }>; settable: Array<{ id: string | null }> }>('PUT', '/api/objectives', agencyObjective);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.items.find((o) => o.unit.id === w.agencyId)!.target).toBe(1_000_000);
    // Top-down: the director may set the agency's; its manager may set his people's, not his agency's.
    expect(set.body.settable.map((s) => s.id)).toContain(w.agencyId);
    const forManager = await manager.get<{ settable: Array<{ id: string | null }> }>(`/api/objectives?type=agency&id=${w.agencyId}&period=month&at=${at}`);
    expect(forManager.body.settable.map((s) => s.id)).toEqual(expect.arrayContaining([w.rep.id, w.quiet.id]));
    expect(forManager.body.settable.map((s) => s.id)).not.toContain(w.agencyId);
    expect(forManager.body.settable.map((s) => s.id)).not.toContain(w.manager.id);

    // Changing it needs the version read.
    expect((await director.request('PUT', '/api/objectives', { ...agencyObjective, target: 2_000_000 })).status).toBe(409);
    expect((await director.request('PUT', '/api/objectives', { ...agencyObjective, target: 2_000_000, version: 1 })).status).toBe(200);

    const repObjective = { unitType: 'person', unitId: w.rep.id, indicator: 'lead_conversion', period: 'month', at, target: 0.4 } as const;
    expect((await rep.request('PUT', '/api/objectives', repObjective)).status).toBe(403);
    expect((await manager.request('PUT', '/api/objectives', repObjective)).status).toBe(200);
    const badRate = await manager.request('PUT', '/api/objectives', { ...repObjective, target: 40 });
    expect(badRate.status).toBe(400);
    expect(badRate.body).toMatchObject({ field: 'target' });

    // A won deal of 500,000 cents this month: half the agency's objective.
    const db = await testDb();
    await db
      .insertInto('deals')
      .values({
        id: randomUUID(), account_id: w.accountId, lead_id: null, title: 'Affaire', owner_id: w.rep.id, created_by: null, agency_id: w.agencyId, region_id: w.regionId,
        stage: 'won', probability: 100, amount_cents: 500_000, expected_close: at, created_at: new Date(), stage_changed_at: new Date(), closed_at: new Date(), opened_on: at, closed_on: at,
      })
      .execute();
    await catchUpRollups(db);
    const board = await director.get<Dashboard>(`/api/steering/dashboard?type=agency&id=${w.agencyId}&period=month&at=${at}`);
    expect(board.body.figures.won_revenue).toMatchObject({ value: 500_000, objective: { target: 2_000_000, attainment: 0.25 } });
    const person = board.body.children.find((c) => c.id === w.rep.id)!;
    expect(person.figures.lead_conversion!.objective).toEqual({ target: 0.4, attainment: null });
    const trace = await db.selectFrom('trace_events').select(['action', 'payload']).where('stream', '=', `objectives:${w.agencyId}`).orderBy('seq').execute();
    expect(trace.map((t) => t.action)).toEqual(['objective.set', 'objective.set']);
    expect(trace[1]!.payload).toMatchObject({ target: 2_000_000, previous: 1_000_000 });
  });
});
