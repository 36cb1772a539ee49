import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSubjectAltNames, summarizeCertificate } from '../../src/ssl/certificate.js';
import { explainProbe } from '../../src/ssl/explain.js';
import { createSelfSignedCertificate, createTestCertificateAuthority } from '../../src/testing/tls.js';

const DAY = 86_400_000;

describe('summarizeCertificate', () => {
  const ca = createTestCertificateAuthority({ name: 'Summary CA' });
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2026-04-01T00:00:00Z');
  const pair = ca.issue({ names: ['a.example.test', '*.b.example.test', '192.0.2.5'], notBefore, notAfter });
  const raw = new X509Certificate(pair.cert).raw;

  it('reads subject, issuer, every SAN and the validity dates', () => {
    const { summary } = summarizeCertificate(raw, new Date('2026-03-01T00:00:00Z'));
    expect(summary.subject).toBe('CN=a.example.test');
    expect(summary.issuer).toBe('O=serverpilot-domains tests, CN=Summary CA');
    expect(summary.subjectAltNames).toEqual(['a.example.test', '*.b.example.test', '192.0.2.5']);
    expect(summary.validFrom).toBe(notBefore.toISOString());
    expect(summary.validTo).toBe(notAfter.toISOString());
  });

  it('counts whole days remaining by the given clock, negative once expired', () => {
    expect(summarizeCertificate(raw, new Date(notAfter.getTime() - 10 * DAY)).summary.daysRemaining).toBe(10);
    expect(summarizeCertificate(raw, new Date(notAfter.getTime() + 1.5 * DAY)).summary.daysRemaining).toBe(
      -2,
    );
  });

  it('gives the SHA-256 fingerprint of exactly these bytes', () => {
    expect(summarizeCertificate(raw, new Date()).summary.fingerprint256).toBe(
      new X509Certificate(pair.cert).fingerprint256,
    );
  });

  it('tells a self-issued certificate from an issued one', () => {
    const self = new X509Certificate(createSelfSignedCertificate({ names: ['localhost'] }).cert).raw;
    expect(summarizeCertificate(self, new Date()).selfIssued).toBe(true);
    expect(summarizeCertificate(raw, new Date()).selfIssued).toBe(false);
  });
});

describe('parseSubjectAltNames', () => {
  it('keeps DNS names and IP addresses and drops other kinds', () => {
    expect(parseSubjectAltNames('DNS:a.test, IP Address:127.0.0.1, email:x@y.test, DNS:*.b.test')).toEqual([
      'a.test',
      '127.0.0.1',
      '*.b.test',
    ]);
    expect(parseSubjectAltNames(undefined)).toEqual([]);
  });
});

describe('explainProbe', () => {
  it('names the names a mismatched certificate was issued for', () => {
    const text = explainProbe({
      domain: 'shop.example.test',
      status: 'hostname-mismatch',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      certificate: {
        subject: 'CN=other.test',
        issuer: 'CN=R11',
        subjectAltNames: ['other.test'],
        validFrom: '2026-01-01T00:00:00.000Z',
        validTo: '2026-04-01T00:00:00.000Z',
        daysRemaining: 30,
        fingerprint256: 'AA',
      },
      elapsedMs: 3,
    });
    expect(text).toBe(
      'shop.example.test serves a certificate issued for other names (other.test) [ERR_TLS_CERT_ALTNAME_INVALID]',
    );
  });

  it('says AutoSSL has not issued yet when the default self-signed certificate is served', () => {
    expect(explainProbe({ domain: 'a.test', status: 'self-signed', elapsedMs: 1 })).toContain(
      'AutoSSL has not issued one',
    );
  });
});
