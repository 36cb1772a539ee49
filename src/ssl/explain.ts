/** PURE: one sentence on why a domain is not secure yet, for panels to show their users. */

import type { DnsCheck } from './dns.js';
import type { ProbeStatus, SslProbe } from './status.js';

const list = (items: readonly string[]): string => items.join(', ');

/** Why the DNS stage did or did not pass. */
export const explainDns = (check: DnsCheck): string => {
  switch (check.status) {
    case 'points-here':
      return `${check.domain} points at this server (${list(check.addresses)})`;
    case 'resolves':
      return `${check.domain} resolves to ${list(check.addresses)}; no server address was given to compare with`;
    case 'points-elsewhere':
      return (
        `${check.domain} points at ${list(check.unexpected)}, not at this server (${list(check.expected)})` +
        (check.cname === undefined ? '' : ` through the alias ${check.cname}`) +
        ': update its A/AAAA records, or, if a proxy or CDN is in front on purpose, AutoSSL cannot validate it'
      );
    case 'no-records':
      return `${check.domain} exists but has no A or AAAA record: add one pointing at this server`;
    case 'nxdomain':
      return `${check.domain} does not exist in DNS (NXDOMAIN): register it or create its records`;
    case 'lookup-error':
      return `DNS lookup of ${check.domain} failed (${check.code ?? 'unknown error'}); it will be retried`;
  }
};

const STATUS: { readonly [S in ProbeStatus]: string } = {
  valid: 'serves a valid, trusted certificate',
  'dns-error': 'could not be resolved to an address',
  'connect-error': 'did not accept a TLS connection',
  timeout: 'did not complete a TLS handshake in time',
  'self-signed':
    "serves a self-signed certificate (usually the server's default): AutoSSL has not issued one for this name yet",
  untrusted: 'serves a certificate from an issuer that is not trusted',
  'hostname-mismatch': 'serves a certificate issued for other names',
  expired: 'serves an expired certificate',
  'not-yet-valid': 'serves a certificate that is not valid yet (check the server clock)',
  'weak-key':
    'serves a certificate whose key is too small for browsers (RSA needs at least 2048 bits): reissue it with a stronger key',
  'weak-signature':
    'serves a certificate signed with a digest browsers refuse (MD5 or SHA-1): reissue it signed with SHA-256',
};

/** The facts behind a weak status: the leaf's key or signature, or else a weak intermediate. */
const weakDetail = (probe: SslProbe): string => {
  const cert = probe.certificate;
  if (probe.status === 'weak-key') {
    return probe.code === 'CA_KEY_TOO_SMALL' || cert?.keyBits === undefined
      ? ' (an intermediate certificate of its chain)'
      : ` (${(cert.keyAlgorithm ?? 'key').toUpperCase()} ${cert.keyBits} bits)`;
  }
  const algorithm = cert?.signatureAlgorithm;
  return algorithm !== undefined && /md[245]|sha1/i.test(algorithm)
    ? ` (${algorithm})`
    : ' (an intermediate certificate of its chain)';
};

/** Why a probe is or is not `valid`, with the names and dates of the certificate seen. */
export const explainProbe = (probe: SslProbe): string => {
  const cert = probe.certificate;
  const detail =
    cert === undefined
      ? ''
      : probe.status === 'hostname-mismatch'
        ? ` (${list(cert.subjectAltNames) || cert.subject})`
        : probe.status === 'expired'
          ? ` (expired ${cert.validTo})`
          : probe.status === 'not-yet-valid'
            ? ` (valid from ${cert.validFrom})`
            : probe.status === 'untrusted' || probe.status === 'self-signed'
              ? ` (issuer: ${cert.issuer})`
              : probe.status === 'weak-key' || probe.status === 'weak-signature'
                ? weakDetail(probe)
                : '';
  return `${probe.domain} ${STATUS[probe.status]}${detail}${probe.code === undefined ? '' : ` [${probe.code}]`}`;
};
