export { decideAutoSsl, notCoverable, uncoveredDomains } from './autossl.js';
export { mergeChanges, type NormalizedChange, planBatch, type QueuedChange } from './changes.js';
export { type Config, ENV_NAMES, loadConfigFromEnv } from './config.js';
export {
  createServerPilotIntegration,
  type ServerPilotIntegration,
  tryCreateServerPilotIntegration,
} from './integration.js';
export type { DomainLock, LockRelease } from './lock.js';
export type { IntegrationOptions, OperationOptions, PlanChange, SyncOptions } from './options.js';
export { type PhpDefine, parsePhpDefines } from './php-source.js';
export type { AppView, IntegrationClient } from './ports.js';
export { type ChangeQueue, createChangeQueue } from './queue.js';
export { checkReadBack, effectivePlan, intentOf } from './read-back.js';
export type {
  ActionOutcome,
  AutoSslOperationReport,
  AutoSslReport,
  ChangeReport,
  ConnectionReport,
  Coverage,
  DomainListReport,
  ForceSslReport,
  PlanReport,
  VerifyReport,
} from './report.js';
export type { WaitOptions } from './wait.js';
export {
  configFromWpConfig,
  loadConfigFromWpConfig,
  parseWpConfig,
  readWpConfig,
  WP_CONFIG_CONSTANTS,
  type WpConfigValues,
} from './wp-config.js';
