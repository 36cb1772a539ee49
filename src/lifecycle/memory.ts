/**
 * The embedded scheduler: in-process timers and a `Map`. One process, state gone on exit; the
 * default of `createDomainLifecycle` and `createServerPilotIntegration({ lifecycle: 'memory' })`.
 */
import { setMaxListeners } from 'node:events';
import { invalidOption } from '../errors/index.js';
import { count, fail, orThrow, withDefault } from '../internal/validate.js';
import type { LifecycleScheduler, LifecycleStore, TrackedDomain, TryHandler, TryTicket } from './types.js';

/** Options of {@link createMemoryScheduler}. Clock and timers are injectable so tests run in virtual time. */
export interface MemorySchedulerOptions {
  /**
   * Tries run at the same time; the others wait their turn.
   * @default 8
   * @example { concurrency: 32 }
   */
  readonly concurrency?: number;
  /**
   * The clock, in epoch milliseconds.
   * @default Date.now
   * @example { now: () => virtualNow }
   */
  readonly now?: () => number;
  /**
   * Starts a timer that calls `run` after `ms`; returns a handle for `clearTimer`.
   * @default setTimeout
   * @example { setTimer: (run, ms) => fakeTimers.add(run, ms), clearTimer: (h) => fakeTimers.remove(h) }
   */
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  /**
   * Cancels a timer `setTimer` started.
   * @default clearTimeout
   * @example { clearTimer: (handle) => fakeTimers.remove(handle) }
   */
  readonly clearTimer?: (handle: unknown) => void;
}

/** The longest wait `setTimeout` holds (2^31 - 1 ms); a longer one would fire after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

const keyOf = (t: TryTicket): string => `${t.domain}\n${t.run}\n${t.seq}`;

/** A `Map` with compare-and-swap, copying records in and out so callers never share them. */
export const createMemoryStore = (): LifecycleStore => {
  const records = new Map<string, TrackedDomain>();
  const copy = (r: TrackedDomain): TrackedDomain => structuredClone(r);
  return {
    get: async (domain) => {
      const r = records.get(domain);
      return r === undefined ? undefined : copy(r);
    },
    list: async () => [...records.values()].map(copy),
    swap: async (next, expectedRev) => {
      if (records.get(next.status.domain)?.rev !== expectedRev) return false;
      records.set(next.status.domain, copy(next));
      return true;
    },
    remove: async (domain) => {
      records.delete(domain);
    },
  };
};

/**
 * The in-process scheduler. Each ticket gets one timer; due tries run at most `concurrency` at a
 * time; `close()` clears the timers, aborts the tries in flight and waits for them.
 *
 * @example
 * const lifecycle = createDomainLifecycle({ integration, scheduler: createMemoryScheduler({ concurrency: 16 }) });
 */
export const createMemoryScheduler = (options: MemorySchedulerOptions = {}): LifecycleScheduler => {
  const concurrency = orThrow(
    withDefault(count({ min: 1, example: 8 }), 8)('concurrency', options.concurrency),
  );
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const store = createMemoryStore();
  const timers = new Map<string, unknown>();
  const due: TryTicket[] = [];
  const running = new Map<string, Promise<void>>();
  const controller = new AbortController();
  // Every try in flight (its DNS queries and its handshake) listens on it: by design, not a leak.
  setMaxListeners(0, controller.signal);
  let handler: TryHandler | undefined;
  let closed = false;

  const pump = (): void => {
    while (!closed && handler !== undefined && running.size < concurrency) {
      const ticket = due.shift();
      if (ticket === undefined) return;
      const key = keyOf(ticket);
      const run = handler;
      // A handler that rejects leaves the name where its store says; there is no other process to retry it.
      const done = Promise.resolve()
        .then(() => run(ticket, controller.signal))
        .catch(() => undefined)
        .finally(() => {
          running.delete(key);
          pump();
        });
      running.set(key, done);
    }
  };

  return {
    store,
    now,
    start: (h) => {
      if (handler !== undefined) {
        fail(
          invalidOption('scheduler', 'this scheduler already serves a lifecycle; create one per lifecycle'),
        );
      }
      handler = h;
      pump();
    },
    schedule: async (ticket, at) => {
      const key = keyOf(ticket);
      if (closed || timers.has(key) || running.has(key) || due.some((t) => keyOf(t) === key)) return;
      // A timer longer than 2^31 - 1 ms fires at once: wait that long at most, then look again.
      const arm = (): void => {
        const wait = Math.max(0, at - now());
        const handle = setTimer(
          () => {
            if (closed) return;
            if (wait > MAX_TIMER_MS) return arm();
            timers.delete(key);
            due.push(ticket);
            pump();
          },
          Math.min(wait, MAX_TIMER_MS),
        );
        timers.set(key, handle);
      };
      arm();
    },
    cancel: async (ticket) => {
      const key = keyOf(ticket);
      if (timers.has(key)) {
        clearTimer(timers.get(key));
        timers.delete(key);
      }
      const index = due.findIndex((t) => keyOf(t) === key);
      if (index >= 0) due.splice(index, 1);
    },
    close: async () => {
      closed = true;
      for (const handle of timers.values()) clearTimer(handle);
      timers.clear();
      due.length = 0;
      controller.abort();
      await Promise.all(running.values());
    },
  };
};
