/** Telling errors apart and putting them into words. */
import type { SdkError, SdkErrorTag } from './types.js';

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
  LockError: (e) =>
    `Could not take the lock of app ${e.appId}: its acquire failed: ${e.cause.message}; nothing was written`,
  SchedulerError: (e) => `The lifecycle's scheduler failed during ${e.operation}: ${e.cause.message}`,
  CallbackError: (e) => `The function passed as \`${e.option}\` threw: ${e.cause.message}`,
  QueueError: (e) =>
    `The change queue failed: ${e.reason}${e.cause === undefined ? '' : `: ${e.cause.message}`}`,
});
