/** What a verification and a probe report: the stages, the probe statuses and the certificate seen. */

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
