/**
 * How independent writers (separate processes, no shared lock) wait before re-applying a change
 * another writer undid: a random wait (full jitter) whose bound doubles per attempt, so writers
 * that collided once do not collide again in lock-step.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import { realSleep, type Sleep } from '../internal/sleep.js';

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

/** The longest wait a timer can hold (2^31 - 1 ms); a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

const milliseconds = (name: string, value: unknown): E.Either<SdkError, void> =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TIMER_MS
    ? E.right(undefined)
    : E.left(
        invalidOption(
          name,
          `${String(value)} is not a number of milliseconds; pass 0 to ${MAX_TIMER_MS}, such as 4000`,
        ),
      );

const fn = (name: string, value: unknown): E.Either<SdkError, void> =>
  value === undefined || typeof value === 'function'
    ? E.right(undefined)
    : E.left(invalidOption(name, 'pass a function, or leave it out for the default'));

/** Check the convergence options before any request and fill in the defaults. */
export const checkConvergence = (options: ConvergenceOptions): E.Either<SdkError, Convergence> => {
  const backoff: unknown = options.writeBackoff;
  if (backoff !== undefined && (typeof backoff !== 'object' || backoff === null)) {
    return E.left(invalidOption('writeBackoff', 'pass { baseMs, capMs } in milliseconds'));
  }
  const { baseMs = WRITE_BACKOFF_DEFAULTS.baseMs, capMs = WRITE_BACKOFF_DEFAULTS.capMs } =
    options.writeBackoff ?? {};
  return pipe(
    E.Do,
    E.apS('base', milliseconds('writeBackoff.baseMs', baseMs)),
    E.apS('cap', milliseconds('writeBackoff.capMs', capMs)),
    E.apS('random', fn('random', options.random)),
    E.apS('sleep', fn('sleep', options.sleep)),
    E.apS('now', fn('now', options.now)),
    E.map(() => ({
      backoff: { baseMs, capMs },
      random: options.random ?? Math.random,
      sleep: options.sleep ?? realSleep,
      now: options.now ?? (() => performance.now()),
    })),
  );
};

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
