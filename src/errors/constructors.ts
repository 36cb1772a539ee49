/**
 * The only way the SDK builds its errors: one small, total constructor per member of
 * {@link SdkError}, each returning its own member, so a function's Left says which failures it can
 * really give. Each takes only what is safe to keep; thrown values go through {@link safeCause}.
 */
import { safeCause } from './redact.js';
import type {
  AbortedError,
  ActionFailed,
  ActionTimeout,
  CallbackError,
  ConfigError,
  DecodeError,
  HookError,
  HttpError,
  HttpErrorKind,
  InvalidDomain,
  InvalidOption,
  LockError,
  LockTimeout,
  NetworkError,
  ProtectedDomain,
  QueueError,
  ResponseTooLarge,
  SafeCause,
  SchedulerError,
  TimeoutError,
  TooManyDomains,
  WriteConflict,
} from './types.js';

export const invalidDomain = (input: string, reason: string): InvalidDomain => ({
  _tag: 'InvalidDomain',
  input,
  reason,
});

export const protectedDomain = (domain: string): ProtectedDomain => ({ _tag: 'ProtectedDomain', domain });

export const tooManyDomains = (count: number, max: number): TooManyDomains => ({
  _tag: 'TooManyDomains',
  count,
  max,
});

export const invalidOption = (option: string, reason: string): InvalidOption => ({
  _tag: 'InvalidOption',
  option,
  reason,
});

export const configError = (
  missing: readonly string[],
  invalid: readonly { readonly name: string; readonly reason: string }[] = [],
): ConfigError => ({ _tag: 'ConfigError', missing, invalid });

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

/** Texts (`apiMessage`, `location`) must already be redacted; the kind follows from the status. */
export const httpError = (input: {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly apiMessage?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly location?: string | undefined;
}): HttpError => ({
  _tag: 'HttpError',
  status: input.status,
  kind: httpErrorKind(input.status),
  method: input.method,
  url: input.url,
  ...(input.apiMessage === undefined ? {} : { apiMessage: input.apiMessage }),
  ...(input.retryAfterMs === undefined ? {} : { retryAfterMs: input.retryAfterMs }),
  ...(input.location === undefined ? {} : { location: input.location }),
});

export const networkError = (method: string, url: string, cause: SafeCause): NetworkError => ({
  _tag: 'NetworkError',
  method,
  url,
  cause,
});

export const timeoutError = (timeoutMs: number, method?: string, url?: string): TimeoutError => ({
  _tag: 'TimeoutError',
  timeoutMs,
  ...(method === undefined ? {} : { method }),
  ...(url === undefined ? {} : { url }),
});

export const abortedError = (reason?: string): AbortedError =>
  reason === undefined ? { _tag: 'AbortedError' } : { _tag: 'AbortedError', reason };

export const decodeError = (errors: readonly string[], method?: string, url?: string): DecodeError => ({
  _tag: 'DecodeError',
  errors,
  ...(method === undefined ? {} : { method }),
  ...(url === undefined ? {} : { url }),
});

export const responseTooLarge = (method: string, url: string, limitBytes: number): ResponseTooLarge => ({
  _tag: 'ResponseTooLarge',
  method,
  url,
  limitBytes,
});

export const actionFailed = (actionId: string): ActionFailed => ({ _tag: 'ActionFailed', actionId });

export const actionTimeout = (actionId: string, timeoutMs: number): ActionTimeout => ({
  _tag: 'ActionTimeout',
  actionId,
  timeoutMs,
});

export const writeConflict = (
  appId: string,
  attempts: number,
  drift: { readonly missing: readonly string[]; readonly restored: readonly string[] },
): WriteConflict => ({
  _tag: 'WriteConflict',
  appId,
  attempts,
  missing: drift.missing,
  restored: drift.restored,
});

export const hookError = (hook: string, namespace: string, thrown: unknown): HookError => ({
  _tag: 'HookError',
  hook,
  namespace,
  cause: safeCause(thrown),
});

export const lockTimeout = (appId: string, key: string, waitMs: number): LockTimeout => ({
  _tag: 'LockTimeout',
  appId,
  key,
  waitMs,
});

export const lockError = (appId: string, thrown: unknown): LockError => ({
  _tag: 'LockError',
  appId,
  cause: safeCause(thrown),
});

export const schedulerError = (operation: string, thrown: unknown): SchedulerError => ({
  _tag: 'SchedulerError',
  operation,
  cause: safeCause(thrown),
});

export const callbackError = (option: string, thrown: unknown): CallbackError => ({
  _tag: 'CallbackError',
  option,
  cause: safeCause(thrown),
});

export const queueError = (reason: string, thrown?: unknown): QueueError =>
  thrown === undefined
    ? { _tag: 'QueueError', reason }
    : { _tag: 'QueueError', reason, cause: safeCause(thrown) };
