/**
 * `test.extend` fixtures for the integration tests: simulators served over real HTTP on
 * 127.0.0.1, closed after each test whether it passed or not, and the helpers every file needs.
 */
import { test } from 'vitest';
import { createServerPilotClient } from '../../src/client/client.js';
import type { ServerPilotClient } from '../../src/client/index.js';
import {
  createServerPilotIntegration,
  type IntegrationOptions,
  type ServerPilotIntegration,
} from '../../src/integration/index.js';
import {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type Simulator,
  type SimulatorOptions,
  type SimulatorServer,
} from '../../src/testing/index.js';

export const appId = SIMULATOR_IDS.appId;

/** A simulator listening on loopback, with shortcuts into what it holds and saw. */
export interface Served {
  readonly sim: Simulator;
  readonly server: SimulatorServer;
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

const served = (sim: Simulator, server: SimulatorServer): Served => {
  const newClient = (): ServerPilotClient =>
    createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: server.url, retry: { limit: 0 } });
  return {
    sim,
    server,
    newClient,
    integration: (options = {}) =>
      createServerPilotIntegration({ client: newClient(), appId, actionWait: { intervalMs: 5 }, ...options }),
    domains: () => [...(sim.state.apps.get(appId)?.domains ?? [])],
    writes: () => sim.requests.filter((r) => r.method === 'POST' && r.path === `/apps/${appId}`).length,
    sslPosts: () => sim.requests.filter((r) => r.method === 'POST' && r.path === `/apps/${appId}/ssl`),
  };
};

export interface SimulatorFixtures {
  /** Start one more simulator with these options; it is closed after the test. */
  startSimulator: (options?: SimulatorOptions) => Promise<Served>;
  /** A simulator started with the file's default options. */
  api: Served;
}

/** A `test` whose `api` fixture is a simulator made with `defaults`. */
export const simulatorTest = (defaults: SimulatorOptions = {}) =>
  test.extend<SimulatorFixtures>({
    startSimulator: async ({ task: _task }, use) => {
      const open: SimulatorServer[] = [];
      await use(async (options = defaults) => {
        const sim = createServerPilotSimulator(options);
        const server = await sim.listen();
        open.push(server);
        return served(sim, server);
      });
      for (const server of open) await server.close();
    },
    api: async ({ startSimulator }, use) => {
      await use(await startSimulator(defaults));
    },
  });
