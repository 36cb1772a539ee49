/**
 * Client and per-request options, their defaults, and their validation: a bad option is a typed
 * `InvalidOption` that says what to pass instead, before any request is made.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import {
  baseUrl,
  byteSize,
  count,
  durationMs,
  type Rule,
  struct,
  withDefault,
} from '../internal/validate.js';

/** ServerPilot API v1. */
export const DEFAULT_BASE_URL = 'https://api.serverpilot.io/v1';

/** Defaults for every option that has one. */
export const CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  retryLimit: 2,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  maxResponseBytes: 10 * 1024 * 1024,
} as const;

/** Retry tuning. Retries happen on 408, 429, 500, 502, 503, 504 and network errors, never on other 4xx. */
export interface RetryOptions {
  /**
   * Retries after the first attempt; `0` turns retrying off.
   * @default 2
   * @example { limit: 5 }
   */
  readonly limit?: number | undefined;
  /**
   * The longest single wait. A `Retry-After` longer than this ends the retries, and the
   * `HttpError` carries the server's wait in `retryAfterMs`.
   * @default 30000
   * @example { maxDelayMs: 5_000 }
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * The first backoff step when the server gives no `Retry-After`; it doubles per attempt
   * (with jitter) up to `maxDelayMs`.
   * @default 500
   * @example { baseDelayMs: 250 }
   */
  readonly baseDelayMs?: number | undefined;
}

/** Passed to `onRequest` before every HTTP attempt, retries included. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
}

/** The last argument of every client method. */
export interface RequestOptions {
  /**
   * Cancels the request and any retry wait; the result is an `AbortedError`.
   * @default none: the call runs to its end
   * @example { signal: AbortSignal.timeout(60_000) }
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Time limit of each attempt (response headers and body), in milliseconds.
   * @default the client's `timeoutMs` (30000)
   * @example { timeoutMs: 5_000 }
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Overrides the client's retry options for this call.
   * @default the client's `retry`
   * @example { retry: { limit: 0 } }
   */
  readonly retry?: RetryOptions | undefined;
  /**
   * Called before every HTTP attempt, retries included: for logging and request counting. One
   * that throws ends the call with a `CallbackError` (`request.onRequest`).
   * @default none
   * @example { onRequest: ({ method, url, attempt }) => log.debug(method, url, attempt) }
   */
  readonly onRequest?: ((info: RequestInfo) => void) | undefined;
}

