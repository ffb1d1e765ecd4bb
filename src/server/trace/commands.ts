// Appending to the trace, in the caller's transaction. Nothing here ever updates or deletes an event.
import { sql } from 'kysely';
import type { Ctx, Db } from '../context.ts';
import { checkpointHash, eventHash, GENESIS_HASH, payloadHash, type StreamHead } from './rules.ts';

export interface Appended {
  stream: string;
  seq: number;
  hash: string;
  recordedAt: Date;
}

/**
 * Appends one event to a stream's chain. The upsert on trace_heads locks that stream's head row
 * until the transaction ends, so concurrent writers on one stream queue up and writers on other
 * streams do not wait. recorded_at is the database clock (transaction time), never the client's.
 */
export async function appendTrace(
  ctx: Ctx,
  stream: string,
  action: string,
  payload: Record<string, unknown>,
): Promise<Appended> {
  const head = await sql<{ seq: number; hash: string; now: Date }>`
    INSERT INTO trace_heads (stream, seq, hash) VALUES (${stream}, 0, ${GENESIS_HASH})
    ON CONFLICT (stream) DO UPDATE SET seq = trace_heads.seq
    RETURNING seq, hash, date_trunc('milliseconds', now()) AS now
  `.execute(ctx.db);
  const { seq: lastSeq, hash: prevHash, now } = head.rows[0]!;
  const recordedAt = new Date(now);
  const seq = lastSeq + 1;
  const actorId = ctx.actor.userId;
  const pHash = payloadHash(payload);
  const hash = eventHash(prevHash, { stream, seq, actorId, action, recordedAt, payloadHash: pHash });
  // The event and its stream's new head in one statement: one round trip fewer on every write.
  await sql`
    WITH event AS (
      INSERT INTO trace_events (stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash)
      VALUES (${stream}, ${seq}, ${actorId}, ${action}, ${recordedAt}, ${JSON.stringify(payload)}::jsonb, ${pHash}, ${prevHash}, ${hash})
      RETURNING stream
    )
    UPDATE trace_heads SET seq = ${seq}, hash = ${hash} WHERE stream = (SELECT stream FROM event)
  `.execute(ctx.db);
  return { stream, seq, hash, recordedAt };
}

/** The database clock for this transaction, to the millisecond (what the trace records). */
export async function transactionTime(db: Db): Promise<Date> {
  const r = await sql<{ now: Date }>`SELECT date_trunc('milliseconds', now()) AS now`.execute(db);
  return new Date(r.rows[0]!.now);
}

/**
 * Chains the heads of every stream that moved since the last checkpoint. Idempotent: with nothing
 * new it writes nothing. Returns the number of heads it covered.
 */
export async function writeCheckpoint(db: Db): Promise<number> {
  const moved = await db
    .selectFrom('trace_heads')
    .select(['stream', 'seq', 'hash'])
    .whereRef('seq', '>', 'checkpointed_seq')
    .orderBy('stream')
    // A head a writer holds right now is left for the next checkpoint: waiting for it (or locking in an
    // order a multi-stream writer does not follow) deadlocks with that writer, whose work would be lost.
    .forUpdate()
    .skipLocked()
    .execute();
  if (moved.length === 0) return 0;
  const heads: StreamHead[] = moved.map((h) => [h.stream, h.seq, h.hash]);
  const last = await db
    .selectFrom('trace_checkpoints')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  await db
    .insertInto('trace_checkpoints')
    .values({ heads: JSON.stringify(heads), prev_hash: prevHash, hash: checkpointHash(prevHash, heads) })
    .execute();
  await sql`
    UPDATE trace_heads h SET checkpointed_seq = v.seq
    FROM (SELECT unnest(${heads.map((h) => h[0])}::text[]) AS stream, unnest(${heads.map((h) => h[1])}::int[]) AS seq) v
    WHERE h.stream = v.stream
  `.execute(db);
  return heads.length;
}

