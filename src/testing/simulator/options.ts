import type { SimApp, SimulatorCredentials, SimulatorSeed } from './types.js';

/** Options for {@link createServerPilotSimulator}. */
export interface SimulatorOptions {
  /**
   * The Basic-auth credentials every request must carry.
   * @default SIMULATOR_CREDENTIALS ({ clientId: 'sim-client-id', apiKey: 'sim-api-key' })
   * @example { clientId: 'test-id', apiKey: 'test-key' }
   */
  readonly credentials?: SimulatorCredentials;
  /**
   * The base URL the msw handlers answer for. `listen()` always serves `http://127.0.0.1:PORT/v1`.
   * @default 'https://api.serverpilot.io/v1'
   * @example 'https://sp.test/v1'
   */
  readonly baseUrl?: string;
  /**
   * Initial data. Collections you pass replace the default seed's; collections you leave out are
   * empty. Missing fields are filled in (an app's `sysuserid` defaults to the first sysuser's).
   * Start from `defaultSeed()` to extend the default instead.
   * @default defaultSeed(): one server (lastaddress 127.0.0.1), one sysuser, one app (SIMULATOR_IDS)
   * @example { ...defaultSeed(), apps: [{ id: 'app1', domains: ['a.test', 'www.a.test'] }] }
   */
  readonly seed?: SimulatorSeed;
  /**
   * Serve each app's domain list in a random order, as the real API may. Compare lists as sets.
   * @default true
   * @example false
   */
  readonly shuffle?: boolean;
  /**
   * How long, in milliseconds on the simulator clock, an action stays `open` before it settles.
   * @default 0 (actions report their outcome at once)
   * @example 2_000
   */
  readonly actionOpenMs?: number;
  /**
   * Which domains point at the server: decides `autossl.available` and `autossl.domains`.
   * Wildcards and IP literals never count (AutoSSL cannot cover them).
   * @default () => true
   * @example (domain) => domain !== 'not-yet-pointed.test'
   */
  readonly pointsHere?: (domain: string, app: Readonly<SimApp>) => boolean;
  /**
   * Whether the account's plan offers AutoSSL. Without it, `GET /apps/:id` carries no `autossl`
   * field at all (as the real API does on such plans) and `POST /ssl {"auto": true}` is a 400.
   * @default true
   * @example { autoSslPlan: false } // test how your code copes with the field missing
   */
  readonly autoSslPlan?: boolean;
  /**
   * The random source for shuffling. Pass a seeded one for reproducible orders.
   * @default Math.random
   * @example mulberry32(42)
   */
  readonly random?: () => number;
  /**
   * The simulator clock in milliseconds: action timing, `datecreated` and the request log use it.
   * @default Date.now
   * @example () => fakeNow
   */
  readonly now?: () => number;
  /**
   * How the latency fault waits.
   * @default (ms) => new Promise((r) => setTimeout(r, ms))
   * @example { sleep: async (ms) => { waited.push(ms); } } // latency faults without real waiting
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * The most domains one app may hold; a longer list is a 400.
   * @default 300
   * @example 1000
   */
  readonly maxDomains?: number;
}

/**
 * The live settings the simulator reads on every request: change them mid-test (e.g. make a
 * domain start pointing at the server) and the next request sees it.
 */
export interface SimulatorConfig {
  credentials: SimulatorCredentials;
  shuffle: boolean;
  actionOpenMs: number;
  /** Whether `domain`'s DNS points at `app`'s server, as AutoSSL sees it (the `pointsHere` option). */
  pointsHere: (domain: string, app: Readonly<SimApp>) => boolean;
  autoSslPlan: boolean;
  /** The random source for shuffling (the `random` option). */
  random: () => number;
  maxDomains: number;
  /** The next this many actions end in `error` (counts down as actions are created). */
  failNextActions: number;
}
