// The rollups behind every dashboard: raw counters per subject × day (steering_subject_days) and the same
// per unit × day (steering_unit_days), kept up to date by a catch-up sweep over the marks that the fact
// tables' triggers leave in the writing transaction (see the steering migration), and rebuilt from scratch
// on demand, with a count of what differed.
//
// Who a fact counts for (its subject): the lead's and case's assignee, the deal's and account's owner, the
// interaction's author; a fact nobody holds counts for where it is routed (the lead's agency, the case's
// pool, the account's agency). How a subject counts in units on a day (its allocation):
// - everyone counts whole in the nation;
// - a person counts in each agency by their agency share in force that day, or whole in their home agency
//   when no share is in force; in a region by the sum of their shares in its agencies; whole in each pool
//   they are a member of that day;
// - an agency (unheld facts) counts whole in itself and its region; a pool in itself, its agency, and the
//   region it is scoped to (through its agency for an agency pool).
// The figures of now (day 'infinity') use today's allocations.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../context.ts';
import { QUALIFY_BANDS, QUICK_DEAL_DAYS } from './rules.ts';

export const NATION_ID = '00000000-0000-0000-0000-000000000000';

/** Which subjects' facts to count: some (the sweep), or all (the rebuild). */
type Scope = { subjects: string[] } | null;

const within = (scope: Scope, column: string, orphanColumn?: string): RawBuilder<unknown> => {
  if (!scope) return sql`true`;
  const subjects = sql`${scope.subjects}::uuid[]`;
  if (!orphanColumn) return sql`${sql.ref(column)} = ANY(${subjects})`;
  // Written as an OR of two indexable tests (the holder's index, the unheld facts' index).
  return sql`(${sql.ref(column)} = ANY(${subjects}) OR (${sql.ref(column)} IS NULL AND ${sql.ref(orphanColumn)} = ANY(${subjects})))`;
};

/**
 * The qualification band metric of a time in minutes (`qualifyMetric(qualifyBand(minutes))` in SQL). Bands
 * hold (previous bound, bound] and the bounds are whole minutes, so a time's band is that of its ceiling:
 * width_bucket finds it by a binary search over each band's first minute, the open band's included.
 */
export const qualifyMetricSql = (minutes: RawBuilder<unknown>) => {
  const firstMinutes = sql.raw(`ARRAY[${[1, ...QUALIFY_BANDS.map((b) => b + 1)].join(',')}]`);
  const bounds = sql.raw(`ARRAY[${QUALIFY_BANDS.join(',')}]`);
  return sql<string>`'leads.qualify.' || COALESCE((${bounds})[width_bucket(GREATEST(ceil(${minutes}), 1)::int, ${firstMinutes})]::text, 'more')`;
};

/** The fact families a mark names, so a catch-up recomputes only what a write could have changed. */
export const SOURCES = ['interactions', 'leads', 'deals', 'stage_changes', 'cases', 'accounts'] as const;
export type Source = (typeof SOURCES)[number];

/** The metrics each family writes (LIKE patterns), so its rows can be replaced alone. */
const SOURCE_METRICS: Record<Source, string[]> = {
  interactions: ['interactions.%'],
  leads: ['leads.%'],
  deals: ['deals.won%', 'deals.lost', 'pipeline.%', 'forecast.%'],
  stage_changes: ['deals.stage_changes%'],
  cases: ['cases.%'],
  accounts: ['accounts.%'],
};

/**
 * One family's counters, as (subject_id, day, metric, value) rows. Interactions, by far the most
 * numerous, are counted per marked day through the author's index when `marks` is given.
 */
