// Indexes for the hottest read paths, found by the benchmark: name prefixes for search-as-you-type,
// and record changes on an account's timeline without walking all its interaction events.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    CREATE INDEX accounts_name_prefix_idx ON accounts (lower(name) text_pattern_ops);
    CREATE INDEX contacts_name_prefix_idx ON contacts (lower(last_name || ' ' || first_name) text_pattern_ops);
    CREATE INDEX trace_events_changes_idx ON trace_events (stream, seq) WHERE action <> 'interaction.logged';
  `);
}
