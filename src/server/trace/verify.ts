// Recomputes every chain and every checkpoint; names the first broken link.
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import { checkpointHash, eventHash, GENESIS_HASH, payloadHash, type StreamHead } from './rules.ts';

export interface BrokenLink {
  stream: string;
  seq: number;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  checkpoints: number;
  broken: BrokenLink | null;
}

interface EventRow {
  stream: string;
  seq: number;
  actor_id: string | null;
  action: string;
  recorded_at: Date;
  payload: unknown;
  payload_hash: string;
  prev_hash: string;
  hash: string;
}

/** An erased payload is accepted only where a later `trace.erased` event of its stream names it. */
export type ErasureClaims = ReadonlyMap<string, ReadonlySet<number>>;

function isErasureMarker(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { erased?: unknown }).erased === true;
}

/** Checks one stream's events, in order; returns the first broken link or null. */
export function checkChain(events: EventRow[], previous: { seq: number; hash: string } | null, erasures: ErasureClaims = new Map()): BrokenLink | null {
  let prevSeq = previous?.seq ?? 0;
  let prevHash = previous?.hash ?? GENESIS_HASH;
  for (const e of events) {
    const at = { stream: e.stream, seq: e.seq };
    if (e.seq !== prevSeq + 1) return { ...at, reason: `sequence jumps from ${prevSeq} to ${e.seq} (an event is missing)` };
    if (e.prev_hash !== prevHash) return { ...at, reason: 'prev_hash does not match the previous event' };
    if (isErasureMarker(e.payload)) {
      if (!erasures.get(e.stream)?.has(e.seq)) return { ...at, reason: 'payload erased without a traced erasure' };
    } else if (payloadHash(e.payload) !== e.payload_hash) {
      return { ...at, reason: 'payload does not match its hash (altered)' };
    }
    const expected = eventHash(prevHash, {
      stream: e.stream,
      seq: e.seq,
      actorId: e.actor_id,
      action: e.action,
      recordedAt: new Date(e.recorded_at),
      payloadHash: e.payload_hash,
    });
    if (expected !== e.hash) return { ...at, reason: 'hash does not match the event (altered)' };
    prevSeq = e.seq;
    prevHash = e.hash;
  }
  return null;
}

const BATCH = 5000;

/** Every erasure the trace records: stream → the sequence numbers it erased. */
export async function erasureClaims(db: Db, stream?: string): Promise<ErasureClaims> {
  const rows = await db
    .selectFrom('trace_events')
    .select(['stream', 'payload'])
    .where('action', '=', 'trace.erased')
    .$if(stream !== undefined, (q) => q.where('stream', '=', stream!))
    .execute();
  const claims = new Map<string, Set<number>>();
  for (const r of rows) {
    const seqs = (r.payload as { seqs?: number[] }).seqs ?? [];
    const set = claims.get(r.stream) ?? new Set<number>();
    for (const seq of seqs) set.add(seq);
    claims.set(r.stream, set);
  }
  return claims;
}

export async function verifyTrace(db: Db, onProgress?: (events: number) => void): Promise<VerifyReport> {
  // One snapshot for every read: writers carry on meanwhile, and an erasure, an event or a checkpoint
  // committed after the run began is neither half-seen nor reported as a break.
  if (db.isTransaction) return verifySnapshot(db, onProgress);
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) => verifySnapshot(trx, onProgress));
}

async function verifySnapshot(db: Db, onProgress?: (events: number) => void): Promise<VerifyReport> {
  const erasures = await erasureClaims(db);
  let events = 0;
  let streams = 0;
  let cursor: { stream: string; seq: number } | null = null;
  let tail: { stream: string; seq: number; hash: string } | null = null;
  const fail = (broken: BrokenLink, checkpoints = 0): VerifyReport => ({ ok: false, events, streams, checkpoints, broken });

  for (;;) {
    const c = cursor;
    const batch: EventRow[] = await db
      .selectFrom('trace_events')
      .select(['stream', 'seq', 'actor_id', 'action', 'recorded_at', 'payload', 'payload_hash', 'prev_hash', 'hash'])
      .$if(c !== null, (q) => q.where(sql<boolean>`(stream, seq) > (${c!.stream}, ${c!.seq})`))
      .orderBy('stream')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (batch.length === 0) break;
    let start = 0;
    while (start < batch.length) {
      const stream = batch[start]!.stream;
      let end = start;
      while (end < batch.length && batch[end]!.stream === stream) end++;
      const continuing: { seq: number; hash: string } | null = tail && tail.stream === stream ? tail : null;
      if (!continuing) streams++;
      const broken = checkChain(batch.slice(start, end), continuing, erasures);
      if (broken) return fail(broken);
      const last = batch[end - 1]!;
      tail = { stream, seq: last.seq, hash: last.hash };
      events += end - start;
      start = end;
    }
    const lastRow = batch[batch.length - 1]!;
    cursor = { stream: lastRow.stream, seq: lastRow.seq };
    onProgress?.(events);
  }

  // A stream whose recorded head is ahead of its last event lost events at its end.
  const truncated = await sql<{ stream: string; seq: number }>`
    SELECT h.stream, h.seq FROM trace_heads h
    WHERE h.seq > COALESCE((SELECT max(e.seq) FROM trace_events e WHERE e.stream = h.stream), 0)
    ORDER BY h.stream LIMIT 1
  `.execute(db);
  if (truncated.rows[0]) {
    const t = truncated.rows[0];
    return fail({ stream: t.stream, seq: t.seq, reason: 'events at the end of the stream are missing' });
  }

  // Checkpoints: their own chain, and every head they anchored must still be there, unchanged.
  let checkpoints = 0;
  let prevHash = GENESIS_HASH;
  let lastId = '0';
  for (;;) {
    const rows = await db
      .selectFrom('trace_checkpoints')
      .select(['id', 'heads', 'prev_hash', 'hash'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const cp of rows) {
      const heads = cp.heads as StreamHead[];
      const at = { stream: 'checkpoint', seq: Number(cp.id) };
      if (cp.prev_hash !== prevHash) return fail({ ...at, reason: 'checkpoint prev_hash does not match' }, checkpoints);
      if (checkpointHash(prevHash, heads) !== cp.hash) return fail({ ...at, reason: 'checkpoint hash does not match its heads' }, checkpoints);
      prevHash = cp.hash;
      checkpoints++;
    }
    lastId = String(rows[rows.length - 1]!.id);
  }
  const unanchored = await sql<{ id: string; stream: string; seq: number }>`
    SELECT c.id, h.stream, h.seq
    FROM trace_checkpoints c
    CROSS JOIN LATERAL jsonb_array_elements(c.heads) AS j(head)
    CROSS JOIN LATERAL (SELECT j.head->>0 AS stream, (j.head->>1)::int AS seq, j.head->>2 AS hash) h
    LEFT JOIN trace_events e ON e.stream = h.stream AND e.seq = h.seq
    WHERE e.hash IS DISTINCT FROM h.hash
    ORDER BY c.id LIMIT 1
  `.execute(db);
  if (unanchored.rows[0]) {
    const u = unanchored.rows[0];
    return fail({ stream: u.stream, seq: u.seq, reason: `differs from what checkpoint ${u.id} anchored` }, checkpoints);
  }
  return { ok: true, events, streams, checkpoints, broken: null };
}