function sourceRows(source: Source, scope: Scope, marks: RawBuilder<unknown> | null): RawBuilder<unknown> {
  switch (source) {
    case 'interactions':
      return marks
        ? sql`
          SELECT k.subject_id, k.day, 'interactions.logged' AS metric, c.n AS value
          FROM ${marks} k
          CROSS JOIN LATERAL (
            SELECT count(*)::bigint AS n FROM interactions i
            WHERE i.actor_id = k.subject_id
              AND i.occurred_at >= (k.day::timestamp AT TIME ZONE 'Europe/Paris')
              AND i.occurred_at < ((k.day + 1)::timestamp AT TIME ZONE 'Europe/Paris')
              AND i.amends_id IS NULL
          ) c
          WHERE k.day <> 'infinity'`
        : sql`
          SELECT i.actor_id, paris_day(i.occurred_at), 'interactions.logged', count(*)::bigint
          FROM interactions i WHERE i.amends_id IS NULL AND ${within(scope, 'i.actor_id')} GROUP BY 1, 2`;
    case 'leads':
      return sql`
      SELECT COALESCE(l.assignee_id, l.agency_id) AS subject_id, x.day, x.metric, x.value
      FROM (
        SELECT l.*, paris_day(l.created_at) AS received_on, paris_day(l.answered_at) AS answered_on,
          CASE l.status WHEN 'converted' THEN paris_day(l.converted_at) WHEN 'rejected' THEN paris_day(l.answered_at)
                        WHEN 'expired' THEN paris_day(l.expires_at) END AS concluded_on,
          (l.initiator_id IS NOT NULL AND l.initiator_id IS DISTINCT FROM l.assignee_id) AS relayed,
          ${qualifyMetricSql(sql`extract(epoch FROM l.answered_at - l.created_at) / 60`)} AS qualify_metric
        FROM leads l WHERE ${within(scope, 'l.assignee_id', 'l.agency_id')}
      ) l
      CROSS JOIN LATERAL (VALUES
        (l.received_on, 'leads.received', 1),
        (l.received_on, 'leads.received_late', CASE WHEN l.late_at IS NOT NULL THEN 1 END),
        (l.received_on, 'leads.relayed', CASE WHEN l.relayed THEN 1 END),
        (l.received_on, 'leads.relayed_answered', CASE WHEN l.relayed AND l.answered_at IS NOT NULL THEN 1 END),
        (l.answered_on, 'leads.answered', 1),
        (l.answered_on, 'leads.answered_on_time', CASE WHEN l.answered_at <= l.due_at THEN 1 END),
        (l.answered_on, l.qualify_metric, 1),
        (l.concluded_on, 'leads.concluded', 1),
        (l.concluded_on, 'leads.converted', CASE WHEN l.status = 'converted' THEN 1 END),
        (l.concluded_on, 'leads.potential_concluded', CASE WHEN l.source_campaign IS NOT NULL THEN 1 END),
        (l.concluded_on, 'leads.potential_converted', CASE WHEN l.source_campaign IS NOT NULL AND l.status = 'converted' THEN 1 END)
      ) AS x(day, metric, value)
      WHERE x.day IS NOT NULL AND x.value IS NOT NULL`;
    case 'deals':
      return sql`
      SELECT d.owner_id, x.day, x.metric, x.value
      FROM deals d
      LEFT JOIN leads l ON l.id = d.lead_id
      CROSS JOIN LATERAL (VALUES
        (d.closed_on, 'deals.won', CASE WHEN d.stage = 'won' THEN 1 END),
        (d.closed_on, 'deals.won_cents', CASE WHEN d.stage = 'won' THEN d.amount_cents END),
        (d.closed_on, 'deals.won_from_lead', CASE WHEN d.stage = 'won' AND d.lead_id IS NOT NULL THEN 1 END),
        (d.closed_on, 'deals.won_quick_cents', CASE WHEN d.stage = 'won' AND d.closed_on - d.opened_on <= ${QUICK_DEAL_DAYS} THEN d.amount_cents END),
        (d.closed_on, 'deals.lost', CASE WHEN d.stage = 'lost' THEN 1 END),
        (d.closed_on, 'deals.won_relayed', CASE WHEN d.stage = 'won' AND l.initiator_id IS NOT NULL AND l.initiator_id <> d.owner_id THEN 1 END),
        ('infinity'::date, 'pipeline.' || d.stage || '.cents', CASE WHEN d.stage NOT IN ('won','lost') THEN d.amount_cents END),
        ('infinity'::date, 'pipeline.' || d.stage || '.count', CASE WHEN d.stage NOT IN ('won','lost') THEN 1 END),
        ('infinity'::date, 'forecast.' || d.expected_close::text,
          CASE WHEN d.stage NOT IN ('won','lost') AND d.expected_close IS NOT NULL THEN round(d.amount_cents * d.probability / 100.0)::bigint END)
      ) AS x(day, metric, value)
      WHERE ${within(scope, 'd.owner_id')} AND x.day IS NOT NULL AND x.value IS NOT NULL`;
    case 'stage_changes':
      return sql`
      SELECT s.owner_id, paris_day(s.at), x.metric, x.value
      FROM deal_stage_changes s
      CROSS JOIN LATERAL (VALUES ('deals.stage_changes', 1), ('deals.stage_changes_backed', CASE WHEN s.backed THEN 1 END)) AS x(metric, value)
      WHERE ${within(scope, 's.owner_id')} AND x.value IS NOT NULL`;
    case 'cases':
      return sql`
      SELECT COALESCE(c.assignee_id, c.pool_id), x.day, x.metric, x.value
      FROM (
        SELECT c.*, (c.alerts->>'breachedResolution' = 'true' OR c.resolved_at > c.resolution_due_at) AS breached,
               c.status NOT IN ('resolved','closed') AS still_open
        FROM cases c WHERE ${within(scope, 'c.assignee_id', 'c.pool_id')}
      ) c
      CROSS JOIN LATERAL (VALUES
        (paris_day(c.opened_at), 'cases.opened', 1),
        (paris_day(c.resolved_at), 'cases.resolved', 1),
        (paris_day(c.resolved_at), 'cases.resolved_in_sla', CASE WHEN c.resolution_due_at IS NULL OR c.resolved_at <= c.resolution_due_at THEN 1 END),
        (paris_day(c.resolved_at), 'cases.resolution_minutes', round(extract(epoch FROM c.resolved_at - c.opened_at) / 60)::bigint),
        (paris_day(c.resolved_at), 'cases.transfers', c.transfer_count::bigint),
        (paris_day(c.resolution_due_at), 'cases.breached', CASE WHEN c.breached THEN 1 END),
        ('infinity'::date, 'cases.backlog', CASE WHEN c.still_open THEN 1 END),
        ('infinity'::date, 'cases.backlog_breached', CASE WHEN c.still_open AND c.breached THEN 1 END)
      ) AS x(day, metric, value)
      WHERE x.day IS NOT NULL AND x.value IS NOT NULL`;
    case 'accounts':
      return sql`
      SELECT COALESCE(a.owner_id, a.agency_id), 'infinity'::date, x.metric, x.value
      FROM accounts a
      CROSS JOIN LATERAL (VALUES ('accounts.count', 1), ('accounts.completeness', a.completeness)) AS x(metric, value)
      WHERE a.archived_at IS NULL AND ${within(scope, 'a.owner_id', 'a.agency_id')}`;
  }
}

