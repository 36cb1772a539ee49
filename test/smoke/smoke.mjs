// Runs against the packed tarball installed in a scratch project (see .ci/run), under each Node.
import assert from 'node:assert/strict';
import {
  createHooks,
  createServerPilotClient,
  normalizeDomain,
  reconcileDomains,
  unwrap,
  wwwTwin,
} from 'serverpilot-domains';
import * as testing from 'serverpilot-domains/testing';

const plan = reconcileDomains(['example.com'], { add: ['münchen.de'] });
assert.equal(plan._tag, 'Right');
assert.deepEqual(plan.right.next, ['example.com', 'xn--mnchen-3ya.de', 'www.xn--mnchen-3ya.de']);
assert.equal(normalizeDomain('https://x.example.com/')._tag, 'Left');
assert.equal(wwwTwin('example.co.uk')._tag, 'Some');
assert.equal(typeof createHooks().addFilter, 'function');
assert.equal(typeof unwrap, 'function');
assert.equal(typeof testing, 'object');
const client = createServerPilotClient({
  clientId: 'smoke',
  apiKey: 'smoke-key',
  baseUrl: 'http://127.0.0.1:1/v1',
  retry: { limit: 0 },
});
const refused = await client.apps.list()();
assert.equal(refused._tag, 'Left');
assert.equal(refused.left._tag, 'NetworkError');

// The simulator from ./testing serves real HTTP on loopback (msw is an optional peer, installed here).
const sim = testing.createServerPilotSimulator();
const server = await sim.listen();
const simClient = createServerPilotClient({ ...testing.SIMULATOR_CREDENTIALS, baseUrl: server.url });
const app = await unwrap(simClient.apps.get(testing.SIMULATOR_IDS.appId));
assert.equal(app.id, testing.SIMULATOR_IDS.appId);
// The integration, through the packed client (ky bundled or not), against that server.
const { createServerPilotIntegration } = await import('serverpilot-domains');
const sp = createServerPilotIntegration({
  ...testing.SIMULATOR_CREDENTIALS,
  baseUrl: server.url,
  appId: testing.SIMULATOR_IDS.appId,
});
const added = await unwrap(sp.addDomain('smoke.example.org'));
assert.deepEqual(added.plan.added, ['smoke.example.org']);
await server.close();
assert.equal(sim.handlers.length, 1);
// With msw installed, the handlers answer through the project's own setupServer, as before.
const { setupServer } = await import('msw/node');
const mswServer = setupServer(...sim.handlers);
mswServer.listen({ onUnhandledRequest: 'error' });
const viaMsw = createServerPilotClient({ ...testing.SIMULATOR_CREDENTIALS, retry: { limit: 0 } });
assert.ok((await unwrap(viaMsw.apps.get(testing.SIMULATOR_IDS.appId))).domains.includes('smoke.example.org'));
mswServer.close();
console.log(`import ok on ${process.version}`);
