/**
 * `serverpilot-domains/testing`: test helpers kept out of the main entry so production bundles
 * never include them. It needs no peer dependency to import: `msw` (an optional peer) is loaded
 * only when a simulator's `handlers` are read, so install msw only to use those handlers.
 */

// Loopback TLS and DNS helpers
export { createStubResolver, type StubDnsRecord, type StubResolver } from './dns.js';
// ServerPilot API simulator
export {
  basicAuth,
  createServerPilotSimulator,
  type DomainEdit,
  defaultSeed,
  type Fault,
  type FaultHandle,
  type FaultRule,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type SimAction,
  type SimActionStatus,
  type SimApp,
  type SimDb,
  type SimRequest,
  type SimRequestLogEntry,
  type SimResponse,
  type SimServer,
  type SimSshKey,
  type SimSsl,
  type SimSysuser,
  type Simulator,
  type SimulatorConfig,
  type SimulatorCredentials,
  type SimulatorFaults,
  type SimulatorOptions,
  type SimulatorSeed,
  type SimulatorServer,
  type SimulatorState,
} from './simulator/index.js';
export {
  createSelfSignedCertificate,
  createTestCertificateAuthority,
  freeLoopbackPort,
  type KeyCertPair,
  type LoopbackTlsServer,
  type LoopbackTlsServerOptions,
  loopbackLookup,
  type SignatureHash,
  type SilentTcpServer,
  startLoopbackTlsServer,
  startSilentTcpServer,
  type TestAuthorityOptions,
  type TestCertificateAuthority,
  type TestCertificateOptions,
  type TestKeyOptions,
} from './tls.js';
