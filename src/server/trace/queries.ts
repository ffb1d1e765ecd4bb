// Reading a stream with its verification: what the trace panel shows.
import type { Db } from '../context.ts';
import type { StreamTrace } from '../../contract/trace.ts';
import { checkChain, erasureClaims } from './verify.ts';

export async function streamTrace(db: Db, stream: string, limit = 500): Promise<StreamTrace> {
  const rows = await db
    .selectFrom('trace_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.stream', 'e.seq', 'e.actor_id', 'u.name as actor_name', 'e.action', 'e.recorded_at', 'e.payload', 'e.payload_hash', 'e.prev_hash', 'e.hash'])
    .where('e.stream', '=', stream)
    .orderBy('e.seq')
    .execute();
  // The whole chain is checked; only the newest `limit` events are returned.
  const broken = checkChain(rows, null, await erasureClaims(db, stream));
  const brokenSeq = broken?.seq ?? Infinity;
  const events = rows.slice(-limit).reverse().map((e) => ({
    stream: e.stream,
    seq: e.seq,
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    recordedAt: new Date(e.recorded_at).toISOString(),
    payload: e.payload,
    prevHash: e.prev_hash,
    hash: e.hash,
    verified: e.seq < brokenSeq,
  }));
  return { stream, verified: broken === null, brokenAt: broken ? { seq: broken.seq, reason: broken.reason } : null, events };
}
