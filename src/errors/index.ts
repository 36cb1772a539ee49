/**
 * Every failure this SDK reports is one member of the tagged union {@link SdkError}.
 *
 * Effects return `TaskEither<SdkError, A>`, pure functions `Either` of the members they can give.
 * One concern a file: the members (`types`), their constructors (`constructors`, the only way the
 * SDK builds an error), matching and wording (`describe`), the thrown form and `unwrap`
 * (`sdk-error`), and keeping secrets out (`redact`).
 */
export {
  abortedError,
  actionFailed,
  actionTimeout,
  callbackError,
  configError,
  decodeError,
  hookError,
  httpError,
  httpErrorKind,
  invalidDomain,
  invalidOption,
  lockError,
  lockTimeout,
  networkError,
  protectedDomain,
  queueError,
  responseTooLarge,
  schedulerError,
  timeoutError,
  tooManyDomains,
  writeConflict,
} from './constructors.js';
export { describeSdkError, matchSdkError } from './describe.js';
export { redact, safeCause } from './redact.js';
export { isServerPilotSdkError, ServerPilotSdkError, unwrap } from './sdk-error.js';
export type {
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
  SdkError,
  SdkErrorTag,
  TimeoutError,
  TooManyDomains,
  WriteConflict,
} from './types.js';