/** Every counter of the given families, summed per subject, day and metric. */
function metricRows(scope: Scope, marks: RawBuilder<unknown> | null, sources: readonly Source[] = SOURCES): RawBuilder<unknown> {
  const parts = sources.map((source) => sql`(${sourceRows(source, scope, marks)})`);
  return sql`SELECT subject_id, day, metric, sum(value)::bigint AS value FROM (${sql.join(parts, sql` UNION ALL `)}) AS facts(subject_id, day, metric, value) GROUP BY 1, 2, 3`;
}

/**
 * Each (subject, day) of `keys` with the units it counts in and its share there (see the header).
 * `keys` is a relation with columns subject_id and day.
 */
export function allocationsOf(keys: RawBuilder<unknown>): RawBuilder<unknown> {
  const onDay = (alias: string) =>
    sql.raw(`${alias}.starts_on <= LEAST(k.day, CURRENT_DATE) AND (${alias}.ends_on IS NULL OR ${alias}.ends_on >= LEAST(k.day, CURRENT_DATE))`);
  return sql`
    WITH k AS (SELECT DISTINCT subject_id, day FROM ${keys} keys),
    base AS (
      SELECT k.subject_id, k.day, 'agency' AS unit_type, a.agency_id AS unit_id, a.share_pct / 100.0 AS share
      FROM k JOIN agency_assignments a ON a.user_id = k.subject_id AND ${onDay('a')}
      UNION ALL
      SELECT k.subject_id, k.day, 'agency', u.home_agency_id, 1
      FROM k JOIN users u ON u.id = k.subject_id
      WHERE u.home_agency_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM agency_assignments a WHERE a.user_id = u.id AND ${onDay('a')})
      UNION ALL
      SELECT k.subject_id, k.day, 'pool', m.pool_id, 1
      FROM k JOIN pool_memberships m ON m.user_id = k.subject_id AND ${onDay('m')}
      UNION ALL
      SELECT k.subject_id, k.day, 'agency', g.id, 1 FROM k JOIN agencies g ON g.id = k.subject_id
      UNION ALL
      SELECT k.subject_id, k.day, 'pool', p.id, 1 FROM k JOIN pools p ON p.id = k.subject_id
      UNION ALL
      SELECT k.subject_id, k.day, 'agency', p.agency_id, 1 FROM k JOIN pools p ON p.id = k.subject_id WHERE p.agency_id IS NOT NULL
    )
    SELECT subject_id, day, unit_type, unit_id, share FROM base
    UNION ALL
    SELECT b.subject_id, b.day, 'region', g.region_id, sum(b.share)
    FROM base b JOIN agencies g ON g.id = b.unit_id WHERE b.unit_type = 'agency' GROUP BY 1, 2, 4
    UNION ALL
    SELECT k.subject_id, k.day, 'region', p.region_id, 1 FROM k JOIN pools p ON p.id = k.subject_id
    WHERE p.agency_id IS NULL AND p.region_id IS NOT NULL
    UNION ALL
    SELECT k.subject_id, k.day, 'nation', ${NATION_ID}::uuid, 1 FROM k`;
}