export interface BatchEvent {
  stream: string;
  action: string;
  actorId: string | null;
  payload: Record<string, unknown>;
  /**
   * Bulk loads of history (the demo seed) set this; so do writers that already read the transaction's clock
   * (a batch of relays). Otherwise the event takes the database clock.
   */
  recordedAt?: Date;
}

/**
 * Appends many events at once (imports, the demo seed): heads are locked stream by stream in a
 * fixed order, links computed here, rows inserted in chunks. Same chain as appendTrace.
 */
export async function appendTraceBatch(db: Db, events: BatchEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = events.every((e) => e.recordedAt) ? null : await transactionTime(db);
  const streams = [...new Set(events.map((e) => e.stream))].sort();
  const heads = new Map<string, { seq: number; hash: string }>();
  for (let i = 0; i < streams.length; i += 1000) {
    const chunk = streams.slice(i, i + 1000);
    const rows = await sql<{ stream: string; seq: number; hash: string }>`
      INSERT INTO trace_heads (stream, seq, hash)
      SELECT s, 0, ${GENESIS_HASH} FROM unnest(${chunk}::text[]) AS s ORDER BY s
      ON CONFLICT (stream) DO UPDATE SET seq = trace_heads.seq
      RETURNING stream, seq, hash`.execute(db);
    for (const r of rows.rows) heads.set(r.stream, { seq: r.seq, hash: r.hash });
  }
  const rows = events.map((e) => {
    const head = heads.get(e.stream)!;
    const seq = head.seq + 1;
    const recordedAt = e.recordedAt ?? now!;
    const pHash = payloadHash(e.payload);
    const hash = eventHash(head.hash, { stream: e.stream, seq, actorId: e.actorId, action: e.action, recordedAt, payloadHash: pHash });
    const row = { stream: e.stream, seq, actor_id: e.actorId, action: e.action, recorded_at: recordedAt.toISOString(), payload: e.payload, payload_hash: pHash, prev_hash: head.hash, hash };
    heads.set(e.stream, { seq, hash });
    return row;
  });
  const final = [...heads.entries()];
  const moveHeads = sql`
    UPDATE trace_heads h SET seq = v.seq, hash = v.hash
    FROM (SELECT unnest(${final.map(([s]) => s)}::text[]) AS stream, unnest(${final.map(([, h]) => h.seq)}::int[]) AS seq,
                 unnest(${final.map(([, h]) => h.hash)}::text[]) AS hash) v
    WHERE h.stream = v.stream`;
  for (let i = 0; i < rows.length; i += 5000) {
    // The rows as one JSON document: one parameter, serialised natively, nothing escaped by hand.
    const insert = sql`
      INSERT INTO trace_events (stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash)
      SELECT stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash
      FROM json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json)
        AS e(stream text, seq int, actor_id uuid, action text, recorded_at timestamptz, payload jsonb, payload_hash text, prev_hash text, hash text)`;
    // The heads move in the statement of the last rows: one round trip fewer for every batch.
    await (i + 5000 >= rows.length ? sql`WITH inserted AS (${insert}) ${moveHeads}` : insert).execute(db);
  }
}

/**
 * GDPR erasure: replaces the payloads of these events with an erasure marker (their hashes stay, so
 * the chain still verifies) and appends a `trace.erased` event naming them, which verify requires.
 */
export async function eraseTracePayloads(ctx: Ctx, stream: string, seqs: number[], reason: string): Promise<Appended | null> {
  if (seqs.length === 0) return null;
  const erasure = await appendTrace(ctx, stream, 'trace.erased', { seqs, reason });
  await sql`SELECT set_config('relais.erasing', 'on', true)`.execute(ctx.db);
  await sql`
    UPDATE trace_events SET payload = jsonb_build_object('erased', true, 'erasure', ${erasure.seq}::int)
    WHERE stream = ${stream} AND seq = ANY(${seqs}::int[])`.execute(ctx.db);
  await sql`SELECT set_config('relais.erasing', 'off', true)`.execute(ctx.db);
  return erasure;
}
