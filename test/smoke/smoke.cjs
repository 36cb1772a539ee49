// Runs against the packed tarball installed in a scratch project (see .ci/run), under each Node.
const assert = require('node:assert/strict');
const sdk = require('serverpilot-domains');
const testing = require('serverpilot-domains/testing');

const plan = sdk.reconcileDomains(['example.com'], { remove: ['example.com'] });
assert.equal(plan._tag, 'Right');
assert.deepEqual(plan.right.next, []);
assert.equal(sdk.normalizeDomain('Example.COM.').right, 'example.com');
assert.equal(typeof testing, 'object');

// The client from the CJS build (ky is ESM-only and bundled into it): one real call on loopback.
const http = require('node:http');
const server = http.createServer((req, res) => {
  assert.equal(req.headers.authorization, `Basic ${Buffer.from('smoke:smoke-key').toString('base64')}`);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ data: { id: 'a1', serverid: 's1', status: 'success', datecreated: 1 } }));
});
server.listen(0, '127.0.0.1', async () => {
  const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
  const client = sdk.createServerPilotClient({ clientId: 'smoke', apiKey: 'smoke-key', baseUrl });
  const action = await sdk.unwrap(client.actions.get('a1'));
  assert.equal(action.status, 'success');
  assert.ok(!JSON.stringify(client).includes('smoke-key'));
  server.close();

  // The simulator from the CJS ./testing build (msw is an optional peer, installed here), driven
  // by the CJS client over loopback.
  const sim = testing.createServerPilotSimulator();
  const simServer = await sim.listen();
  const simClient = sdk.createServerPilotClient({ ...testing.SIMULATOR_CREDENTIALS, baseUrl: simServer.url });
  const apps = await sdk.unwrap(simClient.apps.list());
  assert.equal(apps[0].id, testing.SIMULATOR_IDS.appId);
  // The integration through the CJS build, against the same simulator.
  const sp = sdk.createServerPilotIntegration({
    ...testing.SIMULATOR_CREDENTIALS,
    baseUrl: simServer.url,
    appId: testing.SIMULATOR_IDS.appId,
  });
  const added = await sdk.unwrap(sp.addDomain('smoke.example.org'));
  assert.deepEqual(added.plan.added, ['smoke.example.org']);
  await simServer.close();
  assert.equal(sim.handlers.length, 1);
  // With msw installed, the handlers answer through the project's own setupServer, as before.
  const { setupServer } = require('msw/node');
  const mswServer = setupServer(...sim.handlers);
  mswServer.listen({ onUnhandledRequest: 'error' });
  const viaMsw = sdk.createServerPilotClient({ ...testing.SIMULATOR_CREDENTIALS, retry: { limit: 0 } });
  const seen = await sdk.unwrap(viaMsw.apps.get(testing.SIMULATOR_IDS.appId));
  assert.ok(seen.domains.includes('smoke.example.org'));
  mswServer.close();
  console.log(`require ok on ${process.version}`);
});
