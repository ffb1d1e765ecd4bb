import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDb, testEngine } from '../../../test/support/db.ts';
import { buildUser } from '../../../test/support/factories.ts';
import { SYSTEM, type Principal } from '../auth/principal.ts';
import type { Ctx, Db } from '../context.ts';
import { appendTrace, writeCheckpoint } from './commands.ts';
import { eventHash, GENESIS_HASH, payloadHash, sha256, type StreamHead } from './rules.ts';
import { checkChain, verifyTrace } from './verify.ts';

type EventRow = Parameters<typeof checkChain>[0][number];

/** A well-formed chain of `n` events on one stream, built with the same rules as appendTrace. */
function buildChain(stream: string, n: number, from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }): EventRow[] {
  const rows: EventRow[] = [];
  let prev = from.hash;
  for (let i = 1; i <= n; i++) {
    const seq = from.seq + i;
    const payload = { step: seq, note: `événement ${seq}` };
    const row: EventRow = {
      stream,
      seq,
      actor_id: i % 2 ? null : '0190a0b0-0000-7000-8000-0000000000aa',
      action: i === 1 ? 'account.created' : 'account.updated',
      recorded_at: new Date(Date.UTC(2024, 4, 3, 10, 14, seq)),
      payload,
      payload_hash: payloadHash(payload),
      prev_hash: prev,
      hash: '',
    };
    row.hash = eventHash(prev, {
      stream,
      seq,
      actorId: row.actor_id,
      action: row.action,
      recordedAt: row.recorded_at,
      payloadHash: row.payload_hash,
    });
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

const STREAM = 'account:0190a0b0-0000-7000-8000-000000000001';

describe('checkChain (pure)', () => {
  it('passes a well-formed chain, from genesis and from a previous head', () => {
    const chain = buildChain(STREAM, 6);
    expect(checkChain(chain, null)).toBeNull();
    expect(checkChain([], null)).toBeNull();
    // Verifying in two batches, the second continuing from the first's tail, is the same as one pass.
    expect(checkChain(chain.slice(3), { seq: 3, hash: chain[2]!.hash })).toBeNull();
  });

  it('catches an altered payload at its seq', () => {
    const chain = buildChain(STREAM, 5);
    chain[2] = { ...chain[2]!, payload: { step: 3, note: 'réécrit' } };
    expect(checkChain(chain, null)).toEqual({ stream: STREAM, seq: 3, reason: 'payload does not match its hash (altered)' });
  });

  it('catches a payload rewritten together with its payload_hash (the event hash no longer matches)', () => {
    const chain = buildChain(STREAM, 5);
    const payload = { step: 3, note: 'réécrit' };
    chain[2] = { ...chain[2]!, payload, payload_hash: payloadHash(payload) };
    expect(checkChain(chain, null)).toEqual({ stream: STREAM, seq: 3, reason: 'hash does not match the event (altered)' });
  });

  it('catches an altered hash at its seq', () => {
    const chain = buildChain(STREAM, 5);
    chain[1] = { ...chain[1]!, hash: sha256('forged') };
    expect(checkChain(chain, null)).toEqual({ stream: STREAM, seq: 2, reason: 'hash does not match the event (altered)' });
  });

  it('catches an altered last hash (nothing after it to notice)', () => {
    const chain = buildChain(STREAM, 5);
    chain[4] = { ...chain[4]!, hash: sha256('forged') };
    expect(checkChain(chain, null)).toMatchObject({ seq: 5, reason: 'hash does not match the event (altered)' });
  });

  it.each([
    ['action', { action: 'account.archived' }],
    ['actor', { actor_id: '0190a0b0-0000-7000-8000-0000000000ff' }],
    ['recorded_at (back-dated by one second)', { recorded_at: new Date(Date.UTC(2024, 4, 3, 10, 14, 3)) }],
  ])('catches an altered %s', (_what, change) => {
    const chain = buildChain(STREAM, 5);
    chain[3] = { ...chain[3]!, ...change };
    expect(checkChain(chain, null)).toEqual({ stream: STREAM, seq: 4, reason: 'hash does not match the event (altered)' });
  });

  it('catches an altered prev_hash at its seq', () => {
    const chain = buildChain(STREAM, 5);
    chain[3] = { ...chain[3]!, prev_hash: sha256('elsewhere') };
    expect(checkChain(chain, null)).toEqual({ stream: STREAM, seq: 4, reason: 'prev_hash does not match the previous event' });
  });

  it('catches a first event that does not start from genesis', () => {
    const chain = buildChain(STREAM, 2, { seq: 0, hash: sha256('not genesis') });
    expect(checkChain(chain, null)).toEqual({ stream: STREAM, seq: 1, reason: 'prev_hash does not match the previous event' });
  });

  it('catches a missing event (a seq gap) at the event after the gap', () => {
    const chain = buildChain(STREAM, 5);
    const withoutThird = [...chain.slice(0, 2), ...chain.slice(3)];
    expect(checkChain(withoutThird, null)).toEqual({ stream: STREAM, seq: 4, reason: 'sequence jumps from 2 to 4 (an event is missing)' });
  });

  it('catches a missing first event', () => {
    const chain = buildChain(STREAM, 3);
    expect(checkChain(chain.slice(1), null)).toEqual({ stream: STREAM, seq: 2, reason: 'sequence jumps from 0 to 2 (an event is missing)' });
  });

  it('catches two events swapped', () => {
    const chain = buildChain(STREAM, 5);
    const swapped = [chain[0]!, chain[2]!, chain[1]!, chain[3]!, chain[4]!];
    expect(checkChain(swapped, null)).toEqual({ stream: STREAM, seq: 3, reason: 'sequence jumps from 1 to 3 (an event is missing)' });
  });

  it('catches two events swapped with their seqs renumbered (the links no longer match)', () => {
    const chain = buildChain(STREAM, 5);
    const swapped = [chain[0]!, { ...chain[2]!, seq: 2 }, { ...chain[1]!, seq: 3 }, chain[3]!, chain[4]!];
    expect(checkChain(swapped, null)).toEqual({ stream: STREAM, seq: 2, reason: 'prev_hash does not match the previous event' });
  });

  it('catches a continuation that does not follow the previous head', () => {
    const chain = buildChain(STREAM, 6);
    expect(checkChain(chain.slice(3), { seq: 3, hash: sha256('other head') })).toEqual({
      stream: STREAM,
      seq: 4,
      reason: 'prev_hash does not match the previous event',
    });
    expect(checkChain(chain.slice(3), { seq: 2, hash: chain[1]!.hash })).toMatchObject({ seq: 4, reason: expect.stringContaining('from 2 to 4') });
  });

  it('names the first broken link when there are several', () => {
    const chain = buildChain(STREAM, 6);
    chain[1] = { ...chain[1]!, payload: { forged: true } };
    chain[4] = { ...chain[4]!, hash: sha256('forged') };
    expect(checkChain(chain, null)).toMatchObject({ seq: 2 });
  });
});

// ——— On the real database ———

// Open (on PGlite: boot and migrate) the worker's database under the hook timeout, not the first test's.
beforeAll(async () => {
  await testDb();
});

const system = (db: Db): Ctx => ({ db, actor: SYSTEM, channel: 'system' });
const testStream = () => `test:${randomUUID()}`;

/** Appends `n` events to a fresh stream in one committed transaction. */
async function appendEvents(n: number, actor: Principal = SYSTEM): Promise<string> {
  const db = await testDb();
  const stream = testStream();
  await db.transaction().execute(async (trx) => {
    for (let i = 1; i <= n; i++) await appendTrace({ db: trx, actor, channel: 'system' }, stream, 'test.step', { step: i, text: `étape ${i}` });
  });
  return stream;
}

const rolledBack = new Error('roll back');

/** Runs `fn` in a transaction that is always rolled back, so the shared database stays clean. */
async function inRolledBackTransaction(fn: (trx: Db) => Promise<void>): Promise<void> {
  const db = await testDb();
  await expect(
    db.transaction().execute(async (trx) => {
      await fn(trx);
      throw rolledBack;
    }),
  ).rejects.toBe(rolledBack);
}

describe('appendTrace and verifyTrace', () => {
  it('appends a chain that verifies, linked from genesis, with the database clock', async () => {
    const db = await testDb();
    const user = await buildUser();
    const stream = await appendEvents(3, user.principal);
    const rows = await db.selectFrom('trace_events').selectAll().where('stream', '=', stream).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.actor_id)).toEqual([user.id, user.id, user.id]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.payload).toEqual({ step: 3, text: 'étape 3' });
    expect(Math.abs(new Date(rows[0]!.recorded_at).getTime() - Date.now())).toBeLessThan(60_000);
    expect(checkChain(rows, null)).toBeNull();
    const head = await db.selectFrom('trace_heads').selectAll().where('stream', '=', stream).executeTakeFirstOrThrow();
    expect([head.seq, head.hash]).toEqual([3, rows[2]!.hash]);

    const report = await verifyTrace(db);
    expect(report.broken).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThanOrEqual(3);
    expect(report.streams).toBeGreaterThanOrEqual(1);
  });

  it('continues a stream across transactions', async () => {
    const db = await testDb();
    const stream = testStream();
    for (let i = 0; i < 2; i++) await db.transaction().execute((trx) => appendTrace(system(trx), stream, 'test.step', { i }));
    const rows = await db.selectFrom('trace_events').selectAll().where('stream', '=', stream).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(checkChain(rows, null)).toBeNull();
  });

  it('leaves nothing behind when the transaction rolls back', async () => {
    const db = await testDb();
    const stream = testStream();
    await inRolledBackTransaction(async (trx) => {
      await appendTrace(system(trx), stream, 'test.step', {});
    });
    expect(await db.selectFrom('trace_events').select('seq').where('stream', '=', stream).execute()).toEqual([]);
    expect(await db.selectFrom('trace_heads').select('seq').where('stream', '=', stream).execute()).toEqual([]);
  });

  it('catches a modified row, naming the stream and seq (trigger disabled inside a rolled-back transaction)', async () => {
    const db = await testDb();
    const stream = await appendEvents(3);
    await inRolledBackTransaction(async (trx) => {
      await sql`ALTER TABLE trace_events DISABLE TRIGGER trace_events_append_only`.execute(trx);
      const updated = await sql`UPDATE trace_events SET payload = ${JSON.stringify({ step: 2, text: 'réécrit' })}::jsonb
        WHERE stream = ${stream} AND seq = 2`.execute(trx);
      expect(Number(updated.numAffectedRows)).toBe(1);
      const report = await verifyTrace(trx);
      expect(report.ok).toBe(false);
      expect(report.broken).toEqual({ stream, seq: 2, reason: 'payload does not match its hash (altered)' });
    });
    // Rolled back: the row is as written, the trigger is on again, and the whole trace verifies.
    const row = await db.selectFrom('trace_events').select('payload').where('stream', '=', stream).where('seq', '=', 2).executeTakeFirstOrThrow();
    expect(row.payload).toEqual({ step: 2, text: 'étape 2' });
    await expect(db.transaction().execute((trx) => sql`UPDATE trace_events SET action = 'x' WHERE stream = ${stream}`.execute(trx))).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyTrace(db)).ok).toBe(true);
  });

  it('catches events deleted from the end of a stream (its head is ahead)', async () => {
    const stream = await appendEvents(3);
    await inRolledBackTransaction(async (trx) => {
      await sql`ALTER TABLE trace_events DISABLE TRIGGER trace_events_append_only`.execute(trx);
      await sql`DELETE FROM trace_events WHERE stream = ${stream} AND seq = 3`.execute(trx);
      const report = await verifyTrace(trx);
      expect(report.ok).toBe(false);
      expect(report.broken).toEqual({ stream, seq: 3, reason: 'events at the end of the stream are missing' });
    });
  });

  it('refuses UPDATE and DELETE on trace_events: the trace is append-only', async () => {
    const db = await testDb();
    const stream = await appendEvents(2);
    await expect(
      db.transaction().execute((trx) => sql`UPDATE trace_events SET payload = '{}'::jsonb WHERE stream = ${stream} AND seq = 1`.execute(trx)),
    ).rejects.toThrow(/append-only/);
    await expect(db.transaction().execute((trx) => sql`DELETE FROM trace_events WHERE stream = ${stream}`.execute(trx))).rejects.toThrow(
      /append-only/,
    );
    const rows = await db.selectFrom('trace_events').select(['seq', 'payload']).where('stream', '=', stream).orderBy('seq').execute();
    expect(rows).toEqual([
      { seq: 1, payload: { step: 1, text: 'étape 1' } },
      { seq: 2, payload: { step: 2, text: 'étape 2' } },
    ]);
  });

  it('refuses UPDATE inside a savepoint, and the outer transaction carries on', async () => {
    const db = await testDb();
    const stream = await appendEvents(1);
    const after = testStream();
    await db.transaction().execute(async (trx) => {
      await sql`SAVEPOINT tamper`.execute(trx);
      await expect(sql`UPDATE trace_events SET hash = ${sha256('x')} WHERE stream = ${stream}`.execute(trx)).rejects.toThrow(/append-only/);
      await sql`ROLLBACK TO SAVEPOINT tamper`.execute(trx);
      await appendTrace(system(trx), after, 'test.after', {});
    });
    expect(await db.selectFrom('trace_events').select('seq').where('stream', '=', after).execute()).toEqual([{ seq: 1 }]);
  });
});

