/**
 * The typed vocabulary of every filter and action: one map from hook name to the value it filters
 * and the context it is given. Types shared with the SSL layer live here, at the bottom, so the
 * pure layers never import from the effectful ones.
 */
import type { DomainPlan, WwwPolicy } from '../domains/plan.js';

/** The stages of SSL verification, as hosting panels name them. */
export type SslStage =
  | 'checking-dns'
  | 'checking-ssl-cert'
  | 'done'
  | 'failed'
  | 'ssl-failed'
  | 'not-verifiable';

/** The stages that retry: each has its own try budget and wait. */
export type SslRetryStage = 'checking-dns' | 'checking-ssl-cert';

/** The classified outcome of one TLS handshake. Only `valid` means a browser would trust it. */
export type ProbeStatus =
  | 'valid'
  | 'dns-error'
  | 'connect-error'
  | 'timeout'
  | 'self-signed'
  | 'untrusted'
  | 'hostname-mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'weak-key'
  | 'weak-signature';

/** What the server actually presented, also when it was rejected. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAltNames: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysRemaining: number;
  readonly fingerprint256: string;
  /** The public key's type: `rsa`, `ec`, `ed25519`... (absent only in summaries made by hand). */
  readonly keyAlgorithm?: string;
  /** The key's size in bits: RSA modulus, or curve size; an RSA key under 2048 is `weak-key`. */
  readonly keyBits?: number;
  /** How the issuer signed it, as OpenSSL names it (`sha256WithRSAEncryption`, `ecdsa-with-SHA1`...). */
  readonly signatureAlgorithm?: string;
}

/** One TLS handshake, classified. */
export interface SslProbe {
  readonly domain: string;
  readonly status: ProbeStatus;
  /** The OpenSSL/Node error code behind the status, such as `CERT_HAS_EXPIRED` or `ECONNREFUSED`. */
  readonly code?: string;
  readonly certificate?: CertificateSummary;
  /** The address the handshake went to, when a connection was made. */
  readonly address?: string;
  readonly elapsedMs: number;
}

/** Every filter: the value it filters and the context it is given. */
export interface FilterMap {
  'ssl.maxTries': { value: number; context: { readonly domain: string; readonly stage: SslRetryStage } };
  'ssl.retryDelayMs': {
    value: number;
    context: { readonly domain: string; readonly stage: SslRetryStage; readonly attempt: number };
  };
  'domains.shouldAddWww': {
    value: boolean;
    context: { readonly domain: string; readonly policy: WwwPolicy };
  };
  'domains.beforeUpdate': {
    value: readonly string[];
    context: { readonly appId: string; readonly current: readonly string[]; readonly plan: DomainPlan };
  };
}

/** Every action: the context its callbacks receive. */
export interface ActionMap {
  /**
   * Fired on every change of SSL verification stage. `from` is `null` on the first change;
   * `attempt` is the try, in the stage being left, at which the change happened (0 when starting);
   * `probe` is the last probe when leaving `checking-ssl-cert`.
   */
  'domain.stage': {
    readonly domain: string;
    readonly from: SslStage | null;
    readonly to: SslStage;
    readonly attempt: number;
    readonly probe?: SslProbe;
  };
  'app.domainsUpdated': { readonly appId: string; readonly plan: DomainPlan; readonly actionId?: string };
}

export type FilterName = keyof FilterMap;
export type ActionName = keyof ActionMap;
export type FilterValue<N extends FilterName> = FilterMap[N]['value'];
export type FilterContext<N extends FilterName> = FilterMap[N]['context'];
export type FilterCallback<N extends FilterName> = (
  value: FilterValue<N>,
  context: FilterContext<N>,
) => FilterValue<N>;
export type ActionCallback<N extends ActionName> = (context: ActionMap[N]) => void;
