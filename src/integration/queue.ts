/**
 * One queue per app. Changes submitted while a batch is in flight wait together and run as the
 * next single batch; each submitter gets its own result. Changes submitted in the same tick
 * start together too, so `Promise.all(names.map(addDomain))` makes one write, not fifty.
 */
import * as E from 'fp-ts/lib/Either.js';
import { abortedError, queueError, type SdkError } from '../errors/index.js';

interface Pending<M, R> {
  readonly item: M;
  readonly resolve: (result: E.Either<SdkError, R>) => void;
  readonly signal?: AbortSignal;
  /** Stop the queue's own abort listener: once batched, the runner decides what an abort means. */
  readonly detach: () => void;
}

/** What the runner may do with the members of its batch besides returning their results. */
export interface BatchControl<R> {
  /** Each member's signal, by index (`undefined` when its submitter passed none). */
  readonly signals: readonly (AbortSignal | undefined)[];
  /** Answer member `index` now (it was aborted, say); the runner's later result for it is dropped. */
  settle(index: number, result: E.Either<SdkError, R>): void;
}

/**
 * Runs a batch and returns one result per item, in order. It must not throw; if it does, every
 * item of the batch still waiting fails with a `QueueError`.
 */
export type BatchRunner<M, R> = (
  items: readonly M[],
  control: BatchControl<R>,
) => Promise<readonly E.Either<SdkError, R>[]>;

export interface ChangeQueue<M, R> {
  /** Queue an item; resolves when the batch it rode in is done (or the runner settles it early). */
  submit(item: M, signal?: AbortSignal): Promise<E.Either<SdkError, R>>;
  /** Items waiting for the next batch. */
  readonly pending: number;
  /** Whether a batch is running. */
  readonly busy: boolean;
  /** Resolves when the queue is idle. */
  idle(): Promise<void>;
}

export interface QueueOptions {
  /**
   * How the queue defers the start of a batch so same-tick submissions join it.
   * @default setImmediate
   * @example { defer: (run) => queueMicrotask(run) }
   */
  readonly defer?: (run: () => void) => void;
}

export const createChangeQueue = <M, R>(
  run: BatchRunner<M, R>,
  options: QueueOptions = {},
): ChangeQueue<M, R> => {
  const defer = options.defer ?? ((fn: () => void) => void setImmediate(fn));
  let waiting: Pending<M, R>[] = [];
  let busy = false;
  let scheduled = false;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = (): void => {
    if (busy || scheduled || waiting.length > 0) return;
    const list = idleWaiters;
    idleWaiters = [];
    for (const fn of list) fn();
  };

  const runBatch = async (batch: readonly Pending<M, R>[]): Promise<void> => {
    const control: BatchControl<R> = {
      signals: batch.map((p) => p.signal),
      // A promise settles once: the batch's later result for this member is dropped.
      settle: (index, result) => batch[index]?.resolve(result),
    };
    let results: readonly E.Either<SdkError, R>[];
    try {
      results = await run(
        batch.map((p) => p.item),
        control,
      );
    } catch (thrown) {
      results = batch.map(() => E.left(queueError('the batch runner threw', thrown)));
    }
    batch.forEach((p, i) => {
      p.resolve(results[i] ?? E.left(queueError('the batch returned no result for this change')));
    });
  };

  const drain = async (): Promise<void> => {
    scheduled = false;
    busy = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.filter((p) => p.signal?.aborted !== true);
        for (const p of waiting) {
          p.detach();
          if (p.signal?.aborted === true) p.resolve(E.left(abortedError('before the change was applied')));
        }
        waiting = [];
        if (batch.length > 0) await runBatch(batch);
      }
    } finally {
      busy = false;
      settleIdle();
    }
  };

  const schedule = (): void => {
    if (busy || scheduled) return;
    scheduled = true;
    defer(() => void drain());
  };

  return {
    submit: (item, signal) =>
      new Promise((resolve) => {
        if (signal?.aborted === true) {
          resolve(E.left(abortedError('before the change was queued')));
          return;
        }
        if (signal === undefined) {
          waiting.push({ item, resolve, detach: () => {} });
          schedule();
          return;
        }
        // An abort while waiting (even behind a slow batch in flight) leaves the queue at once.
        const onAbort = (): void => {
          const index = waiting.indexOf(entry);
          if (index < 0) return;
          waiting.splice(index, 1);
          resolve(E.left(abortedError('before the change was applied')));
          settleIdle();
        };
        const entry: Pending<M, R> = {
          item,
          resolve,
          signal,
          detach: () => signal.removeEventListener('abort', onAbort),
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.push(entry);
        schedule();
      }),
    get pending() {
      return waiting.length;
    },
    get busy() {
      return busy;
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
  };
};