describe('writeCheckpoint', () => {
  it('covers the heads that moved, is idempotent, and verifyTrace counts and checks it', async () => {
    const db = await testDb();
    const before = await verifyTrace(db);
    expect(before.ok).toBe(true);
    const streams = [await appendEvents(2), await appendEvents(1)];

    const { covered, again, checkpoint } = await db.transaction().execute(async (trx) => {
      const covered = await writeCheckpoint(trx);
      const checkpoint = await trx.selectFrom('trace_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      const again = await writeCheckpoint(trx);
      return { covered, again, checkpoint };
    });

    const heads = checkpoint.heads as StreamHead[];
    const mine = heads.filter(([stream]) => streams.includes(stream));
    const events = await db.selectFrom('trace_events').select(['stream', 'seq', 'hash']).where('stream', 'in', streams).orderBy('seq', 'desc').execute();
    const headOf = (stream: string) => events.find((e) => e.stream === stream)!;
    expect(mine.sort()).toEqual(streams.map((s) => [s, headOf(s).seq, headOf(s).hash]).sort());
    expect(covered).toBe(heads.length);
    expect(covered).toBeGreaterThanOrEqual(2);
    expect(checkpoint.hash).toMatch(/^[0-9a-f]{64}$/);
    // Nothing moved in between: the second call writes nothing. On PostgreSQL other files append
    // concurrently, so there it may cover their streams, but never ours again.
    if (testEngine === 'pglite') expect(again).toBe(0);
    const later = await db.selectFrom('trace_checkpoints').select('heads').where('id', '>', checkpoint.id).execute();
    for (const cp of later) expect((cp.heads as StreamHead[]).filter(([s]) => streams.includes(s))).toEqual([]);

    const heads2 = await db.selectFrom('trace_heads').select(['stream', 'seq', 'checkpointed_seq']).where('stream', 'in', streams).execute();
    for (const h of heads2) expect(h.checkpointed_seq).toBe(h.seq);

    const after = await verifyTrace(db);
    expect(after.broken).toBeNull();
    expect(after.checkpoints).toBeGreaterThanOrEqual(before.checkpoints + 1);
  });

  it('a stream that moves again is covered by the next checkpoint, chained to the previous one', async () => {
    const db = await testDb();
    const stream = await appendEvents(1);
    await db.transaction().execute((trx) => writeCheckpoint(trx));
    await db.transaction().execute((trx) => appendTrace(system(trx), stream, 'test.step', { again: true }));
    await db.transaction().execute((trx) => writeCheckpoint(trx));
    const checkpoints = await db
      .selectFrom('trace_checkpoints')
      .selectAll()
      .where(sql<boolean>`heads @> ${JSON.stringify([[stream]])}::jsonb`)
      .orderBy('id')
      .execute();
    expect(checkpoints.map((c) => (c.heads as StreamHead[]).find(([s]) => s === stream)![1])).toEqual([1, 2]);
    const previous = await db.selectFrom('trace_checkpoints').select('hash').where('id', '<', checkpoints[1]!.id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(checkpoints[1]!.prev_hash).toBe(previous.hash);
    expect((await verifyTrace(db)).ok).toBe(true);
  });

  it('catches a chain rewritten consistently after it was checkpointed', async () => {
    const db = await testDb();
    const stream = await appendEvents(1);
    await db.transaction().execute((trx) => writeCheckpoint(trx));
    await inRolledBackTransaction(async (trx) => {
      // A forger who recomputes the whole link (payload, payload_hash, hash, head) passes checkChain,
      // but not the checkpoint that anchored the old head.
      const row = await trx.selectFrom('trace_events').selectAll().where('stream', '=', stream).executeTakeFirstOrThrow();
      const payload = { step: 1, text: 'réécrit' };
      const pHash = payloadHash(payload);
      const hash = eventHash(GENESIS_HASH, { stream, seq: 1, actorId: row.actor_id, action: row.action, recordedAt: new Date(row.recorded_at), payloadHash: pHash });
      await sql`ALTER TABLE trace_events DISABLE TRIGGER trace_events_append_only`.execute(trx);
      await sql`UPDATE trace_events SET payload = ${JSON.stringify(payload)}::jsonb, payload_hash = ${pHash}, hash = ${hash}
        WHERE stream = ${stream} AND seq = 1`.execute(trx);
      await trx.updateTable('trace_heads').set({ hash }).where('stream', '=', stream).execute();
      const report = await verifyTrace(trx);
      expect(report.ok).toBe(false);
      expect(report.broken).toMatchObject({ stream, seq: 1, reason: expect.stringMatching(/^differs from what checkpoint \d+ anchored$/) });
    });
  });

  it('refuses UPDATE on trace_checkpoints', async () => {
    const db = await testDb();
    await appendEvents(1);
    await db.transaction().execute((trx) => writeCheckpoint(trx));
    const last = await db.selectFrom('trace_checkpoints').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute((trx) => sql`UPDATE trace_checkpoints SET hash = ${sha256('x')} WHERE id = ${last.id}`.execute(trx)),
    ).rejects.toThrow(/append-only/);
  });
});
