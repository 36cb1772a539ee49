/**
 * What every lifecycle test stands on: the ServerPilot simulator over HTTP (the app, its server's
 * address, AutoSSL), a real TLS server on 127.0.0.1 with certificates from a test CA, and a stub
 * resolver sending the test names to 127.0.0.1. No real DNS, no outside host.
 */
import {
  createHooks,
  createServerPilotIntegration,
  createSslVerifier,
  type DomainStatus,
  type Hooks,
  type ServerPilotIntegration,
  type SslStage,
  type SslVerifier,
} from '../../src/index.js';
import {
  createSelfSignedCertificate,
  createServerPilotSimulator,
  createStubResolver,
  createTestCertificateAuthority,
  type LoopbackTlsServer,
  loopbackLookup,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type Simulator,
  type SimulatorServer,
  type StubResolver,
  startLoopbackTlsServer,
  type TestCertificateAuthority,
} from '../../src/testing/index.js';

export interface World {
  readonly ca: TestCertificateAuthority;
  readonly tls: LoopbackTlsServer;
  readonly sim: Simulator;
  readonly api: SimulatorServer;
  /** Every name the stub resolver knows (all point at 127.0.0.1, the simulator server's address). */
  readonly resolver: StubResolver;
  /** A fresh integration on the simulator, with its own hooks. */
  integration(hooks?: Hooks): ServerPilotIntegration;
  verifier(options?: { port?: number; timeoutMs?: number }): SslVerifier;
  /** Serve a certificate of the test CA for `name` from the next handshake on. */
  issue(name: string): void;
  close(): Promise<void>;
}

export const startWorld = async (
  names: readonly string[],
  elsewhere: readonly string[] = [],
): Promise<World> => {
  const ca = createTestCertificateAuthority({ name: 'Lifecycle Test CA' });
  const tls = await startLoopbackTlsServer({
    defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
  });
  const sim = createServerPilotSimulator();
  const api = await sim.listen();
  const resolver = createStubResolver(
    Object.fromEntries([
      ...names.map((n) => [n, { A: ['127.0.0.1'] }] as const),
      ...elsewhere.map((n) => [n, { A: ['192.0.2.1'] }] as const),
    ]),
  );
  return {
    ca,
    tls,
    sim,
    api,
    resolver,
    integration: (hooks = createHooks()) =>
      createServerPilotIntegration({
        ...SIMULATOR_CREDENTIALS,
        baseUrl: api.url,
        appId: SIMULATOR_IDS.appId,
        hooks,
        actionWait: { intervalMs: 10 },
      }),
    verifier: (options = {}) =>
      createSslVerifier({
        ca: ca.cert,
        port: options.port ?? tls.port,
        lookup: loopbackLookup,
        resolver,
        timeoutMs: options.timeoutMs ?? 5_000,
      }),
    issue: (name) => tls.setCertificate(name, ca.issue({ names: [name] })),
    close: async () => {
      await tls.close();
      await api.close();
    },
  };
};

/** Resolves with the first `domain.stage` change of `domain` into one of `stages`. */
export const reaches = (
  hooks: Hooks,
  domain: string,
  stages: readonly SslStage[],
): Promise<{ to: SslStage; attempt: number }> =>
  new Promise((resolve) => {
    const namespace = `reaches-${domain}-${Math.random()}`;
    hooks.addAction('domain.stage', namespace, (e) => {
      if (e.domain === domain && stages.includes(e.to)) {
        hooks.removeAction('domain.stage', namespace);
        resolve({ to: e.to, attempt: e.attempt });
      }
    });
  });

export const FINAL: readonly SslStage[] = ['done', 'failed', 'ssl-failed'];

export const stageOf = (status: DomainStatus | undefined): string => status?.stage ?? 'untracked';
