/**
 * `serverpilot-domains/testing`: test helpers kept out of the main entry so production bundles
 * never include them. The ServerPilot simulator lands here; until then this module exports only
 * its version marker.
 */
export const TESTING_ENTRY = 'serverpilot-domains/testing' as const;
export { createStubResolver, type StubDnsRecord, type StubResolver } from './dns.js';
export {
  createSelfSignedCertificate,
  createTestCertificateAuthority,
  freeLoopbackPort,
  type KeyCertPair,
  type LoopbackTlsServer,
  type LoopbackTlsServerOptions,
  loopbackLookup,
  type SilentTcpServer,
  startLoopbackTlsServer,
  startSilentTcpServer,
  type TestCertificateAuthority,
  type TestCertificateOptions,
} from './tls.js';
