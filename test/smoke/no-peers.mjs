// The packed tarball in a project that installed it alone (`npm i --legacy-peer-deps`: no fp-ts,
// io-ts, msw, bullmq or ioredis): the main entry and ./testing import, the simulator serves
// listen(), the integration adds a domain through it (its www twin from the Public Suffix List),
// the command lists it, and reading `handlers` says how to get msw.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

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
// The ES module entries run the CommonJS build: one copy of the code for import and require.
assert.equal(sdk.ServerPilotSdkError, require('serverpilot-domains').ServerPilotSdkError);
assert.equal(
  testing.createServerPilotSimulator,
  require('serverpilot-domains/testing').createServerPilotSimulator,
);
assert.deepEqual(Object.keys(sdk).sort(), Object.keys(require('serverpilot-domains')).sort());

const sim = testing.createServerPilotSimulator();
const server = await sim.listen();
const sp = sdk.createServerPilotIntegration({
  ...testing.SIMULATOR_CREDENTIALS,
  baseUrl: server.url,
  appId: testing.SIMULATOR_IDS.appId,
});
const added = await sdk.unwrap(sp.addDomain('no-peers.co.uk'));
assert.deepEqual(added.plan.added, ['no-peers.co.uk', 'www.no-peers.co.uk']);
// The command (package `bin`), which imports the library by the package's name, against the same simulator.
const run = promisify(execFile);
const pkgDir = dirname(require.resolve('serverpilot-domains/package.json'));
const { bin } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const { stdout } = await run(process.execPath, [join(pkgDir, bin['serverpilot-domains']), 'list', '--json'], {
  env: {
    PATH: process.env.PATH,
    SERVERPILOT_CLIENT_ID: testing.SIMULATOR_CREDENTIALS.clientId,
    SERVERPILOT_API_KEY: testing.SIMULATOR_CREDENTIALS.apiKey,
    SERVERPILOT_APP_ID: testing.SIMULATOR_IDS.appId,
    SERVERPILOT_BASE_URL: server.url,
  },
});
const listed = JSON.parse(stdout);
assert.equal(listed.ok, true);
assert.ok(JSON.stringify(listed).includes('www.no-peers.co.uk'), JSON.stringify(listed));
await server.close();
assert.throws(() => sim.handlers, /npm i -D msw/);
console.log(`import without peers ok on ${process.version}`);
