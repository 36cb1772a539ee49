/**
 * Every failure this SDK reports is one member of the tagged union {@link SdkError}.
 *
 * Effects return `TaskEither<SdkError, A>`, pure functions `Either<SdkError, A>`. Scripts that
 * prefer async/await call {@link unwrap}, which rejects with a {@link ServerPilotSdkError}: an
 * `Error` whose `.error` is the same tagged value, so `switch (e.error._tag)` still works.
 *
 * No member ever holds a credential: URLs carry no userinfo, and causes are reduced to their
 * name, message and code before they are stored (see {@link safeCause}).
 */
import type * as TE from 'fp-ts/lib/TaskEither.js';

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

/** The per-app change queue could not give a change its result: a bug in this SDK, reported rather than thrown. */
export interface QueueError {
  readonly _tag: 'QueueError';
  readonly reason: string;
  readonly cause?: SafeCause;
}

/** The union of every failure. Switch on `_tag`, or use {@link matchSdkError}. */
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
  | QueueError;

/** The `_tag` of every `SdkError` member: `InvalidDomain`, `HttpError`, `WriteConflict`, ... */
export type SdkErrorTag = SdkError['_tag'];

/** The parts of a thrown value that are safe to keep: never the request, its headers or body. */
export interface SafeCause {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

const SECRET_PATTERNS: readonly RegExp[] = [/(authorization\s*[:=]\s*)(basic|bearer)\s+[^\s,;"']+/gi];

/** Replace every occurrence of the given secrets (and any Authorization value) with `[REDACTED]`. */
export const redact = (text: string, secrets: readonly string[] = []): string => {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[REDACTED]');
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '$1[REDACTED]');
  return out;
};

/** Reduce any thrown value to {@link SafeCause}, redacting the given secrets from its message. */
export const safeCause = (thrown: unknown, secrets: readonly string[] = []): SafeCause => {
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    const nested = (thrown as { cause?: { code?: unknown } }).cause?.code;
    const found = typeof code === 'string' ? code : typeof nested === 'string' ? nested : undefined;
    return {
      name: thrown.name,
      message: redact(thrown.message, secrets),
      ...(found === undefined ? {} : { code: found }),
    };
  }
  return { name: 'NonError', message: redact(String(thrown), secrets) };
};

// Constructors: small, total, and the only way the SDK builds its errors.

export const invalidDomain = (input: string, reason: string): SdkError => ({
  _tag: 'InvalidDomain',
  input,
  reason,
});
export const protectedDomain = (domain: string): SdkError => ({ _tag: 'ProtectedDomain', domain });
export const tooManyDomains = (count: number, max: number): SdkError => ({
  _tag: 'TooManyDomains',
  count,
  max,
});
export const invalidOption = (option: string, reason: string): SdkError => ({
  _tag: 'InvalidOption',
  option,
  reason,
});
export const configError = (
  missing: readonly string[],
  invalid: readonly { readonly name: string; readonly reason: string }[] = [],
): SdkError => ({ _tag: 'ConfigError', missing, invalid });
export const responseTooLarge = (method: string, url: string, limitBytes: number): SdkError => ({
  _tag: 'ResponseTooLarge',
  method,
  url,
  limitBytes,
});
export const abortedError = (reason?: string): SdkError =>
  reason === undefined ? { _tag: 'AbortedError' } : { _tag: 'AbortedError', reason };
export const queueError = (reason: string, thrown?: unknown): QueueError =>
  thrown === undefined
    ? { _tag: 'QueueError', reason }
    : { _tag: 'QueueError', reason, cause: safeCause(thrown) };
export const hookError = (hook: string, namespace: string, thrown: unknown): SdkError => ({
  _tag: 'HookError',
  hook,
  namespace,
  cause: safeCause(thrown),
});

export const lockTimeout = (appId: string, key: string, waitMs: number): SdkError => ({
  _tag: 'LockTimeout',
  appId,
  key,
  waitMs,
});

/** The kind of an HTTP status, as callers reason about it. */
export const httpErrorKind = (status: number): HttpErrorKind => {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 402:
      return 'payment-required';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 408:
      return 'request-timeout';
    case 409:
      return 'conflict';
    case 429:
      return 'rate-limited';
    default:
      if (status >= 300 && status < 400) return 'redirect';
      return status >= 500 ? 'server-error' : 'unexpected';
  }
};

/** Exhaustive match on the tag: adding a member to {@link SdkError} breaks every caller that forgot it. */
export const matchSdkError =
  <R>(cases: { readonly [K in SdkErrorTag]: (error: Extract<SdkError, { _tag: K }>) => R }) =>
  (error: SdkError): R =>
    (cases[error._tag] as (e: SdkError) => R)(error);

/** Decode errors arrive capped at ten lines, the last one saying how many more there were. */
const MAX_DECODE_LINES = 10;

const where = (method?: string, url?: string): string =>
  method !== undefined && url !== undefined ? ` (${method} ${url})` : '';

