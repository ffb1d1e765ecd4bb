// A steering mark now says which family of facts changed (a contact, a lead, a deal, a stage change, a
// case, an account), so the catch-up recomputes only that family's counters for the subject and day: a
// logged contact costs one index count instead of a recount of the person's leads, deals, cases and
// accounts. A change of allocation marks 'allocation' (the subject's counters are unchanged; only the
// units it counts in are recomputed). Marks pending at the upgrade become 'all'.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE steering_dirty ADD COLUMN source text NOT NULL DEFAULT 'all'
      CHECK (source IN ('all','allocation','interactions','leads','deals','stage_changes','cases','accounts'));
    ALTER TABLE steering_dirty ALTER COLUMN source DROP DEFAULT;
    ALTER TABLE steering_dirty DROP CONSTRAINT steering_dirty_pkey;
    ALTER TABLE steering_dirty ADD PRIMARY KEY (subject_id, day, source);

    CREATE OR REPLACE FUNCTION steering_mark_interactions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT actor_id, paris_day(occurred_at), 'interactions' FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE OR REPLACE FUNCTION steering_mark_leads() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT COALESCE(l.assignee_id, l.agency_id), d, 'leads'
      FROM changed_rows l
      CROSS JOIN LATERAL unnest(ARRAY[paris_day(l.created_at), paris_day(l.answered_at), paris_day(l.converted_at), paris_day(l.expires_at)]) AS d
      WHERE d IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE OR REPLACE FUNCTION steering_mark_deals() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT x.owner_id, d, 'deals'
      FROM changed_rows x
      CROSS JOIN LATERAL unnest(ARRAY[x.closed_on, 'infinity'::date]) AS d
      WHERE d IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE OR REPLACE FUNCTION steering_mark_stage_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT owner_id, paris_day(at), 'stage_changes' FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE OR REPLACE FUNCTION steering_mark_cases() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT COALESCE(c.assignee_id, c.pool_id), d, 'cases'
      FROM changed_rows c
      CROSS JOIN LATERAL unnest(ARRAY[paris_day(c.opened_at), paris_day(c.resolved_at), paris_day(c.resolution_due_at), 'infinity'::date]) AS d
      WHERE d IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE OR REPLACE FUNCTION steering_mark_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT COALESCE(owner_id, agency_id), 'infinity'::date, 'accounts' FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE OR REPLACE FUNCTION steering_mark_allocation(person uuid, kind text, unit uuid, from_day date, to_day date) RETURNS void LANGUAGE sql AS $$
      INSERT INTO steering_dirty (subject_id, day, source)
      SELECT DISTINCT r.subject_id, r.day, 'allocation' FROM steering_subject_days r
      WHERE r.subject_id = person AND r.day >= from_day AND (r.day <= to_day OR (to_day >= CURRENT_DATE AND r.day = 'infinity'))
      ON CONFLICT DO NOTHING;
      INSERT INTO steering_unit_dirty (unit_type, unit_id, day)
      SELECT DISTINCT u.unit_kind, u.unit_ref, r.day
      FROM steering_subject_days r
      CROSS JOIN LATERAL (
        SELECT kind, unit
        UNION ALL
        SELECT 'region', a.region_id FROM agencies a WHERE kind = 'agency' AND a.id = unit
        UNION ALL
        SELECT 'region', COALESCE(p.region_id, a.region_id) FROM pools p LEFT JOIN agencies a ON a.id = p.agency_id
        WHERE kind = 'pool' AND p.id = unit AND COALESCE(p.region_id, a.region_id) IS NOT NULL
      ) AS u(unit_kind, unit_ref)
      WHERE r.subject_id = person AND u.unit_ref IS NOT NULL
        AND r.day >= from_day AND (r.day <= to_day OR (to_day >= CURRENT_DATE AND r.day = 'infinity'))
      ON CONFLICT DO NOTHING;
    $$;
  `);
}
