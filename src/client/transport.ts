/**
 * The one place that decides how a call is sent. An engine sends (ky over `fetch` by default, or
 * Node's `http` with `transport: 'node'`, see `engine.ts`); this file decides what neither can
 * know: whether a failure may be resent (`retry-policy.ts`), how long to wait, and reading each
 * answer under the size cap. Nothing an engine throws is kept (ky's errors hold the `Request`, so
 * the Authorization header): only status, headers and text, or a `SafeCause`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type * as t from 'io-ts';
import {
  abortedError,
  callbackError,
  networkError,
  redact,
  responseTooLarge,
  type SdkError,
  timeoutError,
} from '../errors/index.js';
import { type Sleep, sleepUnlessAborted } from '../internal/sleep.js';
import { type Answer, readAnswer, resultOf } from './answer.js';
import type { Mutation } from './codecs.js';
import type { Engine } from './engine.js';
import { abortReason, basicAuth, errorCode, networkCause } from './error-text.js';
import { kyEngine } from './ky-engine.js';
import { nodeEngine } from './node-engine.js';
import { type RequestInfo, type RequestOptions, type ResolvedRetry, resolveCall } from './options.js';
import { computeRetryDelay, failedAttempt, isRetryable, type Resend } from './retry-policy.js';

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
  /** How requests go out: ky over `fetch`, or Node's `http`/`https`. */
  readonly transport: 'fetch' | 'node';
  readonly onRequest?: (info: RequestInfo) => void;
  readonly sleep: Sleep;
  readonly now: () => number;
  readonly random: () => number;
}

export interface Transport {
  readonly send: <A>(endpoint: Endpoint<A>, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<A>>;
  /** Total HTTP attempts so far, retries included. */
  readonly requests: () => number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/** Thrown from a step to end the engine's loop (ky's or node's) with an outcome decided here; never retried. */
class Settled extends Error {
  // An Error, because ky hands shouldRetry a NonError wrapper for anything else, and the
  // `instanceof Settled` check there would miss it (a throwing onRequest was retried).
  constructor(readonly error: SdkError) {
    super(error._tag);
  }
}

export const createTransport = (config: TransportConfig): Transport => {
  const { authorization, secrets } = basicAuth(config.clientId, config.apiKey);
  const engine: Engine =
    config.transport === 'node'
      ? nodeEngine({ baseUrl: config.baseUrl, authorization })
      : kyEngine({ baseUrl: config.baseUrl, authorization, fetch: config.fetch });
  let requests = 0;

  const notify = (info: RequestInfo, perCall: RequestOptions['onRequest']): SdkError | undefined => {
    for (const namespace of ['client', 'request'] as const) {
      try {
        (namespace === 'client' ? config.onRequest : perCall)?.(info);
      } catch (thrown) {
        return callbackError(`${namespace}.onRequest`, thrown);
      }
    }
    return undefined;
  };

  const send =
    <A>(endpoint: Endpoint<A>, options: RequestOptions = {}): TE.TaskEither<SdkError, Mutation<A>> =>
    async () => {
      const call = resolveCall(config, options);
      if (E.isLeft(call)) return call;
      const { timeoutMs, retry } = call.right;
      const { signal } = options;
      const { method } = endpoint;
      // An API key passed by mistake as an id must not show up in the URL of an error or a log.
      const url = redact(`${config.baseUrl}/${endpoint.path}`, secrets);
      const aborted = (): boolean => signal?.aborted === true;
      if (aborted()) return E.left(abortedError(abortReason(signal, secrets)));

      // The attempt in flight: its timer, its answer once read, and the wait before the next one.
      const attempt: { timer?: AbortSignal; answer?: Answer | undefined; wait: number } = { wait: 0 };
      // Failures decided here, by the caller or by the timer are final: no attempt follows them.
      const final = (error: unknown): boolean =>
        error instanceof Settled || aborted() || attempt.timer?.aborted === true;

      const outcome = await engine(
        {
          method,
          path: endpoint.path,
          ...(endpoint.body === undefined ? {} : { body: endpoint.body }),
          signal,
          retryLimit: retry.limit,
        },
        {
          begin: (retryCount) => {
            requests++;
            attempt.answer = undefined;
            const failed = notify({ method, url, attempt: retryCount + 1 }, options.onRequest);
            if (failed !== undefined) throw new Settled(failed);
            attempt.timer = AbortSignal.timeout(timeoutMs);
            return attempt.timer;
          },
          read: async (source) => {
            attempt.answer = await readAnswer(source, config.maxResponseBytes, config.now);
            if (attempt.answer === undefined) {
              throw new Settled(responseTooLarge(method, url, config.maxResponseBytes));
            }
          },
          shouldRetry: (error, retryCount) => {
            const failure = failedAttempt(attempt.answer?.status, errorCode(error));
            if (final(error) || !isRetryable(failure, endpoint.resend)) return false;
            const delay = computeRetryDelay({
              ...retry,
              attempt: retryCount,
              retryAfterMs: attempt.answer?.retryAfterMs,
              random: config.random,
            });
            attempt.wait = delay._tag === 'wait' ? delay.ms : 0;
            return delay._tag === 'wait';
          },
          beforeRetry: async () => {
            // An injected sleep that rejects must not escape; the abort is reported below.
            if (await sleepUnlessAborted(config.sleep, attempt.wait, signal))
              throw new Settled(abortedError());
          },
        },
      ).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );

      const { answer } = attempt;
      if (outcome === undefined && answer !== undefined) return resultOf(endpoint, url, answer, secrets);
      if (aborted()) return E.left(abortedError(abortReason(signal, secrets)));
      if (outcome?.error instanceof Settled) return E.left(outcome.error.error);
      if (attempt.timer?.aborted === true) return E.left(timeoutError(timeoutMs, method, url));
      // A non-2xx answer ends the engine's loop with its error: the answer read above says it all.
      if (answer !== undefined) return resultOf(endpoint, url, answer, secrets);
      return E.left(networkError(method, url, networkCause(outcome?.error, secrets)));
    };

  return {
    send,
    requests: () => requests,
    sleep: config.sleep,
    now: config.now,
  };
};
