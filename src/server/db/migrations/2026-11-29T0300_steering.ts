// Steering: indicator rollups kept beside the facts, so a director's page reads a few thousand summed rows
// instead of scanning millions of interactions.
//
// - steering_subject_days: raw counters per subject × day × metric. A subject is the person who holds the
//   fact (the lead's or case's assignee, the deal's or account's owner, the interaction's author) or, for a
//   fact nobody holds, the unit it is routed to (the lead's agency, the case's pool, the account's agency).
//   The day 'infinity' holds the figures of now (pipeline, backlog, completeness).
// - steering_unit_days: the same counters per unit × day, each subject weighted by its allocation to the
//   unit that day (agency shares and effective dates; see steering/rollups.ts).
// - steering_dirty / steering_unit_dirty: what changed. Statement triggers on the fact tables mark the
//   (subject, day) pairs a write touches, in the writing transaction, so no write path can forget to; the
//   steering sweep recomputes exactly those and clears the marks. Marks are keyed, so a burst of writes by
//   one person on one day leaves one mark.
// - deal_stage_changes: every stage move with whether a contact was logged on the account in the 7 days
//   before it (logging compliance), recorded as the move happens.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE TABLE deal_stage_changes (
      id uuid PRIMARY KEY,
      deal_id uuid NOT NULL REFERENCES deals(id),
      account_id uuid NOT NULL REFERENCES accounts(id),
      owner_id uuid NOT NULL REFERENCES users(id),
      from_stage text NOT NULL,
      to_stage text NOT NULL,
      at timestamptz NOT NULL,
      backed boolean NOT NULL
    );
    CREATE INDEX deal_stage_changes_deal_idx ON deal_stage_changes(deal_id, at);
    CREATE INDEX deal_stage_changes_owner_idx ON deal_stage_changes(owner_id, at);

    CREATE TABLE steering_subject_days (
      subject_id uuid NOT NULL,
      day date NOT NULL,
      metric text NOT NULL,
      value bigint NOT NULL,
      PRIMARY KEY (subject_id, day, metric)
    );
    CREATE INDEX steering_subject_days_day_idx ON steering_subject_days(day);

    CREATE TABLE steering_unit_days (
      unit_type text NOT NULL CHECK (unit_type IN ('nation','region','agency','pool')),
      unit_id uuid NOT NULL,
      day date NOT NULL,
      metric text NOT NULL,
      value numeric NOT NULL,
      PRIMARY KEY (unit_type, unit_id, day, metric)
    );

    CREATE TABLE steering_dirty (
      subject_id uuid NOT NULL,
      day date NOT NULL,
      PRIMARY KEY (subject_id, day)
    );
    CREATE TABLE steering_unit_dirty (
      unit_type text NOT NULL,
      unit_id uuid NOT NULL,
      day date NOT NULL,
      PRIMARY KEY (unit_type, unit_id, day)
    );

    -- When the sweep last left nothing to do, and when the rollups were last rebuilt from scratch.
    CREATE TABLE steering_state (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      caught_up_at timestamptz,
      rebuilt_at timestamptz
    );
    INSERT INTO steering_state DEFAULT VALUES;

    -- Days are counted in Paris, where the network works.
    CREATE FUNCTION paris_day(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
      SELECT (at AT TIME ZONE 'Europe/Paris')::date
    $$;

    -- The sources of the row-to-subject mapping live in steering/rollups.ts (the metric SQL); these
    -- triggers only need to know which (subject, day) pairs a row counts on, before and after the write.
    CREATE FUNCTION steering_mark_interactions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT actor_id, paris_day(occurred_at) FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_leads() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT COALESCE(l.assignee_id, l.agency_id), d
      FROM changed_rows l
      CROSS JOIN LATERAL unnest(ARRAY[paris_day(l.created_at), paris_day(l.answered_at), paris_day(l.converted_at), paris_day(l.expires_at)]) AS d
      WHERE d IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_deals() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT x.owner_id, d
      FROM changed_rows x
      CROSS JOIN LATERAL unnest(ARRAY[x.closed_on, 'infinity'::date]) AS d
      WHERE d IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_stage_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT owner_id, paris_day(at) FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_cases() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT COALESCE(c.assignee_id, c.pool_id), d
      FROM changed_rows c
      CROSS JOIN LATERAL unnest(ARRAY[paris_day(c.opened_at), paris_day(c.resolved_at), paris_day(c.resolution_due_at), 'infinity'::date]) AS d
      WHERE d IS NOT NULL
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT COALESCE(owner_id, agency_id), 'infinity'::date FROM changed_rows
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;

    -- A change of allocation (agency share, pool membership, home agency) moves a person's figures between
    -- units: the units they leave are marked here over the days the person has figures in the changed
    -- span; the units they join are found by the sweep from the person's marks.
    CREATE FUNCTION steering_mark_allocation(person uuid, kind text, unit uuid, from_day date, to_day date) RETURNS void LANGUAGE sql AS $$
      INSERT INTO steering_dirty (subject_id, day)
      SELECT DISTINCT r.subject_id, r.day FROM steering_subject_days r
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

    CREATE FUNCTION steering_mark_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM steering_mark_allocation(x.user_id, 'agency', x.agency_id, x.starts_on, COALESCE(x.ends_on, 'infinity'::date))
      FROM changed_rows x;
      -- With no share that day a person counts in their home agency: it may gain or lose them.
      PERFORM steering_mark_allocation(u.id, 'agency', u.home_agency_id, x.starts_on, COALESCE(x.ends_on, 'infinity'::date))
      FROM changed_rows x JOIN users u ON u.id = x.user_id WHERE u.home_agency_id IS NOT NULL;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM steering_mark_allocation(x.user_id, 'pool', x.pool_id, x.starts_on, COALESCE(x.ends_on, 'infinity'::date))
      FROM changed_rows x;
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION steering_mark_home_agency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM steering_mark_allocation(o.id, 'agency', o.home_agency_id, '-infinity'::date, 'infinity'::date)
      FROM changed_rows o JOIN users n ON n.id = o.id
      WHERE o.home_agency_id IS NOT NULL AND o.home_agency_id IS DISTINCT FROM n.home_agency_id;
      RETURN NULL;
    END
    $$;
  `);

  // Transition tables need one trigger per event; old rows and new rows are both marked on update.
  const watched: Array<[table: string, fn: string, events: Array<'INSERT' | 'UPDATE' | 'DELETE'>]> = [
    ['interactions', 'steering_mark_interactions', ['INSERT', 'UPDATE']],
    ['leads', 'steering_mark_leads', ['INSERT', 'UPDATE']],
    ['deals', 'steering_mark_deals', ['INSERT', 'UPDATE']],
    ['deal_stage_changes', 'steering_mark_stage_changes', ['INSERT']],
    ['cases', 'steering_mark_cases', ['INSERT', 'UPDATE']],
    ['accounts', 'steering_mark_accounts', ['INSERT', 'UPDATE']],
    ['agency_assignments', 'steering_mark_assignments', ['INSERT', 'UPDATE', 'DELETE']],
    ['pool_memberships', 'steering_mark_memberships', ['INSERT', 'UPDATE', 'DELETE']],
  ];
  const statements: string[] = [];
  for (const [table, fn, events] of watched) {
    for (const event of events) {
      const sides = event === 'INSERT' ? ['NEW'] : event === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];
      for (const side of sides) {
        statements.push(
          `CREATE TRIGGER ${table}_steering_${event.toLowerCase()}_${side.toLowerCase()} AFTER ${event} ON ${table}
           REFERENCING ${side} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
        );
      }
    }
  }
  // The home agency: the old value is what leaves; the new one is found from the person's marks.
  statements.push(
    `CREATE TRIGGER users_steering_home_agency AFTER UPDATE ON users
     REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION steering_mark_home_agency();`,
  );
  await run(db, statements.join('\n'));

  await run(db, `
    -- The sweep reads a subject's facts by subject; these are the paths it needs beyond existing indexes.
    CREATE INDEX interactions_actor_occurred_idx ON interactions(actor_id, occurred_at);
    CREATE INDEX leads_unassigned_agency_idx ON leads(agency_id, created_at) WHERE assignee_id IS NULL;
    CREATE INDEX cases_unassigned_pool_idx ON cases(pool_id, opened_at) WHERE assignee_id IS NULL;
    CREATE INDEX accounts_unowned_agency_idx ON accounts(agency_id) WHERE owner_id IS NULL;
  `);
}
