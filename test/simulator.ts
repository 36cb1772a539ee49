/**
 * The one way tests start a simulator: `test.extend` fixtures that serve it (over real HTTP on
 * 127.0.0.1 unless told otherwise) and close it after the test, whether it passed or not.
 */
import { test } from 'vitest';
import { createServerPilotClient } from '../src/client/client.js';
import type { ServerPilotClient } from '../src/client/index.js';
import {
  createServerPilotIntegration,
  type IntegrationOptions,
  type ServerPilotIntegration,
} from '../src/integration/index.js';
import {
  createServerPilotSimulator,
  type FaultRule,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type Simulator,
  type SimulatorOptions,
} from '../src/testing/index.js';
import type { Call } from './testing/api.js';
import { serve, type TransportName } from './testing/transports.js';

export const appId = SIMULATOR_IDS.appId;

/** A served simulator, with shortcuts into what it holds and saw. */
export interface Served {
  readonly sim: Simulator;
  /** The base URL it answers on (`listen()`'s for `http`, the simulator's own for `msw`). */
  readonly url: string;
  /** A bare fetch client for it, so a test need not go through the SDK's client. */
  readonly call: Call;
  /** A real client for it, without retries (so a fault is seen once). */
  newClient(): ServerPilotClient;
  /** An integration over a new client, polling actions every 5 ms. */
  integration(options?: Partial<Omit<IntegrationOptions, 'client'>>): ServerPilotIntegration;
  /** The app's domain list as the simulator holds it now. */
  domains(): string[];
  /** Domain-list writes (`POST /apps/:id`) the simulator saw. */
  writes(): number;
  /** SSL posts (`POST /apps/:id/ssl`) the simulator saw. */
  sslPosts(): { method: string; path: string; body?: unknown }[];
}

const served = (sim: Simulator, url: string, call: Call): Served => {
  const newClient = (): ServerPilotClient =>
    createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: url, retry: { limit: 0 } });
  return {
    sim,
    url,
    call,
    newClient,
    integration: (options = {}) =>
      createServerPilotIntegration({ client: newClient(), appId, actionWait: { intervalMs: 5 }, ...options }),
    domains: () => [...(sim.state.apps.get(appId)?.domains ?? [])],
    writes: () => sim.requests.filter((r) => r.method === 'POST' && r.path === `/apps/${appId}`).length,
    sslPosts: () => sim.requests.filter((r) => r.method === 'POST' && r.path === `/apps/${appId}/ssl`),
  };
};

/** A served simulator that holds the requests of one route until the test lets them go. */
export interface Held {
  readonly api: Served;
  /** Resolves when the first request of the route arrives (and is held). */
  readonly onArrival: Promise<void>;
  /** Lets every held request, and every later one, go on. */
  release(): void;
}

/** Another writer that takes `name` out of the list right after each of our writes lands. */
export const undoingEveryWrite = (name: string): FaultRule => ({
  method: 'POST',
  path: '/apps/:id',
  times: Number.POSITIVE_INFINITY,
  fault: {
    kind: 'concurrent-writer',
    when: 'after-write',
    change: (domains: readonly string[]) => domains.filter((d) => d !== name),
  },
});

export interface SimulatorFixtures {
  /**
   * Start one more simulator with these options (the file's defaults when left out), served over
   * `transport`; it is closed after the test. Only one `msw` transport may be open at a time.
   */
  startSimulator: (options?: SimulatorOptions, transport?: TransportName) => Promise<Served>;
  /** A simulator started with the file's default options, over HTTP. */
  api: Served;
  /**
   * Start a simulator (these options over the file's defaults) whose `method path` requests wait,
   * with its sleep, until `release()`: a request is in flight for certain while the test acts.
   */
  startHeld: (method: string, path: string, options?: SimulatorOptions) => Promise<Held>;
}

/** A `test` whose `api` fixture is a simulator made with `defaults`. */
export const simulatorTest = (defaults: SimulatorOptions = {}) =>
  test.extend<SimulatorFixtures>({
    startSimulator: async ({ task: _task }, use) => {
      const open: (() => Promise<void>)[] = [];
      await use(async (options = defaults, transport = 'http') => {
        const sim = createServerPilotSimulator(options);
        const server = await serve(sim, transport);
        open.push(server.close);
        return served(sim, server.baseUrl, server.call);
      });
      for (const close of open) await close();
    },
    api: async ({ startSimulator }, use) => {
      await use(await startSimulator(defaults));
    },
    startHeld: async ({ startSimulator }, use) => {
      await use(async (method, path, options = {}) => {
        let arrived!: () => void;
        const onArrival = new Promise<void>((resolve) => {
          arrived = resolve;
        });
        let release!: () => void;
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        const sleep = (): Promise<void> => {
          arrived();
          return released;
        };
        const api = await startSimulator({ ...defaults, ...options, sleep });
        api.sim.faults.add({ method, path, fault: { kind: 'latency', ms: 1 } });
        return { api, onArrival, release };
      });
    },
  });
