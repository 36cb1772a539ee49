/**
 * A hosting world on 127.0.0.1 for audit, doctor and the command: the ServerPilot simulator over
 * HTTP, and one TLS server presenting, by SNI, a certificate per graded case.
 */
import {
  createSelfSignedCertificate,
  createServerPilotSimulator,
  createTestCertificateAuthority,
  defaultSeed,
  type LoopbackTlsServer,
  SIMULATOR_IDS,
  type Simulator,
  type SimulatorServer,
  startLoopbackTlsServer,
  type TestCertificateAuthority,
} from '../../src/testing/index.js';

const DAY = 86_400_000;
// An hour's margin so whole days left come out exactly (80, not 79) however slow the run.
const HOUR = 3_600_000;

/** The graded cases: each name serves what its key says. */
export const CASES = {
  fresh: 'fresh.test', // 80 days left
  aging: 'aging.test', // 18 days left
  dying: 'dying.test', // 10 days left
  expired: 'expired.test',
  mismatch: 'mismatch.test', // a certificate for other names
  untrusted: 'untrusted.test', // issued by a CA the client does not trust
  down: 'down.test', // resolved to 127.0.0.2, where nothing listens
} as const;

export const WILDCARD = '*.wild.test';
export const IP_ENTRY = '10.0.0.1';
export const SECOND_APP = { id: 'simA000000000002', name: 'blog' } as const;

export interface World {
  readonly ca: TestCertificateAuthority;
  readonly tls: LoopbackTlsServer;
  readonly sim: Simulator;
  readonly api: SimulatorServer;
  readonly appId: string;
  close(): Promise<void>;
}

/**
 * Start the world. `domains` replaces the app's list (default: every case, a wildcard and an IP);
 * `autoSsl: false` starts the app without SSL (default: AutoSSL on).
 */
export const startWorld = async (
  options: { readonly domains?: readonly string[]; readonly autoSsl?: boolean } = {},
): Promise<World> => {
  const ca = createTestCertificateAuthority();
  const rogue = createTestCertificateAuthority({ name: 'Rogue CA' });
  const now = Date.now();
  const leaf = (name: string, daysLeft: number) =>
    ca.issue({ names: [name], notAfter: new Date(now + daysLeft * DAY + HOUR) });
  const tls = await startLoopbackTlsServer({
    defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
    certificates: {
      [CASES.fresh]: leaf(CASES.fresh, 80),
      [CASES.aging]: leaf(CASES.aging, 18),
      [CASES.dying]: leaf(CASES.dying, 10),
      [CASES.expired]: ca.issue({
        names: [CASES.expired],
        notBefore: new Date(now - 90 * DAY),
        notAfter: new Date(now - 2 * DAY),
      }),
      [CASES.mismatch]: ca.issue({ names: ['someone-else.test'] }),
      [CASES.untrusted]: rogue.issue({ names: [CASES.untrusted] }),
    },
  });
  const seed = defaultSeed();
  const sim = createServerPilotSimulator({
    shuffle: false,
    seed: {
      ...seed,
      apps: [
        {
          ...seed.apps?.[0],
          domains: [...(options.domains ?? [...Object.values(CASES), WILDCARD, IP_ENTRY])],
          ssl:
            options.autoSsl === false ? null : { key: '', cert: '', cacerts: null, auto: true, force: false },
        },
        { id: SECOND_APP.id, name: SECOND_APP.name, domains: ['blog.test', CASES.fresh] },
      ],
    },
  });
  const api = await sim.listen();
  return {
    ca,
    tls,
    sim,
    api,
    appId: SIMULATOR_IDS.appId,
    close: async () => {
      await Promise.all([tls.close(), api.close()]);
    },
  };
};

/** Probe lookups: `down.test` goes to 127.0.0.2 (nothing listens there), every other name to 127.0.0.1. */
export const worldLookup = async (hostname: string) => [
  { address: hostname === CASES.down ? '127.0.0.2' : '127.0.0.1', family: 4 as const },
];
