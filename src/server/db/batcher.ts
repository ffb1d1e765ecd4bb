// Group commit for writes that arrive together: calls made while a batch is running wait and go in the next
// batch, which runs as one transaction. Sixteen relays at once then cost a few round trips and one commit
// instead of sixteen of each. Nothing waits on a timer: a call that finds the desk idle starts its batch after
// one turn of the event loop (setImmediate), so that calls already under way join it. On the embedded engine
// that turn is what lets batches form at all: its one connection runs each request's session read after the
// batch before, so without it every request found the desk idle and each batch held one write (logging:
// 472 → 1,532/s with it).

/** What a batch gives each of its calls: its value, or the error that is that call's alone. */
export type BatchOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * A function taking one item at a time and running them in batches of at most `max`, one batch at a time: two
 * at once made smaller batches and cost more CPU per item for the same throughput (measured with sixteen
 * clients relaying leads). `run` answers each item in order. When it throws, the batch's items are run again
 * one by one, so one item that breaks the transaction (a constraint, a deadlock) fails alone and the others
 * still land.
 */
export function batcher<I, O>(run: (items: I[]) => Promise<Array<BatchOutcome<O>>>, max = 64): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let running = false;

  const settle = (w: Waiting, outcome: BatchOutcome<O>) => (outcome.ok ? w.resolve(outcome.value) : w.reject(outcome.error));

  async function runAlone(w: Waiting) {
    try {
      const [outcome] = await run([w.item]);
      settle(w, outcome!);
    } catch (error) {
      w.reject(error);
    }
  }

  async function drain() {
    running = true;
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.splice(0, max);
      try {
        const outcomes = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => settle(w, outcomes[i]!));
      } catch (error) {
        // Alone, the item gets its error; in a batch, which item broke it is unknown: each runs again alone.
        if (batch.length === 1) batch[0]!.reject(error);
        else for (const w of batch) await runAlone(w);
      }
    }
    running = false;
  }

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}

/**
 * One batcher per key (a database: the app holds one, tests build many), made on first use; `run` gets the key
 * with each batch.
 */
export function batcherPer<K extends object, I, O>(run: (key: K, items: I[]) => Promise<Array<BatchOutcome<O>>>, max?: number): (key: K) => (item: I) => Promise<O> {
  const made = new WeakMap<K, (item: I) => Promise<O>>();
  return (key) => {
    let desk = made.get(key);
    if (!desk) {
      desk = batcher((items: I[]) => run(key, items), max);
      made.set(key, desk);
    }
    return desk;
  };
}

/**
 * The outcomes of a batch with each accepted value replaced by what one read gives for all of them, in order:
 * a batch answers its callers with what it wrote, read in its own transaction. Refusals pass through.
 */
export async function readBack<O, R>(
  outcomes: Array<BatchOutcome<O>>,
  read: (accepted: Array<{ index: number; value: O }>) => Promise<R[]>,
): Promise<Array<BatchOutcome<R>>> {
  const accepted = outcomes.flatMap((o, index) => (o.ok ? [{ index, value: o.value }] : []));
  const values = await read(accepted);
  const byIndex = new Map(accepted.map(({ index }, i) => [index, values[i]!]));
  return outcomes.map((o, index) => (o.ok ? { ok: true, value: byIndex.get(index)! } : o));
}
