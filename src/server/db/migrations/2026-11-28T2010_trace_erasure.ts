// GDPR erasure: the one change the trace allows. Inside a transaction that declares it
// (SET LOCAL relais.erasing = 'on'), an event's payload may be replaced by an erasure marker and
// nothing else may change; its payload_hash stays, so the chain still verifies. Everything else
// on the trace remains refused.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE OR REPLACE FUNCTION trace_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'trace_events'
         AND current_setting('relais.erasing', true) = 'on'
         AND (NEW.payload ->> 'erased') = 'true'
         AND NEW.stream = OLD.stream AND NEW.seq = OLD.seq AND NEW.id = OLD.id
         AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action
         AND NEW.recorded_at = OLD.recorded_at AND NEW.payload_hash = OLD.payload_hash
         AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'the trace is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
  `);
}
