// Complaints and after-sales cases: routing and SLA rules as versioned data, the case with its SLA
// deadlines stored as data (so the sweep is idempotent), its status history and its transfers.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    -- kind 'routing': entries + fallbacks (cases/rules.ts CaseRoutingRule); kind 'sla': budgets per priority.
    CREATE TABLE case_rules (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('routing','sla')),
      version integer NOT NULL CHECK (version > 0),
      config jsonb NOT NULL,
      text_en text NOT NULL,
      text_fr text NOT NULL,
      author_id uuid REFERENCES users(id),
      effective_from timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, version)
    );

    CREATE SEQUENCE case_number;
    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      account_id uuid NOT NULL REFERENCES accounts(id),
      contact_id uuid REFERENCES contacts(id),
      type text NOT NULL CHECK (type IN ('complaint','billing','technical','delivery','information')),
      priority text NOT NULL CHECK (priority IN ('low','normal','high','critical')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','waiting_customer','resolved','closed')),
      subject text NOT NULL,
      description text NOT NULL,
      product_id uuid REFERENCES products(id),
      channel text NOT NULL,
      agency_id uuid NOT NULL REFERENCES agencies(id),
      region_id uuid NOT NULL REFERENCES regions(id),
      pool_id uuid NOT NULL REFERENCES pools(id),
      assignee_id uuid REFERENCES users(id),
      opened_by uuid REFERENCES users(id),
      routing jsonb NOT NULL,
      -- The budgets the case was given at opening (business minutes): a rule edit never moves running deadlines.
      sla jsonb NOT NULL,
      opened_at timestamptz NOT NULL,
      first_responded_at timestamptz,
      first_response_due_at timestamptz,
      first_response_warn_at timestamptz,
      resolution_due_at timestamptz,
      resolution_warn_at timestamptz,
      -- What the sweep already sent, so a second run sends nothing twice.
      alerts jsonb NOT NULL DEFAULT '{"warnedFirstResponse":false,"breachedFirstResponse":false,"warnedResolution":false,"breachedResolution":false}',
      resolved_at timestamptz,
      closed_at timestamptz,
      resolution_summary text,
      -- The unit held responsible for the problem (not the one handling it).
      responsible_unit_type text CHECK (responsible_unit_type IN ('agency','pool','region')),
      responsible_unit_id uuid,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX cases_account_idx ON cases(account_id, opened_at DESC);
    CREATE INDEX cases_pool_open_idx ON cases(pool_id, resolution_due_at) WHERE status NOT IN ('resolved','closed');
    CREATE INDEX cases_assignee_open_idx ON cases(assignee_id, resolution_due_at) WHERE status NOT IN ('resolved','closed');
    CREATE INDEX cases_sweep_idx ON cases(first_response_warn_at, resolution_warn_at) WHERE status NOT IN ('resolved','closed');

    -- The status history the SLA clock is computed from.
    CREATE TABLE case_status_changes (
      case_id uuid NOT NULL REFERENCES cases(id),
      seq integer NOT NULL,
      status text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (case_id, seq)
    );

    CREATE TABLE case_transfers (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      from_pool_id uuid NOT NULL REFERENCES pools(id),
      to_pool_id uuid NOT NULL REFERENCES pools(id),
      reason text NOT NULL,
      by_id uuid REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX case_transfers_case_idx ON case_transfers(case_id, at);

    -- Contacts logged on a case (a call, an email about it).
    ALTER TABLE interactions ADD COLUMN case_id uuid REFERENCES cases(id);
    CREATE INDEX interactions_case_idx ON interactions(case_id) WHERE case_id IS NOT NULL;
  `);
}