/** One human sentence for an error: what went wrong and, where we can tell, what to do instead. */
export const describeSdkError: (error: SdkError) => string = matchSdkError({
  InvalidDomain: (e) => `Invalid domain: ${e.reason}`,
  ProtectedDomain: (e) =>
    `Refusing to remove protected domain "${e.domain}"; take it out of the \`protect\` option first`,
  TooManyDomains: (e) =>
    `The app would hold ${e.count} domains, more than the limit of ${e.max}; remove some or split them across apps`,
  InvalidOption: (e) => `Invalid option \`${e.option}\`: ${e.reason}`,
  ConfigError: (e) =>
    [
      e.missing.length > 0 ? `missing ${e.missing.join(', ')}` : '',
      ...e.invalid.map((i) => `${i.name}: ${i.reason}`),
    ]
      .filter((s) => s.length > 0)
      .reduce((acc, s) => `${acc}; ${s}`, 'Configuration error'),
  HttpError: (e) =>
    e.kind === 'redirect'
      ? `ServerPilot answered ${e.status} (redirect)${where(e.method, e.url)}${e.location === undefined ? '' : ` to ${e.location}`}: the ServerPilot API never redirects, so the redirect was not followed; check the base URL (https://api.serverpilot.io/v1)`
      : `ServerPilot answered ${e.status} (${e.kind})${where(e.method, e.url)}${e.apiMessage === undefined ? '' : `: ${e.apiMessage}`}${e.retryAfterMs === undefined ? '' : `; retry after ${e.retryAfterMs} ms`}`,
  NetworkError: (e) =>
    `Network error${where(e.method, e.url)}: ${e.cause.message}${e.cause.code === undefined ? '' : ` [${e.cause.code}]`}`,
  TimeoutError: (e) => `Timed out after ${e.timeoutMs} ms${where(e.method, e.url)}`,
  AbortedError: (e) => `Aborted${e.reason === undefined ? '' : `: ${e.reason}`}`,
  DecodeError: (e) =>
    `Unexpected response shape${where(e.method, e.url)}: ${e.errors.slice(0, MAX_DECODE_LINES).join('; ')}${e.errors.length > MAX_DECODE_LINES ? ` (+${e.errors.length - MAX_DECODE_LINES} more)` : ''}`,
  ResponseTooLarge: (e) =>
    `The answer to ${e.method} ${e.url} was larger than maxResponseBytes (${e.limitBytes} bytes); reading stopped there. Check the base URL, or raise maxResponseBytes`,
  ActionFailed: (e) => `ServerPilot action ${e.actionId} ended in error`,
  ActionTimeout: (e) => `ServerPilot action ${e.actionId} was still open after ${e.timeoutMs} ms`,
  WriteConflict: (e) =>
    `Other writers kept changing app ${e.appId}; the change did not hold after ${e.attempts} attempts` +
    (e.missing.length > 0 ? `; still missing: ${e.missing.join(', ')}` : '') +
    (e.restored.length > 0 ? `; restored by another writer: ${e.restored.join(', ')}` : ''),
  HookError: (e) => `Hook "${e.hook}" callback from namespace "${e.namespace}" threw: ${e.cause.message}`,
  LockTimeout: (e) =>
    `Could not take the lock of app ${e.appId} (${e.key}) within ${e.waitMs} ms: another writer held it; raise waitMs or retry later`,
  QueueError: (e) =>
    `The change queue failed: ${e.reason}${e.cause === undefined ? '' : `: ${e.cause.message}`}`,
});

/** Marks every `ServerPilotSdkError`, whichever copy of this module made it (see `Symbol.hasInstance`). */
const BRAND = Symbol.for('serverpilot-domains.ServerPilotSdkError');

/** The `Error` that {@link unwrap} rejects with. `.error` is the tagged {@link SdkError}. */
export class ServerPilotSdkError extends Error {
  override readonly name = 'ServerPilotSdkError';
  readonly error: SdkError;

  constructor(error: SdkError) {
    super(describeSdkError(error));
    this.error = error;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * The CommonJS builds of the subpath entries (`./redis`, `./testing`) each carry their own copy of
   * this class; the brand makes `instanceof` true for an error thrown by any of them.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The `_tag` of the wrapped `error`, for a `switch` without reaching into it. */
  get tag(): SdkErrorTag {
    return this.error._tag;
  }

  /** Name, message and the (already redacted) `SdkError`, for logs that serialize errors. */
  toJSON(): { name: string; message: string; error: SdkError } {
    return { name: this.name, message: this.message, error: this.error };
  }
}

/** True when `value` is a {@link ServerPilotSdkError}, optionally of one tag. */
export const isServerPilotSdkError = (value: unknown, tag?: SdkErrorTag): value is ServerPilotSdkError =>
  value instanceof ServerPilotSdkError && (tag === undefined || value.error._tag === tag);

/**
 * Run a TaskEither and return a Promise of its value, rejecting with {@link ServerPilotSdkError}.
 *
 * @example
 * const app = await unwrap(client.apps.get('abc123'));
 */
export const unwrap = async <A>(task: TE.TaskEither<SdkError, A>): Promise<A> => {
  const result = await task();
  if (result._tag === 'Left') throw new ServerPilotSdkError(result.left);
  return result.right;
};
