// Cases, continued: who recorded the unit held responsible and why, contests of it and their rulings,
// the transfer figures managers read in the queue, when the SLA sweep next has work for a case, and
// notifications that point at a case.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE cases ADD COLUMN responsibility_note text;
    ALTER TABLE cases ADD COLUMN responsibility_set_by uuid REFERENCES users(id);
    ALTER TABLE cases ADD COLUMN responsibility_set_at timestamptz;
    -- Kept with the case so a queue filters on them without reading every transfer.
    ALTER TABLE cases ADD COLUMN transfer_count integer NOT NULL DEFAULT 0;
    ALTER TABLE cases ADD COLUMN ping_pong boolean NOT NULL DEFAULT false;
    -- The next instant the SLA sweep has something to send for the case (a warning or a breach), null
    -- when nothing is pending: the sweep reads only the cases due, whatever the number open.
    ALTER TABLE cases ADD COLUMN next_alert_at timestamptz;
    UPDATE cases SET next_alert_at = LEAST(first_response_warn_at, resolution_warn_at) WHERE status NOT IN ('resolved','closed');
    DROP INDEX cases_sweep_idx;
    CREATE INDEX cases_next_alert_idx ON cases(next_alert_at) WHERE next_alert_at IS NOT NULL;

    -- A unit held responsible contests it; the arbiter (lowest common manager) upholds it or moves it.
    CREATE TABLE case_responsibility_disputes (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      unit_type text NOT NULL CHECK (unit_type IN ('agency','pool','region')),
      unit_id uuid NOT NULL,
      contested_by uuid NOT NULL REFERENCES users(id),
      justification text NOT NULL,
      filed_at timestamptz NOT NULL,
      arbiter_id uuid REFERENCES users(id),
      level text NOT NULL CHECK (level IN ('agency','region','nation')),
      outcome text CHECK (outcome IN ('upheld','moved')),
      decision text,
      decided_unit_type text CHECK (decided_unit_type IN ('agency','pool','region')),
      decided_unit_id uuid,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz
    );
    CREATE INDEX case_responsibility_disputes_case_idx ON case_responsibility_disputes(case_id, filed_at);
    CREATE UNIQUE INDEX case_responsibility_disputes_one_open ON case_responsibility_disputes(case_id) WHERE outcome IS NULL;

    ALTER TABLE notifications ADD COLUMN case_id uuid REFERENCES cases(id);
  `);
}
