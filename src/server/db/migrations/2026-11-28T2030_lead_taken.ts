// The trace trigger's erasure check must not read a payload on trace_checkpoints (it has none);
// and a lead taken by a colleague is no longer up for grabs.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE OR REPLACE FUNCTION trace_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'trace_events' THEN
        IF current_setting('relais.erasing', true) = 'on'
           AND (NEW.payload ->> 'erased') = 'true'
           AND NEW.stream = OLD.stream AND NEW.seq = OLD.seq AND NEW.id = OLD.id
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action
           AND NEW.recorded_at = OLD.recorded_at AND NEW.payload_hash = OLD.payload_hash
           AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION 'the trace is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    ALTER TABLE leads ADD COLUMN taken_at timestamptz;
  `);
}
