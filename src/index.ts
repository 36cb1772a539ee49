/**
 * serverpilot-domains: keep a ServerPilot app's domain list right, enable AutoSSL and prove a
 * valid certificate is served. Every export is named and grouped by layer.
 */

// Domains (pure)
export {
  classify,
  type DomainChange,
  type DomainKind,
  type DomainName,
  type DomainPlan,
  MAX_DOMAINS,
  normalizeDomain,
  type ReconcileOptions,
  reconcileDomains,
  type WwwOptions,
  type WwwPolicy,
  wwwTwin,
} from './domains/index.js';
// Errors
export {
  type AbortedError,
  type ActionFailed,
  type ActionTimeout,
  type ConfigError,
  type DecodeError,
  describeSdkError,
  type HookError,
  type HttpError,
  type HttpErrorKind,
  httpErrorKind,
  type InvalidDomain,
  type InvalidOption,
  isServerPilotSdkError,
  matchSdkError,
  type NetworkError,
  type ProtectedDomain,
  redact,
  type SafeCause,
  type SdkError,
  type SdkErrorTag,
  ServerPilotSdkError,
  type TimeoutError,
  type TooManyDomains,
  unwrap,
  type WriteConflict,
} from './errors.js';

// Hooks
export {
  type ActionCallback,
  type ActionMap,
  type ActionName,
  type CertificateSummary,
  createHooks,
  type FilterCallback,
  type FilterContext,
  type FilterMap,
  type FilterName,
  type FilterValue,
  type Hooks,
  type ProbeStatus,
  type SslProbe,
  type SslRetryStage,
  type SslStage,
} from './hooks/index.js';

// SSL
export {
  type CaOption,
  checkDns,
  classifyProbe,
  createSslVerifier,
  type DnsCheck,
  type DnsResolver,
  type DnsStatus,
  dnsPasses,
  explainDns,
  explainProbe,
  type ProbeEvidence,
  type ProbeOptions,
  type Sleep,
  SSL_DEFAULTS,
  type SslFinalStage,
  type SslHistoryEntry,
  type SslLookup,
  type SslVerification,
  type SslVerifier,
  summarizeCertificate,
  type VerifierOptions,
  type VerifyManyOptions,
  type VerifyOptions,
} from './ssl/index.js';
