// Runs against the packed tarball installed in a scratch project (see .ci/run), under each Node.
const assert = require('node:assert/strict');
const sdk = require('serverpilot-domains');
const testing = require('serverpilot-domains/testing');

const plan = sdk.reconcileDomains(['example.com'], { remove: ['example.com'] });
assert.equal(plan._tag, 'Right');
assert.deepEqual(plan.right.next, []);
assert.equal(sdk.normalizeDomain('Example.COM.').right, 'example.com');
assert.equal(typeof testing, 'object');

(async () => {
  const sim = testing.createServerPilotSimulator();
  const server = await sim.listen();
  const answer = await fetch(`${server.url}/apps`, { headers: { authorization: testing.basicAuth() } });
  assert.equal(answer.status, 200);
  // The integration through the CJS build, whose bundled ky must work at run time.
  const sp = sdk.createServerPilotIntegration({
    ...testing.SIMULATOR_CREDENTIALS,
    baseUrl: server.url,
    appId: testing.SIMULATOR_IDS.appId,
  });
  const added = await sdk.unwrap(sp.addDomain('smoke.example.org'));
  assert.deepEqual(added.plan.added, ['smoke.example.org']);
  await server.close();
  assert.equal(sim.handlers.length, 1);
  console.log(`require ok on ${process.version}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
