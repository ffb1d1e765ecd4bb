import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Hub, packMessages, PAYLOAD_LIMIT_BYTES, type RealtimeMessage } from './hub.ts';

const message = (userId: string, text: string): RealtimeMessage => ({
  userId,
  notification: { id: `n-${userId}-${text.length}`, kind: 'lead.assigned', leadId: null, dealId: null, disputeId: null, caseId: null, text, params: {}, createdAt: '2026-11-29T08:00:00.000Z', readAt: null },
});

describe('packMessages', () => {
  it('keeps every message, in order, and no payload reaches the limit, accented text included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uuid(), fc.string({ unit: fc.constantFrom('a', 'é', '€', 'ß', ' ', '"'), maxLength: 600 })), { maxLength: 120 }), fc.integer({ min: 700, max: PAYLOAD_LIMIT_BYTES }), (specs, limit) => {
        const messages = specs.map(([u, t]) => message(u, t));
        const payloads = packMessages(messages.map((m) => JSON.stringify(m)), limit);
        expect(payloads.flatMap((p) => JSON.parse(p) as RealtimeMessage[])).toEqual(messages);
        for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(limit);
        expect(payloads.length === 0).toBe(messages.length === 0);
      }),
    );
  });

  it('sends thousands of short messages in a few dozen payloads', () => {
    const jsons = Array.from({ length: 5000 }, (_, i) => JSON.stringify(message(`u${i}`, 'Alerte SLA')));
    const payloads = packMessages(jsons);
    expect(payloads.length).toBeLessThan(5000 / 20);
  });
});

describe('Hub', () => {
  it('delivers each message of a payload to its own user’s connections only, and ignores a malformed payload', () => {
    const hub = new Hub();
    const a: string[] = [];
    const b: string[] = [];
    hub.subscribe('a', (m) => a.push(m.notification.text));
    const stop = hub.subscribe('b', (m) => b.push(m.notification.text));
    const [payload] = packMessages([message('a', 'un'), message('b', 'deux'), message('c', 'trois'), message('a', 'quatre')].map((m) => JSON.stringify(m)));
    hub.deliver(payload!);
    hub.deliver('not json');
    hub.deliver('{"userId":"a"}');
    expect(a).toEqual(['un', 'quatre']);
    expect(b).toEqual(['deux']);
    stop();
    hub.deliver(payload!);
    expect(b).toEqual(['deux']);
    expect(hub.connections).toBe(1);
  });
});
