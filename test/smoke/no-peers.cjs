// As no-peers.mjs, under require(): the CommonJS builds need no peer dependency at run time either.
const assert = require('node:assert/strict');

for (const peer of ['fp-ts/lib/Either.js', 'io-ts', 'msw']) {
  assert.throws(
    () => require.resolve(peer),
    { code: 'MODULE_NOT_FOUND' },
    `${peer} must not be installed here`,
  );
}

const sdk = require('serverpilot-domains');
const testing = require('serverpilot-domains/testing');

const main = async () => {
  const sim = testing.createServerPilotSimulator();
  const server = await sim.listen();
  const sp = sdk.createServerPilotIntegration({
    ...testing.SIMULATOR_CREDENTIALS,
    baseUrl: server.url,
    appId: testing.SIMULATOR_IDS.appId,
  });
  const added = await sdk.unwrap(sp.addDomain('no-peers.co.uk'));
  assert.deepEqual(added.plan.added, ['no-peers.co.uk', 'www.no-peers.co.uk']);
  await server.close();
  assert.throws(() => sim.handlers, /npm i -D msw/);
  console.log(`require without peers ok on ${process.version}`);
};
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
