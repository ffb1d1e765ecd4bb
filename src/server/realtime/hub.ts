// Live delivery to open browsers. Commands only pg_notify inside their transaction (delivered on
// commit); every app instance listens and pushes to its own server-sent-event connections, so
// several instances on one PostgreSQL fan out without a queue of their own.
import type { Database } from '../db/engine.ts';
import type { Notification } from '../../contract/leads.ts';

export const REALTIME_CHANNEL = 'relais_events';

export interface RealtimeMessage {
  userId: string;
  notification: Notification;
}

type Listener = (message: RealtimeMessage) => void;

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
export const PAYLOAD_LIMIT_BYTES = 7_900;

/**
 * Packs messages (as JSON) into as few NOTIFY payloads as fit, each a JSON array: a sweep that tells
 * 15,000 people sends a few hundred notifications to the listeners, not 15,000.
 */
export function packMessages(jsons: string[], limit = PAYLOAD_LIMIT_BYTES): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let bytes = 2;
  for (const json of jsons) {
    const size = Buffer.byteLength(json) + 1;
    if (batch.length > 0 && bytes + size > limit) {
      payloads.push(`[${batch.join(',')}]`);
      batch = [];
      bytes = 2;
    }
    batch.push(json);
    bytes += size;
  }
  if (batch.length > 0) payloads.push(`[${batch.join(',')}]`);
  return payloads;
}

export class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Delivers a payload of packMessages: each message to its user's open connections. */
  deliver(raw: string): void {
    let messages: RealtimeMessage[];
    try {
      messages = JSON.parse(raw) as RealtimeMessage[];
    } catch {
      return;
    }
    if (!Array.isArray(messages)) return;
    for (const message of messages) {
      for (const listener of this.listeners.get(message.userId) ?? []) listener(message);
    }
  }

  get connections(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

export async function startHub(listen: Database['listen']): Promise<{ hub: Hub; stop: () => Promise<void> }> {
  const hub = new Hub();
  const stop = await listen(REALTIME_CHANNEL, (payload) => hub.deliver(payload));
  return { hub, stop };
}
