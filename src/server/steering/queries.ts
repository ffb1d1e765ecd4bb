// Steering reads: a unit's or a person's dashboard (figures for a period, a trend, the next level down)
// from the rollups only, never from the fact tables, so a national page costs a few thousand rows.
import { sql, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { alertAbilities, canEditAlertRule, leadsSteeringUnit, canSeePersonFigures, canSetPersonObjective, canSetUnitObjective, steeringView, type SteeringUnit } from '../auth/policy.ts';
import { forbidden, notFound } from '../errors.ts';
import { parisTime } from '../calendar/rules.ts';
import {
  INDICATORS,
  type Alert,
  type AlertRule,
  type AlertStatus,
  type Dashboard,
  type DashboardRow,
  type Figures,
  type IndicatorId,
  type Objective,
  type ObjectiveIndicator,
  type Period,
  type UnitRef,
  type alertListQuery,
  type dashboardQuery,
  type objectiveListQuery,
  type objectiveListSchema,
} from '../../contract/steering.ts';
import { allocationsOf, NATION_ID } from './rollups.ts';
import { alertRuleText, alertText, attainment, computeFigures, customPeriod, leadFunnel, periodContaining, runRateWindow, trendPeriods, type MetricSums } from './rules.ts';

type Query = z.output<typeof dashboardQuery>;
type UnitType = SteeringUnit['type'];

export interface Place extends SteeringUnit {
  name: string;
}

const unitKey = (type: string, id: string | null) => `${type}:${id ?? NATION_ID}`;

/** Where a unit sits, with its name; null when it does not exist. */
export async function placeOf(db: Db, type: UnitType, id: string | null): Promise<Place | null> {
  switch (type) {
    case 'nation':
      return { type, id: null, name: 'National', regionId: null, agencyId: null };
    case 'region': {
      const r = await db.selectFrom('regions').select(['id', 'name']).where('id', '=', id!).executeTakeFirst();
      return r ? { type, id: r.id, name: r.name, regionId: r.id, agencyId: null } : null;
    }
    case 'agency': {
      const a = await db.selectFrom('agencies').select(['id', 'name', 'region_id']).where('id', '=', id!).executeTakeFirst();
      return a ? { type, id: a.id, name: a.name, regionId: a.region_id, agencyId: a.id } : null;
    }
    case 'pool': {
      const p = await db
        .selectFrom('pools as p')
        .leftJoin('agencies as a', 'a.id', 'p.agency_id')
        .select(['p.id', 'p.name', 'p.agency_id', sql<string | null>`COALESCE(p.region_id, a.region_id)`.as('region_id')])
        .where('p.id', '=', id!)
        .executeTakeFirst();
      return p ? { type, id: p.id, name: p.name, regionId: p.region_id, agencyId: p.agency_id } : null;
    }
  }
}

/** The units above a place, from the nation down. */
async function parentsOf(db: Db, place: SteeringUnit): Promise<UnitRef[]> {
  const chain: UnitRef[] = [];
  if (place.type === 'nation') return chain;
  chain.push({ type: 'nation', id: null, name: 'National' });
  if (place.type !== 'region' && place.regionId) {
    const region = await placeOf(db, 'region', place.regionId);
    if (region) chain.push({ type: 'region', id: region.id, name: region.name });
  }
  if (place.type === 'pool' && place.agencyId) {
    const agency = await placeOf(db, 'agency', place.agencyId);
    if (agency) chain.push({ type: 'agency', id: agency.id, name: agency.name });
  }
  return chain;
}

/** The next level down: regions of the nation, agencies and regional pools of a region, pools of an agency. */
async function subUnits(db: Db, place: Place): Promise<Place[]> {
  switch (place.type) {
    case 'nation': {
      const regions = await db.selectFrom('regions').select(['id', 'name']).orderBy('name').execute();
      return regions.map((r) => ({ type: 'region', id: r.id, name: r.name, regionId: r.id, agencyId: null }));
    }
    case 'region': {
      const agencies = await db.selectFrom('agencies').select(['id', 'name']).where('region_id', '=', place.id!).orderBy('name').execute();
      const pools = await db.selectFrom('pools').select(['id', 'name']).where('scope', '=', 'region').where('region_id', '=', place.id!).orderBy('name').execute();
      return [
        ...agencies.map((a): Place => ({ type: 'agency', id: a.id, name: a.name, regionId: place.id, agencyId: a.id })),
        ...pools.map((p): Place => ({ type: 'pool', id: p.id, name: p.name, regionId: place.id, agencyId: null })),
      ];
    }
    case 'agency': {
      const pools = await db.selectFrom('pools').select(['id', 'name']).where('agency_id', '=', place.id!).orderBy('name').execute();
      return pools.map((p) => ({ type: 'pool', id: p.id, name: p.name, regionId: place.regionId, agencyId: place.id }));
    }
    case 'pool':
      return [];
  }
}

export interface Allocation {
  subject_id: string;
  unit_type: UnitType;
  unit_id: string;
  share: number;
}

/** Every active person's allocations on a day (the headcounts and who counts where). */
export async function peopleAllocations(db: Db, day: string): Promise<Allocation[]> {
  const keys = sql`(SELECT u.id AS subject_id, ${day}::date AS day FROM users u WHERE u.active)`;
  const rows = await sql<Allocation>`SELECT subject_id, unit_type, unit_id, share::float8 AS share FROM (${allocationsOf(keys)}) a`.execute(db);
  return rows.rows;
}

/**
 * The active people who may count in these units: a superset (allocationsOf decides who does, and by how
 * much), so that a unit's headcount allocates its dozens of people rather than everyone in the country.
 * A person counts in an agency, and so in its region, by a share or their home agency; in a pool by membership.
 */
function mayCountIn(units: ReadonlyArray<{ type: UnitType; id: string | null }>): RawBuilder<unknown> {
  if (units.some((u) => u.type === 'nation')) return sql`true`;
  const ids = (type: UnitType) => units.filter((u) => u.type === type).map((u) => u.id!);
  const [regions, agencies, pools] = [ids('region'), ids('agency'), ids('pool')];
  const inAgencies = (g: string) => sql`(${sql.ref(`${g}.id`)} = ANY(${agencies}::uuid[]) OR ${sql.ref(`${g}.region_id`)} = ANY(${regions}::uuid[]))`;
  return sql`(
    EXISTS (SELECT 1 FROM agencies g WHERE g.id = u.home_agency_id AND ${inAgencies('g')})
    OR EXISTS (SELECT 1 FROM agency_assignments a JOIN agencies g ON g.id = a.agency_id WHERE a.user_id = u.id AND ${inAgencies('g')})
    OR EXISTS (SELECT 1 FROM pool_memberships m WHERE m.user_id = u.id AND m.pool_id = ANY(${pools}::uuid[])))`;
}

/** How many people count in each of these units on a day: by allocation share, and in person. */
async function unitSizes(db: Db, units: ReadonlyArray<{ type: UnitType; id: string | null }>, day: string): Promise<Map<string, { share: number; people: number }>> {
  const keys = sql`(SELECT u.id AS subject_id, ${day}::date AS day FROM users u WHERE u.active AND ${mayCountIn(units)})`;
  const rows = await sql<{ unit_type: UnitType; unit_id: string; share: number; people: number }>`
    SELECT a.unit_type, a.unit_id, sum(a.share)::float8 AS share, count(DISTINCT a.subject_id)::int AS people
    FROM (${allocationsOf(keys)}) a
    WHERE (a.unit_type, a.unit_id) IN (SELECT * FROM unnest(${units.map((u) => u.type)}::text[], ${units.map((u) => u.id ?? NATION_ID)}::uuid[]))
    GROUP BY 1, 2`.execute(db);
  return new Map(rows.rows.map((r) => [unitKey(r.unit_type, r.unit_type === 'nation' ? null : r.unit_id), { share: r.share, people: r.people }]));
}

/** The people counted in an agency or a pool on a day, each with their share of it. */
async function membersOf(db: Db, unit: { type: 'agency' | 'pool'; id: string }, day: string): Promise<Array<{ id: string; share: number }>> {
  const keys = sql`(SELECT u.id AS subject_id, ${day}::date AS day FROM users u WHERE u.active AND ${mayCountIn([unit])})`;
  const rows = await sql<{ id: string; share: number }>`
    SELECT a.subject_id AS id, a.share::float8 AS share FROM (${allocationsOf(keys)}) a
    WHERE a.unit_type = ${unit.type} AND a.unit_id = ${unit.id}`.execute(db);
  return rows.rows;
}

/**
 * A unit's headcount (people by allocation share) on each of `days`, knowing it on one of them (`known`):
 * each period of a trend counts the people it had on its last day, as the period's own figure does.
 * Only the people whose agency shares or pool memberships start or end between the first and the last
 * day can count differently from one day to another, so only they are allocated day by day (at national
 * scale, allocating everyone twelve times would cost more than the rest of the dashboard).
 */
async function headcountsOn(db: Db, unit: { type: UnitType; id: string | null }, days: string[], known: { day: string; headcount: number }): Promise<number[]> {
  // Every active person counts whole in the nation, whatever the day.
  if (unit.type === 'nation') return days.map(() => known.headcount);
  const all = [...days, known.day].sort();
  const [first, last] = [all[0]!, all.at(-1)!];
  const changes = (table: 'agency_assignments' | 'pool_memberships') => sql`
    SELECT user_id FROM ${sql.table(table)}
    WHERE (starts_on > ${first}::date AND starts_on <= ${last}::date) OR (ends_on >= ${first}::date AND ends_on < ${last}::date)`;
  const keys = sql`(
    SELECT u.id AS subject_id, d.day FROM users u CROSS JOIN unnest(${[...new Set(all)]}::date[]) AS d(day)
    WHERE u.active AND ${mayCountIn([unit])} AND u.id IN (${changes('agency_assignments')} UNION ${changes('pool_memberships')}))`;
  const rows = await sql<{ day: string; share: number }>`
    SELECT a.day::text AS day, sum(a.share)::float8 AS share FROM (${allocationsOf(keys)}) a
    WHERE a.unit_type = ${unit.type} AND a.unit_id = ${unit.id ?? NATION_ID}
    GROUP BY 1`.execute(db);
  const changing = new Map(rows.rows.map((r) => [r.day, r.share]));
  const shareOn = (day: string) => changing.get(day) ?? 0;
  return days.map((day) => known.headcount - shareOn(known.day) + shareOn(day));
}

/** The units each of these people counts in on a day, each with where it sits (for the line-manager test). */
export async function unitsOfPeople(db: Db, userIds: string[], day: string): Promise<Map<string, SteeringUnit[]>> {
  const out = new Map<string, SteeringUnit[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const keys = sql`(SELECT id AS subject_id, ${day}::date AS day FROM unnest(${userIds}::uuid[]) AS u(id))`;
  const rows = await sql<{ subject_id: string; unit_type: UnitType; unit_id: string; region_id: string | null; agency_id: string | null }>`
    SELECT a.subject_id, a.unit_type, a.unit_id,
      CASE a.unit_type WHEN 'region' THEN a.unit_id WHEN 'agency' THEN g.region_id ELSE COALESCE(p.region_id, pg.region_id) END AS region_id,
      CASE a.unit_type WHEN 'agency' THEN a.unit_id WHEN 'pool' THEN p.agency_id END AS agency_id
    FROM (${allocationsOf(keys)}) a
    LEFT JOIN agencies g ON a.unit_type = 'agency' AND g.id = a.unit_id
    LEFT JOIN pools p ON a.unit_type = 'pool' AND p.id = a.unit_id
    LEFT JOIN agencies pg ON pg.id = p.agency_id`.execute(db);
  for (const r of rows.rows) {
    out.get(r.subject_id)?.push({ type: r.unit_type, id: r.unit_type === 'nation' ? null : r.unit_id, regionId: r.region_id, agencyId: r.agency_id });
  }
  return out;
}

/** The units a person counts in on a day. */
export async function unitsOfPerson(db: Db, userId: string, day: string): Promise<SteeringUnit[]> {
  return (await unitsOfPeople(db, [userId], day)).get(userId)!;
}

/** Whether a unit holds the person: counted in it, or in a unit below it (a pool's agency and region). */
function holds(unit: SteeringUnit, personUnits: SteeringUnit[]): boolean {
  return personUnits.some(
    (u) =>
      unit.type === 'nation' ||
      (unit.type === u.type && unit.id === u.id) ||
      (unit.type === 'region' && u.regionId === unit.id) ||
      (unit.type === 'agency' && u.agencyId === unit.id),
  );
}

const toSums = (rows: Array<{ metric: string; value: number }>): MetricSums => Object.fromEntries(rows.map((r) => [r.metric, r.value]));

interface SumRow {
  key: string;
  now: boolean;
  metric: string;
  value: number;
}

/** Period sums and the figures of now, per unit (or per person), in one read of the rollups. */
export async function sumsOf(db: Db, units: Array<{ type: UnitType | 'person'; id: string | null }>, period: { from: string; to: string }) {
  const people = units.filter((u) => u.type === 'person').map((u) => u.id!);
  const places = units.filter((u) => u.type !== 'person');
  const rows: SumRow[] = [];
  if (places.length) {
    const found = await sql<SumRow>`
      SELECT r.unit_type || ':' || r.unit_id AS key, r.day = 'infinity' AS now, r.metric, sum(r.value)::float8 AS value
      FROM steering_unit_days r
      WHERE (r.unit_type, r.unit_id) IN (SELECT * FROM unnest(${places.map((u) => u.type)}::text[], ${places.map((u) => u.id ?? NATION_ID)}::uuid[]))
        AND r.day >= ${period.from}::date AND (r.day <= ${period.to}::date OR r.day = 'infinity')
      GROUP BY 1, 2, 3`.execute(db);
    rows.push(...found.rows);
  }
  if (people.length) {
    const found = await sql<SumRow>`
      SELECT 'person:' || r.subject_id AS key, r.day = 'infinity' AS now, r.metric, sum(r.value)::float8 AS value
      FROM steering_subject_days r
      WHERE r.subject_id = ANY(${people}::uuid[])
        AND r.day >= ${period.from}::date AND (r.day <= ${period.to}::date OR r.day = 'infinity')
      GROUP BY 1, 2, 3`.execute(db);
    rows.push(...found.rows);
  }
  const out = new Map<string, { sums: MetricSums; now: MetricSums }>();
  for (const r of rows) {
    const entry = out.get(r.key) ?? { sums: {}, now: {} };
    (r.now ? entry.now : entry.sums)[r.metric] = r.value;
    out.set(r.key, entry);
  }
  return out;
}

/** Quick business won over the run-rate window before today, per unit (or person) key: what a forecast's run rate projects. */
async function quickWonOf(db: Db, units: Array<{ type: UnitType | 'person'; id: string | null }>, today: string): Promise<Map<string, number>> {
  const window = runRateWindow(today);
  const people = units.filter((u) => u.type === 'person').map((u) => u.id!);
  const places = units.filter((u) => u.type !== 'person');
  const [unitRows, personRows] = await Promise.all([
    places.length
      ? sql<{ key: string; value: number }>`
          SELECT r.unit_type || ':' || r.unit_id AS key, sum(r.value)::float8 AS value FROM steering_unit_days r
          WHERE (r.unit_type, r.unit_id) IN (SELECT * FROM unnest(${places.map((u) => u.type)}::text[], ${places.map((u) => u.id ?? NATION_ID)}::uuid[]))
            AND r.day BETWEEN ${window.from}::date AND ${window.to}::date AND r.metric = 'deals.won_quick_cents'
          GROUP BY 1`.execute(db)
      : { rows: [] },
    people.length
      ? sql<{ key: string; value: number }>`
          SELECT 'person:' || r.subject_id AS key, sum(r.value)::float8 AS value FROM steering_subject_days r
          WHERE r.subject_id = ANY(${people}::uuid[]) AND r.day BETWEEN ${window.from}::date AND ${window.to}::date AND r.metric = 'deals.won_quick_cents'
          GROUP BY 1`.execute(db)
      : { rows: [] },
  ]);
  return new Map([...unitRows.rows, ...personRows.rows].map((r) => [r.key, r.value]));
}

/** The unit's (or person's) sums for each period of a trend. */
async function trendSums(db: Db, unit: { type: UnitType | 'person'; id: string | null }, periods: Period[]): Promise<MetricSums[]> {
  const froms = periods.map((p) => p.from);
  const tos = periods.map((p) => p.to);
  const first = froms[0]!;
  const last = tos[tos.length - 1]!;
  const buckets = sql`unnest(${froms}::date[], ${tos}::date[]) WITH ORDINALITY AS b(f, t, i)`;
  const rows =
    unit.type === 'person'
      ? await sql<{ i: number; metric: string; value: number }>`
          SELECT b.i::int AS i, r.metric, sum(r.value)::float8 AS value
          FROM steering_subject_days r JOIN ${buckets} ON r.day BETWEEN b.f AND b.t
          WHERE r.subject_id = ${unit.id} AND r.day BETWEEN ${first}::date AND ${last}::date
          GROUP BY 1, 2`.execute(db)
      : await sql<{ i: number; metric: string; value: number }>`
          SELECT b.i::int AS i, r.metric, sum(r.value)::float8 AS value
          FROM steering_unit_days r JOIN ${buckets} ON r.day BETWEEN b.f AND b.t
          WHERE r.unit_type = ${unit.type} AND r.unit_id = ${unit.id ?? NATION_ID} AND r.day BETWEEN ${first}::date AND ${last}::date
          GROUP BY 1, 2`.execute(db);
  return periods.map((_, index) => toSums(rows.rows.filter((r) => r.i === index + 1)));
}

/** The period a query asks for. */
export function periodOf(q: Pick<Query, 'period' | 'at' | 'from' | 'to'>, today: string): Period {
  return q.period === 'custom' ? customPeriod(q.from!, q.to!) : periodContaining(q.period, q.at ?? today);
}

const todayInParis = () => parisTime(new Date()).date;

/** What a dashboard shows before any figure: the unit or person, where it sits, and the rows below it the viewer may see. */
interface Board {
  period: Period;
  today: string;
  /** The day people are counted on: the period's last, or today while it runs. */
  headcountDay: string;
  unit: Dashboard['unit'];
  parents: UnitRef[];
  rows: Array<{ type: UnitType | 'person'; id: string | null; name: string; headcount: number }>;
  childrenHidden: Dashboard['childrenHidden'];
}

/**
 * The unit or person a dashboard (or its objectives) is about, and its next level down. Who sees what is
 * decided by the steering policy: a person's figures by themselves and their line managers; a unit's by
 * its leaders (with its members' figures) and by the people in it when it is large enough.
 */
async function boardOf(db: Db, viewer: Principal, q: Pick<Query, 'type' | 'id' | 'period' | 'at' | 'from' | 'to'>, minGroup: number): Promise<Board> {
  const today = todayInParis();
  const period = periodOf(q, today);
  const headcountDay = period.to < today ? period.to : today;
  let unit: Dashboard['unit'];
  let parents: UnitRef[];
  let rowsWanted: Array<{ type: UnitType | 'person'; id: string | null; name: string; headcount: number }> = [];
  let childrenHidden: Dashboard['childrenHidden'] = null;

  if (q.type === 'person') {
    const person = await db.selectFrom('users').select(['id', 'name', 'home_agency_id']).where('id', '=', q.id!).executeTakeFirst();
    if (!person) throw notFound('person', q.id!);
    const units = await unitsOfPerson(db, person.id, today);
    if (!canSeePersonFigures(viewer, { userId: person.id, units })) throw forbidden("see this person's figures");
    unit = { type: 'person', id: person.id, name: person.name, headcount: 1 };
    const home = units.find((u) => u.type === 'agency');
    parents = home ? [...(await parentsOf(db, home)), { type: 'agency', id: home.id, name: (await placeOf(db, 'agency', home.id))!.name }] : [{ type: 'nation', id: null, name: 'National' }];
  } else {
    const place = await placeOf(db, q.type, q.type === 'nation' ? null : q.id!);
    if (!place) throw notFound(q.type, q.id ?? '');
    const below = await subUnits(db, place);
    const [sizes, viewerUnits, parentUnits] = await Promise.all([
      unitSizes(db, [place, ...below], headcountDay),
      viewer.userId ? unitsOfPerson(db, viewer.userId, today) : [],
      parentsOf(db, place),
    ]);
    const sizeOf = (u: { type: UnitType; id: string | null }) => sizes.get(unitKey(u.type, u.id)) ?? { share: 0, people: 0 };
    const view = steeringView(viewer, place, { member: holds(place, viewerUnits), people: sizeOf(place).people, minGroup });
    if (view === 'none') throw forbidden("see this unit's figures");
    unit = { type: place.type, id: place.id, name: place.name, headcount: sizeOf(place).share };
    parents = parentUnits;
    for (const child of below) {
      const childSize = sizeOf(child);
      // A colleague sees a sub-unit's aggregate only when it is large enough not to single anyone out.
      if (view === 'full' || childSize.people >= minGroup) rowsWanted.push({ type: child.type, id: child.id, name: child.name, headcount: childSize.share });
    }
    if (place.type === 'agency' || place.type === 'pool') {
      if (view === 'full') {
        const members = await membersOf(db, { type: place.type, id: place.id! }, headcountDay);
        const names = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', members.length ? members.map((m) => m.id) : [NATION_ID]).execute();
        const nameOf = new Map(names.map((n) => [n.id, n.name]));
        const people = members
          .map((m) => ({ type: 'person' as const, id: m.id, name: nameOf.get(m.id) ?? '', headcount: m.share }))
          .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
        rowsWanted = [...rowsWanted, ...people];
      } else {
        childrenHidden = 'individuals_private';
      }
    }
  }

  return { period, today, headcountDay, unit, parents, rows: rowsWanted, childrenHidden };
}

/** The dashboard of a unit or a person for a period: its figures, their trend, and the level below. */
export async function dashboard(db: Db, viewer: Principal, q: Query, minGroup: number): Promise<Dashboard> {
  const { period, today, headcountDay, unit, parents, rows: rowsWanted, childrenHidden } = await boardOf(db, viewer, q, minGroup);
  const everyone = [{ type: unit.type, id: unit.id }, ...rowsWanted];
  const periods = trendPeriods(period);
  const lastDays = periods.map((p) => (p.to < today ? p.to : today));
  // Independent reads of the rollups and their surroundings: on PostgreSQL they run side by side.
  const [sums, objectives, trendRows, trendHeadcounts, state, alerts, quickWon] = await Promise.all([
    sumsOf(db, everyone, period),
    period.kind === 'custom' || period.kind === 'week' ? new Map<string, Map<ObjectiveIndicator, number>>() : objectivesFor(db, everyone, period),
    trendSums(db, unit, periods),
    unit.type === 'person' ? periods.map(() => 1) : headcountsOn(db, { type: unit.type, id: unit.id }, lastDays, { day: headcountDay, headcount: unit.headcount }),
    db.selectFrom('steering_state').select('caught_up_at').executeTakeFirst(),
    alertsOnTarget(db, viewer, { type: unit.type, id: unit.id ?? NATION_ID }),
    // A forecast's run rate looks forward: a past period needs none.
    period.to > today ? quickWonOf(db, everyone, today) : new Map<string, number>(),
  ]);
  const figuresFor = (type: string, id: string | null, count: number): Figures => {
    const entry = sums.get(unitKey(type, id)) ?? { sums: {}, now: {} };
    const context = { period, headcount: count, today, quickWon: quickWon.get(unitKey(type, id)) ?? 0 };
    return withObjectives(computeFigures(entry.sums, entry.now, context), objectives.get(unitKey(type, id)));
  };
  const series: Dashboard['trend']['series'] = {};
  const trendFigures = trendRows.map((s, i) => computeFigures(s, {}, { period: periods[i]!, headcount: trendHeadcounts[i]!, today }));
  for (const indicator of INDICATORS) {
    if (indicator.snapshot || indicator.id === 'forecast') continue;
    series[indicator.id] = trendFigures.map((f) => f[indicator.id]?.value ?? null);
  }

  const children: DashboardRow[] = rowsWanted.map((r) => ({
    type: r.type,
    id: r.id,
    name: r.name,
    headcount: r.headcount,
    figures: figuresFor(r.type, r.id, r.type === 'person' ? 1 : r.headcount),
  }));
  return {
    unit,
    parents,
    period,
    figures: figuresFor(unit.type, unit.id, unit.headcount),
    funnel: leadFunnel(sums.get(unitKey(unit.type, unit.id))?.sums ?? {}),
    trend: { periods, headcount: trendHeadcounts, series },
    children,
    childrenHidden,
    minGroup,
    freshAt: state?.caught_up_at?.toISOString() ?? null,
    alerts,
  };
}

// --- Objectives ---

/** Targets set for exactly this period, by unit (or person) key and indicator. */
async function objectivesFor(db: Db, units: Array<{ type: string; id: string | null }>, period: { from: string; to: string }) {
  const rows = await sql<{ unit_type: string; unit_id: string; indicator: ObjectiveIndicator; target: number }>`
    SELECT unit_type, unit_id, indicator, target::float8 AS target FROM objectives
    WHERE (unit_type, unit_id) IN (SELECT * FROM unnest(${units.map((u) => u.type)}::text[], ${units.map((u) => u.id ?? NATION_ID)}::uuid[]))
      AND period_from = ${period.from}::date AND period_to = ${period.to}::date`.execute(db);
  const out = new Map<string, Map<ObjectiveIndicator, number>>();
  for (const r of rows.rows) {
    const key = unitKey(r.unit_type, r.unit_type === 'nation' ? null : r.unit_id);
    out.set(key, (out.get(key) ?? new Map()).set(r.indicator, r.target));
  }
  return out;
}

/** Puts each objective beside its figure, with how far along it is. */
function withObjectives(figures: Figures, targets: Map<ObjectiveIndicator, number> | undefined): Figures {
  if (!targets) return figures;
  const out: Figures = { ...figures };
  for (const [indicator, target] of targets) {
    const figure = out[indicator] ?? { value: null };
    out[indicator] = { ...figure, objective: { target, attainment: attainment(figure.value, target) } };
  }
  return out;
}

type ObjectiveRow = {
  id: string;
  unit_type: Objective['unit']['type'];
  unit_id: string;
  indicator: ObjectiveIndicator;
  period_kind: 'month' | 'quarter' | 'year';
  period_from: string;
  period_to: string;
  target: number;
  set_by: string | null;
  set_by_name: string | null;
  set_at: Date;
  version: number;
};

/**
 * The objectives of a unit and of the level below it (sub-units, and people for their line managers)
 * for a period, with the units and people whose objectives the viewer may set.
 */
export async function listObjectives(db: Db, viewer: Principal, q: z.output<typeof objectiveListQuery>, minGroup: number): Promise<z.output<typeof objectiveListSchema>> {
  const board = await boardOf(db, viewer, { type: q.type, id: q.id, period: q.period, at: q.at }, minGroup);
  const units: UnitRef[] = [{ type: board.unit.type, id: board.unit.id, name: board.unit.name }, ...board.rows.map((c) => ({ type: c.type, id: c.id, name: c.name }))];
  const rows = await sql<ObjectiveRow>`
    SELECT o.id, o.unit_type, o.unit_id, o.indicator, o.period_kind, o.period_from::text, o.period_to::text, o.target::float8 AS target,
           o.set_by, u.name AS set_by_name, o.set_at, o.version
    FROM objectives o LEFT JOIN users u ON u.id = o.set_by
    WHERE (o.unit_type, o.unit_id) IN (SELECT * FROM unnest(${units.map((u) => u.type)}::text[], ${units.map((u) => u.id ?? NATION_ID)}::uuid[]))
      AND o.period_from = ${board.period.from}::date AND o.period_to = ${board.period.to}::date
    ORDER BY o.set_at`.execute(db);
  const nameOf = new Map(units.map((u) => [unitKey(u.type, u.id), u.name]));
  const people = await unitsOfPeople(db, units.filter((u) => u.type === 'person').map((u) => u.id!), board.today);
  const settable: UnitRef[] = [];
  for (const u of units) {
    if (u.type === 'person') {
      if (canSetPersonObjective(viewer, { userId: u.id!, units: people.get(u.id!)! })) settable.push(u);
    } else {
      const place = await placeOf(db, u.type, u.id);
      if (place && canSetUnitObjective(viewer, place)) settable.push(u);
    }
  }
  return {
    period: board.period,
    items: rows.rows.map((r) => {
      const id = r.unit_type === 'nation' ? null : r.unit_id;
      return {
        id: r.id,
        unit: { type: r.unit_type, id, name: nameOf.get(unitKey(r.unit_type, id)) ?? '' },
        indicator: r.indicator,
        period: { kind: r.period_kind, from: r.period_from, to: r.period_to, label: board.period.label },
        target: r.target,
        setBy: r.set_by ? { id: r.set_by, name: r.set_by_name ?? '' } : null,
        setAt: new Date(r.set_at).toISOString(),
        version: r.version,
      };
    }),
    settable,
  };
}

// --- Alerts ---

/** Whether the viewer leads an alert's target, knowing where it sits: a leader of the unit, or a line manager of the person (never of oneself). */
function leadsPlacedTarget(viewer: Principal, target: { type: Alert['target']['type']; id: string }, where: SteeringUnit | SteeringUnit[] | null): boolean {
  if (viewer.roles.includes('admin')) return true;
  if (target.type === 'person') return target.id !== viewer.userId && canSeePersonFigures(viewer, { userId: target.id, units: Array.isArray(where) ? where : [] });
  return !!where && !Array.isArray(where) && leadsSteeringUnit(viewer, where);
}

/** Whether the viewer leads an alert's target: a leader of the unit, or a line manager of the person. */
export async function leadsAlertTarget(db: Db, viewer: Principal, target: { type: Alert['target']['type']; id: string }): Promise<boolean> {
  if (viewer.roles.includes('admin')) return true;
  const where =
    target.type === 'person'
      ? await unitsOfPerson(db, target.id, todayInParis())
      : await placeOf(db, target.type, target.type === 'nation' ? null : target.id);
  return leadsPlacedTarget(viewer, target, where);
}

type AlertRow = {
  id: string;
  rule_id: string;
  rule_name: string;
  rule_version: number;
  indicator: IndicatorId;
  comparison: 'above' | 'below';
  threshold: number;
  target_type: Alert['target']['type'];
  target_id: string;
  target_name: string;
  period_from: string;
  period_to: string;
  value: number;
  status: AlertStatus;
  fired_at: Date;
  cleared_at: Date | null;
  version: number;
  recipient: boolean;
};

function shapeAlert(viewer: Principal, r: AlertRow, events: Alert['events'], leads = false): Alert {
  const words = { indicator: r.indicator, comparison: r.comparison, threshold: r.threshold, value: r.value, targetName: r.target_name, from: r.period_from, to: r.period_to };
  return {
    id: r.id,
    rule: { id: r.rule_id, name: r.rule_name, version: r.rule_version },
    indicator: r.indicator,
    comparison: r.comparison,
    threshold: r.threshold,
    target: { type: r.target_type, id: r.target_type === 'nation' ? null : r.target_id, name: r.target_name },
    period: { from: r.period_from, to: r.period_to },
    value: r.value,
    status: r.status,
    firedAt: new Date(r.fired_at).toISOString(),
    clearedAt: r.cleared_at ? new Date(r.cleared_at).toISOString() : null,
    version: r.version,
    events,
    abilities: alertAbilities(viewer, { recipient: r.recipient || leads, status: r.status }),
    text: { fr: alertText(words, 'fr'), en: alertText(words, 'en') },
  };
}

const alertColumns = (viewerId: string | null) => sql`
  a.id, a.rule_id, ar.name AS rule_name, a.rule_version, a.indicator, a.comparison, a.threshold::float8 AS threshold,
  a.target_type, a.target_id, a.target_name, a.period_from::text, a.period_to::text, a.value, a.status, a.fired_at, a.cleared_at, a.version,
  EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.user_id = ${viewerId}) AS recipient`;

/** How many alerts an inbox lists at most (newest first). */
const INBOX_SIZE = 500;

/**
 * The viewer's alert inbox, newest first: 'mine', the alerts they were told of; 'units', every alert on a
 * unit or person they lead (all of them for an admin), whoever was told — a national director sees the
 * whole country's. Leadership is decided by the steering policy on each alert's target.
 */
export async function listAlerts(db: Db, viewer: Principal, q: z.output<typeof alertListQuery>): Promise<Alert[]> {
  const statusFilter =
    q.status === 'all' ? sql`true` : q.status === 'active' ? sql`a.status <> 'resolved'` : sql`a.status = ${q.status}`;
  if (q.scope === 'mine') {
    const rows = await sql<AlertRow>`
      SELECT ${alertColumns(viewer.userId)}
      FROM alerts a JOIN alert_rules ar ON ar.id = a.rule_id
      WHERE ${statusFilter} AND EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.user_id = ${viewer.userId})
      ORDER BY a.fired_at DESC, a.id DESC
      LIMIT ${INBOX_SIZE}`.execute(db);
    return rows.rows.map((r) => shapeAlert(viewer, r, []));
  }
  // Each target's place (its region and agency), then the policy's verdict, a page of candidates at a time.
  const out: Alert[] = [];
  const today = todayInParis();
  for (let offset = 0; out.length < INBOX_SIZE; offset += INBOX_SIZE * 4) {
    const rows = await sql<AlertRow & { region_id: string | null; agency_id: string | null }>`
      SELECT ${alertColumns(viewer.userId)},
        CASE a.target_type WHEN 'region' THEN a.target_id WHEN 'agency' THEN g.region_id WHEN 'pool' THEN COALESCE(p.region_id, pg.region_id) END AS region_id,
        CASE a.target_type WHEN 'agency' THEN a.target_id WHEN 'pool' THEN p.agency_id END AS agency_id
      FROM alerts a JOIN alert_rules ar ON ar.id = a.rule_id
      LEFT JOIN agencies g ON a.target_type = 'agency' AND g.id = a.target_id
      LEFT JOIN pools p ON a.target_type = 'pool' AND p.id = a.target_id
      LEFT JOIN agencies pg ON pg.id = p.agency_id
      WHERE ${statusFilter}
      ORDER BY a.fired_at DESC, a.id DESC
      LIMIT ${INBOX_SIZE * 4} OFFSET ${offset}`.execute(db);
    const people = await unitsOfPeople(db, [...new Set(rows.rows.filter((r) => r.target_type === 'person').map((r) => r.target_id))], today);
    for (const r of rows.rows) {
      const target = { type: r.target_type, id: r.target_id };
      const where: SteeringUnit | SteeringUnit[] | null =
        r.target_type === 'person' ? people.get(r.target_id)! : { type: r.target_type, id: r.target_type === 'nation' ? null : r.target_id, regionId: r.region_id, agencyId: r.agency_id };
      if (leadsPlacedTarget(viewer, target, where) && out.length < INBOX_SIZE) out.push(shapeAlert(viewer, r, [], true));
    }
    if (rows.rows.length < INBOX_SIZE * 4) break;
  }
  return out;
}

/** One alert with its history; someone not told of it (and not an admin) finds nothing. */
export async function getAlert(db: Db, viewer: Principal, id: string): Promise<Alert> {
  const rows = await sql<AlertRow>`
    SELECT ${alertColumns(viewer.userId)} FROM alerts a JOIN alert_rules ar ON ar.id = a.rule_id WHERE a.id = ${id}`.execute(db);
  const row = rows.rows[0];
  const leads = !!row && (await leadsAlertTarget(db, viewer, { type: row.target_type, id: row.target_id }));
  if (!row || (!row.recipient && !leads)) throw notFound('alert', id);
  const events = await sql<{ at: Date; action: Alert['events'][number]['action']; actor_id: string | null; actor_name: string | null; comment: string | null; value: number | null }>`
    SELECT e.at, e.action, e.actor_id, u.name AS actor_name, e.comment, e.value
    FROM alert_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.alert_id = ${id} ORDER BY e.at, e.id`.execute(db);
  return shapeAlert(
    viewer,
    row,
    events.rows.map((e) => ({
      at: new Date(e.at).toISOString(),
      action: e.action,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      comment: e.comment,
      value: e.value,
    })),
    leads,
  );
}

/** The alerts still active on a unit or person, for its leaders' dashboard. */
export async function alertsOnTarget(db: Db, viewer: Principal, target: { type: Alert['target']['type']; id: string }): Promise<Alert[]> {
  if (!(await leadsAlertTarget(db, viewer, target))) return [];
  const rows = await sql<AlertRow>`
    SELECT ${alertColumns(viewer.userId)} FROM alerts a JOIN alert_rules ar ON ar.id = a.rule_id
    WHERE a.target_type = ${target.type} AND a.target_id = ${target.id} AND a.status <> 'resolved'
    ORDER BY a.fired_at DESC LIMIT 20`.execute(db);
  return rows.rows.map((r) => shapeAlert(viewer, r, [], true));
}

/** Every alert rule (they are visible to all: the rules are fair because they are seen), with whether the viewer may change it. */
export async function listAlertRules(db: Db, viewer: Principal): Promise<AlertRule[]> {
  const rows = await sql<{
    id: string;
    name: string;
    indicator: IndicatorId;
    unit_type: 'nation' | 'region' | 'agency' | 'pool';
    unit_id: string;
    applies_to: AlertRule['appliesTo'];
    comparison: 'above' | 'below';
    threshold: number;
    period_kind: AlertRule['periodKind'];
    period_days: number | null;
    notify: AlertRule['notify'];
    active: boolean;
    version: number;
  }>`
    SELECT id, name, indicator, unit_type, unit_id, applies_to, comparison, threshold::float8 AS threshold, period_kind, period_days, notify, active, version
    FROM alert_rules ORDER BY created_at, id`.execute(db);
  const out: AlertRule[] = [];
  for (const r of rows.rows) {
    const place = await placeOf(db, r.unit_type, r.unit_type === 'nation' ? null : r.unit_id);
    const unit: UnitRef = { type: r.unit_type, id: place?.id ?? null, name: place?.name ?? '' };
    const words = { indicator: r.indicator, comparison: r.comparison, threshold: r.threshold, appliesTo: r.applies_to, unitName: unit.name, periodKind: r.period_kind, periodDays: r.period_days };
    out.push({
      id: r.id,
      name: r.name,
      indicator: r.indicator,
      unit,
      appliesTo: r.applies_to,
      comparison: r.comparison,
      threshold: r.threshold,
      periodKind: r.period_kind,
      periodDays: r.period_days,
      notify: r.notify,
      active: r.active,
      version: r.version,
      text: { fr: alertRuleText(words, 'fr'), en: alertRuleText(words, 'en') },
      canEdit: !!place && canEditAlertRule(viewer, place),
    });
  }
  return out;
}
