import { crypto } from '../internal/builtins.js';
import type { CertificateSummary } from './status.js';
import { isWeakKey, isWeakSignature, strengthOf } from './strength.js';

const DAY = 86_400_000;

/** The parsed facts the classifier and the summary need from one DER certificate. */
export interface CertificateFacts {
  readonly summary: CertificateSummary;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly selfIssued: boolean;
  /** A key browsers refuse: RSA or DSA under 2048 bits (see `strength.ts`). */
  readonly weakKey: boolean;
  /** A signature browsers refuse: MD5 or SHA-1 based. */
  readonly weakSignature: boolean;
}

/** `DNS:a.test, IP Address:127.0.0.1` to `['a.test', '127.0.0.1']`. */
export const parseSubjectAltNames = (text: string | undefined): readonly string[] =>
  (text ?? '')
    .split(/,\s*/)
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry.trim())?.[1])
    .filter((name): name is string => name !== undefined && name.length > 0);

/** `C=US\nO=Let's Encrypt\nCN=R11` to `C=US, O=Let's Encrypt, CN=R11`. */
const oneLine = (name: string): string =>
  name
    .split('\n')
    .filter((part) => part.length > 0)
    .join(', ');

/**
 * Summarize a certificate from its DER bytes, as presented by the server (`getPeerCertificate().raw`).
 * `daysRemaining` is whole days from `now` to `validTo`, negative once expired.
 */
export const summarizeCertificate = (raw: Buffer, now: Date): CertificateFacts => {
  const x509 = new (crypto().X509Certificate)(raw);
  const validFrom = new Date(x509.validFrom);
  const validTo = new Date(x509.validTo);
  const strength = strengthOf(x509, raw);
  return {
    validFrom,
    validTo,
    selfIssued: x509.subject === x509.issuer,
    weakKey: isWeakKey(strength),
    weakSignature: isWeakSignature(strength),
    summary: {
      subject: oneLine(x509.subject),
      issuer: oneLine(x509.issuer),
      subjectAltNames: parseSubjectAltNames(x509.subjectAltName),
      validFrom: validFrom.toISOString(),
      validTo: validTo.toISOString(),
      daysRemaining: Math.floor((validTo.getTime() - now.getTime()) / DAY),
      fingerprint256: x509.fingerprint256,
      ...strength,
    },
  };
};

/**
 * Whether the certificate's DNS subjectAltNames cover `domain`, with one-label wildcards. The
 * subject CN never counts: browsers stopped accepting CN-only certificates years ago, though
 * Node's `checkServerIdentity` still falls back to it.
 */
export const coversName = (raw: Buffer, domain: string): boolean =>
  new (crypto().X509Certificate)(raw).checkHost(domain, {
    subject: 'never',
    wildcards: true,
    partialWildcards: false,
  }) !== undefined;
