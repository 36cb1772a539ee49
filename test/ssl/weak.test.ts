/**
 * Issue 9, point 14: a certificate browsers refuse for its strength is never `valid`, even from a
 * trusted authority. Real TLS handshakes on 127.0.0.1 with certificates made for the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainProbe } from '../../src/ssl/explain.js';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import {
  createSelfSignedCertificate,
  createTestCertificateAuthority,
  type KeyCertPair,
  type LoopbackTlsServer,
  loopbackLookup,
  startLoopbackTlsServer,
  type TestCertificateAuthority,
} from '../../src/testing/tls.js';

const DAY = 86_400_000;

let ca: TestCertificateAuthority;
let rsaCa: TestCertificateAuthority;
const servers: LoopbackTlsServer[] = [];

beforeAll(() => {
  ca = createTestCertificateAuthority();
  rsaCa = createTestCertificateAuthority({ name: 'RSA Test CA', key: { type: 'rsa', bits: 2048 } });
});
afterAll(async () => {
  for (const server of servers) await server.close();
});

/**
 * Serve `pair` as the server's only certificate: Node's TLS 1.3 SNI switch keeps the default
 * context's key type, so an RSA leaf is served as the default rather than by name.
 */
const serve = async (pair: KeyCertPair) => {
  const server = await startLoopbackTlsServer({ defaultCertificate: pair });
  servers.push(server);
  return createSslVerifier({
    ca: [ca.cert, rsaCa.cert],
    port: server.port,
    lookup: loopbackLookup,
    timeoutMs: 2_000,
  });
};

describe('probe of weak certificates from a trusted authority, over real TLS', () => {
  it('calls an RSA-1024 leaf weak-key, with its key in the summary', async () => {
    const name = 'rsa1024.example.test';
    const verifier = await serve(ca.issue({ names: [name], key: { type: 'rsa', bits: 1024 } }));
    const probe = await verifier.probe(name)();
    expect(probe).toMatchObject({ status: 'weak-key', code: 'EE_KEY_TOO_SMALL' });
    expect(probe.certificate).toMatchObject({ keyAlgorithm: 'rsa', keyBits: 1024 });
    expect(explainProbe(probe)).toContain('RSA 1024 bits');
  });

  it('calls an RSA-2048 leaf valid, with its key in the summary', async () => {
    const name = 'rsa2048.example.test';
    const verifier = await serve(ca.issue({ names: [name], key: { type: 'rsa', bits: 2048 } }));
    const probe = await verifier.probe(name)();
    expect(probe.status).toBe('valid');
    expect(probe.certificate).toMatchObject({
      keyAlgorithm: 'rsa',
      keyBits: 2048,
      signatureAlgorithm: 'ecdsa-with-SHA256',
    });
  });

  it('calls a SHA-1-signed leaf weak-signature, naming the algorithm', async () => {
    const name = 'sha1.example.test';
    const verifier = await serve(ca.issue({ names: [name], signatureHash: 'sha1' }));
    const probe = await verifier.probe(name)();
    expect(probe).toMatchObject({ status: 'weak-signature', code: 'CA_MD_TOO_WEAK' });
    expect(probe.certificate).toMatchObject({
      signatureAlgorithm: 'ecdsa-with-SHA1',
      keyAlgorithm: 'ec',
      keyBits: 256,
    });
    expect(explainProbe(probe)).toContain('(ecdsa-with-SHA1)');
  });

  it('calls an MD5-signed leaf from an RSA authority weak-signature', async () => {
    const name = 'md5.example.test';
    const verifier = await serve(rsaCa.issue({ names: [name], signatureHash: 'md5' }));
    const probe = await verifier.probe(name)();
    expect(probe.status).toBe('weak-signature');
    expect(probe.certificate?.signatureAlgorithm).toBe('md5WithRSAEncryption');
  });

  it('calls a SHA-256 leaf from the RSA authority valid', async () => {
    const name = 'rsa-signed.example.test';
    const verifier = await serve(rsaCa.issue({ names: [name] }));
    const probe = await verifier.probe(name)();
    expect(probe.status).toBe('valid');
    expect(probe.certificate?.signatureAlgorithm).toBe('sha256WithRSAEncryption');
  });

  it('calls a strong leaf under a SHA-1-signed intermediate weak-signature', async () => {
    const name = 'sha1-intermediate.example.test';
    const verifier = await serve(ca.intermediate({ signatureHash: 'sha1' }).issue({ names: [name] }));
    const probe = await verifier.probe(name)();
    expect(probe).toMatchObject({ status: 'weak-signature', code: 'CA_MD_TOO_WEAK' });
    expect(probe.certificate?.signatureAlgorithm).toBe('ecdsa-with-SHA256');
    expect(explainProbe(probe)).toContain('intermediate');
  });

  it('calls a strong leaf under an RSA-1024 intermediate weak-key, though OpenSSL authorizes it', async () => {
    const name = 'weak-intermediate.example.test';
    const verifier = await serve(
      ca.intermediate({ key: { type: 'rsa', bits: 1024 } }).issue({ names: [name] }),
    );
    const probe = await verifier.probe(name)();
    expect(probe).toMatchObject({ status: 'weak-key', code: 'CA_KEY_TOO_SMALL' });
    expect(explainProbe(probe)).toContain('intermediate');
  });

  it('calls a leaf under a strong intermediate valid', async () => {
    const name = 'good-intermediate.example.test';
    const verifier = await serve(ca.intermediate().issue({ names: [name] }));
    expect((await verifier.probe(name)()).status).toBe('valid');
  });

  it('still calls a weak certificate from an untrusted authority untrusted', async () => {
    const name = 'rogue-weak.example.test';
    const rogue = createTestCertificateAuthority({ name: 'Rogue CA' });
    const verifier = await serve(rogue.issue({ names: [name], signatureHash: 'sha1' }));
    expect((await verifier.probe(name)()).status).toBe('untrusted');
  });

  it('puts weakness before the dates: an expired RSA-1024 leaf is weak-key', async () => {
    const name = 'old-weak.example.test';
    const verifier = await serve(
      ca.issue({
        names: [name],
        key: { type: 'rsa', bits: 1024 },
        notBefore: new Date(Date.now() - 100 * DAY),
        notAfter: new Date(Date.now() - DAY),
      }),
    );
    expect((await verifier.probe(name)()).status).toBe('weak-key');
  });

  it('ends verify of a weak certificate in ssl-failed, saying why', async () => {
    const name = 'verify-weak.example.test';
    const server = await startLoopbackTlsServer({
      defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
      certificates: { [name]: ca.issue({ names: [name], signatureHash: 'sha1' }) },
    });
    servers.push(server);
    const verifier = createSslVerifier({
      ca: ca.cert,
      port: server.port,
      lookup: loopbackLookup,
      checkDns: false,
      timeoutMs: 2_000,
      sleep: async () => undefined,
    });
    const result = await verifier.verify(name)();
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    expect(result.right).toMatchObject({ stage: 'ssl-failed', attempts: { ssl: 5 } });
    expect(result.right.reason).toContain('SHA-1');
  });
});
