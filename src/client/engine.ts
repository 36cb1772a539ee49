/**
 * What the two ways of sending share. `transport.ts` decides every step of a call (counting,
 * `onRequest`, the timer, reading the answer, whether to retry and how long to wait); an engine
 * only sends: ky over `fetch` (`ky-engine.ts`), or Node's own `http`/`https` (`node-engine.ts`).
 * Both take the steps in the same order, so a call behaves the same over either.
 */
import type { AnswerSource } from './read-body.js';

/** One call, as an engine sends it. */
export interface Exchange {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the base URL, no leading slash, ids already encoded. */
  readonly path: string;
  /** Sent as JSON when present. */
  readonly body?: unknown;
  /** The caller's signal: it ends the attempt in flight and any wait. */
  readonly signal?: AbortSignal | undefined;
  /** Attempts after the first, at most. */
  readonly retryLimit: number;
}

/** The steps of one call that `transport.ts` decides, called by the engine in this order. */
export interface AttemptSteps {
  /**
   * Before each attempt (`retryCount` 0 for the first): returns the attempt's timer, which the
   * engine joins to the caller's signal. Throws to end the call with no attempt sent.
   */
  readonly begin: (retryCount: number) => AbortSignal;
  /** Reads the attempt's answer whole, inside its timer. Throws to end the call, or as the body fails. */
  readonly read: (source: AnswerSource) => Promise<void>;
  /** After a failed attempt (`retryCount` 1 before the first retry): whether another follows. */
  readonly shouldRetry: (error: unknown, retryCount: number) => boolean;
  /** The wait before the next attempt. Throws to end the call. */
  readonly beforeRetry: () => Promise<void>;
}

/** Sends one call: resolves once a 2xx answer was read, rejects with the last attempt's failure. */
export type Engine = (exchange: Exchange, steps: AttemptSteps) => Promise<void>;

export interface EngineConfig {
  readonly baseUrl: string;
  readonly authorization: string;
}

/**
 * A non-2xx answer, as the node engine rejects with it (ky rejects with its `HTTPError`): the
 * answer itself was already read by `steps.read`, so only its status is carried.
 */
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}
