// The account timeline: interactions and record changes merged, newest first, keyset-paginated.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { Channel, Interaction, TimelineItem } from '../../contract/interactions.ts';
import { decodeCursor } from '../accounts/queries.ts';
import { accountStream } from '../accounts/commands.ts';

interface InteractionRow {
  id: string;
  account_id: string;
  contact_id: string | null;
  contact_name: string | null;
  channel: Channel;
  actor_id: string;
  actor_name: string;
  subject: string;
  notes: string;
  outcome: string | null;
  occurred_at: Date;
  recorded_at: Date;
  amends_id: string | null;
  case_id: string | null;
  amended_by_id: string | null;
}

const interactionSelect = sql`
  i.id, i.account_id, i.contact_id, NULLIF(trim(c.first_name || ' ' || c.last_name), '') AS contact_name,
  i.channel, i.actor_id, u.name AS actor_name, i.subject, i.notes, i.outcome, i.occurred_at, i.recorded_at, i.amends_id, i.case_id,
  (SELECT x.id FROM interactions x WHERE x.amends_id = i.id ORDER BY x.recorded_at DESC LIMIT 1) AS amended_by_id`;

const toInteraction = (r: InteractionRow): Interaction => ({
  id: r.id,
  accountId: r.account_id,
  contactId: r.contact_id,
  contactName: r.contact_name,
  channel: r.channel,
  actorId: r.actor_id,
  actorName: r.actor_name,
  subject: r.subject,
  notes: r.notes,
  outcome: r.outcome,
  occurredAt: new Date(r.occurred_at).toISOString(),
  recordedAt: new Date(r.recorded_at).toISOString(),
  amendsId: r.amends_id,
  caseId: r.case_id,
  amendedById: r.amended_by_id,
});

export async function getInteraction(db: Db, id: string): Promise<Interaction | null> {
  const r = await sql<InteractionRow>`
    SELECT ${interactionSelect} FROM interactions i
    JOIN users u ON u.id = i.actor_id LEFT JOIN contacts c ON c.id = i.contact_id
    WHERE i.id = ${id}`.execute(db);
  return r.rows[0] ? toInteraction(r.rows[0]) : null;
}

type TimelineFilter = Array<Channel | 'changes'>;

/**
 * Interactions sort by when they happened (occurred_at), record changes by when they were recorded.
 * The cursor is the (time, key) of the last item shown; keys are 'i:<uuid>' and 'e:<stream seq>' so they never tie.
 */
export async function timeline(db: Db, accountId: string, input: { cursor?: string; limit: number; channels: TimelineFilter }) {
  const after = decodeCursor<[string, string]>(input.cursor);
  const channels = input.channels.filter((c): c is Channel => c !== 'changes');
  const wantAll = input.channels.length === 0;
  const wantInteractions = wantAll || channels.length > 0;
  const wantChanges = wantAll || input.channels.includes('changes');
  const stream = accountStream(accountId);
  const afterClause = (at: ReturnType<typeof sql>, key: ReturnType<typeof sql>) =>
    after ? sql`AND (${at}, ${key}) < (${after[0]}::timestamptz, ${after[1]})` : sql``;

  const parts = [];
  if (wantInteractions) {
    parts.push(sql`
      SELECT 'i:' || i.id::text AS key, i.occurred_at AS at FROM interactions i
      WHERE i.account_id = ${accountId}
        ${channels.length && !wantAll ? sql`AND i.channel = ANY(${channels}::text[])` : sql``}
        ${afterClause(sql`i.occurred_at`, sql`'i:' || i.id::text`)}
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT ${input.limit + 1}`);
  }
  if (wantChanges) {
    // Interactions are shown as themselves; their trace events would only repeat them.
    parts.push(sql`
      SELECT 'e:' || lpad(e.seq::text, 10, '0') AS key, e.recorded_at AS at FROM trace_events e
      WHERE e.stream = ${stream} AND e.action <> 'interaction.logged'
        ${afterClause(sql`e.recorded_at`, sql`'e:' || lpad(e.seq::text, 10, '0')`)}
      ORDER BY e.seq DESC LIMIT ${input.limit + 1}`);
  }
  if (parts.length === 0) return { items: [], nextCursor: null };
  const page = await sql<{ key: string; at: Date }>`
    SELECT key, at FROM (${sql.join(parts.map((p) => sql`(${p})`), sql` UNION ALL `)}) t
    ORDER BY at DESC, key DESC LIMIT ${input.limit + 1}`.execute(db);
  const keys = page.rows.slice(0, input.limit);

  const interactionIds = keys.filter((k) => k.key.startsWith('i:')).map((k) => k.key.slice(2));
  const seqs = keys.filter((k) => k.key.startsWith('e:')).map((k) => Number(k.key.slice(2)));
  const [interactions, events] = await Promise.all([
    interactionIds.length
      ? sql<InteractionRow>`
          SELECT ${interactionSelect} FROM interactions i
          JOIN users u ON u.id = i.actor_id LEFT JOIN contacts c ON c.id = i.contact_id
          WHERE i.id = ANY(${interactionIds}::uuid[])`.execute(db)
      : null,
    seqs.length
      ? sql<{ seq: number; action: string; actor_id: string | null; actor_name: string | null; payload: Record<string, unknown> }>`
          SELECT e.seq, e.action, e.actor_id, u.name AS actor_name, e.payload FROM trace_events e
          LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.stream = ${stream} AND e.seq = ANY(${seqs}::int[])`.execute(db)
      : null,
  ]);
  const interactionById = new Map((interactions?.rows ?? []).map((r) => [r.id, r]));
  const eventBySeq = new Map((events?.rows ?? []).map((r) => [r.seq, r]));
  const items: TimelineItem[] = keys.map(({ key, at }) => {
    const iso = new Date(at).toISOString();
    if (key.startsWith('i:')) return { kind: 'interaction', at: iso, interaction: toInteraction(interactionById.get(key.slice(2))!) };
    const e = eventBySeq.get(Number(key.slice(2)))!;
    return {
      kind: 'change',
      at: iso,
      change: { stream, seq: e.seq, action: e.action, actorId: e.actor_id, actorName: e.actor_name, payload: e.payload },
    };
  });
  const last = keys[keys.length - 1];
  const nextCursor =
    page.rows.length > input.limit && last ? Buffer.from(JSON.stringify([new Date(last.at).toISOString(), last.key])).toString('base64url') : null;
  return { items, nextCursor };
}
