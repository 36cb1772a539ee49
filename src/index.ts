/**
 * serverpilot-domains: keep a ServerPilot app's domain list right, enable AutoSSL and prove a
 * valid certificate is served. Every export is named and grouped by layer.
 *
 * Only what a user calls or names is exported (as ky does: implementation details are not). Codecs,
 * retry arithmetic, probe classification, defaults tables and parsers stay inside; a test keeps a
 * snapshot of this list (test/exports.test.ts), so every change to it is deliberate.
 */

// Audit and doctor (run them as sp.audit() and sp.doctor())
export type {
  AuditOptions,
  AuditReport,
  AuditRow,
  AuditStatus,
  AuditSummary,
  DoctorCheck,
  DoctorCheckId,
  DoctorOptions,
  DoctorReport,
} from './audit/index.js';
// Client
export {
  type Action,
  type ActionStatus,
  type ActionsResource,
  type App,
  type AppSsl,
  type AppsResource,
  type AutoSsl,
  type ClientOptions,
  type ClientStats,
  type ClientSummary,
  type CreateAppInput,
  type CreateDbInput,
  type CreateServerInput,
  type CreateSshKeyInput,
  type CreateSysuserInput,
  type CustomSslInput,
  createServerPilotClient,
  type Db,
  type DbsResource,
  type EmptyData,
  type InstalledSsl,
  type Mutation,
  type RequestInfo,
  type RequestOptions,
  type RetryOptions,
  type Server,
  type ServerPilotClient,
  type ServersResource,
  type SshKey,
  type SshKeysResource,
  type SslResource,
  type Sysuser,
  type SysusersResource,
  tryCreateServerPilotClient,
  type UpdateAppInput,
  type UpdateDbInput,
  type UpdateServerInput,
  type WaitForOptions,
  type WordPressInstall,
} from './client/index.js';
// Domains (pure)
export {
  classify,
  type DomainChange,
  type DomainKind,
  type DomainName,
  type DomainPlan,
  MAX_DOMAINS,
  normalizeDomain,
  type ReconcileError,
  type ReconcileOptions,
  reconcileDomains,
  type WwwOptions,
  type WwwPolicy,
  wwwTwin,
} from './domains/index.js';
// Types the options and signatures above name, exported so they can be named (and documented)
export type { ShouldAddWww, WwwContext, WwwFilterHooks } from './domains/www.js';
// Errors
export {
  type AbortedError,
  type ActionFailed,
  type ActionTimeout,
  type CallbackError,
  type ConfigError,
  type DecodeError,
  describeSdkError,
  type HookError,
  type HttpError,
  type HttpErrorKind,
  type InvalidDomain,
  type InvalidOption,
  isServerPilotSdkError,
  type LockError,
  type LockTimeout,
  matchSdkError,
  type NetworkError,
  type ProtectedDomain,
  type QueueError,
  type ResponseTooLarge,
  type SafeCause,
  type SchedulerError,
  type SdkError,
  type SdkErrorTag,
  ServerPilotSdkError,
  type TimeoutError,
  type TooManyDomains,
  unwrap,
  type WriteConflict,
} from './errors/index.js';
// Hook registry types (for createHooks<Filters, Actions>() and callbacks)
export type {
  ActionCallbackOf,
  ActionTable,
  FilterCallbackOf,
  FilterTable,
  HookName,
  HookRegistry,
} from './hooks/registry.js';
// Integration option and client-port types
export type { WriteBackoff } from './integration/backoff.js';
// Integration
// Configuration from a WordPress wp-config.php (read, never executed)
export {
  type ActionOutcome,
  type AppView,
  type AutoSslOperationReport,
  type AutoSslReport,
  type ChangeReport,
  type Config,
  type ConnectionReport,
  type Coverage,
  createServerPilotIntegration,
  type DomainListReport,
  type DomainLock,
  type ForceSslReport,
  type IntegrationClient,
  type IntegrationOptions,
  type LockRelease,
  loadConfigFromEnv,
  loadConfigFromWpConfig,
  type OperationOptions,
  type PlanChange,
  type PlanReport,
  readWpConfig,
  type ServerPilotIntegration,
  type SyncOptions,
  tryCreateServerPilotIntegration,
  type VerifyReport,
  type WaitOptions,
  type WpConfigValues,
} from './integration/index.js';
export type { ActionView, CallOptions } from './integration/ports.js';
// Lifecycle (SSL stages as scheduled tries; the BullMQ scheduler is in serverpilot-domains/redis)
export {
  createDomainLifecycle,
  createMemoryScheduler,
  type DomainLifecycle,
  type DomainStatus,
  type LifecycleIntegration,
  type LifecycleOptions,
  type LifecycleScheduler,
  type LifecycleStage,
  type LifecycleStore,
  type LifecycleVerifier,
  type MemorySchedulerOptions,
  type TrackedDomain,
  type TrackOptions,
  type TryHandler,
  type TryTicket,
} from './lifecycle/index.js';
export type { DnsTry } from './lifecycle/tries.js';
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
} from './sdk-hooks.js';
export type { DomainStageEvent, SslActionMap, SslFilterMap, SslHooks } from './ssl/hooks.js';
// SSL
export {
  type CaOption,
  createSslVerifier,
  type DnsCheck,
  type DnsResolver,
  type DnsStatus,
  type ProbeOptions,
  type Sleep,
  type SslFinalStage,
  type SslHistoryEntry,
  type SslLookup,
  type SslVerification,
  type SslVerifier,
  type VerifierOptions,
  type VerifyManyOptions,
  type VerifyOptions,
} from './ssl/index.js';
