import { describe, expect, it } from 'vitest';
import { batcher, readBack, type BatchOutcome } from './batcher.ts';

/** A run that records its batches and answers each item doubled, or refuses negative ones alone. */
function recorder(options: { failWhole?: (items: number[]) => boolean } = {}) {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  let held: Promise<void> | null = null;
  const run = async (items: number[]): Promise<Array<BatchOutcome<number>>> => {
    batches.push(items);
    if (held) await held;
    if (options.failWhole?.(items)) throw new Error(`batch ${items.join(',')} broke`);
    return items.map((n) => (n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 2 }));
  };
  return {
    batches,
    run,
    /** Makes the next runs wait until released: calls made meanwhile queue up. */
    hold() {
      held = new Promise<void>((r) => (release = r));
    },
    release() {
      held = null;
      release?.();
    },
  };
}

/** One turn of the event loop: a desk found idle has started its batch after it. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batcher', () => {
  it('runs a lone call at once, as a batch of one', async () => {
    const r = recorder();
    const submit = batcher(r.run);
    await expect(submit(1)).resolves.toBe(2);
    await expect(submit(2)).resolves.toBe(4);
    expect(r.batches).toEqual([[1], [2]]);
  });

  it('gathers the calls made while a batch runs into the next batch, in order', async () => {
    const r = recorder();
    const submit = batcher(r.run);
    r.hold();
    const first = submit(1);
    await nextTurn();
    const others = [2, 3, 4].map((n) => submit(n));
    r.release();
    await expect(first).resolves.toBe(2);
    await expect(Promise.all(others)).resolves.toEqual([4, 6, 8]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('puts the calls made in the same turn as the first in its batch: they were under way when it started', async () => {
    const r = recorder();
    const submit = batcher(r.run);
    const all = [1, 2, 3].map((n) => submit(n));
    await expect(Promise.all(all)).resolves.toEqual([2, 4, 6]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('never puts more than max items in a batch', async () => {
    const r = recorder();
    const submit = batcher(r.run, 2);
    r.hold();
    const all = [1, 2, 3, 4, 5, 6].map((n) => submit(n));
    r.release();
    await expect(Promise.all(all)).resolves.toEqual([2, 4, 6, 8, 10, 12]);
    expect(r.batches).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('gives a refused item its own error and the others their values', async () => {
    const r = recorder();
    const submit = batcher(r.run);
    r.hold();
    const first = submit(1);
    await nextTurn();
    const [a, b, c] = [5, -1, 7].map((n) => submit(n).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
    r.release();
    await first;
    expect(await Promise.all([a, b, c])).toEqual([{ v: 10 }, { e: 'refused -1' }, { v: 14 }]);
    expect(r.batches).toEqual([[1], [5, -1, 7]]);
  });

  it('runs each item of a batch that breaks again alone: only the one that breaks fails', async () => {
    // 13 breaks any batch it is in, alone too.
    const r = recorder({ failWhole: (items) => items.includes(13) });
    const submit = batcher(r.run);
    r.hold();
    const first = submit(1);
    await nextTurn();
    const rest = [2, 13, 4].map((n) => submit(n).then((v) => ({ v }), (e: Error) => ({ e: e.message })));
    r.release();
    await first;
    expect(await Promise.all(rest)).toEqual([{ v: 4 }, { e: 'batch 13 broke' }, { v: 8 }]);
    expect(r.batches).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
  });

  it('keeps serving after a failure: the desk is idle again, not stuck', async () => {
    const r = recorder({ failWhole: (items) => items.includes(13) });
    const submit = batcher(r.run);
    await expect(submit(13)).rejects.toThrow('batch 13 broke');
    await expect(submit(3)).resolves.toBe(6);
  });
});

describe('readBack', () => {
  it('answers each accepted outcome with what one read gives for all of them, in order; refusals pass through', async () => {
    const refused = new Error('refused');
    const outcomes: Array<BatchOutcome<string>> = [
      { ok: true, value: 'a' },
      { ok: false, error: refused },
      { ok: true, value: 'b' },
      { ok: true, value: 'c' },
    ];
    const reads: Array<Array<{ index: number; value: string }>> = [];
    const answered = await readBack(outcomes, async (accepted) => {
      reads.push(accepted);
      return accepted.map(({ value, index }) => `${value.toUpperCase()}${index}`);
    });
    expect(reads).toEqual([[{ index: 0, value: 'a' }, { index: 2, value: 'b' }, { index: 3, value: 'c' }]]);
    expect(answered).toEqual([{ ok: true, value: 'A0' }, { ok: false, error: refused }, { ok: true, value: 'B2' }, { ok: true, value: 'C3' }]);
  });
});
