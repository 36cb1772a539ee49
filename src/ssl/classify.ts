/**
 * PURE: from what one TLS attempt produced (a socket error code, or the handshake's verdict plus
 * the certificate's names and dates) and the current time, to a {@link ProbeStatus}.
 *
 * OpenSSL reports a single verification code, and which one it picks when several things are wrong
 * depends on its internal order. This classifier therefore also checks names, dates and strength
 * itself, so the status is the same whichever code came first, and is never `valid` unless the
 * chain was authorized AND no certificate of it has a weak key or signature AND the names cover
 * the domain AND `now` lies within the validity dates.
 */
import type { ProbeStatus } from './status.js';

/** What one attempt produced. Either `errorCode` (no handshake) or a handshake verdict. */
export interface ProbeEvidence {
  /** A socket/lookup error before the handshake completed: `ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`... */
  readonly errorCode?: string;
  /** `tlsSocket.authorized`. */
  readonly authorized?: boolean;
  /** `tlsSocket.authorizationError`, such as `CERT_HAS_EXPIRED`. */
  readonly authorizationError?: string;
  /** Whether the certificate's names cover the domain (`tls.checkServerIdentity` returned nothing). */
  readonly namesMatch?: boolean;
  /** Subject and issuer are the same name: the certificate signed itself. */
  readonly selfIssued?: boolean;
  /**
   * The certificate itself is one of the verifier's `ca` certificates (same SHA-256 fingerprint):
   * a pinned self-signed certificate the user chose to trust, so a date or name code means what it
   * says instead of hiding an untrusted self-signed one.
   */
  readonly trustedRoot?: boolean;
  readonly validFrom?: Date;
  readonly validTo?: Date;
  readonly now: Date;
  /**
   * Which presented certificate has a key browsers refuse (RSA or DSA under 2048 bits), judged
   * from the certificates themselves, since OpenSSL's default security level still accepts 1024.
   */
  readonly weakKey?: 'leaf' | 'intermediate';
  /** Some presented certificate (leaf or intermediate, never the root) is signed with MD5 or SHA-1. */
  readonly weakSignature?: boolean;
}

/** The status and the code that explains it. */
export interface Classification {
  readonly status: ProbeStatus;
  readonly code?: string;
}

/** Codes of a failed name lookup. */
export const DNS_ERROR_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EAI_NODATA',
  'ENODATA',
  'ESERVFAIL',
  'ENONAME',
]);

/** Codes of an attempt that ran out of time. `ETIMEDOUT` is also what the probe's own timer reports. */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** Verification codes of a certificate that signed itself or whose chain ends in an untrusted self-signed root. */
export const SELF_SIGNED_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

export const EXPIRED_CODES: ReadonlySet<string> = new Set(['CERT_HAS_EXPIRED']);
export const NOT_YET_VALID_CODES: ReadonlySet<string> = new Set(['CERT_NOT_YET_VALID']);
export const HOSTNAME_CODES: ReadonlySet<string> = new Set(['ERR_TLS_CERT_ALTNAME_INVALID']);
export const WEAK_KEY_CODES: ReadonlySet<string> = new Set(['EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL']);
export const WEAK_SIGNATURE_CODES: ReadonlySet<string> = new Set(['CA_MD_TOO_WEAK']);

/**
 * Codes that name a fault of the issuer, which no weakness explains. Any other refusal of a chain
 * the probe found weak (OpenSSL 3 reports a SHA-1 leaf as `UNSPECIFIED`) is put down to the weakness.
 */
export const UNTRUSTED_ISSUER_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

const withCode = (status: ProbeStatus, code: string | undefined): Classification =>
  code === undefined ? { status } : { status, code };

