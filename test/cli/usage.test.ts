/**
 * Usage errors end with exit 2 before anything is sent, in one sentence that says what to pass,
 * with no stack trace; help shows an example per command and the exit codes; --version answers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  type SimulatorServer,
} from '../../src/testing/index.js';
import { cliEntry, jsonOf, runCli } from './run-cli.js';

// Child processes on a loaded machine: generous limits. The command is built (or its cached
// build found) once, before the tests, with a limit of its own.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeAll(() => cliEntry(), 180_000);

const sim = createServerPilotSimulator();
let api: SimulatorServer;
beforeAll(async () => {
  api = await sim.listen();
});
afterAll(() => api.close());
const env = () => ({
  SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
  SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
  SERVERPILOT_APP_ID: 'simA000000000001',
  SERVERPILOT_BASE_URL: api.url,
});

describe('usage errors', () => {
  it.each([
    [['list', '--bogus'], "unknown option '--bogus'"],
    [['lst'], "unknown command 'lst' (Did you mean list?)"],
    [['list', '--port', '99999'], 'pass a whole number from 1 to 65535'],
    [['verify', 'a.test', '--delay', 'soon'], 'pass a duration such as 30s, 5m'],
    [['audit', '--resolve', 'nowhere'], 'pass name:address'],
    [['audit', '--warn-days', '-3'], 'pass a whole number'],
    [['add', '--www', 'sometimes', 'a.test'], 'pass apex, always or never'],
    [['add'], "missing required argument 'domain'"],
    [['list', 'extra'], 'too many arguments'],
    [['audit', '--ca', '/nonexistent/ca.pem'], '--ca: cannot read /nonexistent/ca.pem (ENOENT)'],
    [['verify', 'a.test', '--resolve', 'a.test:8443:127.0.0.1'], 'pass --port 8443'],
    [[], 'pass a command'],
  ])('%j exits 2 with one sentence and sends nothing', async (args, expected) => {
    sim.clearRequests();
    const result = await runCli(args, { env: env() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(sim.requests).toEqual([]);
  });

  it('prints the usage error as the one JSON document with --json', async () => {
    const result = await runCli(['list', '--json', '--bogus=secretish'], { env: env() });
    expect(result.code).toBe(2);
    expect(jsonOf(result)).toEqual({
      ok: false,
      command: 'list',
      exitCode: 2,
      error: {
        _tag: 'UsageError',
        message: "unknown option '--bogus=…'. Run `serverpilot-domains list --help` for what to pass.",
      },
    });
    expect(result.stdout + result.stderr).not.toContain('secretish');
  });
});

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists every command, the configuration order and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of [
      'list',
      'add',
      'remove',
      'sync',
      'plan',
      'ssl',
      'verify',
      'audit',
      'doctor',
      'test-connection',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(result.stdout).toContain('0  done and healthy');
    expect(result.stdout).toContain('2  usage or configuration error: nothing was sent');
    expect(result.stdout).toContain('3  done, but problems found');
    expect(result.stdout).toContain("define('WU_SERVER_PILOT_CLIENT_ID'");
  });

  it.each([
    ['list'],
    ['add'],
    ['remove'],
    ['sync'],
    ['plan'],
    ['ssl', 'enable'],
    ['verify'],
    ['audit'],
    ['doctor'],
    ['test-connection'],
  ])('%s --help shows an example and the exit codes', async (...command) => {
    const result = await runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Example:\\n  .*serverpilot-domains ${command.join(' ')}`));
    expect(result.stdout).toContain('Exit codes:');
    for (const option of [
      '--json',
      '--dry-run',
      '--wp-config',
      '--resolve',
      '--tries',
      '--delay',
      '--warn-days',
      '--quiet',
      '--no-color',
    ]) {
      expect(result.stdout).toContain(option);
    }
  });
});
