/**
 * The one place that talks HTTP: a ky instance (prefix URL, Basic auth, JSON) wrapped in a retry
 * loop that counts attempts, enforces per-attempt timeouts, honours `Retry-After` and aborts,
 * and turns every outcome into `Either<SdkError, Mutation<A>>`.
 *
 * ky's own retry and timeout are off: ky's errors hold the `Request`, whose headers hold the
 * Authorization value, and this loop needs the status, the attempt count and an injectable clock.
 * Nothing ky throws is kept: it is reduced to a `SafeCause` on the spot.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type * as t from 'io-ts';
import ky, { type KyInstance } from 'ky';
import {
  abortedError,
  hookError,
  redact,
  responseTooLarge,
  type SafeCause,
  type SdkError,
} from '../errors.js';
import { type Sleep, sleepUnlessAborted } from '../internal/sleep.js';
import { envelopeCodec, type Mutation } from './codecs.js';
import { decodeReadable } from './decode.js';
import {
  apiMessageFromBody,
  decodeError,
  httpError,
  networkCause,
  networkError,
  timeoutError,
} from './errors.js';
import {
  type RequestInfo,
  type RequestOptions,
  type ResolvedRetry,
  resolveRetry,
  validateTimeout,
} from './options.js';
import { readCappedBody } from './read-body.js';
import {
  computeRetryDelay,
  type FailedAttempt,
  isRetryable,
  parseRetryAfter,
  type Resend,
} from './retry-policy.js';

/** One API call: what to send and how to read the answer's `data`. */
export interface Endpoint<A> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the base URL, no leading slash, ids already encoded. */
  readonly path: string;
  readonly codec: t.Decoder<unknown, A>;
  readonly body?: unknown;
  /** When it may be sent again after a failed attempt (see {@link Resend}). */
  readonly resend: Resend;
}

export interface TransportConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: ResolvedRetry;
  readonly fetch?: typeof fetch;
  readonly onRequest?: (info: RequestInfo) => void;
  readonly sleep: Sleep;
  readonly now: () => number;
  readonly random: () => number;
}

