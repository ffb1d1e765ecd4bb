// GET/POST /api/case-rules and POST /api/case-rules/simulate. A published rule is global: every test opening a
// case would follow it. So rules are only ever published to take effect far in the future (SLA rules from
// 2090, routing rules from 2095 — so an SLA simulation in 2090 still gets the default routing), and the
// simulator, which takes `at`, looks past that date to see them applied. History is shared too: a test
// finds its own versions by their author, a fresh administrator.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, signedIn, testServer, type ApiClient } from '../../../test/support/server.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildAgency, buildPool, buildUser, type BuiltUser } from '../../../test/support/factories.ts';
import { buildLeadWorld, buildOwnedAccount, buildProduct, parisDate } from '../../../test/support/lead-factories.ts';
import { buildCaseWorld, caseEvents, complaint, open } from '../../../test/support/case-factories.ts';
import type { CaseRules, CaseSimulation, SetCaseRuleBody, SimulateCaseBody } from '../../contract/cases.ts';
import { calendarAt } from '../calendar/current.ts';
import { isOpen, parisTime } from '../calendar/rules.ts';
import { DEFAULT_SLA_CONFIG, slaState, slaText, type SlaConfig } from './rules.ts';

beforeAll(async () => {
  await testServer();
});

const SLA_FROM = '2090-01-01T00:00:00.000Z';
const ROUTING_FROM = '2095-01-01T00:00:00.000Z';

type Routing = Extract<SetCaseRuleBody, { kind: 'routing' }>['config'];

/** A stricter SLA rule than the default, consistent in every way. */
const STRICT_SLA: SlaConfig = {
  byPriority: {
    critical: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 120, resolutionMinutes: 540 },
    normal: { firstResponseMinutes: 540, resolutionMinutes: 1620 },
    low: { firstResponseMinutes: 1080, resolutionMinutes: 2700 },
  },
  warnRatio: 0.8,
  reopenDays: 7,
};

async function rulesRows(authorId: string) {
  const db = await testDb();
  return db.selectFrom('case_rules').select(['id', 'kind', 'version', 'effective_from']).where('author_id', '=', authorId).execute();
}

async function ruleEvents(stream: string, ruleId: string) {
  const db = await testDb();
  const rows = await db.selectFrom('trace_events').select(['action', 'actor_id', 'payload']).where('stream', '=', stream).orderBy('seq').execute();
  return rows.filter((e) => (e.payload as { ruleId?: string }).ruleId === ruleId);
}

async function writtenBy(userId: string) {
  const db = await testDb();
  return db.selectFrom('trace_events').select(['stream', 'action']).where('actor_id', '=', userId).where('stream', 'like', 'rules:%').execute();
}

function simulate(client: ApiClient, body: SimulateCaseBody) {
  return client.post<CaseSimulation>('/api/case-rules/simulate', body);
}

