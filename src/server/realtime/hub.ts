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

  deliver(raw: string): void {
    let message: RealtimeMessage;
    try {
      message = JSON.parse(raw) as RealtimeMessage;
    } catch {
      return;
    }
    for (const listener of this.listeners.get(message.userId) ?? []) listener(message);
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
