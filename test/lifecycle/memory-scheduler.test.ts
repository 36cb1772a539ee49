/**
 * The in-memory scheduler's own contract, with virtual timers: one run per ticket, at most
 * `concurrency` at once, a store with compare-and-swap, and a `close` that aborts and waits.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryScheduler, createMemoryStore, type TryTicket } from '../../src/lifecycle/index.js';
import { virtualTime } from './virtual-time.js';

const ticket = (seq: number, domain = 'a.example.test'): TryTicket => ({ domain, run: 'r1', seq });

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createMemoryScheduler', () => {
  it('runs a ticket once however often it is scheduled, when its time comes', async () => {
    const clock = virtualTime();
    const scheduler = createMemoryScheduler(clock);
    const ran: number[] = [];
    const done = deferred();
    scheduler.start(async (t) => {
      ran.push(t.seq);
      done.resolve();
    });
    await scheduler.schedule(ticket(1), clock.now() + 5_000);
    await scheduler.schedule(ticket(1), clock.now() + 1);
    expect(clock.pending()).toBe(1);
    expect(await clock.fireNext()).toBe(clock.now());
    await done.promise;
    expect(ran).toEqual([1]);
    expect(clock.delays).toEqual([5_000]);
    await scheduler.close();
  });

  it('waits a try due further out than a timer can hold in steps of 2^31 - 1 ms, instead of running it at once', async () => {
    const clock = virtualTime();
    const scheduler = createMemoryScheduler(clock);
    const ran: number[] = [];
    const done = deferred();
    scheduler.start(async () => {
      ran.push(clock.now());
      done.resolve();
    });
    const max = 2_147_483_647;
    const at = clock.now() + 2 * max + 1_000;
    await scheduler.schedule(ticket(1), at);
    await clock.fireNext();
    await clock.fireNext();
    expect(ran).toEqual([]);
    expect(clock.pending()).toBe(1);
    await clock.fireNext();
    await done.promise;
    expect(ran).toEqual([at]);
    expect(clock.delays).toEqual([max, max, 1_000]);
    await scheduler.close();
  });

  it('runs at most `concurrency` tries at once and the rest as slots free up', async () => {
    const scheduler = createMemoryScheduler({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 7 }, deferred);
    const finished = deferred();
    let count = 0;
    scheduler.start(async (t) => {
      running++;
      peak = Math.max(peak, running);
      await gates[t.seq - 1]?.promise;
      running--;
      if (++count === 7) finished.resolve();
    });
    for (let seq = 1; seq <= 7; seq++) await scheduler.schedule(ticket(seq, `n${seq}.example.test`), 0);
    for (const gate of gates) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      gate.resolve();
    }
    await finished.promise;
    expect(peak).toBe(3);
    await scheduler.close();
  });

  it('aborts the tries in flight on close, waits for them, and runs nothing after', async () => {
    const clock = virtualTime();
    const scheduler = createMemoryScheduler(clock);
    const started = deferred();
    let sawAbort = false;
    scheduler.start(async (_t, signal) => {
      started.resolve();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      sawAbort = signal.aborted;
    });
    await scheduler.schedule(ticket(1), clock.now());
    await scheduler.schedule(ticket(2), clock.now() + 60_000);
    void clock.fireNext();
    await started.promise;
    await scheduler.close();
    expect(sawAbort).toBe(true);
    expect(clock.pending()).toBe(0);
    await scheduler.schedule(ticket(3), clock.now());
    expect(clock.pending()).toBe(0);
  });

  it('refuses a second lifecycle on one scheduler', () => {
    const scheduler = createMemoryScheduler();
    scheduler.start(async () => undefined);
    expect(() => scheduler.start(async () => undefined)).toThrow(/already serves a lifecycle/);
  });
});

describe('createMemoryStore', () => {
  it('swaps only from the revision the caller read, and hands out copies', async () => {
    const store = createMemoryStore();
    const status = {
      domain: 'a.example.test',
      stage: 'checking-dns' as const,
      attempts: { dns: 0, ssl: 0 },
      updatedAt: 'x',
    };
    expect(await store.swap({ status, run: 'r', seq: 1, rev: 1 }, undefined)).toBe(true);
    expect(await store.swap({ status, run: 'r2', seq: 1, rev: 1 }, undefined)).toBe(false);
    expect(await store.swap({ status, run: 'r', seq: 2, rev: 2 }, 7)).toBe(false);
    expect(await store.swap({ status, run: 'r', seq: 2, rev: 2 }, 1)).toBe(true);
    const read = await store.get('a.example.test');
    (read?.status.attempts as { dns: number }).dns = 99;
    expect((await store.get('a.example.test'))?.status.attempts.dns).toBe(0);
    await store.remove('a.example.test');
    expect(await store.list()).toEqual([]);
  });
});
