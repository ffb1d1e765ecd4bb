// Steering writes: objectives set top-down, alert rules, the alert sweep (fire once per crossing, clear when
// the figure comes back) and what people do with an alert (acknowledge, comment, resolve). Each in the
// caller's transaction, with its trace events and notifications.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx, Db } from '../context.ts';
import { SYSTEM } from '../auth/principal.ts';
import { alertAbilities, canEditAlertRule, canSetPersonObjective, canSetUnitObjective, type SteeringUnit } from '../auth/policy.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../errors.ts';
import { appendTrace } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';
import { notifyMany, type NotificationInput } from '../notifications/commands.ts';
import { calendarAt } from '../calendar/current.ts';
import { isBusinessDay, parisTime } from '../calendar/rules.ts';
import {
  createAlertRuleBody,
  type acknowledgeAlertBody,
  type commentAlertBody,
  type IndicatorId,
  type resolveAlertBody,
  type setObjectiveBody,
  type updateAlertRuleBody,
} from '../../contract/steering.ts';
import { NATION_ID } from './rollups.ts';
import { leadsAlertTarget, peopleAllocations, placeOf, sumsOf, unitsOfPerson } from './queries.ts';
import { absentDuring, alertPeriod, alertText, computeFigures, crossingStep, isCrossed, periodContaining, stateKey } from './rules.ts';

// --- Objectives ---

