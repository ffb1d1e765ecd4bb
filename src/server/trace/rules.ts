// Pure rules of the trace: canonical JSON and the hash chain. No database, no clock.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth and no whitespace: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in trace');
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a link of the chain commits to. The payload enters by its hash so it can be erased (GDPR) without breaking the chain. */
export interface ChainedEvent {
  stream: string;
  seq: number;
  actorId: string | null;
  action: string;
  recordedAt: Date;
  payloadHash: string;
}

export function payloadHash(payload: unknown): string {
  return sha256(canonicalJson(payload));
}

/** hash = sha256(prev_hash ‖ canonical JSON of the event) */
export function eventHash(prevHash: string, event: ChainedEvent): string {
  return sha256(
    prevHash +
      canonicalJson({
        action: event.action,
        actorId: event.actorId,
        payloadHash: event.payloadHash,
        recordedAt: event.recordedAt.toISOString(),
        seq: event.seq,
        stream: event.stream,
      }),
  );
}

export type StreamHead = [stream: string, seq: number, hash: string];

/** A checkpoint chains a digest of the stream heads it saw to the previous checkpoint. */
export function checkpointHash(prevHash: string, heads: StreamHead[]): string {
  return sha256(prevHash + canonicalJson(heads));
}

/** Stream names: kind:id, e.g. account:0190…; org for the organisation, user:<id> for a person. */
export function streamOf(kind: string, id: string): string {
  return `${kind}:${id}`;
}