/** Unit rows for the wanted (unit, day) pairs, from every subject's rows on those days. */
function unitRows(wanted: RawBuilder<unknown>): RawBuilder<unknown> {
  const keys = sql`(SELECT DISTINCT r.subject_id, r.day FROM steering_subject_days r WHERE r.day IN (SELECT DISTINCT day FROM ${wanted} w))`;
  return sql`
    SELECT a.unit_type, a.unit_id, a.day, r.metric, sum(r.value * a.share) AS value
    FROM (${allocationsOf(keys)}) a
    JOIN ${wanted} w ON w.unit_type = a.unit_type AND w.unit_id = a.unit_id AND w.day = a.day
    JOIN steering_subject_days r ON r.subject_id = a.subject_id AND r.day = a.day
    GROUP BY 1, 2, 3, 4`;
}

export interface CatchUp {
  /** Subject-days recomputed. */
  subjects: number;
  /** Unit-days recomputed. */
  units: number;
}

/** The advisory lock that keeps two sweepers (two instances, or `relais steering verify` beside a server) from rewriting the same unit-days at once. */
const ROLLUP_LOCK = 7_160_414;

/**
 * Brings the rollups up to date with the marks left by writes, a batch at a time, each batch one
 * transaction. Batches of concurrent sweepers run one after the other (an advisory lock): two batches
 * holding different subjects of one unit would each recompute that unit's day, and the second to write
 * would fail on the rows the first inserted. Idempotent.
 */