export interface Transport {
  readonly send: <A>(endpoint: Endpoint<A>, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<A>>;
  /** Total HTTP attempts so far, retries included. */
  readonly requests: () => number;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

type Outcome =
  | {
      readonly _tag: 'response';
      readonly status: number;
      readonly text: string;
      readonly retryAfter: string | null;
      readonly location: string | null;
    }
  | { readonly _tag: 'too-large' }
  | { readonly _tag: 'network'; readonly cause: SafeCause }
  | { readonly _tag: 'timeout' }
  | { readonly _tag: 'aborted' };

const MAX_SHOWN = 80;

/** The forms a secret takes in text: as is, percent-encoded in a URL, escaped inside JSON. */
const spellings = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  JSON.stringify(secret).slice(1, -1),
];

const shortened = (text: string): string =>
  text.length > MAX_SHOWN * 3 ? `${text.slice(0, MAX_SHOWN * 3)}…` : text;

const reasonOf = (signal: AbortSignal, secrets: readonly string[]): string | undefined => {
  const reason: unknown = signal.reason;
  if (reason === undefined) return undefined;
  if (reason instanceof Error) return redact(reason.message, secrets);
  return redact(String(reason), secrets);
};

export const createTransport = (config: TransportConfig): Transport => {
  const credentials = Buffer.from(`${config.clientId}:${config.apiKey}`, 'utf8').toString('base64');
  // Everything that must never be printed, longest first so a redaction never leaves a tail.
  const secrets = [...new Set([`Basic ${credentials}`, credentials, ...spellings(config.apiKey)])].sort(
    (a, b) => b.length - a.length,
  );
  const api: KyInstance = ky.create({
    prefixUrl: config.baseUrl,
    headers: { authorization: `Basic ${credentials}`, accept: 'application/json' },
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    // The API never redirects; following one would turn a domain write into a GET elsewhere.
    redirect: 'manual',
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
  });
  let requests = 0;

  const attemptOnce = async (
    endpoint: Endpoint<unknown>,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> => {
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await api(endpoint.path, {
        method: endpoint.method,
        signal: controller.signal,
        ...(endpoint.body === undefined ? {} : { json: endpoint.body }),
      });
      // The timer keeps running while the body streams in: a stalled body is a timeout too.
      const body = await readCappedBody(response, config.maxResponseBytes);
      if (body._tag === 'too-large') return body;
      return {
        _tag: 'response',
        status: response.status,
        text: body.text,
        retryAfter: response.headers.get('retry-after'),
        location: response.headers.get('location'),
      };
    } catch (thrown) {
      if (signal?.aborted === true) return { _tag: 'aborted' };
      if (timedOut) return { _tag: 'timeout' };
      return { _tag: 'network', cause: networkCause(thrown, secrets) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const notify = (
    info: RequestInfo,
    perCall: ((info: RequestInfo) => void) | undefined,
  ): E.Either<SdkError, void> => {
    for (const [namespace, callback] of [
      ['client', config.onRequest],
      ['request', perCall],
    ] as const) {
      if (callback === undefined) continue;
      try {
        callback(info);
      } catch (thrown) {
        return E.left(hookError('onRequest', namespace, thrown));
      }
    }
    return E.right(undefined);
  };

  const decodeBody = <A>(
    endpoint: Endpoint<A>,
    url: string,
    text: string,
  ): E.Either<SdkError, Mutation<A>> => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Redacted whole before it is cut short: a key straddling the cut never shows a prefix.
      const clean = redact(text, secrets);
      const shown = clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
      return E.left(
        decodeError([`(body): expected JSON, got ${JSON.stringify(shown)}`], endpoint.method, url),
      );
    }
    const decoded = decodeReadable(envelopeCodec(endpoint.codec), json, secrets);
    if (E.isLeft(decoded)) return E.left(decodeError(decoded.left, endpoint.method, url));
    const { data, actionid } = decoded.right;
    return E.right(actionid === undefined ? { data } : { data, actionId: actionid });
  };

  const send =
    <A>(endpoint: Endpoint<A>, options: RequestOptions = {}): TE.TaskEither<SdkError, Mutation<A>> =>
    async () => {
      const timeout =
        options.timeoutMs === undefined
          ? E.right(config.timeoutMs)
          : validateTimeout('timeoutMs', options.timeoutMs);
      if (E.isLeft(timeout)) return timeout;
      const retry = resolveRetry('retry', config.retry, options.retry);
      if (E.isLeft(retry)) return retry;
      const { signal } = options;
      const method = endpoint.method;
      // An API key passed by mistake as an id must not show up in the URL of an error or a log.
      const url = redact(`${config.baseUrl}/${endpoint.path}`, secrets);

      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted === true) return E.left(abortedError(reasonOf(signal, secrets)));
        requests++;
        const notified = notify({ method, url, attempt }, options.onRequest);
        if (E.isLeft(notified)) return notified;

        const outcome = await attemptOnce(endpoint, timeout.right, signal);
        let failure: FailedAttempt;
        let error: SdkError;
        let retryAfterMs: number | undefined;
        switch (outcome._tag) {
          case 'aborted':
            return E.left(abortedError(signal === undefined ? undefined : reasonOf(signal, secrets)));
          case 'timeout':
            return E.left(timeoutError(timeout.right, method, url));
          case 'too-large':
            return E.left(responseTooLarge(method, url, config.maxResponseBytes));
          case 'network':
            failure = {
              _tag: 'network',
              ...(outcome.cause.code === undefined ? {} : { code: outcome.cause.code }),
            };
            error = networkError(method, url, outcome.cause);
            break;
          case 'response': {
            if (outcome.status >= 200 && outcome.status < 300) return decodeBody(endpoint, url, outcome.text);
            failure = { _tag: 'status', status: outcome.status };
            retryAfterMs = parseRetryAfter(outcome.retryAfter, config.now());
            error = httpError({
              status: outcome.status,
              method,
              url,
              apiMessage: apiMessageFromBody(outcome.text, secrets),
              retryAfterMs,
              location: outcome.location === null ? undefined : shortened(redact(outcome.location, secrets)),
            });
            break;
          }
        }

        if (attempt > retry.right.limit || !isRetryable(failure, endpoint.resend)) return E.left(error);
        const delay = computeRetryDelay({
          attempt,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          baseDelayMs: retry.right.baseDelayMs,
          maxDelayMs: retry.right.maxDelayMs,
          random: config.random,
        });
        if (delay._tag === 'give-up') return E.left(error);
        // The loop top reports an abort; an injected sleep that rejects on abort must not escape.
        await sleepUnlessAborted(config.sleep, delay.ms, signal);
      }
    };

  return {
    send,
    requests: () => requests,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    sleep: config.sleep,
    now: config.now,
  };
};
