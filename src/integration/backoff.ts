/**
 * How independent writers (separate processes, no shared lock) wait before re-applying a change
 * another writer undid: a random wait (full jitter) whose bound doubles per attempt, so writers
 * that collided once do not collide again in lock-step.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SdkError } from '../errors/index.js';
import { realSleep, type Sleep } from '../internal/sleep.js';
import { durationMs, fn, struct, withDefault } from '../internal/validate.js';

/** The bounds of the wait between convergence attempts, in milliseconds. */
export interface WriteBackoff {
  /**
   * The bound of the first wait; each later one doubles it.
   * @default 4_000
   * @example { baseMs: 500 }
   */
  readonly baseMs?: number;
  /**
   * The largest bound a wait can have.
   * @default 8_000
   * @example { capMs: 30_000 }
   */
  readonly capMs?: number;
}

/** Options of the convergence loop, part of the integration's options. */
export interface ConvergenceOptions {
  /**
   * The wait before re-reading and re-applying a change another writer undid: a random time below
   * `baseMs` after the first collision, below twice that after the second, and so on up to `capMs`.
   * @default { baseMs: 4_000, capMs: 8_000 }
   * @example { writeBackoff: { baseMs: 250, capMs: 2_000 } } // a fast private API
   */
  readonly writeBackoff?: WriteBackoff;
  /**
   * Random numbers in [0, 1) for the jitter of that wait.
   * @default Math.random
   * @example { random: () => 0.5 }
   */
  readonly random?: () => number;
  /**
   * How the integration waits between convergence attempts. Inject a fake for fast deterministic tests.
   * @default a `setTimeout` wait that ends early when every caller of the batch has aborted
   * @example { sleep: async (ms) => { waits.push(ms); } }
   */
  readonly sleep?: Sleep;
  /**
   * The clock, in milliseconds, that times a read and its write: a read-back waits at least that
   * long after the write, so writers in flight when it landed have landed too.
   * @default performance.now
   * @example { now: () => fakeClock.now }
   */
  readonly now?: () => number;
}

/** Defaults of {@link WriteBackoff}. */
export const WRITE_BACKOFF_DEFAULTS = { baseMs: 4_000, capMs: 8_000 } as const;

/** The convergence options with every default filled in. */
export interface Convergence {
  readonly backoff: { readonly baseMs: number; readonly capMs: number };
  readonly random: () => number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/** Each wait feeds a timer: past 2^31 - 1 ms it would fire at once. */
const checkConvergenceOptions = struct(
  {
    writeBackoff: struct(
      {
        baseMs: withDefault(durationMs({ min: 0, example: 4_000 }), WRITE_BACKOFF_DEFAULTS.baseMs),
        capMs: withDefault(durationMs({ min: 0, example: 8_000 }), WRITE_BACKOFF_DEFAULTS.capMs),
      },
      '{ baseMs: 4000, capMs: 8000 }',
    ),
    random: withDefault(fn<() => number>('() => 0.5'), Math.random),
    sleep: withDefault(fn<Sleep>('async (ms) => {}'), realSleep),
    now: withDefault(fn<() => number>('() => performance.now()'), () => performance.now()),
  },
  '{ writeBackoff: { baseMs: 4000 } }',
);

/** Check the convergence options before any request and fill in the defaults. */
export const checkConvergence = (options: ConvergenceOptions): E.Either<SdkError, Convergence> =>
  pipe(
    checkConvergenceOptions('', options),
    E.map(({ writeBackoff, random, sleep, now }) => ({ backoff: writeBackoff, random, sleep, now })),
  );

/**
 * The jittered wait before the `retry`-th re-application (1 for the first): uniform below
 * `min(capMs, baseMs * 2^(retry - 1))`. A random source that strays outside [0, 1) is clamped.
 *
 * @example
 * backoffDelay(3, { baseMs: 4_000, capMs: 8_000 }, () => 0.5) // 4_000: half of min(8_000, 4_000 * 4)
 */
export const backoffDelay = (
  retry: number,
  backoff: { readonly baseMs: number; readonly capMs: number },
  random: () => number,
): number => {
  const bound = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.round(unit * bound);
};
