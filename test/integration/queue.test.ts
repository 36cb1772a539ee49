import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createChangeQueue } from '../../src/integration/queue.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createChangeQueue', () => {
  it('runs items submitted in the same tick as one batch, each getting its own result', async () => {
    const batches: number[][] = [];
    const queue = createChangeQueue<number, number>(async (items) => {
      batches.push([...items]);
      return items.map((i) => E.right(i * 10));
    });
    const results = await Promise.all([1, 2, 3].map((i) => queue.submit(i)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual([E.right(10), E.right(20), E.right(30)]);
  });

  it('coalesces items submitted while a batch is in flight into the next single batch', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const queue = createChangeQueue<number, number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate.promise;
      return items.map((i) => E.right(i));
    });
    const first = queue.submit(1);
    await new Promise((r) => setImmediate(r));
    expect(queue.busy).toBe(true);
    const later = [2, 3, 4].map((i) => queue.submit(i));
    expect(queue.pending).toBe(3);
    gate.resolve();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails an item aborted while waiting, and leaves it out of the batch', async () => {
    const batches: string[][] = [];
    const queue = createChangeQueue<string, string>(async (items) => {
      batches.push([...items]);
      return items.map((i) => E.right(i));
    });
    const controller = new AbortController();
    const aborted = queue.submit('a', controller.signal);
    const kept = queue.submit('b');
    controller.abort();
    expect(await aborted).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
    expect(await kept).toEqual(E.right('b'));
    expect(batches).toEqual([['b']]);
  });

  it('fails an item aborted behind a slow batch at once, without waiting for that batch', async () => {
    const batches: string[][] = [];
    const gate = deferred();
    const queue = createChangeQueue<string, string>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate.promise;
      return items.map((i) => E.right(i));
    });
    const first = queue.submit('slow');
    await new Promise((r) => setImmediate(r));
    const controller = new AbortController();
    const aborted = queue.submit('queued', controller.signal);
    const kept = queue.submit('kept');
    controller.abort();
    // Resolved while the first batch is still held at the gate.
    expect(await aborted).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
    expect(queue.pending).toBe(1);
    gate.resolve();
    expect(await first).toEqual(E.right('slow'));
    expect(await kept).toEqual(E.right('kept'));
    expect(batches).toEqual([['slow'], ['kept']]);
  });

  it('lets an item batched before its signal fires run to its result', async () => {
    const gate = deferred();
    const queue = createChangeQueue<string, string>(async (items) => {
      await gate.promise;
      return items.map((i) => E.right(i));
    });
    const controller = new AbortController();
    const inFlight = queue.submit('sent', controller.signal);
    await new Promise((r) => setImmediate(r));
    controller.abort();
    gate.resolve();
    expect(await inFlight).toEqual(E.right('sent'));
  });

  it('fails every item of a batch whose runner throws with a QueueError, and keeps serving later items', async () => {
    let calls = 0;
    const queue = createChangeQueue<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return items.map((i) => E.right(i));
    });
    const [a, b] = await Promise.all([queue.submit(1), queue.submit(2)]);
    for (const result of [a, b]) {
      expect(E.isLeft(result) && result.left).toEqual({
        _tag: 'QueueError',
        reason: 'the batch runner threw',
        cause: { name: 'Error', message: 'boom' },
      });
    }
    expect(await queue.submit(3)).toEqual(E.right(3));
    await queue.idle();
    expect(queue.busy).toBe(false);
  });

  it('fails an item the runner returned no result for with a QueueError, not an AbortedError', async () => {
    const queue = createChangeQueue<number, number>(async (items) => items.slice(1).map((i) => E.right(i)));
    const [first, second] = await Promise.all([queue.submit(1), queue.submit(2)]);
    expect(first).toEqual(E.right(2));
    expect(E.isLeft(second) && second.left).toEqual({
      _tag: 'QueueError',
      reason: 'the batch returned no result for this change',
    });
  });

  it('hands the runner each member signal and lets it answer one member before the batch ends', async () => {
    const gate = deferred();
    const seen: (AbortSignal | undefined)[] = [];
    const queue = createChangeQueue<string, string>(async (items, control) => {
      seen.push(...control.signals);
      control.settle(0, E.right('early'));
      await gate.promise;
      return items.map((i) => E.right(`late ${i}`));
    });
    const controller = new AbortController();
    const first = queue.submit('a', controller.signal);
    const second = queue.submit('b');
    expect(await first).toEqual(E.right('early'));
    expect(seen).toEqual([controller.signal, undefined]);
    gate.resolve();
    expect(await second).toEqual(E.right('late b'));
  });
});
