/**
 * Where the command takes its settings from (flags, then SERVERPILOT_* / WU_SERVER_PILOT_*
 * variables, then --wp-config), and that the API key never reaches stdout or stderr, from any
 * source, in results, errors or --debug output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServerPilotSimulator, SIMULATOR_IDS, type SimulatorServer } from '../../src/testing/index.js';
import { cliEntry, jsonOf, runCli } from './run-cli.js';
import { realisticWpConfig } from './wp-config-fixture.js';

// Child processes on a loaded machine: generous limits. The command is built (or its cached
// build found) once, before the tests, with a limit of its own.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeAll(() => cliEntry(), 180_000);

// A key that looks like a real one, so redaction cannot pass by luck.
const KEY = 'spk_9f8e7d6c5b4a3210fedcba9876543210';
const CLIENT = 'cid_panel_42';
const sim = createServerPilotSimulator({ credentials: { clientId: CLIENT, apiKey: KEY }, shuffle: false });
let api: SimulatorServer;
const dir = mkdtempSync(join(tmpdir(), 'sp-cli-config-'));
const wpConfig = join(dir, 'wp-config.php');

beforeAll(async () => {
  api = await sim.listen();
  writeFileSync(wpConfig, realisticWpConfig({ clientId: CLIENT, apiKey: KEY, appId: SIMULATOR_IDS.appId }));
});
beforeEach(() => sim.reset());
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const expectNoKey = (...outputs: { stdout: string; stderr: string }[]) => {
  for (const o of outputs) {
    expect(o.stdout).not.toContain(KEY);
    expect(o.stderr).not.toContain(KEY);
    // Nor any long piece of it.
    expect(`${o.stdout}${o.stderr}`).not.toContain(KEY.slice(4, 24));
  }
};

describe('configuration', () => {
  it('reads the WU_SERVER_PILOT_* define() lines of a realistic wp-config.php with --wp-config', async () => {
    const result = await runCli(['list', '--json', '--wp-config', wpConfig, '--base-url', api.url]);
    expect(result.code).toBe(0);
    expect(jsonOf(result)).toMatchObject({ ok: true, appId: SIMULATOR_IDS.appId });
    expectNoKey(result);
  });

  it('takes flags over variables, and variables over --wp-config', async () => {
    writeFileSync(
      join(dir, 'other-app.php'),
      realisticWpConfig({ clientId: CLIENT, apiKey: KEY, appId: 'appFromWpConfig' }),
    );
    const fromEnv = await runCli(
      ['list', '--json', '--wp-config', join(dir, 'other-app.php'), '--base-url', api.url],
      {
        env: { WU_SERVER_PILOT_APP_ID: SIMULATOR_IDS.appId },
      },
    );
    const fromFlag = await runCli(
      ['list', '--json', '--wp-config', wpConfig, '--base-url', api.url, '--app-id', 'appFromFlag'],
      { env: { SERVERPILOT_APP_ID: SIMULATOR_IDS.appId } },
    );
    expect(jsonOf(fromEnv)).toMatchObject({ ok: true, appId: SIMULATOR_IDS.appId });
    expect(fromFlag.code).toBe(1);
    expect(sim.requests.map((r) => r.path)).toEqual([`/apps/${SIMULATOR_IDS.appId}`, '/apps/appFromFlag']);
  });

  it('names the WU_ variable that is missing when only WU_ names are set: exit 2, nothing sent', async () => {
    const result = await runCli(['list', '--base-url', api.url], {
      env: { WU_SERVER_PILOT_CLIENT_ID: CLIENT, WU_SERVER_PILOT_APP_ID: SIMULATOR_IDS.appId },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing the ServerPilot API key: set WU_SERVER_PILOT_API_KEY');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(sim.requests).toEqual([]);
  });

  it('says which define() a wp-config.php lacks, and what else to pass', async () => {
    const partial = join(dir, 'partial.php');
    writeFileSync(
      partial,
      `<?php\ndefine('WU_SERVER_PILOT_CLIENT_ID', '${CLIENT}');\n// define('WU_SERVER_PILOT_API_KEY', 'x');\n`,
    );
    const result = await runCli(['list', '--json', '--wp-config', partial, '--base-url', api.url]);
    expect(result.code).toBe(2);
    expect(jsonOf(result).error).toMatchObject({
      _tag: 'UsageError',
      message: expect.stringContaining(
        `${partial} does not define WU_SERVER_PILOT_API_KEY and WU_SERVER_PILOT_APP_ID`,
      ),
    });
    const missing = await runCli(['list', '--wp-config', join(dir, 'nope.php')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.php: does not exist');
    expect(sim.requests).toEqual([]);
  });

  it('rejects a malformed setting by the name it came from, before any request', async () => {
    const result = await runCli(['list', '--base-url', 'ftp://example.test', '--app-id', 'x'], {
      env: { SERVERPILOT_CLIENT_ID: CLIENT, SERVERPILOT_API_KEY: KEY },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url');
    expectNoKey(result);
  });
});

describe('the API key is never printed', () => {
  const sources: Record<string, { args: string[]; env: Record<string, string> }> = {
    flag: { args: ['--client-id', CLIENT, '--api-key', KEY, '--app-id', SIMULATOR_IDS.appId], env: {} },
    'SERVERPILOT_* variables': {
      args: [],
      env: {
        SERVERPILOT_CLIENT_ID: CLIENT,
        SERVERPILOT_API_KEY: KEY,
        SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
      },
    },
    'WU_SERVER_PILOT_* variables': {
      args: [],
      env: {
        WU_SERVER_PILOT_CLIENT_ID: CLIENT,
        WU_SERVER_PILOT_API_KEY: KEY,
        WU_SERVER_PILOT_APP_ID: SIMULATOR_IDS.appId,
      },
    },
    'wp-config.php': { args: ['--wp-config', wpConfig], env: {} },
  };

  it.each(Object.entries(sources))(
    'when it comes from %s: results, API errors, usage errors, --debug',
    async (_, source) => {
      // An API error whose message echoes the key, and a base URL that holds it.
      sim.faults.add({
        path: '/apps/:id',
        times: Number.POSITIVE_INFINITY,
        fault: { kind: 'status', status: 404, message: `no such app for key ${KEY}` },
      });
      const base = ['--base-url', api.url, ...source.args];
      const runs = await Promise.all([
        runCli(['list', '--json', ...base], { env: source.env }),
        runCli(['list', '--debug', ...base], { env: source.env }),
        runCli(['test-connection', '--debug', '--json', ...base, '--base-url', `${api.url}/${KEY}`], {
          env: source.env,
        }),
        runCli(['add', 'https://bad/', '--debug', ...base], { env: source.env }),
        runCli(['list', `--api-keyy=${KEY}`, ...base], { env: source.env }),
        runCli(['doctor', '--json', ...base], { env: source.env }),
        runCli(['list', '--base-url', KEY, ...source.args], { env: source.env }),
      ]);
      expectNoKey(...runs);
      expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 2, 2, 3, 2]);
    },
  );
});
