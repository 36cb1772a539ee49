/**
 * When to retry and how long to wait: pure functions of the failed attempt, with the clock and
 * the random source passed in, so every branch is testable without timers.
 */

/** Statuses worth another attempt: the request may succeed unchanged a little later. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Statuses that say the server did not act on the request, so even a create (not idempotent)
 * can be sent again without risking a duplicate.
 */
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([408, 429, 503]);

/** Network failures that happen before a request leaves this machine: safe to resend anything. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** How one attempt failed, as far as retrying is concerned. */
export type FailedAttempt =
  | { readonly _tag: 'status'; readonly status: number }
  | { readonly _tag: 'network'; readonly code?: string };

/** How an attempt failed: with the status of its answer, or else on the network. */
export const failedAttempt = (status: number | undefined, code: string | undefined): FailedAttempt =>
  status !== undefined
    ? { _tag: 'status', status }
    : code === undefined
      ? { _tag: 'network' }
      : { _tag: 'network', code };

/**
 * When a request may be sent again as it was:
 * - `'always'`: sending it twice is the same as once (reads, deletions, setting a value);
 * - `'if-not-processed'`: creates, which must not be sent twice once the server may have acted;
 * - `'if-never-sent'`: whole-list writes, resent only when the request provably never left this
 *   machine. Any answer, even a 429 or a 503, may come after the list landed, and resending the
 *   list planned before it would erase whatever another writer added in between: the integration
 *   reads back and plans again instead.
 */
export type Resend = 'always' | 'if-not-processed' | 'if-never-sent';

/**
 * Whether a failed attempt may be retried. `true` and `false` are the older spellings of
 * `'always'` and `'if-not-processed'`.
 */
export const isRetryable = (failure: FailedAttempt, resend: Resend | boolean): boolean => {
  const rule: Resend = resend === true ? 'always' : resend === false ? 'if-not-processed' : resend;
  if (failure._tag === 'network') {
    return rule === 'always' || (failure.code !== undefined && NOT_SENT_CODES.has(failure.code));
  }
  if (rule === 'always') return RETRYABLE_STATUSES.has(failure.status);
  return rule === 'if-not-processed' && NOT_PROCESSED_STATUSES.has(failure.status);
};

/**
 * Parse a `Retry-After` header: delta-seconds (`"2"`) or an HTTP date. Returns milliseconds from
 * `nowMs`, never negative; `undefined` when absent or unreadable.
 */
export const parseRetryAfter = (header: string | null | undefined, nowMs: number): number | undefined => {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // Every HTTP date format starts with a day name; without this, Date.parse('-3') is a year.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
};

/** What `computeRetryDelay` decides from: the attempt, `Retry-After`, the base and cap, and a random source. */
export interface RetryDelayInput {
  /** The 1-based number of the attempt that just failed. */
  readonly attempt: number;
  /** What the server asked for through `Retry-After`, if anything. */
  readonly retryAfterMs?: number | undefined;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A source of numbers in [0, 1). */
  readonly random: () => number;
}

/** Wait this long, or give up because the server asked for longer than the cap allows. */
export type RetryDelay =
  | { readonly _tag: 'wait'; readonly ms: number }
  | { readonly _tag: 'give-up'; readonly retryAfterMs: number };

/**
 * The wait before the next attempt. A `Retry-After` is obeyed exactly; one longer than
 * `maxDelayMs` ends the retries (resending early would only be refused again), and the caller
 * learns the server's wait through `HttpError.retryAfterMs`. Without one: exponential backoff
 * from `baseDelayMs`, capped, with "equal jitter" (half fixed, half random) so that clients
 * failing together do not retry together.
 */
export const computeRetryDelay = (input: RetryDelayInput): RetryDelay => {
  if (input.retryAfterMs !== undefined) {
    return input.retryAfterMs > input.maxDelayMs
      ? { _tag: 'give-up', retryAfterMs: input.retryAfterMs }
      : { _tag: 'wait', ms: input.retryAfterMs };
  }
  const exponential = Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** Math.max(0, input.attempt - 1));
  const random = Math.min(Math.max(input.random(), 0), 1);
  return { _tag: 'wait', ms: Math.round(exponential / 2 + (random * exponential) / 2) };
};
