import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { SslProbe } from '../hooks/contexts.js';
import { classifyProbe, EXPIRED_CODES, HOSTNAME_CODES, NOT_YET_VALID_CODES } from './classify.js';

/** Node's name check, fed from the summary (the probe keeps no raw certificate). */
const namesMatch = (domain: string, certificate: NonNullable<SslProbe['certificate']>): boolean => {
  const commonName = /(?:^|, )CN=([^,]+)/.exec(certificate.subject)?.[1];
  const peer = {
    subject: commonName === undefined ? {} : { CN: commonName },
    subjectaltname: certificate.subjectAltNames
      .map((name) => (isIP(name) === 0 ? `DNS:${name}` : `IP Address:${name}`))
      .join(', '),
  } as unknown as PeerCertificate;
  return checkServerIdentity(domain, peer) === undefined;
};

/**
 * Correct a probe the classifier called `self-signed` only because OpenSSL reported a date or name
 * code for a self-issued certificate, when that certificate is itself one of the verifier's `ca`
 * certificates (its fingerprint is in `trusted`): the user pinned it, so the code means what it says
 * (`expired`, `not-yet-valid`, `hostname-mismatch`). Every other probe is returned unchanged.
 *
 * Lives beside the probe rather than in it so the handshake code stays free of verifier options.
 */
export const withPinnedTrust = (probe: SslProbe, trusted: ReadonlySet<string>, now: Date): SslProbe => {
  const { certificate, code } = probe;
  if (probe.status !== 'self-signed' || certificate === undefined || code === undefined) return probe;
  if (!(EXPIRED_CODES.has(code) || NOT_YET_VALID_CODES.has(code) || HOSTNAME_CODES.has(code))) return probe;
  if (!trusted.has(certificate.fingerprint256)) return probe;
  const classification = classifyProbe({
    authorized: false,
    authorizationError: code,
    namesMatch: namesMatch(probe.domain, certificate),
    selfIssued: true,
    trustedRoot: true,
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
    now,
  });
  const { code: _dropped, ...rest } = probe;
  return {
    ...rest,
    status: classification.status,
    ...(classification.code === undefined ? {} : { code: classification.code }),
  };
};
