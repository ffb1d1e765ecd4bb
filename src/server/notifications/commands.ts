// Notifications: a row for the inbox and a NOTIFY for the open browser, in the caller's transaction.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../context.ts';
import type { Notification } from '../../contract/leads.ts';
import { packMessages, REALTIME_CHANNEL, type RealtimeMessage } from '../realtime/hub.ts';

export interface NotificationInput {
  userId: string;
  kind: Notification['kind'];
  leadId: string | null;
  dealId?: string | null;
  disputeId?: string | null;
  caseId?: string | null;
  /** Kept as a column (the row points at its alert) and in params.alertId for the web app. */
  alertId?: string | null;
  text: string;
  params: Notification['params'];
}

const PAYLOAD_SEPARATOR = '\u001e';

export const notify = (db: Db, input: NotificationInput) => notifyMany(db, [input]);

/** Rows for the inbox in chunks; for the open browsers, one statement per chunk NOTIFYing the messages packed. */
export async function notifyMany(db: Db, inputs: NotificationInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += 1000) {
    const chunk = inputs.slice(i, i + 1000).map((n) => ({ ...n, id: uuidv7(), dealId: n.dealId ?? null, disputeId: n.disputeId ?? null, caseId: n.caseId ?? null }));
    // The rows as one JSON document: one parameter, serialised natively, nothing escaped by hand.
    const rows = chunk.map((n) => ({ id: n.id, user_id: n.userId, kind: n.kind, text: n.text, lead_id: n.leadId, deal_id: n.dealId, dispute_id: n.disputeId, case_id: n.caseId, alert_id: n.alertId ?? null, params: n.params }));
    const inserted = await sql<{ created_at: Date }>`
      WITH inserted AS (
        INSERT INTO notifications (id, user_id, kind, text, lead_id, deal_id, dispute_id, case_id, alert_id, params)
        SELECT id, user_id, kind, text, lead_id, deal_id, dispute_id, case_id, alert_id, params
        FROM json_to_recordset(${JSON.stringify(rows)}::json)
          AS n(id uuid, user_id uuid, kind text, text text, lead_id uuid, deal_id uuid, dispute_id uuid, case_id uuid, alert_id uuid, params jsonb)
        RETURNING created_at
      )
      SELECT min(created_at) AS created_at FROM inserted`.execute(db);
    const createdAt = new Date(inserted.rows[0]!.created_at).toISOString();
    const messages = chunk.map((n): RealtimeMessage => ({
      userId: n.userId,
      notification: {
        id: n.id,
        kind: n.kind,
        leadId: n.leadId,
        dealId: n.dealId,
        disputeId: n.disputeId,
        caseId: n.caseId,
        text: n.text,
        params: n.params,
        createdAt,
        readAt: null,
      },
    }));
    // The payloads travel as one text split by the database: as a text[] literal every quote of their JSON
    // was escaped here and unescaped there. JSON never holds a raw control character, so U+001E cannot clash.
    const payloads = packMessages(messages.map((m) => JSON.stringify(m)));
    await sql`SELECT pg_notify(${REALTIME_CHANNEL}, p) FROM unnest(string_to_array(${payloads.join(PAYLOAD_SEPARATOR)}::text, ${PAYLOAD_SEPARATOR})) AS p`.execute(db);
  }
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all'): Promise<number> {
  // An empty selection marks nothing (and `IN ()` is not SQL).
  if (ids !== 'all' && ids.length === 0) return 0;
  const r = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .$if(ids !== 'all', (q) => q.where('id', 'in', ids as string[]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