export async function catchUpRollups(db: Db, options: { batch?: number } = {}): Promise<CatchUp> {
  const batch = options.batch ?? 2000;
  const total: CatchUp = { subjects: 0, units: 0 };
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
      const marks = await sql<{ subject_id: string; day: string; source: Source | 'all' | 'allocation' }>`
        DELETE FROM steering_dirty d USING (
          SELECT subject_id, day, source FROM steering_dirty LIMIT ${batch} FOR UPDATE SKIP LOCKED
        ) t WHERE d.subject_id = t.subject_id AND d.day = t.day AND d.source = t.source
        RETURNING d.subject_id, d.day::text AS day, d.source`.execute(trx);
      const unitMarks = await sql<{ unit_type: string; unit_id: string; day: string }>`
        DELETE FROM steering_unit_dirty d USING (
          SELECT unit_type, unit_id, day FROM steering_unit_dirty LIMIT ${batch} FOR UPDATE SKIP LOCKED
        ) t WHERE d.unit_type = t.unit_type AND d.unit_id = t.unit_id AND d.day = t.day
        RETURNING d.unit_type, d.unit_id, d.day::text AS day`.execute(trx);
      if (marks.rows.length === 0 && unitMarks.rows.length === 0) return true;

      // Each family's counters are recomputed for the pairs marked for it ('all': every family); what
      // changed (new minus old) is kept as deltas for the units.
      await sql`CREATE TEMP TABLE steering_deltas (subject_id uuid, day date, metric text, value numeric) ON COMMIT DROP`.execute(trx);
      for (const source of SOURCES) {
        const pairs = marks.rows.filter((m) => m.source === source || m.source === 'all');
        if (pairs.length === 0) continue;
        const pairsOf = sql`(SELECT * FROM unnest(${pairs.map((m) => m.subject_id)}::uuid[], ${pairs.map((m) => m.day)}::date[]) AS m(subject_id, day))`;
        await sql`
          WITH removed AS (
            DELETE FROM steering_subject_days r USING ${pairsOf} m
            WHERE r.subject_id = m.subject_id AND r.day = m.day AND r.metric LIKE ANY(${SOURCE_METRICS[source]}::text[])
            RETURNING r.subject_id, r.day, r.metric, r.value)
          INSERT INTO steering_deltas SELECT subject_id, day, metric, -value FROM removed`.execute(trx);
        await sql`
          WITH added AS (
            INSERT INTO steering_subject_days (subject_id, day, metric, value)
            SELECT f.subject_id, f.day, f.metric, f.value
            FROM (${metricRows({ subjects: [...new Set(pairs.map((m) => m.subject_id))] }, pairsOf, [source])}) AS f(subject_id, day, metric, value)
            JOIN ${pairsOf} m ON m.subject_id = f.subject_id AND m.day = f.day
            WHERE f.value <> 0
            RETURNING subject_id, day, metric, value)
          INSERT INTO steering_deltas SELECT subject_id, day, metric, value FROM added`.execute(trx);
      }

      // Unit-days recomputed whole from every subject of the day: where a share may have changed (an
      // allocation mark, a unit mark), and days after today and the figures of now ('infinity'), which are
      // counted with today's shares, and those move at midnight without a write. Every other unit-day takes
      // its subjects' deltas, weighted by their share that day: a logged contact touches a few rows, not
      // the nation's whole day.
      const today = (await sql<{ today: string }>`SELECT CURRENT_DATE::text AS today`.execute(trx)).rows[0]!.today;
      const whole = marks.rows.filter((m) => m.source === 'all' || m.source === 'allocation' || m.day > today); // 'infinity' sorts after any date
      const wholeKeys = sql`(SELECT DISTINCT * FROM unnest(${whole.map((m) => m.subject_id)}::uuid[], ${whole.map((m) => m.day)}::date[]) AS m(subject_id, day))`;
      await sql`
        CREATE TEMP TABLE steering_wanted ON COMMIT DROP AS
        SELECT DISTINCT unit_type, unit_id, day FROM (
          SELECT a.unit_type, a.unit_id, a.day FROM (${allocationsOf(wholeKeys)}) a
          UNION ALL
          SELECT * FROM unnest(${unitMarks.rows.map((u) => u.unit_type)}::text[], ${unitMarks.rows.map((u) => u.unit_id)}::uuid[],
                               ${unitMarks.rows.map((u) => u.day)}::date[])
        ) w`.execute(trx);
      const deltaKeys = sql`(SELECT DISTINCT subject_id, day FROM steering_deltas WHERE day <= CURRENT_DATE)`;
      const applied = await sql<{ unit_type: string; unit_id: string; day: string; metric: string }>`
        INSERT INTO steering_unit_days AS u (unit_type, unit_id, day, metric, value)
        SELECT a.unit_type, a.unit_id, a.day, d.metric, sum(d.value * a.share)
        FROM (${allocationsOf(deltaKeys)}) a
        JOIN (SELECT subject_id, day, metric, sum(value) AS value FROM steering_deltas WHERE day <= CURRENT_DATE GROUP BY 1, 2, 3 HAVING sum(value) <> 0) d
          ON d.subject_id = a.subject_id AND d.day = a.day
        WHERE NOT EXISTS (SELECT 1 FROM steering_wanted w WHERE w.unit_type = a.unit_type AND w.unit_id = a.unit_id AND w.day = a.day)
        GROUP BY 1, 2, 3, 4
        HAVING sum(d.value * a.share) <> 0
        ON CONFLICT (unit_type, unit_id, day, metric) DO UPDATE SET value = u.value + EXCLUDED.value
        RETURNING u.unit_type, u.unit_id, u.day::text AS day, u.metric`.execute(trx);
      // A counter brought back to nothing is not kept (as a rebuild would not write it).
      await sql`
        DELETE FROM steering_unit_days u
        USING unnest(${applied.rows.map((r) => r.unit_type)}::text[], ${applied.rows.map((r) => r.unit_id)}::uuid[],
                     ${applied.rows.map((r) => r.day)}::date[], ${applied.rows.map((r) => r.metric)}::text[]) AS t(unit_type, unit_id, day, metric)
        WHERE u.unit_type = t.unit_type AND u.unit_id = t.unit_id AND u.day = t.day AND u.metric = t.metric AND u.value = 0`.execute(trx);
      await sql`
        DELETE FROM steering_unit_days u USING steering_wanted w
        WHERE u.unit_type = w.unit_type AND u.unit_id = w.unit_id AND u.day = w.day`.execute(trx);
      await sql`
        INSERT INTO steering_unit_days (unit_type, unit_id, day, metric, value)
        SELECT * FROM (${unitRows(sql`steering_wanted`)}) u WHERE u.value <> 0`.execute(trx);
      const wanted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM steering_wanted`.execute(trx);
      const deltaUnits = new Set(applied.rows.map((r) => `${r.unit_type}:${r.unit_id}:${r.day}`)).size;
      total.subjects += marks.rows.length;
      total.units += wanted.rows[0]!.n + deltaUnits;
      return false;
    });
    if (done) break;
  }
  await sql`UPDATE steering_state SET caught_up_at = now()`.execute(db);
  return total;
}

export interface Rebuild {
  subjectRows: number;
  unitRows: number;
  /** Rows that were missing, extra or different in the rollups before the rebuild (0 and 0: they were right). */
  differences: { subject: number; unit: number };
}

/** Part of the rollups: these subjects' rows and these units' rows (a test's own world in a shared database). */
export interface RollupScope {
  subjects: string[];
  units: Array<{ type: 'region' | 'agency' | 'pool'; id: string }>;
}

/**
 * Recomputes the rollups from the facts in one transaction and compares with what was kept; with
 * `replace`, the rows that differ are put right (none when the rollups were right, so a rebuild writes
 * little) and the marks are cleared first (every fact committed by then is in the fresh figures). With a
 * scope, only that part is recomputed and compared (never replaced).
 */
export async function rebuildRollups(db: Db, options: { replace: true } | { replace: false; scope?: RollupScope }): Promise<Rebuild> {
  const scope = options.replace ? undefined : options.scope;
  return db.transaction().execute(async (trx) => {
    if (options.replace) {
      await sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
      await sql`DELETE FROM steering_dirty`.execute(trx);
      await sql`DELETE FROM steering_unit_dirty`.execute(trx);
    }
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    await sql`
      CREATE TEMP TABLE fresh_subject_days ON COMMIT DROP AS
      SELECT subject_id, day, metric, value FROM (${metricRows(scope ? { subjects: scope.subjects } : null, null)}) AS f(subject_id, day, metric, value)
      WHERE value <> 0`.execute(trx);
    // The fresh tables are large and new: without statistics the planner guesses a thousand rows and
    // spills its sorts to disk.
    await sql`ANALYZE fresh_subject_days`.execute(trx);
    const inUnits = scope
      ? sql`(a.unit_type, a.unit_id) IN (SELECT * FROM unnest(${scope.units.map((u) => u.type)}::text[], ${scope.units.map((u) => u.id)}::uuid[]))`
      : sql`true`;
    await sql`
      CREATE TEMP TABLE fresh_unit_days ON COMMIT DROP AS
      SELECT a.unit_type, a.unit_id, a.day, r.metric, sum(r.value * a.share) AS value
      FROM (${allocationsOf(sql`(SELECT DISTINCT subject_id, day FROM fresh_subject_days)`)}) a
      JOIN fresh_subject_days r ON r.subject_id = a.subject_id AND r.day = a.day
      WHERE ${inUnits}
      GROUP BY 1, 2, 3, 4
      HAVING sum(r.value * a.share) <> 0`.execute(trx);
    await sql`ANALYZE fresh_unit_days`.execute(trx);
    const keptSubjects = scope
      ? sql`(SELECT subject_id, day, metric, value FROM steering_subject_days WHERE subject_id = ANY(${scope.subjects}::uuid[]))`
      : sql`steering_subject_days`;
    const keptUnits = scope
      ? sql`(SELECT unit_type, unit_id, day, metric, value FROM steering_unit_days a WHERE ${inUnits})`
      : sql`steering_unit_days`;
    // The differences, in one pass over each side (a hash full join): a row kept and not fresh is to
    // delete (fresh null), fresh and not kept to insert, in both with other values to replace.
    await sql`
      CREATE TEMP TABLE subject_differences ON COMMIT DROP AS
      SELECT subject_id, day, metric, f.value AS fresh
      FROM ${keptSubjects} k FULL JOIN fresh_subject_days f USING (subject_id, day, metric)
      WHERE k.value IS DISTINCT FROM f.value`.execute(trx);
    await sql`
      CREATE TEMP TABLE unit_differences ON COMMIT DROP AS
      SELECT unit_type, unit_id, day, metric, f.value AS fresh
      FROM ${keptUnits} k FULL JOIN fresh_unit_days f USING (unit_type, unit_id, day, metric)
      WHERE k.value IS DISTINCT FROM f.value`.execute(trx);
    const count = async (table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n;
    if (options.replace) {
      await sql`
        DELETE FROM steering_subject_days r USING subject_differences d
        WHERE r.subject_id = d.subject_id AND r.day = d.day AND r.metric = d.metric`.execute(trx);
      await sql`INSERT INTO steering_subject_days SELECT subject_id, day, metric, fresh FROM subject_differences WHERE fresh IS NOT NULL`.execute(trx);
      await sql`
        DELETE FROM steering_unit_days r USING unit_differences d
        WHERE r.unit_type = d.unit_type AND r.unit_id = d.unit_id AND r.day = d.day AND r.metric = d.metric`.execute(trx);
      await sql`INSERT INTO steering_unit_days SELECT unit_type, unit_id, day, metric, fresh FROM unit_differences WHERE fresh IS NOT NULL`.execute(trx);
      await sql`UPDATE steering_state SET rebuilt_at = now(), caught_up_at = now()`.execute(trx);
    }
    return {
      subjectRows: await count('fresh_subject_days'),
      unitRows: await count('fresh_unit_days'),
      differences: { subject: await count('subject_differences'), unit: await count('unit_differences') },
    };
  });
}
