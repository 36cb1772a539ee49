import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createStubResolver } from '../../src/testing/dns.js';
import * as testing from '../../src/testing/index.js';
import {
  createSelfSignedCertificate,
  createTestCertificateAuthority,
  startLoopbackTlsServer,
} from '../../src/testing/tls.js';

const DAY = 86_400_000;

/** The SAN a plain TLS client sees for `name`, and whether it trusted the chain. */
const handshake = (port: number, name: string, ca: string) =>
  new Promise<{ sans: string | undefined; authorized: boolean }>((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port, servername: name, ca, rejectUnauthorized: false },
      () => {
        resolve({ sans: socket.getPeerCertificate().subjectaltname, authorized: socket.authorized });
        socket.destroy();
      },
    );
    socket.on('error', reject);
  });

describe('test certificate authority', () => {
  it('issues leaves that name the CA as issuer and verify against its key', () => {
    const ca = createTestCertificateAuthority();
    const leaf = new X509Certificate(ca.issue({ names: ['a.example.test'] }).cert);
    const root = new X509Certificate(ca.cert);
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(root.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkHost('a.example.test')).toBe('a.example.test');
  });

  it('writes the dates it is given, including GeneralizedTime from 2050 on', () => {
    const ca = createTestCertificateAuthority();
    const notBefore = new Date('2049-12-31T23:59:59Z');
    const notAfter = new Date('2051-06-01T12:00:00Z');
    const leaf = new X509Certificate(ca.issue({ names: ['a.example.test'], notBefore, notAfter }).cert);
    expect(new Date(leaf.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(leaf.validTo).toISOString()).toBe(notAfter.toISOString());
  });

  it('writes IPv6 literals as iPAddress names that clients match', () => {
    const ca = createTestCertificateAuthority();
    const leaf = new X509Certificate(ca.issue({ names: ['::1', '2001:db8::10:1', '::ffff:192.0.2.1'] }).cert);
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkIP('2001:db8:0:0:0:0:10:1')).toBe('2001:db8:0:0:0:0:10:1');
    expect(leaf.checkIP('::ffff:c000:201')).toBe('::ffff:c000:201');
    expect(leaf.subjectAltName).not.toContain('DNS:');
  });

  it('writes internationalized names in their punycode form and refuses names that have none', () => {
    const ca = createTestCertificateAuthority();
    const leaf = new X509Certificate(ca.issue({ names: ['bücher.example', '*.bücher.example'] }).cert);
    expect(leaf.checkHost('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(leaf.checkHost('shop.xn--bcher-kva.example')).toBe('*.xn--bcher-kva.example');
    expect(() => ca.issue({ names: ['not a host'] })).toThrow(TypeError);
  });

  it('refuses a certificate without names', () => {
    expect(() => createSelfSignedCertificate({ names: [] })).toThrow(/at least one name/);
  });
});

describe('loopback TLS server', () => {
  it('serves per-name certificates by SNI, the default otherwise, and can change them at run time', async () => {
    const ca = createTestCertificateAuthority();
    const server = await startLoopbackTlsServer({
      defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
      certificates: new Map([['A.example.test', ca.issue({ names: ['a.example.test'] })]]),
    });
    try {
      expect(server.host).toBe('127.0.0.1');
      expect(await handshake(server.port, 'a.example.test', ca.cert)).toEqual({
        sans: 'DNS:a.example.test',
        authorized: true,
      });
      expect((await handshake(server.port, 'b.example.test', ca.cert)).sans).toBe('DNS:localhost');
      server.setCertificate(
        'b.example.test',
        ca.issue({ names: ['b.example.test'], notAfter: new Date(Date.now() + DAY) }),
      );
      expect((await handshake(server.port, 'b.example.test', ca.cert)).sans).toBe('DNS:b.example.test');
      server.setCertificate('a.example.test', undefined);
      expect((await handshake(server.port, 'a.example.test', ca.cert)).sans).toBe('DNS:localhost');
      expect(server.handshakes('a.example.test')).toBe(2);
      expect(server.handshakes()).toBe(4);
    } finally {
      await server.close();
    }
  });
});

describe('stub resolver', () => {
  it('answers from its map with the codes Node uses and records the queries', async () => {
    const resolver = createStubResolver({ 'a.test': { A: ['192.0.2.1'] }, 'w.test': { CNAME: 'a.test' } });
    expect(await resolver.resolve4('A.test')).toEqual(['192.0.2.1']);
    expect(await resolver.resolve4('w.test')).toEqual(['192.0.2.1']);
    expect(await resolver.resolveCname('w.test')).toEqual(['a.test']);
    await expect(resolver.resolve6('a.test')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolver.resolve4('nope.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(resolver.queries).toHaveLength(5);
  });

  it('does not loop forever on a CNAME loop', async () => {
    const resolver = createStubResolver({ 'x.test': { CNAME: 'y.test' }, 'y.test': { CNAME: 'x.test' } });
    await expect(resolver.resolve4('x.test')).rejects.toMatchObject({ code: 'ESERVFAIL' });
  });
});

describe('serverpilot-domains/testing', () => {
  it('exports the loopback TLS and DNS helpers', () => {
    expect(Object.keys(testing)).toEqual(
      expect.arrayContaining([
        'createTestCertificateAuthority',
        'createSelfSignedCertificate',
        'startLoopbackTlsServer',
        'startSilentTcpServer',
        'freeLoopbackPort',
        'loopbackLookup',
        'createStubResolver',
      ]),
    );
  });
});
