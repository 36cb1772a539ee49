/**
 * What one simulated request costs, through the transport-independent core and over loopback
 * HTTP, for an app holding the full 300 domains. Tests make many requests; the simulator must
 * stay far below the client's own cost. Run: npm run bench
 */
import { afterAll, bench, describe } from 'vitest';
import {
  basicAuth,
  createServerPilotSimulator,
  SIMULATOR_IDS,
  type SimulatorServer,
} from '../src/testing/index.js';

const domains = Array.from({ length: 300 }, (_, i) => `site${i}.example.com`);
const sim = createServerPilotSimulator();
sim.app().domains = [...domains];
const headers = { authorization: basicAuth(), 'content-type': 'application/json' };
const appPath = `/apps/${SIMULATOR_IDS.appId}`;
const writeBody = JSON.stringify({ domains });

describe('simulator core, app with 300 domains', () => {
  bench('GET /apps/:id (shuffled, with autossl)', async () => {
    await sim.handle({ method: 'GET', path: appPath, headers, body: '' });
  });
  bench('POST /apps/:id with 300 domains', async () => {
    await sim.handle({ method: 'POST', path: appPath, headers, body: writeBody });
  });
});

const server: SimulatorServer = await sim.listen();
afterAll(() => server.close());

describe('simulator over loopback HTTP, app with 300 domains', () => {
  bench('GET /apps/:id with fetch', async () => {
    await (await fetch(`${server.url}${appPath}`, { headers })).text();
  });
});
