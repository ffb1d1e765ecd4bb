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

export const notify = (db: Db, input: NotificationInput) => notifyMany(db, [input]);

/** Rows for the inbox in chunks; for the open browsers, one statement per chunk NOTIFYing the messages packed. */
export async function notifyMany(db: Db, inputs: NotificationInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += 1000) {
    const chunk = inputs.slice(i, i + 1000).map((n) => ({ ...n, id: uuidv7(), dealId: n.dealId ?? null, disputeId: n.disputeId ?? null, caseId: n.caseId ?? null }));
    const rows = await db
      .insertInto('notifications')
      .values(
        chunk.map((n) => ({
          id: n.id,
          user_id: n.userId,
          kind: n.kind,
          text: n.text,
          lead_id: n.leadId,
          deal_id: n.dealId,
          dispute_id: n.disputeId,
          case_id: n.caseId,
          alert_id: n.alertId ?? null,
          params: JSON.stringify(n.params),
        })),
      )
      .returning(['id', 'created_at'])
      .execute();
    const createdAt = new Map(rows.map((r) => [r.id, new Date(r.created_at).toISOString()]));
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
        createdAt: createdAt.get(n.id)!,
        readAt: null,
      },
    }));
    const payloads = packMessages(messages.map((m) => JSON.stringify(m)));
    await sql`SELECT pg_notify(${REALTIME_CHANNEL}, p) FROM unnest(${payloads}::text[]) AS p`.execute(db);
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