/** `weak-signature` before `weak-key`: either way the certificate must be reissued, the digest is the rarer fault. */
const weakness = (evidence: ProbeEvidence, code: string | undefined): Classification | undefined => {
  if (evidence.weakSignature === true || (code !== undefined && WEAK_SIGNATURE_CODES.has(code))) {
    return {
      status: 'weak-signature',
      code: code !== undefined && WEAK_SIGNATURE_CODES.has(code) ? code : 'CA_MD_TOO_WEAK',
    };
  }
  if (evidence.weakKey !== undefined || (code !== undefined && WEAK_KEY_CODES.has(code))) {
    const own = evidence.weakKey === 'intermediate' ? 'CA_KEY_TOO_SMALL' : 'EE_KEY_TOO_SMALL';
    return { status: 'weak-key', code: code !== undefined && WEAK_KEY_CODES.has(code) ? code : own };
  }
  return undefined;
};

const classifyError = (code: string): Classification => {
  if (DNS_ERROR_CODES.has(code)) return { status: 'dns-error', code };
  if (TIMEOUT_CODES.has(code)) return { status: 'timeout', code };
  return { status: 'connect-error', code };
};

/**
 * Classify one probe. Precedence when several things are wrong, most fundamental first:
 * `self-signed` > `untrusted` > `weak-signature` > `weak-key` > `hostname-mismatch` > `expired` >
 * `not-yet-valid`: a weak chain is a chain browsers do not trust, so it ranks with trust. A date
 * code from OpenSSL says nothing about trust (it may stop at the first failure), so a date code
 * with a self-issued certificate is still `self-signed`, unless that very certificate is a trusted
 * `ca` (`trustedRoot`).
 *
 * @example
 * classifyProbe({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED', namesMatch: true, now })
 * // { status: 'expired', code: 'CERT_HAS_EXPIRED' }
 */
export const classifyProbe = (evidence: ProbeEvidence): Classification => {
  if (evidence.errorCode !== undefined) return classifyError(evidence.errorCode);
  const code = evidence.authorized === true ? undefined : evidence.authorizationError;
  const dateCode = code !== undefined && (EXPIRED_CODES.has(code) || NOT_YET_VALID_CODES.has(code));
  const nameCode = code !== undefined && HOSTNAME_CODES.has(code);
  const weak = weakness(evidence, code);
  const untrustedSelf = evidence.selfIssued === true && evidence.trustedRoot !== true;
  // A refusal the weakness explains is not a verdict on the issuer.
  const weakCode =
    weak !== undefined && !untrustedSelf && !(code !== undefined && UNTRUSTED_ISSUER_CODES.has(code));

  if (code !== undefined && SELF_SIGNED_CODES.has(code)) return withCode('self-signed', code);
  if (evidence.authorized !== true && untrustedSelf && (dateCode || nameCode || weak !== undefined)) {
    return withCode('self-signed', code);
  }
  if (evidence.authorized !== true && !dateCode && !nameCode && !weakCode) {
    return withCode(evidence.selfIssued === true ? 'self-signed' : 'untrusted', code ?? 'UNAUTHORIZED');
  }
  if (weak !== undefined) return weak;
  if (nameCode || evidence.namesMatch === false) {
    return withCode('hostname-mismatch', nameCode ? code : 'ERR_TLS_CERT_ALTNAME_INVALID');
  }
  const now = evidence.now.getTime();
  if (
    (code !== undefined && EXPIRED_CODES.has(code)) ||
    (evidence.validTo !== undefined && now > evidence.validTo.getTime())
  ) {
    return withCode('expired', code ?? 'CERT_HAS_EXPIRED');
  }
  if (
    (code !== undefined && NOT_YET_VALID_CODES.has(code)) ||
    (evidence.validFrom !== undefined && now < evidence.validFrom.getTime())
  ) {
    return withCode('not-yet-valid', code ?? 'CERT_NOT_YET_VALID');
  }
  // Authorized, names match, dates hold. Missing names evidence counts as a mismatch: never guess valid.
  if (evidence.namesMatch !== true) return withCode('hostname-mismatch', 'ERR_TLS_CERT_ALTNAME_INVALID');
  return { status: 'valid' };
};
