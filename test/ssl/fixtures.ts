import {
  createSelfSignedCertificate,
  createTestCertificateAuthority,
  type LoopbackTlsServer,
  startLoopbackTlsServer,
  type TestCertificateAuthority,
} from '../../src/testing/tls.js';

const DAY = 86_400_000;

/** One CA, an untrusted second CA, and a loopback server with a certificate per test name. */
export interface TlsWorld {
  readonly ca: TestCertificateAuthority;
  readonly server: LoopbackTlsServer;
  close(): Promise<void>;
}

export const NAMES = {
  valid: 'valid.example.test',
  expired: 'expired.example.test',
  future: 'future.example.test',
  otherName: 'wrong.example.test',
  unknown: 'unknown.example.test',
  untrusted: 'untrusted.example.test',
  later: 'later.example.test',
} as const;

export const startTlsWorld = async (): Promise<TlsWorld> => {
  const ca = createTestCertificateAuthority();
  const rogue = createTestCertificateAuthority({ name: 'Rogue CA' });
  const now = Date.now();
  const server = await startLoopbackTlsServer({
    defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
    certificates: {
      [NAMES.valid]: ca.issue({ names: [NAMES.valid] }),
      [NAMES.expired]: ca.issue({
        names: [NAMES.expired],
        notBefore: new Date(now - 100 * DAY),
        notAfter: new Date(now - 10 * DAY),
      }),
      [NAMES.future]: ca.issue({
        names: [NAMES.future],
        notBefore: new Date(now + 10 * DAY),
        notAfter: new Date(now + 100 * DAY),
      }),
      [NAMES.otherName]: ca.issue({ names: ['another.example.test', 'www.another.example.test'] }),
      [NAMES.untrusted]: rogue.issue({ names: [NAMES.untrusted] }),
    },
  });
  return { ca, server, close: () => server.close() };
};
