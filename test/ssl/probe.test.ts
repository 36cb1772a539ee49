import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import {
  createSelfSignedCertificate,
  freeLoopbackPort,
  loopbackLookup,
  startLoopbackTlsServer,
  startSilentTcpServer,
} from '../../src/testing/tls.js';
import { NAMES, startTlsWorld, type TlsWorld } from './fixtures.js';

let world: TlsWorld;
beforeAll(async () => {
  world = await startTlsWorld();
});
afterAll(() => world.close());

const verifier = () =>
  createSslVerifier({ ca: world.ca.cert, port: world.server.port, lookup: loopbackLookup, timeoutMs: 2_000 });

describe('probe over real TLS on 127.0.0.1', () => {
  it('calls a CA-signed certificate for the name, within its dates, valid', async () => {
    const probe = await verifier().probe(NAMES.valid)();
    expect(probe.status).toBe('valid');
    expect(probe.code).toBeUndefined();
    expect(probe.address).toBe('127.0.0.1');
    expect(probe.certificate?.subjectAltNames).toEqual([NAMES.valid]);
    expect(probe.certificate?.subject).toContain(`CN=${NAMES.valid}`);
    expect(probe.certificate?.issuer).toContain('CN=serverpilot-domains Test CA');
    expect(probe.certificate?.daysRemaining).toBeGreaterThanOrEqual(89);
    expect(probe.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('reports the fingerprint of the certificate actually served', async () => {
    const probe = await verifier().probe(NAMES.valid)();
    const pem = world.ca.issue({ names: ['x.test'] }).cert;
    expect(probe.certificate?.fingerprint256).not.toBe(new X509Certificate(pem).fingerprint256);
    expect(probe.certificate?.fingerprint256).toHaveLength(95);
  });

  it('calls an expired certificate expired and still summarizes it', async () => {
    const probe = await verifier().probe(NAMES.expired)();
    expect(probe.status).toBe('expired');
    expect(probe.code).toBe('CERT_HAS_EXPIRED');
    expect(probe.certificate?.daysRemaining).toBeLessThan(0);
  });

  it('calls a certificate whose dates have not started not-yet-valid', async () => {
    const probe = await verifier().probe(NAMES.future)();
    expect(probe.status).toBe('not-yet-valid');
    expect(probe.code).toBe('CERT_NOT_YET_VALID');
  });

  it('calls a CA-signed certificate for another name a hostname mismatch, listing its names', async () => {
    const probe = await verifier().probe(NAMES.otherName)();
    expect(probe.status).toBe('hostname-mismatch');
    expect(probe.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(probe.certificate?.subjectAltNames).toEqual(['another.example.test', 'www.another.example.test']);
  });

  it('calls a certificate that names the host only in its subject CN a hostname mismatch, as browsers do', async () => {
    const name = 'cn-only.example.test';
    world.server.setCertificate(name, world.ca.issue({ names: [], commonName: name }));
    const probe = await verifier().probe(name)();
    expect(probe.certificate?.subject).toContain(name);
    expect(probe.certificate?.subjectAltNames).toEqual([]);
    expect(probe.status).toBe('hostname-mismatch');
  });

  it('accepts a one-label wildcard certificate, and only for one label', async () => {
    const wildcard = world.ca.issue({ names: ['*.wild.example.test'] });
    world.server.setCertificate('shop.wild.example.test', wildcard);
    world.server.setCertificate('a.b.wild.example.test', wildcard);
    expect((await verifier().probe('shop.wild.example.test')()).status).toBe('valid');
    expect((await verifier().probe('a.b.wild.example.test')()).status).toBe('hostname-mismatch');
  });

  it("calls the server's default certificate for an unknown name self-signed", async () => {
    const probe = await verifier().probe(NAMES.unknown)();
    expect(probe.status).toBe('self-signed');
    expect(probe.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(probe.certificate?.subjectAltNames).toEqual(['localhost']);
  });

  it('calls a pinned self-signed certificate trusted through ca, expired a day ago, expired', async () => {
    const day = 86_400_000;
    const pinned = createSelfSignedCertificate({
      names: ['pinned.example.test'],
      notBefore: new Date(Date.now() - 10 * day),
      notAfter: new Date(Date.now() - day),
    });
    const server = await startLoopbackTlsServer({ defaultCertificate: pinned });
    try {
      const pinnedVerifier = createSslVerifier({
        ca: pinned.cert,
        port: server.port,
        lookup: loopbackLookup,
        timeoutMs: 2_000,
      });
      const probe = await pinnedVerifier.probe('pinned.example.test')();
      expect(probe).toMatchObject({ status: 'expired', code: 'CERT_HAS_EXPIRED' });
      expect(probe.certificate?.daysRemaining).toBeLessThan(0);
      // Trusted but for another name: the name is the more fundamental fault.
      expect(await pinnedVerifier.probe('other.example.test')()).toMatchObject({
        status: 'hostname-mismatch',
      });
      // Not pinned (the client trusts only the test CA): still self-signed.
      const unpinned = createSslVerifier({
        ca: world.ca.cert,
        port: server.port,
        lookup: loopbackLookup,
        timeoutMs: 2_000,
      });
      expect((await unpinned.probe('pinned.example.test')()).status).toBe('self-signed');
    } finally {
      await server.close();
    }
  });

  it('calls a leaf from a CA the client does not trust untrusted', async () => {
    const probe = await verifier().probe(NAMES.untrusted)();
    expect(probe.status).toBe('untrusted');
    expect(probe.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(probe.certificate?.issuer).toContain('Rogue CA');
  });

  it('uses the system trust store when no ca is given, so the test CA is untrusted there', async () => {
    const probe = await createSslVerifier({ port: world.server.port, lookup: loopbackLookup }).probe(
      NAMES.valid,
    )();
    expect(probe.status).toBe('untrusted');
  });

  it('always sends the domain as SNI', async () => {
    const before = world.server.handshakes(NAMES.valid);
    await verifier().probe(NAMES.valid)();
    expect(world.server.handshakes(NAMES.valid)).toBe(before + 1);
  });

  it('connects to connectTo instead of resolving, with SNI still naming the domain', async () => {
    const failingLookup = async () => {
      throw Object.assign(new Error('must not resolve'), { code: 'ENOTFOUND' });
    };
    const probe = await createSslVerifier({
      ca: world.ca.cert,
      port: world.server.port,
      lookup: failingLookup,
      connectTo: '127.0.0.1',
    }).probe(NAMES.valid)();
    expect(probe.status).toBe('valid');
  });

  it('reports a name the lookup cannot resolve as a DNS error', async () => {
    const probe = await createSslVerifier({ port: world.server.port, lookup: async () => [] }).probe(
      NAMES.valid,
    )();
    expect(probe.status).toBe('dns-error');
    expect(probe.code).toBe('ENOTFOUND');
  });

  it.each(['ETIMEOUT', 'EREFUSED', 'ECONNREFUSED'])(
    'reports a lookup that fails with %s as a DNS error, not as the server refusing',
    async (code) => {
      const lookup = async () => {
        throw Object.assign(new Error(`queryA ${code} ${NAMES.valid}`), { code });
      };
      const probe = await createSslVerifier({ port: world.server.port, lookup }).probe(NAMES.valid)();
      expect(probe).toMatchObject({ status: 'dns-error', code });
    },
  );

  it('reports a refused connection as a connect error', async () => {
    const port = await freeLoopbackPort();
    const probe = await createSslVerifier({ port, lookup: loopbackLookup }).probe(NAMES.valid)();
    expect(probe.status).toBe('connect-error');
    expect(probe.code).toBe('ECONNREFUSED');
  });

  it('times out a server that accepts TCP but never completes the handshake, and closes the socket', async () => {
    const silent = await startSilentTcpServer();
    try {
      const probe = await createSslVerifier({
        port: silent.port,
        lookup: loopbackLookup,
        timeoutMs: 150,
      }).probe(NAMES.valid)();
      expect(probe.status).toBe('timeout');
      expect(probe.code).toBe('ETIMEDOUT');
      expect(probe.elapsedMs).toBeGreaterThanOrEqual(140);
      expect(silent.connections()).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it('ends a probe promptly when its signal aborts', async () => {
    const silent = await startSilentTcpServer();
    try {
      const controller = new AbortController();
      const pending = createSslVerifier({
        port: silent.port,
        lookup: loopbackLookup,
        timeoutMs: 10_000,
      }).probe(NAMES.valid, { signal: controller.signal })();
      setTimeout(() => controller.abort(), 30);
      const started = Date.now();
      const probe = await pending;
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(probe.code).toBe('ABORT_ERR');
    } finally {
      await silent.close();
    }
  });

  it('handles a lookup asked for all addresses, falling through a dead IPv6 address to IPv4', async () => {
    const lookup = async () => [
      { address: '::1', family: 6 as const },
      { address: '127.0.0.1', family: 4 as const },
    ];
    const probe = await createSslVerifier({ ca: world.ca.cert, port: world.server.port, lookup }).probe(
      NAMES.valid,
    )();
    expect(probe.status).toBe('valid');
    expect(probe.address).toBe('127.0.0.1');
  });

  it('does not probe wildcards or IP literals', async () => {
    const before = world.server.handshakes();
    const probes = await Promise.all(['*.example.test', '127.0.0.1'].map((d) => verifier().probe(d)()));
    expect(probes.map((p) => p.code)).toEqual(['EINVALIDNAME', 'EINVALIDNAME']);
    expect(world.server.handshakes()).toBe(before);
  });

  it('refuses a per-probe connectTo that is not an IP without connecting', async () => {
    const before = world.server.handshakes();
    const probe = await verifier().probe(NAMES.valid, { connectTo: 'server.example.test' })();
    expect(probe).toMatchObject({ status: 'connect-error', code: 'EINVALIDADDRESS' });
    expect(world.server.handshakes()).toBe(before);
  });
});
