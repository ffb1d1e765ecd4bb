// Notifications are an outbox written in bulk (a sweep at a Monday-morning pile-up writes tens of thousands)
// and on every relay. Each of their foreign keys cost a lookup and a row lock on the subject per row —
// half the insert's time in the sweep, measured — and the lock on the user row is shared by everyone
// notifying that person at once. What they point at is never deleted (users are deactivated, leads,
// cases, deals, disputes and alerts only change status), and every row is written from a subject the
// same transaction has just read, so the checks guarded nothing.
import type { Kysely } from 'kysely';
import { run } from '../sql-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, `
    ALTER TABLE notifications DROP CONSTRAINT notifications_user_id_fkey;
    ALTER TABLE notifications DROP CONSTRAINT notifications_lead_id_fkey;
    ALTER TABLE notifications DROP CONSTRAINT notifications_deal_id_fkey;
    ALTER TABLE notifications DROP CONSTRAINT notifications_dispute_id_fkey;
    ALTER TABLE notifications DROP CONSTRAINT notifications_case_id_fkey;
    ALTER TABLE notifications DROP CONSTRAINT notifications_alert_id_fkey;
  `);
}
