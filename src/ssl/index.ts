export { realSleep, type Sleep } from '../internal/sleep.js';
export { type CertificateFacts, parseSubjectAltNames, summarizeCertificate } from './certificate.js';
export { type Classification, classifyProbe, type ProbeEvidence } from './classify.js';
export {
  checkDns,
  type DnsCheck,
  type DnsCheckSettings,
  type DnsResolver,
  type DnsStatus,
  defaultResolver,
  dnsPasses,
} from './dns.js';
export { explainDns, explainProbe } from './explain.js';
export { filterDefault, filteredNumber, type SslNumberFilter } from './filtered.js';
export type { DomainStageEvent, SslActionMap, SslFilterMap, SslHooks } from './hooks.js';
export type { SslLookup } from './probe.js';
export type { CertificateSummary, ProbeStatus, SslProbe, SslRetryStage, SslStage } from './status.js';
export type { CaOption } from './trust.js';
export {
  createSslVerifier,
  type ProbeOptions,
  SSL_DEFAULTS,
  type SslFinalStage,
  type SslHistoryEntry,
  type SslVerification,
  type SslVerifier,
  type VerifierOptions,
  type VerifyManyOptions,
  type VerifyOptions,
} from './verifier.js';
