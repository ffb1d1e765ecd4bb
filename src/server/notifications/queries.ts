import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { Notification } from '../../contract/leads.ts';

export async function listNotifications(db: Db, userId: string, limit: number): Promise<{ items: Notification[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute(),
    db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind as Notification['kind'],
      leadId: n.lead_id,
      dealId: n.deal_id,
      disputeId: n.dispute_id,
      caseId: n.case_id,
      text: n.text,
      params: n.params,
      createdAt: new Date(n.created_at).toISOString(),
      readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
    })),
    unread: unread.n,
  };
}
