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

export interface SimulatorFixtures {
  /**
   * Start one more simulator with these options (the file's defaults when left out), served over
   * `transport`; it is closed after the test. Only one `msw` transport may be open at a time.
   */
  startSimulator: (options?: SimulatorOptions, transport?: TransportName) => Promise<Served>;
  /** A simulator started with the file's default options, over HTTP. */
  api: Served;
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
  });
