// Objectives set top-down for a period, and alert rules as data with the alerts they fire: an inbox per
// person (who was told), a history per alert, and a crossing state per rule and target so that an alert
// fires once per crossing, not at every sweep. The three default rules of the product are data too.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE TABLE objectives (
      id uuid PRIMARY KEY,
      unit_type text NOT NULL CHECK (unit_type IN ('nation','region','agency','pool','person')),
      unit_id uuid NOT NULL,
      indicator text NOT NULL CHECK (indicator IN ('won_revenue','lead_conversion','leads_on_time')),
      period_kind text NOT NULL CHECK (period_kind IN ('month','quarter','year')),
      period_from date NOT NULL,
      period_to date NOT NULL,
      target numeric NOT NULL CHECK (target >= 0),
      set_by uuid REFERENCES users(id),
      set_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (unit_type, unit_id, indicator, period_from, period_to)
    );

    CREATE TABLE alert_rules (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      indicator text NOT NULL,
      unit_type text NOT NULL CHECK (unit_type IN ('nation','region','agency','pool')),
      unit_id uuid NOT NULL,
      applies_to text NOT NULL CHECK (applies_to IN ('unit','regions','agencies','pools','reps')),
      comparison text NOT NULL CHECK (comparison IN ('above','below')),
      threshold numeric NOT NULL,
      period_kind text NOT NULL CHECK (period_kind IN ('week','month','quarter','year','business_days')),
      period_days integer CHECK (period_days IS NULL OR period_days BETWEEN 1 AND 60),
      notify text NOT NULL CHECK (notify IN ('leaders','leaders_and_person')),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((period_kind = 'business_days') = (period_days IS NOT NULL))
    );

    -- Whether a rule's condition held for a target at the last evaluation; per period for calendar
    -- periods (a new week starts afresh), once ('-infinity') for rolling windows.
    CREATE TABLE alert_states (
      rule_id uuid NOT NULL REFERENCES alert_rules(id),
      target_type text NOT NULL,
      target_id uuid NOT NULL,
      period_from date NOT NULL,
      crossed boolean NOT NULL,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (rule_id, target_type, target_id, period_from)
    );

    CREATE TABLE alerts (
      id uuid PRIMARY KEY,
      rule_id uuid NOT NULL REFERENCES alert_rules(id),
      rule_version integer NOT NULL,
      indicator text NOT NULL,
      comparison text NOT NULL,
      threshold numeric NOT NULL,
      target_type text NOT NULL CHECK (target_type IN ('nation','region','agency','pool','person')),
      target_id uuid NOT NULL,
      target_name text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      value double precision NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','resolved')),
      fired_at timestamptz NOT NULL,
      cleared_at timestamptz,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX alerts_rule_target_idx ON alerts(rule_id, target_type, target_id, fired_at DESC);

    CREATE TABLE alert_recipients (
      alert_id uuid NOT NULL REFERENCES alerts(id),
      user_id uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (alert_id, user_id)
    );
    CREATE INDEX alert_recipients_user_idx ON alert_recipients(user_id, alert_id);

    CREATE TABLE alert_events (
      id uuid PRIMARY KEY,
      alert_id uuid NOT NULL REFERENCES alerts(id),
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES users(id),
      action text NOT NULL CHECK (action IN ('fired','acknowledged','commented','resolved','cleared')),
      comment text,
      value double precision
    );
    CREATE INDEX alert_events_alert_idx ON alert_events(alert_id, at);

    ALTER TABLE notifications ADD COLUMN alert_id uuid REFERENCES alerts(id);

    INSERT INTO alert_rules (id, name, indicator, unit_type, unit_id, applies_to, comparison, threshold, period_kind, period_days, notify) VALUES
      ('01930000-0000-7000-8000-000000000001', 'Leads en retard dans une agence (plus de 10 % des leads de la semaine)', 'late_lead_share',
       'nation', '00000000-0000-0000-0000-000000000000', 'agencies', 'above', 0.10, 'week', NULL, 'leaders'),
      ('01930000-0000-7000-8000-000000000002', 'Commercial sans contact saisi depuis 5 jours ouvrés', 'interactions_logged',
       'nation', '00000000-0000-0000-0000-000000000000', 'reps', 'below', 1, 'business_days', 5, 'leaders'),
      ('01930000-0000-7000-8000-000000000003', 'Respect des délais SAV sous 90 %', 'case_sla_adherence',
       'nation', '00000000-0000-0000-0000-000000000000', 'pools', 'below', 0.90, 'month', NULL, 'leaders');
  `);
}
