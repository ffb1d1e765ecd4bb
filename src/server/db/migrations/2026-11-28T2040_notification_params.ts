// Notifications carry their facts (who, what product, which account, the note) so each reader's
// browser words them in their own language; the English text stays for API clients.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `ALTER TABLE notifications ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb;`);
}
