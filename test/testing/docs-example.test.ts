// The vitest example of docs/testing.md, kept runnable: `addSiteDomain` stands in for the user's
// own code (read, plan, write, read back and re-apply until the change holds).
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  createServerPilotClient,
  reconcileDomains,
  type ServerPilotClient,
  ServerPilotSdkError,
  unwrap,
} from '../../src/index.js';
import {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type SimulatorServer,
} from '../../src/testing/index.js';

async function addSiteDomain(client: ServerPilotClient, appId: string, domain: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const app = await unwrap(client.apps.get(appId));
    const plan = reconcileDomains(app.domains, { add: [domain] });
    if (E.isLeft(plan)) throw new ServerPilotSdkError(plan.left);
    if (!plan.right.changed) return;
    // The client never resends a domain list that may have landed: a failed write is read back too.
    const written = await client.apps.update(appId, { domains: plan.right.next })();
    const back = await unwrap(client.apps.get(appId));
    if (plan.right.added.every((d) => back.domains.includes(d))) return;
    if (E.isLeft(written) && written.left._tag === 'HttpError' && written.left.status < 500) {
      throw new ServerPilotSdkError(written.left);
    }
  }
  throw new Error(`${domain} did not stick`);
}

// ---- from docs/testing.md ----
const sim = createServerPilotSimulator();
let server: SimulatorServer;
beforeAll(async () => {
  server = await sim.listen(); // real HTTP on 127.0.0.1, random port
});
afterAll(() => server.close());
beforeEach(() => sim.reset()); // back to the seed, empty log, no faults

const client = () =>
  createServerPilotClient({
    ...SIMULATOR_CREDENTIALS,
    baseUrl: server.url,
    retry: { maxDelayMs: 50 }, // keep retry waits short in tests
  });

it('adds the domain and its www twin in one write', async () => {
  await addSiteDomain(client(), SIMULATOR_IDS.appId, 'shop.test');

  expect(new Set(sim.app().domains)).toEqual(
    new Set(['example.com', 'www.example.com', 'shop.test', 'www.shop.test']),
  );
  const writes = sim.requests.filter((r) => r.method === 'POST' && /\/apps\/[^/]+$/.test(r.path));
  expect(writes).toHaveLength(1);
});

it('survives a 503 and a dropped connection', async () => {
  sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'status', status: 503 } });
  sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop' } });
  await addSiteDomain(client(), SIMULATOR_IDS.appId, 'shop.test');
  expect(sim.app().domains).toContain('shop.test');
});

it('re-applies its change when a stale writer overwrites it', async () => {
  // Another panel read the list before our write and posts its own version right after it.
  sim.faults.add({
    method: 'POST',
    path: '/apps/:id',
    fault: { kind: 'concurrent-writer', when: 'after-write', change: { add: ['theirs.test'] } },
  });
  await addSiteDomain(client(), SIMULATOR_IDS.appId, 'shop.test');
  expect(sim.app().domains).toEqual(expect.arrayContaining(['theirs.test', 'shop.test', 'www.shop.test']));
});