/** Options of {@link createServerPilotClient}. */
export interface ClientOptions {
  /**
   * Your ServerPilot Client ID (the Basic auth user name).
   * @example { clientId: process.env.SERVERPILOT_CLIENT_ID }
   */
  readonly clientId: string;
  /**
   * Your ServerPilot API key (the Basic auth password). It is never printed: not in errors,
   * `util.inspect`, nor `JSON.stringify` of the client.
   * @example { apiKey: process.env.SERVERPILOT_API_KEY }
   */
  readonly apiKey: string;
  /**
   * The API's base URL, for proxies and simulators. Must not contain credentials.
   * @default 'https://api.serverpilot.io/v1'
   * @example { baseUrl: 'http://127.0.0.1:8080/v1' }
   */
  readonly baseUrl?: string | undefined;
  /**
   * Time limit of each attempt, in milliseconds.
   * @default 30000
   * @example { timeoutMs: 10_000 }
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The largest answer the client reads, in bytes, counted both as sent (`Content-Length`, the
   * compressed size) and as decoded while it streams in. A larger answer is a
   * `ResponseTooLarge` error, and reading stops at the limit: a small gzip bomb never inflates
   * past it. ServerPilot's answers are a few kilobytes; the cap is for a wrong base URL or a
   * misbehaving proxy.
   * @default 10485760 (10 MB)
   * @example { maxResponseBytes: 1024 * 1024 }
   */
  readonly maxResponseBytes?: number | undefined;
  /**
   * Retry tuning for every call; each call may override it.
   * @default { limit: 2, baseDelayMs: 500, maxDelayMs: 30000 }
   * @example { retry: { limit: 4, maxDelayMs: 10_000 } }
   */
  readonly retry?: RetryOptions | undefined;
  /**
   * How requests go out. `'fetch'`: ky over `fetch` (the global one, or the `fetch` option).
   * `'node'`: Node's own `http`/`https` modules, a new connection per request. Both behave alike
   * (retries, timeouts, the size cap, redirects refused, the same error tags; a `NetworkError`'s
   * `cause` is each stack's own, such as `ECONNRESET` or `UND_ERR_SOCKET`); `'node'` is for short
   * processes, such as scripts and the `serverpilot-domains` command: Node's `fetch` costs a
   * process about 100 ms on Node 20 (loading it, and waiting at exit for its compiled parser).
   * A long-running app keeps the default, which reuses connections.
   * @default 'fetch'
   * @example { transport: 'node' }
   */
  readonly transport?: 'fetch' | 'node' | undefined;
  /**
   * The `fetch` to send requests with (with `transport: 'fetch'`, the default).
   * @default globalThis.fetch
   * @example { fetch: myInstrumentedFetch }
   */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Called before every HTTP attempt of every call (before a call's own `onRequest`). One that
   * throws ends the call with a `CallbackError` (`client.onRequest`).
   * @default none
   * @example { onRequest: ({ method, url }) => console.debug(method, url) }
   */
  readonly onRequest?: ((info: RequestInfo) => void) | undefined;
  /**
   * Waits between retries and polls. Inject a fake for fast deterministic tests.
   * @default a `setTimeout` wait that ends early when the signal aborts
   * @example { sleep: async () => {} }
   */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /**
   * The clock, in epoch milliseconds: used for `Retry-After` dates and `actions.waitFor` deadlines.
   * @default Date.now
   * @example { now: () => fakeClock.now }
   */
  readonly now?: (() => number) | undefined;
  /**
   * Random numbers in [0, 1) for backoff jitter.
   * @default Math.random
   * @example { random: () => 0.5 }
   */
  readonly random?: (() => number) | undefined;
}

/** Retry options after defaults. */
export interface ResolvedRetry {
  readonly limit: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** The most a limit may be: the decoded text must still fit in one JavaScript string. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** A time limit of one attempt, or of a whole wait. */
export const validateTimeout: Rule<number> = durationMs({ min: 1, example: 30_000 });

export const validateByteLimit: Rule<number> = byteSize({
  max: MAX_RESPONSE_BYTES,
  example: '10485760 (10 MB)',
});

/** `retry` over `base`: each option left out keeps the base's value. */
export const resolveRetry = (
  prefix: string,
  base: ResolvedRetry,
  retry: RetryOptions | undefined,
): E.Either<SdkError, ResolvedRetry> =>
  struct(
    {
      limit: withDefault(count({ min: 0, max: 100, example: 2 }), base.limit),
      baseDelayMs: withDefault(durationMs({ min: 0, example: 500 }), base.baseDelayMs),
      maxDelayMs: withDefault(durationMs({ min: 0, example: 30_000 }), base.maxDelayMs),
    },
    '{ limit: 2, maxDelayMs: 30000 }',
  )(prefix, retry);

/** One call's time limit and retry options: its own where given, else the client's. */
export const resolveCall = (
  client: { readonly timeoutMs: number; readonly retry: ResolvedRetry },
  options: RequestOptions,
): E.Either<SdkError, { readonly timeoutMs: number; readonly retry: ResolvedRetry }> =>
  pipe(
    E.Do,
    E.apS('timeoutMs', validateTimeout('timeoutMs', options.timeoutMs ?? client.timeoutMs)),
    E.apS('retry', resolveRetry('retry', client.retry, options.retry)),
  );

const TRANSPORTS = ['fetch', 'node'] as const;

/** `'fetch'` or `'node'`; `'node'` takes no `fetch` (it would never be called). */
export const validateTransport = (
  transport: unknown,
  fetchGiven: boolean,
): E.Either<SdkError, 'fetch' | 'node'> => {
  const value = transport ?? 'fetch';
  if (!TRANSPORTS.some((name) => name === value)) {
    return E.left(
      invalidOption(
        'transport',
        `must be 'fetch' or 'node', not ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value}; pass 'node' for Node's http module, or leave it out for fetch`,
      ),
    );
  }
  if (value === 'node' && fetchGiven) {
    return E.left(
      invalidOption(
        'fetch',
        "is only used with transport 'fetch'; leave out `fetch`, or leave out transport: 'node'",
      ),
    );
  }
  return E.right(value as 'fetch' | 'node');
};

/** Base URL without trailing slashes; rejected when it is not http(s) or carries credentials. */
export const validateBaseUrl = (value: unknown): E.Either<SdkError, string> =>
  baseUrl(DEFAULT_BASE_URL)('baseUrl', value);

export const validateCredential = (
  option: 'clientId' | 'apiKey',
  value: unknown,
): E.Either<SdkError, string> =>
  typeof value === 'string' &&
  value.trim() !== '' &&
  !(option === 'clientId' ? /[\s:]/ : /\s/).test(value.trim())
    ? E.right(value.trim())
    : E.left(
        invalidOption(
          option,
          option === 'clientId'
            ? 'pass your ServerPilot Client ID (non-empty, no spaces or colons), for example from SERVERPILOT_CLIENT_ID'
            : 'pass your ServerPilot API key (non-empty, no spaces), for example from SERVERPILOT_API_KEY',
        ),
      );
