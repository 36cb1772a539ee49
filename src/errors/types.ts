/**
 * The members of {@link SdkError}: every failure this SDK reports, one tagged value each.
 *
 * No member ever holds a credential: URLs carry no userinfo, and causes are reduced to their
 * name, message and code before they are stored (see `safeCause`).
 */

/** A domain the caller passed could not be understood; `reason` says what to pass instead. */
export interface InvalidDomain {
  readonly _tag: 'InvalidDomain';
  readonly input: string;
  readonly reason: string;
}

/** A change asked to remove a name listed in `protect`. */
export interface ProtectedDomain {
  readonly _tag: 'ProtectedDomain';
  readonly domain: string;
}

/** The planned list is longer than the app allows (ServerPilot: 300). Nothing was written. */
export interface TooManyDomains {
  readonly _tag: 'TooManyDomains';
  readonly count: number;
  readonly max: number;
}

/** An option had a value this SDK cannot use; `reason` says what to pass instead. */
export interface InvalidOption {
  readonly _tag: 'InvalidOption';
  readonly option: string;
  readonly reason: string;
}

/** Configuration is missing or malformed: every missing name and every bad value is listed. */
export interface ConfigError {
  readonly _tag: 'ConfigError';
  readonly missing: readonly string[];
  readonly invalid: readonly { readonly name: string; readonly reason: string }[];
}

/** What an HTTP status means for the caller. */
export type HttpErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'payment-required'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'request-timeout'
  | 'rate-limited'
  | 'server-error'
  | 'unexpected'
  /** A 3xx: the API never redirects, so the base URL points somewhere else. Never followed. */
  | 'redirect';

/** The API answered with a non-2xx status. `apiMessage` is ServerPilot's own `error.message`. */
export interface HttpError {
  readonly _tag: 'HttpError';
  readonly status: number;
  readonly kind: HttpErrorKind;
  readonly method: string;
  readonly url: string;
  readonly apiMessage?: string;
  /** The wait the server asked for (`Retry-After`) when it was longer than the retry cap allowed. */
  readonly retryAfterMs?: number;
  /** Where a 3xx pointed (kind `redirect`), secrets redacted. */
  readonly location?: string;
}

/** The request never got an HTTP answer (DNS, refused, reset). */
export interface NetworkError {
  readonly _tag: 'NetworkError';
  readonly method: string;
  readonly url: string;
  readonly cause: SafeCause;
}

/** A request, a wait or a probe ran past its time limit. */
export interface TimeoutError {
  readonly _tag: 'TimeoutError';
  readonly timeoutMs: number;
  readonly method?: string;
  readonly url?: string;
}

/** The caller's AbortSignal fired. */
export interface AbortedError {
  readonly _tag: 'AbortedError';
  readonly reason?: string;
}

/** The API answered 2xx with a body that does not match the expected shape. */
export interface DecodeError {
  readonly _tag: 'DecodeError';
  readonly method?: string;
  readonly url?: string;
  /** One readable line per mismatch: `data.domains.1: expected string, got 42`. */
  readonly errors: readonly string[];
}

/**
 * An answer was larger than the client's `maxResponseBytes` (compressed or decoded): reading
 * stopped there. No ServerPilot answer comes near the default of 10 MB.
 */
export interface ResponseTooLarge {
  readonly _tag: 'ResponseTooLarge';
  readonly method: string;
  readonly url: string;
  readonly limitBytes: number;
}

/** A ServerPilot action ended in `error`. */
export interface ActionFailed {
  readonly _tag: 'ActionFailed';
  readonly actionId: string;
}

/** A ServerPilot action was still `open` when the wait ran out. */
export interface ActionTimeout {
  readonly _tag: 'ActionTimeout';
  readonly actionId: string;
  readonly timeoutMs: number;
}

/** Other writers kept undoing this change; it did not hold after `attempts` read-backs. */
export interface WriteConflict {
  readonly _tag: 'WriteConflict';
  readonly appId: string;
  readonly attempts: number;
  /** Names this change added that were still missing at the last read-back. */
  readonly missing: readonly string[];
  /** Names this change removed that were back at the last read-back. */
  readonly restored: readonly string[];
}

/** A hook callback threw; the hook name and namespace say whose. */
export interface HookError {
  readonly _tag: 'HookError';
  readonly hook: string;
  readonly namespace: string;
  readonly cause: SafeCause;
}

/** A shared lock (such as `createRedisLock`) could not be had within `waitMs`: another writer held it. */
export interface LockTimeout {
  readonly _tag: 'LockTimeout';
  readonly appId: string;
  /** The lock's key, such as `serverpilot-domains:lock:nlcN0TwdZAyNEgdp`. */
  readonly key: string;
  readonly waitMs: number;
}

/**
 * A shared lock's `acquire` failed without saying why in an {@link SdkError} (Redis down, say).
 * A lock of this SDK that runs out of time reports {@link LockTimeout} instead.
 */
export interface LockError {
  readonly _tag: 'LockError';
  readonly appId: string;
  readonly cause: SafeCause;
}

/**
 * The lifecycle's scheduler or its store threw (Redis down, a scheduler of your own that failed);
 * `operation` is the lifecycle call that met it (`track`, `status`, `list` or `untrack`).
 */
export interface SchedulerError {
  readonly _tag: 'SchedulerError';
  readonly operation: string;
  readonly cause: SafeCause;
}

/**
 * A function passed in the options threw: a callback such as `onRequest` or `onPoll`, or an
 * injected dependency such as the verifier's clock (`now`). `option` names it as it was passed:
 * `client.onRequest`, `request.onRequest`, `waitFor.onPoll`, `verifier.now`.
 */
export interface CallbackError {
  readonly _tag: 'CallbackError';
  readonly option: string;
  readonly cause: SafeCause;
}

/** The per-app change queue could not give a change its result: a bug in this SDK, reported rather than thrown. */
export interface QueueError {
  readonly _tag: 'QueueError';
  readonly reason: string;
  readonly cause?: SafeCause;
}

/** The union of every failure. Switch on `_tag`, or use `matchSdkError`. */
export type SdkError =
  | InvalidDomain
  | ProtectedDomain
  | TooManyDomains
  | InvalidOption
  | ConfigError
  | HttpError
  | NetworkError
  | TimeoutError
  | AbortedError
  | DecodeError
  | ResponseTooLarge
  | ActionFailed
  | ActionTimeout
  | WriteConflict
  | HookError
  | LockTimeout
  | LockError
  | SchedulerError
  | CallbackError
  | QueueError;

/** The `_tag` of every `SdkError` member: `InvalidDomain`, `HttpError`, `WriteConflict`, ... */
export type SdkErrorTag = SdkError['_tag'];

/** The parts of a thrown value that are safe to keep: never the request, its headers or body. */
export interface SafeCause {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}
