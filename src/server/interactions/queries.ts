// The account timeline: interactions and record changes merged, newest first, keyset-paginated.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { Channel, Interaction, TimelineItem } from '../../contract/interactions.ts';
import { decodeCursor } from '../accounts/queries.ts';
import { accountStream } from '../accounts/commands.ts';
import { isoTime } from '../db/iso-time.ts';

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
  occurred_at: string;
  recorded_at: string;
  amends_id: string | null;
  case_id: string | null;
  amended_by_id: string | null;
}

/** A timeline row: its key and instant, and either an interaction's columns or a change's. */
interface TimelineRow extends InteractionRow {
  key: string;
  at: string;
  change_action: string | null;
  change_actor_id: string | null;
  change_actor_name: string | null;
  change_payload: Record<string, unknown> | null;
}

const interactionSelect = sql`
  i.id, i.account_id, i.contact_id, NULLIF(trim(c.first_name || ' ' || c.last_name), '') AS contact_name,
  i.channel, i.actor_id, u.name AS actor_name, i.subject, i.notes, i.outcome, ${isoTime('i.occurred_at')} AS occurred_at, ${isoTime('i.recorded_at')} AS recorded_at, i.amends_id, i.case_id,
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
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
  amendsId: r.amends_id,
  caseId: r.case_id,
  amendedById: r.amended_by_id,
});

export async function getInteraction(db: Db, id: string): Promise<Interaction | null> {
  const [interaction] = await getInteractions(db, [id]);
  return interaction ?? null;
}

/** Interactions by id, in the order asked (null for an unknown one), in one read: a batch of logged contacts answers with it. */
export async function getInteractions(db: Db, ids: string[]): Promise<Array<Interaction | null>> {
  const r = await sql<InteractionRow>`
    SELECT ${interactionSelect} FROM interactions i
    JOIN users u ON u.id = i.actor_id LEFT JOIN contacts c ON c.id = i.contact_id
    WHERE i.id = ANY(${ids}::uuid[])`.execute(db);
  const rows = new Map(r.rows.map((row) => [row.id, toInteraction(row)]));
  return ids.map((id) => rows.get(id) ?? null);
}

export interface InteractionChecks {
  /** The transaction's clock, to the millisecond: when the contacts are recorded. */
  now: Date;
  /** The account with what the policy weighs; null when there is no such account. */
  account: { ownerId: string | null; agencyId: string; regionId: string; archived: boolean } | null;
  /** The account of the contact named, if any; of the entry amended, if any. */
  contactAccountId: string | null;
  amendedAccountId: string | null;
}

/** What logging contacts reads before writing them, for a whole batch in one round trip, in the order asked. */
export async function interactionChecks(db: Db, asked: Array<{ accountId: string; contactId: string | null; amendsId: string | null }>): Promise<InteractionChecks[]> {
  const rows = asked.map((x, i) => ({ i, account_id: x.accountId, contact_id: x.contactId, amends_id: x.amendsId }));
  const r = await sql<{
    now: Date;
    account_id: string | null;
    owner_id: string | null;
    agency_id: string;
    region_id: string;
    archived: boolean;
    contact_account_id: string | null;
    amended_account_id: string | null;
  }>`
    SELECT date_trunc('milliseconds', now()) AS now, a.id AS account_id, a.owner_id, a.agency_id, a.region_id, a.archived_at IS NOT NULL AS archived,
      (SELECT c.account_id FROM contacts c WHERE c.id = r.contact_id) AS contact_account_id,
      (SELECT x.account_id FROM interactions x WHERE x.id = r.amends_id) AS amended_account_id
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(i int, account_id uuid, contact_id uuid, amends_id uuid)
    LEFT JOIN accounts a ON a.id = r.account_id
    ORDER BY r.i`.execute(db);
  return r.rows.map((row) => ({
    now: new Date(row.now),
    account: row.account_id ? { ownerId: row.owner_id, agencyId: row.agency_id, regionId: row.region_id, archived: row.archived } : null,
    contactAccountId: row.contact_account_id,
    amendedAccountId: row.amended_account_id,
  }));
}

type TimelineFilter = Array<Channel | 'changes'>;

/**
 * Interactions sort by when they happened (occurred_at), record changes by when they were recorded.
 * The cursor is the (time, key) of the last item shown; keys are 'i:<uuid>' and 'e:<stream seq>' so they never tie.
 * One statement: the page's keys are chosen first (each side by its own index), then each key is joined to what it shows.
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
      SELECT 'i:' || i.id::text AS key, i.occurred_at AS at, i.id AS interaction_id, NULL::int AS seq FROM interactions i
      WHERE i.account_id = ${accountId}
        ${channels.length && !wantAll ? sql`AND i.channel = ANY(${channels}::text[])` : sql``}
        ${afterClause(sql`i.occurred_at`, sql`'i:' || i.id::text`)}
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT ${input.limit + 1}`);
  }
  if (wantChanges) {
    // Interactions are shown as themselves; their trace events would only repeat them.
    parts.push(sql`
      SELECT 'e:' || lpad(e.seq::text, 10, '0') AS key, e.recorded_at AS at, NULL::uuid AS interaction_id, e.seq FROM trace_events e
      WHERE e.stream = ${stream} AND e.action <> 'interaction.logged'
        ${afterClause(sql`e.recorded_at`, sql`'e:' || lpad(e.seq::text, 10, '0')`)}
      ORDER BY e.seq DESC LIMIT ${input.limit + 1}`);
  }
  if (parts.length === 0) return { items: [], nextCursor: null };
  const page = await sql<TimelineRow>`
    WITH page AS (
      SELECT key, at, interaction_id, seq FROM (${sql.join(parts.map((p) => sql`(${p})`), sql` UNION ALL `)}) t
      ORDER BY at DESC, key DESC LIMIT ${input.limit + 1})
    SELECT page.key, ${isoTime('page.at')} AS at, ${interactionSelect},
      e.action AS change_action, e.actor_id AS change_actor_id, eu.name AS change_actor_name, e.payload AS change_payload
    FROM page
    LEFT JOIN interactions i ON i.id = page.interaction_id
    LEFT JOIN users u ON u.id = i.actor_id
    LEFT JOIN contacts c ON c.id = i.contact_id
    LEFT JOIN trace_events e ON e.stream = ${stream} AND e.seq = page.seq
    LEFT JOIN users eu ON eu.id = e.actor_id
    ORDER BY page.at DESC, page.key DESC`.execute(db);
  const rows = page.rows.slice(0, input.limit);
  const items: TimelineItem[] = rows.map((r) =>
    r.key.startsWith('i:')
      ? { kind: 'interaction', at: r.at, interaction: toInteraction(r) }
      : {
          kind: 'change',
          at: r.at,
          change: { stream, seq: Number(r.key.slice(2)), action: r.change_action!, actorId: r.change_actor_id, actorName: r.change_actor_name, payload: r.change_payload! },
        },
  );
  const last = rows[rows.length - 1];
  const nextCursor = page.rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.at, last.key])).toString('base64url') : null;
  return { items, nextCursor };
}
