/**
 * The README's main-job command and every example, run as a user would run them. The examples
 * import the package by name; tsx maps it to the sources through tsconfig.json's `paths` (CI also
 * runs examples/quick-start.cjs against the built package).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect } from 'vitest';
import { SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';

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

  it('examples/quick-start.cjs requires the package and its testing entry, and adds a domain (CommonJS)', async () => {
    // tsx's CommonJS hook compiles the sources on require, as a build would; no ES module loader.
    const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', 'examples/quick-start.cjs'], {
      env: { PATH: process.env.PATH },
      timeout: 60_000,
    });
    expect(stdout).toContain('added: customer.com, www.customer.com | AutoSSL: enabled');
    expect(stdout).toMatch(/the app now holds: .*www\.customer\.com/);
  }, 60_000);

  it('examples/plan.ts prints the plan of a change, offline', async () => {
    const { stdout } = await run(tsx, ['examples/plan.ts', 'Shop.Example.co.uk'], { timeout: 30_000 });
    expect(stdout).toContain('shop.example.co.uk');
    expect(stdout).toContain('kept verbatim (not understood): legacy..entry');
  }, 30_000);

  it('examples/verify-ssl.ts reports a certificate that appears on a later try as done', async () => {
    const { stdout } = await run(tsx, ['examples/verify-ssl.ts'], { timeout: 60_000 });
    expect(stdout).toContain('done: shop.example.test serves a valid, trusted certificate');
  }, 60_000);

  it('examples/client.ts reads the app and its server from the simulator, and never prints the key', async ({
    api,
  }) => {
    const env = {
      PATH: process.env.PATH,
      SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
      SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
      SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
      SERVERPILOT_BASE_URL: api.url,
      SERVERPILOT_EXAMPLE_WRITE: '1',
    };
    const { stdout, stderr } = await run(tsx, ['examples/client.ts'], { env, timeout: 30_000 });
    expect(stdout).toContain('server address: 127.0.0.1');
    expect(stdout).toContain('domain list re-applied');
    expect(`${stdout}${stderr}`).not.toContain(SIMULATOR_CREDENTIALS.apiKey);
    expect(api.writes()).toBe(1);
  }, 30_000);

  it('examples/panel.ts adds a domain through the WU_SERVER_PILOT_* names against the simulator', async ({
    api,
  }) => {
    const env = {
      PATH: process.env.PATH,
      WU_SERVER_PILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
      WU_SERVER_PILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
      WU_SERVER_PILOT_APP_ID: SIMULATOR_IDS.appId,
      SERVERPILOT_BASE_URL: api.url,
    };
    const { stdout } = await run(tsx, ['examples/panel.ts', 'add', 'panelcustomer.org'], { env });
    expect(JSON.parse(stdout).plan.added).toEqual(['panelcustomer.org', 'www.panelcustomer.org']);
    expect(api.domains()).toContain('www.panelcustomer.org');
  }, 30_000);
});
