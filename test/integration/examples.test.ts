/**
 * The README's main-job command and the adaptable example, run as a user would run them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect } from 'vitest';
import { SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { simulatorTest } from './fixtures.js';

const it = simulatorTest();

const run = promisify(execFile);
const tsx = 'node_modules/.bin/tsx';

describe('examples', () => {
  it('npm run demo (tsx examples/demo.ts) exits 0 with every added name verified', async () => {
    const { stdout } = await run(tsx, ['examples/demo.ts'], { timeout: 60_000 });
    expect(stdout).toContain('0 not done');
    expect(stdout).toContain('self-signed -> valid');
    expect(stdout).toContain('Refusing to remove protected domain "network.test"');
    expect(stdout).not.toContain(SIMULATOR_CREDENTIALS.apiKey);
  }, 60_000);

  it('examples/panel.ts names every missing variable and never needs a key to say so', async () => {
    const result = await run(tsx, ['examples/panel.ts', 'list'], { env: { PATH: process.env.PATH } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in result && result.code).toBe(1);
    expect(result.stderr).toContain('SERVERPILOT_CLIENT_ID, SERVERPILOT_API_KEY, SERVERPILOT_APP_ID');
  }, 30_000);

  it('examples/panel.ts adds a domain through the WU_SERVER_PILOT_* names against the simulator', async ({
    api,
  }) => {
    const env = {
      PATH: process.env.PATH,
      WU_SERVER_PILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
      WU_SERVER_PILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
      WU_SERVER_PILOT_APP_ID: SIMULATOR_IDS.appId,
      SERVERPILOT_BASE_URL: api.server.url,
    };
    const { stdout } = await run(tsx, ['examples/panel.ts', 'add', 'panelcustomer.org'], { env });
    expect(JSON.parse(stdout).plan.added).toEqual(['panelcustomer.org', 'www.panelcustomer.org']);
    expect(api.domains()).toContain('www.panelcustomer.org');
  }, 30_000);
});
