// Runs against the packed tarball installed in a scratch project (see .ci/run), under each Node:
// the installed command (its `bin`, run by this same Node) lists the simulator's app with --json,
// requiring the library by the package's own name as an installed copy must.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from 'serverpilot-domains/testing';

const require = createRequire(import.meta.url);
const manifest = require.resolve('serverpilot-domains/package.json');
const bin = join(dirname(manifest), require(manifest).bin['serverpilot-domains']);

const sim = createServerPilotSimulator();
const api = await sim.listen();
try {
  const { code, stdout } = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'list', '--json'], {
      env: {
        PATH: process.env.PATH ?? '',
        SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
        SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
        SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
        SERVERPILOT_BASE_URL: api.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout: out }));
  });
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  assert.equal(result.ok, true);
  assert.equal(result.command, 'list');
  // The simulator answers in a shuffled order, as ServerPilot may.
  assert.deepEqual([...result.domains].sort(), [...sim.app().domains].sort());
  assert.ok(result.domains.length > 0);
  console.log(`serverpilot-domains list --json (installed bin) listed ${result.domains.length} names`);
} finally {
  await api.close();
}