/** Sets (or changes) the objective of a unit or a person for a month, quarter or year. */
export async function setObjective(ctx: Ctx, input: z.output<typeof setObjectiveBody>): Promise<string> {
  const today = parisTime(new Date()).date;
  const unitId = input.unitType === 'nation' ? NATION_ID : input.unitId!;
  if (input.unitType === 'person') {
    const person = await ctx.db.selectFrom('users').select('id').where('id', '=', unitId).executeTakeFirst();
    if (!person) throw notFound('person', unitId);
    const units = await unitsOfPerson(ctx.db, unitId, today);
    if (!canSetPersonObjective(ctx.actor, { userId: unitId, units })) throw forbidden("set this person's objectives (a line manager sets them, never oneself)");
  } else {
    const place = await placeOf(ctx.db, input.unitType, input.unitType === 'nation' ? null : unitId);
    if (!place) throw notFound(input.unitType, unitId);
    if (!canSetUnitObjective(ctx.actor, place)) throw forbidden("set this unit's objectives (they are set from the level above, never for one's own unit)");
  }
  const period = periodContaining(input.period, input.at);
  const existing = await ctx.db
    .selectFrom('objectives')
    .select(['id', 'version', 'target'])
    .where('unit_type', '=', input.unitType)
    .where('unit_id', '=', unitId)
    .where('indicator', '=', input.indicator)
    .where('period_from', '=', period.from)
    .where('period_to', '=', period.to)
    .forUpdate()
    .executeTakeFirst();
  const now = new Date();
  let id: string;
  if (existing) {
    if (input.version === undefined || input.version !== existing.version) throw versionConflict('objective', existing.version);
    id = existing.id;
    await ctx.db
      .updateTable('objectives')
      .set({ target: input.target, set_by: ctx.actor.userId, set_at: now, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .execute();
  } else {
    id = uuidv7();
    await ctx.db
      .insertInto('objectives')
      .values({ id, unit_type: input.unitType, unit_id: unitId, indicator: input.indicator, period_kind: input.period, period_from: period.from, period_to: period.to, target: input.target, set_by: ctx.actor.userId, set_at: now })
      .execute();
  }
  await appendTrace(ctx, streamOf('objectives', unitId), 'objective.set', {
    objectiveId: id,
    unit: { type: input.unitType, id: input.unitType === 'nation' ? null : unitId },
    indicator: input.indicator,
    period: { from: period.from, to: period.to },
    target: input.target,
    previous: existing ? Number(existing.target) : null,
  });
  return id;
}

// --- Alert rules ---

type RuleInput = z.output<typeof createAlertRuleBody>;

async function ruleUnit(db: Db, unitType: RuleInput['unitType'], unitId: string | null | undefined): Promise<SteeringUnit> {
  const place = await placeOf(db, unitType, unitType === 'nation' ? null : unitId!);
  if (!place) throw new DomainError('unprocessable', 'alert_rule.unknown_unit', `No ${unitType} ${unitId}`, 'unitId');
  return place;
}

function checkRuleShape(rule: RuleInput) {
  if (rule.appliesTo === 'regions' && rule.unitType !== 'nation') {
    throw new DomainError('invalid', 'alert_rule.regions_of_nation_only', 'Only the nation has regions to evaluate one by one', 'appliesTo');
  }
  if (rule.appliesTo === 'agencies' && (rule.unitType === 'agency' || rule.unitType === 'pool')) {
    throw new DomainError('invalid', 'alert_rule.no_agencies_below', `A ${rule.unitType} has no agencies below it`, 'appliesTo');
  }
  if (rule.appliesTo === 'pools' && rule.unitType === 'pool') {
    throw new DomainError('invalid', 'alert_rule.no_pools_below', 'A pool has no pools below it; apply the rule to the unit itself', 'appliesTo');
  }
}

export async function createAlertRule(ctx: Ctx, input: RuleInput): Promise<string> {
  checkRuleShape(input);
  const unit = await ruleUnit(ctx.db, input.unitType, input.unitId);
  if (!canEditAlertRule(ctx.actor, unit)) throw forbidden('write alert rules for this unit');
  const id = uuidv7();
  await ctx.db
    .insertInto('alert_rules')
    .values({
      id,
      name: input.name,
      indicator: input.indicator,
      unit_type: input.unitType,
      unit_id: unit.id ?? NATION_ID,
      applies_to: input.appliesTo,
      comparison: input.comparison,
      threshold: input.threshold,
      period_kind: input.periodKind,
      period_days: input.periodDays ?? null,
      notify: input.notify,
      active: input.active,
      created_by: ctx.actor.userId,
    })
    .execute();
  await appendTrace(ctx, streamOf('rules', 'alerts'), 'alert_rule.created', { ruleId: id, ...input });
  return id;
}

export async function updateAlertRule(ctx: Ctx, id: string, input: z.output<typeof updateAlertRuleBody>): Promise<void> {
  const row = await ctx.db.selectFrom('alert_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('alert_rule', id);
  const current = await ruleUnit(ctx.db, row.unit_type, row.unit_id);
  if (!canEditAlertRule(ctx.actor, current)) throw forbidden('change this alert rule');
  if (row.version !== input.version) throw versionConflict('alert_rule', row.version);
  const merged = createAlertRuleBody.safeParse({
    name: input.name ?? row.name,
    indicator: input.indicator ?? row.indicator,
    unitType: input.unitType ?? row.unit_type,
    unitId: input.unitType === 'nation' ? null : (input.unitId ?? (row.unit_type === 'nation' ? null : row.unit_id)),
    appliesTo: input.appliesTo ?? row.applies_to,
    comparison: input.comparison ?? row.comparison,
    threshold: input.threshold ?? Number(row.threshold),
    periodKind: input.periodKind ?? row.period_kind,
    periodDays: input.periodKind !== undefined && input.periodKind !== 'business_days' ? null : (input.periodDays ?? row.period_days),
    notify: input.notify ?? row.notify,
    active: input.active ?? row.active,
  });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    throw new DomainError('invalid', 'alert_rule.invalid', `${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
  }
  const rule = merged.data;
  checkRuleShape(rule);
  const unit = await ruleUnit(ctx.db, rule.unitType, rule.unitId);
  if (!canEditAlertRule(ctx.actor, unit)) throw forbidden('move this alert rule to that unit');
  await ctx.db
    .updateTable('alert_rules')
    .set({
      name: rule.name,
      indicator: rule.indicator,
      unit_type: rule.unitType,
      unit_id: unit.id ?? NATION_ID,
      applies_to: rule.appliesTo,
      comparison: rule.comparison,
      threshold: rule.threshold,
      period_kind: rule.periodKind,
      period_days: rule.periodDays ?? null,
      notify: rule.notify,
      active: rule.active,
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  await appendTrace(ctx, streamOf('rules', 'alerts'), 'alert_rule.changed', { ruleId: id, version: row.version + 1, ...rule });
}

// --- The alert sweep ---

interface Target {
  type: 'nation' | 'region' | 'agency' | 'pool' | 'person';
  id: string;
  name: string;
  /** For the leaders: the units it sits in, nearest first (a person: their pools and agencies). */
  within: SteeringUnit[];
}

interface Organisation {
  regions: Map<string, { id: string; name: string }>;
  agencies: Map<string, { id: string; name: string; regionId: string }>;
  pools: Map<string, { id: string; name: string; kind: string; agencyId: string | null; regionId: string | null }>;
  /** Managers and directors (active) by the unit they manage ('nation:' for the nation). */
  leaders: Map<string, string[]>;
}

async function loadOrganisation(db: Db): Promise<Organisation> {
  const regions = await db.selectFrom('regions').select(['id', 'name']).execute();
  const agencies = await db.selectFrom('agencies').select(['id', 'name', 'region_id']).execute();
  const pools = await sql<{ id: string; name: string; kind: string; agency_id: string | null; region_id: string | null }>`
    SELECT p.id, p.name, p.kind, p.agency_id, COALESCE(p.region_id, a.region_id) AS region_id
    FROM pools p LEFT JOIN agencies a ON a.id = p.agency_id`.execute(db);
  const managed = await sql<{ unit_type: string; unit_id: string | null; user_id: string }>`
    SELECT m.unit_type, m.unit_id, m.user_id FROM managed_units m JOIN users u ON u.id = m.user_id
    WHERE u.active AND (u.roles && ARRAY['manager','director']::text[])`.execute(db);
  const leaders = new Map<string, string[]>();
  for (const m of managed.rows) {
    const key = `${m.unit_type}:${m.unit_id ?? ''}`;
    leaders.set(key, [...(leaders.get(key) ?? []), m.user_id]);
  }
  return {
    regions: new Map(regions.map((r) => [r.id, r])),
    agencies: new Map(agencies.map((a) => [a.id, { id: a.id, name: a.name, regionId: a.region_id }])),
    pools: new Map(pools.rows.map((p) => [p.id, { id: p.id, name: p.name, kind: p.kind, agencyId: p.agency_id, regionId: p.region_id }])),
    leaders,
  };
}

const unitOf = (org: Organisation, type: SteeringUnit['type'], id: string | null): SteeringUnit => {
  switch (type) {
    case 'nation':
      return { type, id: null, regionId: null, agencyId: null };
    case 'region':
      return { type, id, regionId: id, agencyId: null };
    case 'agency':
      return { type, id, regionId: org.agencies.get(id!)?.regionId ?? null, agencyId: id };
    case 'pool': {
      const p = org.pools.get(id!);
      return { type, id, regionId: p?.regionId ?? null, agencyId: p?.agencyId ?? null };
    }
  }
};

/** Whether `u` lies within the rule's unit. */
function inside(unit: SteeringUnit, u: SteeringUnit): boolean {
  switch (unit.type) {
    case 'nation':
      return true;
    case 'region':
      return u.regionId === unit.id;
    case 'agency':
      return u.agencyId === unit.id;
    case 'pool':
      return u.type === 'pool' && u.id === unit.id;
  }
}

/**
 * Who is told: the leaders of the nearest unit that has any, walking up from the target (a person: from
 * their pools and agencies); never the person themselves unless the rule says so.
 */
function leadersOf(org: Organisation, target: Target): string[] {
  const levels: SteeringUnit[][] = [target.within];
  const regions = [...new Set(target.within.map((u) => u.regionId).filter((r): r is string => !!r))];
  levels.push(regions.map((r) => unitOf(org, 'region', r)));
  levels.push([unitOf(org, 'nation', null)]);
  for (const level of levels) {
    const found = new Set<string>();
    for (const u of level) for (const id of org.leaders.get(`${u.type}:${u.id ?? ''}`) ?? []) found.add(id);
    if (target.type === 'person') found.delete(target.id);
    if (found.size) return [...found];
  }
  return [];
}

interface RuleRow {
  id: string;
  name: string;
  indicator: IndicatorId;
  unit_type: SteeringUnit['type'];
  unit_id: string;
  applies_to: 'unit' | 'regions' | 'agencies' | 'pools' | 'reps';
  comparison: 'above' | 'below';
  threshold: number;
  period_kind: 'week' | 'month' | 'quarter' | 'year' | 'business_days';
  period_days: number | null;
  notify: 'leaders' | 'leaders_and_person';
  version: number;
}

/** The targets a rule evaluates today: its unit, or each region, agency, pool or field rep within it. */
async function targetsOf(db: Db, org: Organisation, rule: RuleRow, window: { from: string; to: string }, today: string): Promise<Target[]> {
  const unit = unitOf(org, rule.unit_type, rule.unit_type === 'nation' ? null : rule.unit_id);
  switch (rule.applies_to) {
    case 'unit': {
      const name =
        unit.type === 'nation' ? 'National' : unit.type === 'region' ? org.regions.get(unit.id!)?.name : unit.type === 'agency' ? org.agencies.get(unit.id!)?.name : org.pools.get(unit.id!)?.name;
      return [{ type: unit.type, id: unit.id ?? NATION_ID, name: name ?? '', within: [unit] }];
    }
    case 'regions':
      return [...org.regions.values()].map((r) => ({ type: 'region', id: r.id, name: r.name, within: [unitOf(org, 'region', r.id)] }));
    case 'agencies':
      return [...org.agencies.values()]
        .map((a) => ({ a, u: unitOf(org, 'agency', a.id) }))
        .filter(({ u }) => inside(unit, u))
        .map(({ a, u }) => ({ type: 'agency', id: a.id, name: a.name, within: [u] }));
    case 'pools':
      return [...org.pools.values()]
        .map((p) => ({ p, u: unitOf(org, 'pool', p.id) }))
        .filter(({ u }) => inside(unit, u))
        .map(({ p, u }) => ({ type: 'pool', id: p.id, name: p.name, within: [u] }));
    case 'reps': {
      // Field reps: active people in a sales pool today (not the sales assistants), not absent during the window.
      const rows = await sql<{ id: string; name: string; absent_from: string | null; absent_until: string | null; pool_id: string; home_agency_id: string | null }>`
        SELECT u.id, u.name, u.absent_from::text, u.absent_until::text, m.pool_id, u.home_agency_id
        FROM users u
        JOIN pool_memberships m ON m.user_id = u.id AND m.starts_on <= ${today}::date AND (m.ends_on IS NULL OR m.ends_on >= ${today}::date)
        JOIN pools p ON p.id = m.pool_id AND p.kind = 'sales'
        WHERE u.active`.execute(db);
      const reps = new Map<string, Target>();
      for (const r of rows.rows) {
        if (absentDuring({ from: r.absent_from, until: r.absent_until }, window)) continue;
        const pool = unitOf(org, 'pool', r.pool_id);
        const entry = reps.get(r.id) ?? { type: 'person' as const, id: r.id, name: r.name, within: r.home_agency_id ? [unitOf(org, 'agency', r.home_agency_id)] : [] };
        entry.within.unshift(pool);
        reps.set(r.id, entry);
      }
      return [...reps.values()].filter((t) => t.within.some((u) => inside(unit, u)));
    }
  }
}

export interface AlertSweep {
  fired: number;
  cleared: number;
}

/**
 * Evaluates every active rule (or the given ones) on the rollups as they stand: fires an alert when a
 * target's figure crosses the threshold, clears it when the figure comes back. Idempotent: a second run
 * with the same figures changes nothing.
 */
export async function sweepAlerts(db: Db, now: Date, ruleIds?: string[]): Promise<AlertSweep> {
  const today = parisTime(now).date;
  const calendar = calendarAt(now);
  const rules = await sql<RuleRow>`
    SELECT id, name, indicator, unit_type, unit_id, applies_to, comparison, threshold::float8 AS threshold, period_kind, period_days, notify, version
    FROM alert_rules WHERE active ORDER BY created_at, id`.execute(db);
  const wanted = ruleIds ? rules.rows.filter((r) => ruleIds.includes(r.id)) : rules.rows;
  if (wanted.length === 0) return { fired: 0, cleared: 0 };
  const org = await loadOrganisation(db);
  const result: AlertSweep = { fired: 0, cleared: 0 };
  const ctx: Ctx = { db, actor: SYSTEM, channel: 'system' };
  for (const rule of wanted) {
    const window = alertPeriod({ periodKind: rule.period_kind, periodDays: rule.period_days }, today, (d, wd) => isBusinessDay(calendar, d, wd));
    const targets = await targetsOf(db, org, rule, window, today);
    if (targets.length === 0) continue;
    const sums = await sumsOf(db, targets.map((t) => ({ type: t.type, id: t.type === 'nation' ? null : t.id })), window);
    const headcounts = new Map<string, number>();
    if (rule.indicator === 'interactions_per_rep_week') {
      for (const a of await peopleAllocations(db, window.to < today ? window.to : today)) {
        const key = `${a.unit_type}:${a.unit_id}`;
        headcounts.set(key, (headcounts.get(key) ?? 0) + a.share);
      }
    }
    const key = stateKey({ periodKind: rule.period_kind, periodDays: rule.period_days }, window);
    const states = await sql<{ target_type: string; target_id: string; crossed: boolean }>`
      SELECT target_type, target_id, crossed FROM alert_states WHERE rule_id = ${rule.id} AND period_from = ${key}::date`.execute(db);
    const wasCrossed = new Map(states.rows.map((s) => [`${s.target_type}:${s.target_id}`, s.crossed]));
    const notifications: NotificationInput[] = [];
    for (const target of targets) {
      const entry = sums.get(`${target.type}:${target.id}`) ?? { sums: {}, now: {} };
      const headcount = target.type === 'person' ? 1 : (headcounts.get(`${target.type}:${target.id}`) ?? 0);
      const value = computeFigures(entry.sums, entry.now, { period: window, headcount, today })[rule.indicator]?.value ?? null;
      const crossed = isCrossed(value, rule.comparison, rule.threshold);
      const step = crossingStep(wasCrossed.get(`${target.type}:${target.id}`) ?? false, crossed);
      if (step === 'hold') continue;
      await sql`
        INSERT INTO alert_states (rule_id, target_type, target_id, period_from, crossed, changed_at)
        VALUES (${rule.id}, ${target.type}, ${target.id}, ${key}::date, ${crossed}, ${now})
        ON CONFLICT (rule_id, target_type, target_id, period_from) DO UPDATE SET crossed = EXCLUDED.crossed, changed_at = EXCLUDED.changed_at`.execute(db);
      if (step === 'fire') {
        const id = uuidv7();
        const recipients = leadersOf(org, target);
        if (rule.notify === 'leaders_and_person' && target.type === 'person') recipients.push(target.id);
        await db
          .insertInto('alerts')
          .values({
            id,
            rule_id: rule.id,
            rule_version: rule.version,
            indicator: rule.indicator,
            comparison: rule.comparison,
            threshold: rule.threshold,
            target_type: target.type,
            target_id: target.id,
            target_name: target.name,
            period_from: window.from,
            period_to: window.to,
            value: value!,
            fired_at: now,
          })
          .execute();
        if (recipients.length) await db.insertInto('alert_recipients').values(recipients.map((userId) => ({ alert_id: id, user_id: userId }))).execute();
        await db.insertInto('alert_events').values({ id: uuidv7(), alert_id: id, at: now, actor_id: null, action: 'fired', comment: null, value }).execute();
        await appendTrace(ctx, streamOf('alert', id), 'alert.fired', {
          ruleId: rule.id,
          ruleVersion: rule.version,
          target: { type: target.type, id: target.id, name: target.name },
          period: window,
          value,
          comparison: rule.comparison,
          threshold: rule.threshold,
          recipients,
        });
        const words = { indicator: rule.indicator, comparison: rule.comparison, threshold: rule.threshold, value: value!, targetName: target.name, from: window.from, to: window.to };
        for (const userId of recipients) {
          notifications.push({
            userId,
            kind: 'alert.fired',
            leadId: null,
            alertId: id,
            text: `Alert (${rule.name}): ${alertText(words, 'en')}`,
            params: { alertId: id, rule: rule.name, target: target.name, textFr: alertText(words, 'fr'), textEn: alertText(words, 'en') },
          });
        }
        result.fired++;
      } else {
        const open = await sql<{ id: string }>`
          UPDATE alerts SET cleared_at = ${now}, version = version + 1
          WHERE rule_id = ${rule.id} AND target_type = ${target.type} AND target_id = ${target.id} AND cleared_at IS NULL
          RETURNING id`.execute(db);
        for (const a of open.rows) {
          await db.insertInto('alert_events').values({ id: uuidv7(), alert_id: a.id, at: now, actor_id: null, action: 'cleared', comment: null, value }).execute();
          await appendTrace(ctx, streamOf('alert', a.id), 'alert.cleared', { value });
        }
        result.cleared++;
      }
    }
    await notifyMany(db, notifications);
  }
  return result;
}

// --- What people do with an alert ---

async function lockAlert(ctx: Ctx, id: string) {
  const row = await sql<{ id: string; status: 'open' | 'acknowledged' | 'resolved'; version: number; recipient: boolean; target_type: 'nation' | 'region' | 'agency' | 'pool' | 'person'; target_id: string }>`
    SELECT a.id, a.status, a.version, a.target_type, a.target_id,
      EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.user_id = ${ctx.actor.userId}) AS recipient
    FROM alerts a WHERE a.id = ${id} FOR UPDATE OF a`.execute(ctx.db);
  const alert = row.rows[0];
  // Those told of an alert and the leaders of its target act on it; for anyone else it does not exist.
  const leads = !!alert && (await leadsAlertTarget(ctx.db, ctx.actor, { type: alert.target_type, id: alert.target_id }));
  if (!alert || (!alert.recipient && !leads)) throw notFound('alert', id);
  return { alert, abilities: alertAbilities(ctx.actor, { recipient: alert.recipient || leads, status: alert.status }) };
}

async function recordAlertEvent(ctx: Ctx, alertId: string, action: 'acknowledged' | 'commented' | 'resolved', comment: string | null) {
  await ctx.db.insertInto('alert_events').values({ id: uuidv7(), alert_id: alertId, at: new Date(), actor_id: ctx.actor.userId, action, comment, value: null }).execute();
  await appendTrace(ctx, streamOf('alert', alertId), `alert.${action}`, { comment });
}

export async function acknowledgeAlert(ctx: Ctx, id: string, input: z.output<typeof acknowledgeAlertBody>): Promise<void> {
  const { alert, abilities } = await lockAlert(ctx, id);
  if (!abilities.acknowledge) {
    if (alert.status !== 'open') throw new DomainError('unprocessable', 'alert.not_open', `This alert is already ${alert.status}`, 'status');
    throw forbidden('acknowledge this alert');
  }
  if (alert.version !== input.version) throw versionConflict('alert', alert.version);
  await ctx.db.updateTable('alerts').set({ status: 'acknowledged', version: sql<number>`version + 1` }).where('id', '=', id).execute();
  await recordAlertEvent(ctx, id, 'acknowledged', input.comment ?? null);
}

export async function commentAlert(ctx: Ctx, id: string, input: z.output<typeof commentAlertBody>): Promise<void> {
  const { abilities } = await lockAlert(ctx, id);
  if (!abilities.comment) throw forbidden('comment on this alert');
  // A comment adds to the history without changing the alert: nobody's acknowledgement goes stale for it.
  await recordAlertEvent(ctx, id, 'commented', input.comment);
}

export async function resolveAlert(ctx: Ctx, id: string, input: z.output<typeof resolveAlertBody>): Promise<void> {
  const { alert, abilities } = await lockAlert(ctx, id);
  if (!abilities.resolve) {
    if (alert.status === 'resolved') throw new DomainError('unprocessable', 'alert.already_resolved', 'This alert is already resolved', 'status');
    throw forbidden('resolve this alert');
  }
  if (alert.version !== input.version) throw versionConflict('alert', alert.version);
  await ctx.db.updateTable('alerts').set({ status: 'resolved', version: sql<number>`version + 1` }).where('id', '=', id).execute();
  await recordAlertEvent(ctx, id, 'resolved', input.comment);
}
