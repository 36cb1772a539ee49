import { describe, expect, it } from 'vitest';
import { classifyProbe, type ProbeEvidence } from '../../src/ssl/classify.js';

const now = new Date('2026-06-01T00:00:00Z');
const validFrom = new Date('2026-05-01T00:00:00Z');
const validTo = new Date('2026-08-01T00:00:00Z');
const good: ProbeEvidence = {
  authorized: true,
  namesMatch: true,
  selfIssued: false,
  validFrom,
  validTo,
  now,
};

const table: readonly [string, ProbeEvidence, string, string | undefined][] = [
  ['an authorized chain with matching names and dates', good, 'valid', undefined],
  ['a refused connection', { errorCode: 'ECONNREFUSED', now }, 'connect-error', 'ECONNREFUSED'],
  ['a reset connection', { errorCode: 'ECONNRESET', now }, 'connect-error', 'ECONNRESET'],
  ['an unknown name', { errorCode: 'ENOTFOUND', now }, 'dns-error', 'ENOTFOUND'],
  ['a temporary lookup failure', { errorCode: 'EAI_AGAIN', now }, 'dns-error', 'EAI_AGAIN'],
  ['the probe timer running out', { errorCode: 'ETIMEDOUT', now }, 'timeout', 'ETIMEDOUT'],
  [
    'a self-signed leaf',
    { ...good, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', selfIssued: true },
    'self-signed',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
  ],
  [
    'a chain ending in an untrusted self-signed root',
    { ...good, authorized: false, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN' },
    'self-signed',
    'SELF_SIGNED_CERT_IN_CHAIN',
  ],
  [
    'a self-issued certificate OpenSSL reported as expired',
    { ...good, authorized: false, authorizationError: 'CERT_HAS_EXPIRED', selfIssued: true },
    'self-signed',
    'CERT_HAS_EXPIRED',
  ],
  [
    'an expired self-issued certificate that is itself a trusted ca certificate',
    {
      ...good,
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
      selfIssued: true,
      trustedRoot: true,
    },
    'expired',
    'CERT_HAS_EXPIRED',
  ],
  [
    'a not-yet-valid self-issued certificate that is itself a trusted ca certificate',
    {
      ...good,
      authorized: false,
      authorizationError: 'CERT_NOT_YET_VALID',
      selfIssued: true,
      trustedRoot: true,
    },
    'not-yet-valid',
    'CERT_NOT_YET_VALID',
  ],
  [
    'an expired trusted self-issued certificate for another name',
    {
      ...good,
      authorized: false,
      authorizationError: 'CERT_HAS_EXPIRED',
      selfIssued: true,
      trustedRoot: true,
      namesMatch: false,
    },
    'hostname-mismatch',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ],
  [
    'a leaf from an unknown issuer',
    { ...good, authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    'untrusted',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  ],
  [
    'a missing intermediate',
    { ...good, authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
    'untrusted',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  ],
  ['an unauthorized chain without a code', { ...good, authorized: false }, 'untrusted', 'UNAUTHORIZED'],
  [
    "Node's name check failing",
    { ...good, authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID', namesMatch: false },
    'hostname-mismatch',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ],
  [
    'an expired certificate that is also for another name',
    { ...good, authorized: false, authorizationError: 'CERT_HAS_EXPIRED', namesMatch: false },
    'hostname-mismatch',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ],
  [
    'an authorized chain whose names do not match',
    { ...good, namesMatch: false },
    'hostname-mismatch',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ],
  [
    'an authorized chain with no names evidence',
    { authorized: true, validFrom, validTo, now },
    'hostname-mismatch',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ],
  [
    'OpenSSL reporting an expired certificate',
    { ...good, authorized: false, authorizationError: 'CERT_HAS_EXPIRED' },
    'expired',
    'CERT_HAS_EXPIRED',
  ],
  [
    'an authorized chain past its end date by our clock',
    { ...good, now: new Date('2026-09-01T00:00:00Z') },
    'expired',
    'CERT_HAS_EXPIRED',
  ],
  [
    'OpenSSL reporting a certificate not valid yet',
    { ...good, authorized: false, authorizationError: 'CERT_NOT_YET_VALID' },
    'not-yet-valid',
    'CERT_NOT_YET_VALID',
  ],
  [
    'an authorized chain before its start date by our clock',
    { ...good, now: new Date('2026-04-01T00:00:00Z') },
    'not-yet-valid',
    'CERT_NOT_YET_VALID',
  ],
];

describe('classifyProbe', () => {
  it.each(table)('classifies %s', (_name, evidence, status, code) => {
    const result = classifyProbe(evidence);
    expect(result.status).toBe(status);
    expect(result.code).toBe(code);
  });

  it('calls nothing valid unless authorized is exactly true', () => {
    const { authorized: _dropped, ...withoutVerdict } = good;
    expect(classifyProbe({ ...good, authorized: false }).status).not.toBe('valid');
    expect(classifyProbe(withoutVerdict).status).not.toBe('valid');
  });

  it('is valid on the last millisecond of validity and expired one after', () => {
    expect(classifyProbe({ ...good, now: validTo }).status).toBe('valid');
    expect(classifyProbe({ ...good, now: new Date(validTo.getTime() + 1) }).status).toBe('expired');
  });
});

describe('classifyProbe on weak chains', () => {
  const weakTable: readonly [string, ProbeEvidence, string, string | undefined][] = [
    [
      'an authorized chain with an RSA-1024 leaf',
      { ...good, weakKey: 'leaf' },
      'weak-key',
      'EE_KEY_TOO_SMALL',
    ],
    [
      'an authorized chain with an RSA-1024 intermediate',
      { ...good, weakKey: 'intermediate' },
      'weak-key',
      'CA_KEY_TOO_SMALL',
    ],
    [
      'a SHA-1 leaf OpenSSL refused as UNSPECIFIED',
      { ...good, authorized: false, authorizationError: 'UNSPECIFIED', weakSignature: true },
      'weak-signature',
      'CA_MD_TOO_WEAK',
    ],
    [
      'OpenSSL reporting a weak digest the probe did not see',
      { ...good, authorized: false, authorizationError: 'CA_MD_TOO_WEAK' },
      'weak-signature',
      'CA_MD_TOO_WEAK',
    ],
    [
      'OpenSSL reporting a small key at a higher security level',
      { ...good, authorized: false, authorizationError: 'EE_KEY_TOO_SMALL' },
      'weak-key',
      'EE_KEY_TOO_SMALL',
    ],
    [
      'a weak signature and a weak key together',
      { ...good, weakKey: 'leaf', weakSignature: true },
      'weak-signature',
      'CA_MD_TOO_WEAK',
    ],
    [
      'a weak chain from an issuer nobody trusts',
      {
        ...good,
        authorized: false,
        authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        weakSignature: true,
      },
      'untrusted',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    ],
    [
      'a weak self-issued certificate nobody pinned',
      { ...good, authorized: false, authorizationError: 'UNSPECIFIED', selfIssued: true, weakKey: 'leaf' },
      'self-signed',
      'UNSPECIFIED',
    ],
    [
      'a weak certificate that is also expired, whichever code OpenSSL gave',
      { ...good, authorized: false, authorizationError: 'CERT_HAS_EXPIRED', weakKey: 'leaf' },
      'weak-key',
      'EE_KEY_TOO_SMALL',
    ],
    [
      'a weak certificate for another name',
      { ...good, namesMatch: false, weakSignature: true },
      'weak-signature',
      'CA_MD_TOO_WEAK',
    ],
  ];

  it.each(weakTable)('classifies %s', (_name, evidence, status, code) => {
    const result = classifyProbe(evidence);
    expect(result.status).toBe(status);
    expect(result.code).toBe(code);
  });
});