async function simulated(client: ApiClient, body: SimulateCaseBody): Promise<CaseSimulation> {
  const reply = await simulate(client, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Publishes a rule as this administrator; returns the reply and the version they just saved. */
async function publish(admin: BuiltUser, body: SetCaseRuleBody) {
  const client = await signedIn(admin.email);
  const reply = await client.post<CaseRules>('/api/case-rules', body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  const mine = reply.body.history.filter((h) => h.author?.id === admin.id && h.kind === body.kind);
  expect(mine).toHaveLength(1);
  return { reply: reply.body, saved: mine[0]!, client };
}

const names = (rules: CaseRules) => ({
  pool: (id: string) => rules.pools.find((p) => p.id === id)!.name,
  region: (id: string) => rules.regions.find((r) => r.id === id)!.name,
});

describe('GET /api/case-rules', () => {
  it('401 without a session; version 0 defaults in force: no routing rule (null, the default text), the default SLA on 9-hour days', async () => {
    expect((await (await anonymous()).get('/api/case-rules')).status).toBe(401);
    const world = await buildCaseWorld(0);
    const reply = await (await signedIn(world.reps[0]!.email)).get<CaseRules>('/api/case-rules');
    expect(reply.status).toBe(200);
    const rules = reply.body;
    expect(rules.routing).toMatchObject({ kind: 'routing', version: 0, config: null, author: null, effectiveFrom: null });
    expect(rules.routing.text.en).toMatch(/^No routing rule is set: a case goes to the back-office pool serving the customer’s agency/);
    expect(rules.routing.text.fr).toMatch(/^Aucune règle d’orientation n’est définie : un dossier va au pôle back-office qui sert l’agence du client/);
    expect(rules.sla).toMatchObject({ kind: 'sla', version: 0, config: DEFAULT_SLA_CONFIG, dayMinutes: 540, author: null, effectiveFrom: null });
    expect(rules.sla.text).toEqual(slaText(DEFAULT_SLA_CONFIG));
    expect(rules.sla.text.en).toContain('Normal: first response within 1 business day, resolution within 5 business days.');
    // Names for the forms: back-office pools only, and the regions.
    expect(rules.pools.map((p) => p.id)).toContain(world.boPoolId);
    expect(rules.pools.map((p) => p.id)).not.toContain(world.salesPoolId);
    expect(rules.regions.map((r) => r.id)).toContain(world.regionId);
  });
});

describe('POST /api/case-rules', () => {
  it('is for administrators: 401 without a session, 403 for a manager or an advisor, and nothing is written', async () => {
    const world = await buildCaseWorld(0);
    const body: SetCaseRuleBody = { kind: 'sla', config: STRICT_SLA, effectiveFrom: SLA_FROM };
    expect((await (await anonymous()).post('/api/case-rules', body)).status).toBe(401);
    for (const user of [world.manager, world.poolManager, world.advisor]) {
      const reply = await (await signedIn(user.email)).post('/api/case-rules', body);
      expect(reply.status).toBe(403);
      expect(reply.body).toMatchObject({ code: 'forbidden' });
      expect(await rulesRows(user.id)).toEqual([]);
      expect(await writtenBy(user.id)).toEqual([]);
    }
  });

  it('publishes a routing rule: 201, a new version in the history with its author, worded in both languages naming pools and regions, traced on rules:case-routing', async () => {
    const world = await buildCaseWorld(0);
    const second = await buildPool({ kind: 'back_office', scope: 'agency', unitId: world.agencyId });
    const before = await (await signedIn(world.admin.email)).get<CaseRules>('/api/case-rules');
    const highest = Math.max(0, ...before.body.history.filter((h) => h.kind === 'routing').map((h) => h.version));
    const config: Routing = {
      entries: [{ match: { types: ['billing', 'delivery'], regionIds: [world.regionId] }, poolId: second.id }],
      fallback: { byRegion: { [world.regionId]: world.boPoolId }, national: world.boPoolId },
    };
    const { reply, saved } = await publish(world.admin, { kind: 'routing', config, effectiveFrom: ROUTING_FROM });

    expect(saved.version).toBeGreaterThan(highest);
    expect(saved).toMatchObject({ kind: 'routing', author: { id: world.admin.id }, effectiveFrom: ROUTING_FROM });
    expect(saved.author!.name).not.toBe('');
    const n = names(reply);
    const [secondName, boName, region] = [n.pool(second.id), n.pool(world.boPoolId), n.region(world.regionId)];
    expect(saved.text.en).toContain(`1. Billing or delivery, region ${region} → ${secondName}`);
    expect(saved.text.en).toContain(`Fallback: region ${region} → ${boName}; elsewhere → ${boName}.`);
    expect(saved.text.fr).toContain(`1. Facturation ou livraison, région ${region} → ${secondName}`);
    expect(saved.text.fr).toContain(`Repli : région ${region} → ${boName} ; ailleurs → ${boName}.`);
    // Published for later: the rule in force now is unchanged.
    expect(reply.routing.version).not.toBe(saved.version);
    expect(reply.routing.effectiveFrom === null || reply.routing.effectiveFrom <= new Date().toISOString()).toBe(true);

    const [row] = await rulesRows(world.admin.id);
    expect(row).toMatchObject({ kind: 'routing', version: saved.version });
    const events = await ruleEvents('rules:case-routing', row!.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'rule.changed',
      actor_id: world.admin.id,
      payload: { ruleId: row!.id, kind: 'case_routing', version: saved.version, effectiveFrom: ROUTING_FROM, config, text: saved.text },
    });

    // Everyone reads the history.
    const read = await (await signedIn(world.reps[0]!.email)).get<CaseRules>('/api/case-rules');
    expect(read.body.history.find((h) => h.kind === 'routing' && h.version === saved.version)).toEqual(saved);
  });

  it('publishes an SLA rule: 201, the budgets in words in both languages, traced on rules:case-sla; the simulator applies it after its date', async () => {
    const world = await buildCaseWorld(1);
    const { reply, saved, client } = await publish(world.admin, { kind: 'sla', config: STRICT_SLA, effectiveFrom: SLA_FROM });
    expect(saved).toMatchObject({ kind: 'sla', author: { id: world.admin.id }, effectiveFrom: SLA_FROM });
    expect(saved.text.en).toContain('Critical: first response within 30 business minutes, resolution within 4 business hours.');
    expect(saved.text.en).toContain('High: first response within 2 business hours, resolution within 1 business day.');
    expect(saved.text.en).toContain('Normal: first response within 1 business day, resolution within 3 business days.');
    expect(saved.text.en).toContain('Low: first response within 2 business days, resolution within 5 business days.');
    expect(saved.text.en).toContain('At 80 %');
    expect(saved.text.en).toContain('within 7 calendar days');
    expect(saved.text.fr).toContain('Critique : première réponse sous 30 minutes ouvrées, résolution sous 4 heures ouvrées.');
    expect(saved.text.fr).toContain('Basse : première réponse sous 2 jours ouvrés, résolution sous 5 jours ouvrés.');
    expect(saved.text.fr).toContain('À 80 %');
    // Not in force yet.
    expect(reply.sla.config).toEqual(DEFAULT_SLA_CONFIG);
    expect(reply.sla.version).not.toBe(saved.version);

    const [row] = await rulesRows(world.admin.id);
    const events = await ruleEvents('rules:case-sla', row!.id);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([['rule.changed', world.admin.id]]);
    expect(events[0]!.payload).toMatchObject({ kind: 'case_sla', version: saved.version, effectiveFrom: SLA_FROM, config: STRICT_SLA, text: saved.text });

    const account = await buildOwnedAccount(world, null);
    const now = await simulated(client, { accountId: account.id, type: 'complaint', priority: 'critical' });
    expect(now.sla).toMatchObject({ ruleVersion: 0, budgets: DEFAULT_SLA_CONFIG.byPriority.critical });
    const later = await simulated(client, { accountId: account.id, type: 'complaint', priority: 'critical', at: '2090-06-06T10:00:00+02:00' });
    expect(later.sla).toMatchObject({ ruleVersion: saved.version, budgets: STRICT_SLA.byPriority.critical });
    // Wednesday 6 June 2090, 10:00 Paris: 30 business minutes → 10:30, the warning at 80 % → 10:24.
    expect(later.sla.firstResponseDueAt).toBe('2090-06-06T08:30:00.000Z');
    expect(later.sla.firstResponseWarnAt).toBe('2090-06-06T08:24:00.000Z');
    expect(later.pool.id).toBe(world.boPoolId);
  });

  it('refuses a bad rule naming the field, and writes nothing', async () => {
    const world = await buildCaseWorld(0);
    const client = await signedIn(world.admin.email);
    const routing = (config: Partial<Routing>): SetCaseRuleBody => ({
      kind: 'routing',
      config: { entries: [], fallback: { byRegion: {}, national: world.boPoolId }, ...config },
      effectiveFrom: ROUTING_FROM,
    });
    const sla = (config: Partial<SlaConfig>): SetCaseRuleBody => ({ kind: 'sla', config: { ...DEFAULT_SLA_CONFIG, ...config }, effectiveFrom: SLA_FROM });
    const by = DEFAULT_SLA_CONFIG.byPriority;
    const refusals: Array<[string, SetCaseRuleBody, number, string, string]> = [
      ['unknown pool', routing({ entries: [{ match: { types: ['billing'] }, poolId: randomUUID() }] }), 400, 'case_routing.unknown_pool', 'config.entries.0.poolId'],
      ['unknown national pool', routing({ fallback: { byRegion: {}, national: randomUUID() } }), 400, 'case_routing.unknown_pool', 'config.fallback.national'],
      ['a sales pool', routing({ entries: [{ match: {}, poolId: world.boPoolId }, { match: {}, poolId: world.salesPoolId }] }), 400, 'case_routing.not_back_office', 'config.entries.1.poolId'],
      ['high given more time than normal', sla({ byPriority: { ...by, high: { firstResponseMinutes: 240, resolutionMinutes: 3000 } } }), 400, 'sla.priority_order', 'config.byPriority.high.resolutionMinutes'],
      ['first response after resolution', sla({ byPriority: { ...by, critical: { firstResponseMinutes: 60, resolutionMinutes: 50 } } }), 400, 'sla.first_response_after_resolution', 'config.byPriority.critical.firstResponseMinutes'],
    ];
    for (const [what, body, status, code, field] of refusals) {
      const reply = await client.post('/api/case-rules', body);
      expect(reply.status, what).toBe(status);
      expect(reply.body, what).toMatchObject({ code, field });
    }
    const ratio = await client.post('/api/case-rules', sla({ warnRatio: 1.2 }));
    expect(ratio.status).toBe(400);
    expect(ratio.body).toMatchObject({ field: 'config.warnRatio' });

    expect(await rulesRows(world.admin.id)).toEqual([]);
    expect(await writtenBy(world.admin.id)).toEqual([]);
    const after = await client.get<CaseRules>('/api/case-rules');
    expect(after.body.history.filter((h) => h.author?.id === world.admin.id)).toEqual([]);
  });
});

describe('POST /api/case-rules/simulate', () => {
  it('with the default rules: the agency’s back-office pool, the least-loaded available member, every member with availability, the deadlines — nothing written', async () => {
    const world = await buildCaseWorld(3);
    const [a, b, absent] = world.agents as [BuiltUser, BuiltUser, BuiltUser];
    const db = await testDb();
    await db.updateTable('users').set({ absent_from: parisDate(-1), absent_until: parisDate(1) }).where('id', '=', absent.id).execute();
    const account = await buildOwnedAccount(world, world.reps[0]!.id);
    const advisor = await signedIn(world.advisor.email);
    const busy = await open(advisor, complaint(account.id));
    const idle = busy.assignee!.id === a.id ? b : a;
    expect([a.id, b.id]).toContain(busy.assignee!.id);
    const eventsBefore = await caseEvents(account.id);

    const at = new Date();
    const sim = await simulated(advisor, { accountId: account.id, type: 'complaint', priority: 'high', at: at.toISOString() });
    expect(sim.pool.id).toBe(world.boPoolId);
    expect(sim.routing.ruleVersion).toBe(0);
    expect(sim.routing.text.en).toContain(`No routing rule is set: the case goes to the agency’s own back-office pool serving the customer’s agency, ${sim.pool.name}.`);
    expect(sim.assignee).toEqual({ id: idle.id, name: expect.any(String) });
    const members = Object.fromEntries(sim.members.map((m) => [m.id, { openCases: m.openCases, available: m.available }]));
    expect(members).toEqual({
      [busy.assignee!.id]: { openCases: 1, available: true },
      [idle.id]: { openCases: 0, available: true },
      [absent.id]: { openCases: 0, available: false },
    });

    const cal = calendarAt(at);
    const expected = slaState(cal, DEFAULT_SLA_CONFIG, 'high', { openedAt: at, firstRespondedAt: null, history: [{ status: 'open', at }], budgets: null }, at);
    expect(sim.sla).toEqual({
      ruleVersion: 0,
      clockStartsAt: sim.sla.clockStartsAt,
      firstResponseDueAt: expected.firstResponseDueAt!.toISOString(),
      firstResponseWarnAt: expected.firstResponseWarnAt!.toISOString(),
      resolutionDueAt: expected.resolutionDueAt!.toISOString(),
      resolutionWarnAt: expected.resolutionWarnAt!.toISOString(),
      budgets: DEFAULT_SLA_CONFIG.byPriority.high,
    });
    // The clock starts now in opening hours, else at the next opening (which is open, and not before now).
    const starts = new Date(sim.sla.clockStartsAt);
    if (isOpen(cal, at)) expect(starts.getTime()).toBe(at.getTime());
    else {
      expect(starts.getTime()).toBeGreaterThan(at.getTime());
      expect(isOpen(cal, starts)).toBe(true);
      expect(isOpen(cal, new Date(starts.getTime() - 1))).toBe(false);
      expect(parisTime(starts).minutes).toBe(9 * 60);
    }

    // Nothing written: no case, no trace.
    expect(await db.selectFrom('cases').select('id').where('account_id', '=', account.id).execute()).toEqual([{ id: busy.id }]);
    expect(await caseEvents(account.id)).toEqual(eventsBefore);
  });

  it('a Saturday night starts the clock on Monday 9:00 Paris, with the deadlines in business hours', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, null);
    const client = await signedIn(world.advisor.email);
    const sim = await simulated(client, { accountId: account.id, type: 'complaint', priority: 'normal', at: '2026-12-05T21:00:00+01:00' });
    expect(sim.sla.clockStartsAt).toBe('2026-12-07T08:00:00.000Z');
    // Normal: one business day to respond (warning at 75 %: 6 h 45), five to resolve (warning after 3 days 6 h 45).
    expect(sim.sla.firstResponseDueAt).toBe('2026-12-07T17:00:00.000Z');
    expect(sim.sla.firstResponseWarnAt).toBe('2026-12-07T14:45:00.000Z');
    expect(sim.sla.resolutionDueAt).toBe('2026-12-11T17:00:00.000Z');
    expect(sim.sla.resolutionWarnAt).toBe('2026-12-10T14:45:00.000Z');
    const cal = calendarAt(new Date('2026-12-07T08:00:00Z'));
    for (const d of [sim.sla.firstResponseDueAt!, sim.sla.resolutionDueAt!]) expect(isOpen(cal, new Date(new Date(d).getTime() - 1)), d).toBe(true);
    expect(sim.assignee!.id).toBe(world.agents[0]!.id);
  });

  it('Christmas week: the 25th is closed, so a deadline crossing it lands on the Monday after', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, null);
    const client = await signedIn(world.advisor.email);
    // Thursday 24 December 2026, 17:30: 30 minutes that day, then Monday 28 (Friday 25 is Christmas).
    const christmas = await simulated(client, { accountId: account.id, type: 'complaint', priority: 'high', at: '2026-12-24T17:30:00+01:00' });
    expect(christmas.sla.clockStartsAt).toBe('2026-12-24T16:30:00.000Z');
    expect(christmas.sla.firstResponseDueAt).toBe('2026-12-28T11:30:00.000Z');
    expect(christmas.sla.firstResponseWarnAt).toBe('2026-12-28T10:30:00.000Z');
    expect(parisTime(new Date(christmas.sla.firstResponseDueAt!)).date).not.toBe('2026-12-25');
    // The same moment a week earlier: the Friday is worked.
    const week = await simulated(client, { accountId: account.id, type: 'complaint', priority: 'high', at: '2026-12-17T17:30:00+01:00' });
    expect(week.sla.firstResponseDueAt).toBe('2026-12-18T11:30:00.000Z');
  });

  it('after a published routing rule’s date, the case follows the rule and the text says which line applied', async () => {
    const world = await buildCaseWorld(1);
    const second = await buildPool({ kind: 'back_office', scope: 'agency', unitId: world.agencyId });
    const secondAgent = await buildUser({ homeAgencyId: world.agencyId, pools: [second.id] });
    // Line 1 names another agency's pool, which cannot take this agency's cases: line 2 applies.
    const elsewhere = await buildAgency();
    const foreign = await buildPool({ kind: 'back_office', scope: 'agency', unitId: elsewhere.id });
    const { saved, reply, client } = await publish(world.admin, {
      kind: 'routing',
      config: {
        entries: [
          { match: { types: ['billing'] }, poolId: foreign.id },
          { match: { types: ['billing'] }, poolId: second.id },
        ],
        fallback: { byRegion: {}, national: world.boPoolId },
      },
      effectiveFrom: ROUTING_FROM,
    });
    const n = names(reply);
    const account = await buildOwnedAccount(world, null);
    const at = '2095-03-01T10:00:00+01:00';

    const billing = await simulated(client, { accountId: account.id, type: 'billing', at });
    expect(billing.pool).toEqual({ id: second.id, name: n.pool(second.id) });
    expect(billing.assignee).toEqual({ id: secondAgent.id, name: expect.any(String) });
    expect(billing.members.map((m) => m.id)).toEqual([secondAgent.id]);
    expect(billing.routing).toMatchObject({ code: 'rule_entry', ruleVersion: saved.version });
    expect(billing.routing.text.en).toBe(
      `Line 1 applies but ${n.pool(foreign.id)} does not serve this agency. Line 2 of the routing rule (billing) sends it to ${n.pool(second.id)}, which serves this agency.`,
    );
    expect(billing.routing.text.fr).toContain(`La ligne 2 de la règle d’orientation (facturation) l’envoie à ${n.pool(second.id)}`);

    const other = await simulated(client, { accountId: account.id, type: 'complaint', at });
    expect(other.pool.id).toBe(world.boPoolId);
    expect(other.routing).toMatchObject({ code: 'national_fallback', ruleVersion: saved.version });
    expect(other.routing.text.en).toContain(`${n.pool(world.boPoolId)} takes them nationally`);

    // Before its date, the default still applies.
    const today = await simulated(client, { accountId: account.id, type: 'billing' });
    expect(today.pool.id).toBe(world.boPoolId);
    expect(today.routing.ruleVersion).toBe(0);
  });

  it('404 for an account out of reach; 422 product.unknown; 400 naming the field', async () => {
    const world = await buildCaseWorld(1);
    const account = await buildOwnedAccount(world, null);
    const stranger = await signedIn((await buildLeadWorld({ reps: 0 })).advisor.email);
    const outOfReach = await simulate(stranger, { accountId: account.id, type: 'complaint' });
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toMatchObject({ code: 'account.not_found', field: 'accountId' });
    expect((await simulate(stranger, { accountId: randomUUID(), type: 'complaint' })).status).toBe(404);

    const client = await signedIn(world.advisor.email);
    const unknown = await simulate(client, { accountId: account.id, type: 'complaint', productId: randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'product.unknown', field: 'productId' });
    const product = await buildProduct();
    expect((await simulate(client, { accountId: account.id, type: 'complaint', productId: product.id })).status).toBe(200);

    for (const [body, field] of [
      [{ accountId: account.id, type: 'grievance' }, 'type'],
      [{ accountId: account.id, type: 'complaint', at: 'samedi soir' }, 'at'],
    ] as const) {
      const reply = await client.post('/api/case-rules/simulate', body);
      expect(reply.status, field).toBe(400);
      expect(reply.body).toMatchObject({ field });
    }
    expect((await (await anonymous()).post('/api/case-rules/simulate', { accountId: account.id, type: 'complaint' })).status).toBe(401);
  });
});
