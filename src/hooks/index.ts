export type {
  ActionCallback,
  ActionMap,
  ActionName,
  CertificateSummary,
  FilterCallback,
  FilterContext,
  FilterMap,
  FilterName,
  FilterValue,
  ProbeStatus,
  SslProbe,
  SslRetryStage,
  SslStage,
} from './contexts.js';
export { createHooks, DEFAULT_PRIORITY, type Hooks } from './create-hooks.js';
