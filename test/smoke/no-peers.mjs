// The packed tarball in a project that installed it alone (`npm i --legacy-peer-deps`: no fp-ts,
// io-ts, msw, bullmq or ioredis): the main entry and ./testing import, the simulator serves
// listen(), the integration adds a domain through it (its www twin from the Public Suffix List), and reading `handlers` says how to get msw.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const peer of ['fp-ts/lib/Either.js', 'io-ts', 'msw']) {
  assert.throws(
    () => require.resolve(peer),
    { code: 'MODULE_NOT_FOUND' },
    `${peer} must not be installed here`,
  );
}

const sdk = await import('serverpilot-domains');
const testing = await import('serverpilot-domains/testing');

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
console.log(`import without peers ok on ${process.version}`);
