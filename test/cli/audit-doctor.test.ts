/**
 * `audit` and `doctor` as the built command runs them, against the simulator over HTTP and real
 * TLS handshakes on 127.0.0.1 (names sent there with --resolve, trust from --ca, --port). Also
 * the terminal rendering: under a pseudo-terminal (`script`) the progress and the table show,
 * and the same run through pipes prints no control character at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CASES, IP_ENTRY, WILDCARD } from '../audit/fixtures.js';
import { type CliWorld, cliEntry, jsonOf, runCli, startCliWorld, writesOf } from './run-cli.js';

// Child processes on a loaded machine: generous limits. The command is built (or its cached
// build found) once, before the tests, with a limit of its own.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeAll(() => cliEntry(), 180_000);

let w: CliWorld;
const cli = (args: readonly string[], env: Record<string, string> = {}) =>
  runCli([...args, ...w.flags, ...w.tlsFlags], { env: { ...w.env, ...env } });
const ALL = [...Object.values(CASES), WILDCARD, IP_ENTRY];
const ESC = String.fromCharCode(27);
/** A pattern where `ESC` stands for the escape character that starts terminal sequences. */
const ansi = (pattern: string): RegExp => new RegExp(pattern.replaceAll('ESC', ESC));
/** Every character below space (or DEL) other than tab and newline. */
const controlCharacters = (text: string): number[] =>
  [...text]
    .map((c) => c.charCodeAt(0))
    .filter((code) => (code < 32 && code !== 9 && code !== 10) || code === 127);

beforeAll(async () => {
  w = await startCliWorld();
});
beforeEach(() => w.sim.reset());
afterAll(() => w.close());

describe('serverpilot-domains audit', () => {
  it('grades 80, 18 and 10 days left, expired, mismatched, untrusted and unreachable, and exits 3', async () => {
    const result = await cli(['audit', '--json']);
    expect(result.code).toBe(3);
    const doc = jsonOf(result);
    expect(doc).toMatchObject({
      ok: false,
      command: 'audit',
      exitCode: 3,
      healthy: false,
      warnDays: 20,
      critDays: 15,
    });
    const rows = doc.rows as {
      domain: string;
      status: string;
      daysLeft?: number;
      probe?: { status: string };
    }[];
    const statusOf = Object.fromEntries(
      rows.map((r) => [r.domain, [r.status, r.daysLeft ?? null, r.probe?.status ?? null]]),
    );
    expect(statusOf).toEqual({
      [CASES.fresh]: ['ok', 80, 'valid'],
      [CASES.aging]: ['warning', 18, 'valid'],
      [CASES.dying]: ['critical', 10, 'valid'],
      [CASES.expired]: ['critical', -3, 'expired'],
      [CASES.mismatch]: ['critical', 89, 'hostname-mismatch'],
      [CASES.untrusted]: ['critical', 89, 'untrusted'],
      [CASES.down]: ['unknown', null, 'connect-error'],
      [WILDCARD]: ['unknown', null, null],
      [IP_ENTRY]: ['unknown', null, null],
    });
    expect(writesOf(w)).toEqual([]);
  });

  it('prints one plain line per domain without a terminal, with --warn-days and --crit-days applied', async () => {
    const result = await cli(['audit', '--warn-days', '90', '--crit-days', '12', '--concurrency', '2']);
    expect(result.code).toBe(3);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(ALL);
    expect(lines.map((l) => l.split('\t')[1])).toEqual([
      'warning',
      'warning',
      'critical',
      'critical',
      'critical',
      'critical',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(result.stderr).toBe('');
  });

  it('exits 0 for an app whose every certificate is fine', async () => {
    w.sim.app().domains.splice(0, Number.POSITIVE_INFINITY, CASES.fresh, WILDCARD);
    const human = await cli(['audit']);
    const json = await cli(['audit', '--json']);
    expect([human.code, json.code]).toEqual([0, 0]);
    expect(jsonOf(json)).toMatchObject({ ok: true, healthy: true, summary: { ok: 1, unknown: 1 } });
  });

  it('exits 1 when the app cannot be read', async () => {
    const result = await cli(['audit', '--json'], { SERVERPILOT_API_KEY: 'wrong-key-0000' });
    expect(result.code).toBe(1);
    expect(jsonOf(result).error).toMatchObject({ _tag: 'HttpError', status: 401 });
  });

  it('renders progress and a coloured table under a terminal, and no control characters without one', async () => {
    if (spawnSync('script', ['--version']).status !== 0)
      throw new Error('this test needs `script` (util-linux)');
    const entry = await cliEntry();
    const args = ['audit', ...w.flags, ...w.tlsFlags].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    // A compile cache of this test's own: the first run writes it (with the spinner's code), the
    // second runs from it, as every run after a user's first does.
    const cache = mkdtempSync(join(tmpdir(), 'sp-pty-cache-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TERM: 'xterm-256color',
      NODE_COMPILE_CACHE: cache,
      ...w.env,
    };
    // `script` makes a pseudo-terminal without a size; give it one, as a real terminal has.
    const sized = 'stty cols 200 rows 50;';
    const underTerminal = () =>
      new Promise<{ code: number | null; output: string }>((resolve, reject) => {
        const child = spawn(
          'script',
          ['-qec', `${sized} '${process.execPath}' '${entry}' ${args}`, '/dev/null'],
          {
            env,
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        );
        let output = '';
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString('utf8');
        });
        // Closing the pseudo-terminal (killing `script`) hangs up the command under it too.
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, output });
        });
        child.stdin.end();
      });
    const first = await underTerminal();
    const terminal = await underTerminal();
    rmSync(cache, { recursive: true, force: true });
    expect(first.code).toBe(3);

    expect(terminal.code).toBe(3);
    // The spinner (ora) with its progress text, on the terminal.
    expect(terminal.output).toMatch(ansi('[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏](ESC\\[39m)? Auditing'));
    // A padded table under a bold header, statuses in colour.
    expect(terminal.output).toMatch(
      ansi('ESC\\[1mDOMAIN {2,}ESC\\[22m {2}ESC\\[1mSTATUS {2,}ESC\\[22m {2}ESC\\[1mDAYS'),
    );
    expect(terminal.output).toMatch(ansi(`${CASES.fresh.replace('.', '\\.')} +ESC\\[32mok +ESC\\[39m +80 `));
    expect(terminal.output).toContain(`${ESC}[31mcritical`);
    expect(terminal.output).toMatch(/9 domains of app "wordpress".*1 ok/);

    const piped = await cli(['audit']);
    expect(piped.code).toBe(3);
    expect(controlCharacters(`${piped.stdout}${piped.stderr}`)).toEqual([]);

    // Colours off on a terminal, by flag or by NO_COLOR; the table stays.
    const uncoloured = (extra: string, extraEnv: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const child = spawn(
          'script',
          ['-qec', `${sized} '${process.execPath}' '${entry}' ${args}${extra}`, '/dev/null'],
          { env: { ...env, ...extraEnv } },
        );
        let output = '';
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString('utf8');
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('close', () => {
          clearTimeout(timer);
          resolve(output);
        });
        child.stdin.end();
      });
    for (const output of await Promise.all([
      uncoloured(' --no-color', {}),
      uncoloured('', { NO_COLOR: '1' }),
    ])) {
      expect(output).toMatch(/DOMAIN {2,}STATUS/);
      expect(output).not.toContain(`${ESC}[32m`);
      expect(output).not.toContain(`${ESC}[1mDOMAIN`);
    }
  });
});

describe('serverpilot-domains doctor', () => {
  it('passes every check for a healthy domain: exit 0, human and --json', async () => {
    const human = await cli(['doctor', CASES.aging]);
    const json = await cli(['doctor', CASES.aging, '--json']);
    expect([human.code, json.code]).toEqual([0, 0]);
    expect(human.stdout.split('\n').filter((l) => l.startsWith('ok\t'))).toHaveLength(11);
    expect(jsonOf(json)).toMatchObject({ ok: true, healthy: true, domain: CASES.aging });
  });

  it('says the credentials are wrong: exit 3', async () => {
    const result = await cli(['doctor', CASES.aging, '--json'], { SERVERPILOT_API_KEY: 'not-the-key-0000' });
    expect(result.code).toBe(3);
    const checks = jsonOf(result).checks as { id: string; ok: boolean; skipped?: boolean; fix?: string }[];
    expect(checks[0]).toMatchObject({
      id: 'credentials',
      ok: false,
      fix: expect.stringContaining('Account Settings > API'),
    });
    expect(checks.slice(1).every((c) => c.skipped === true)).toBe(true);
  });

  it("lists the account's apps when the app id is wrong", async () => {
    const result = await runCli(['doctor', '--base-url', w.api.url, '--app-id', 'nosuchapp'], { env: w.env });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /^FAIL\tapp-id\tthere is no app "nosuchapp" on this account; its apps are: wordpress \(simA000000000001\), blog \(simA000000000002\)\t/m,
    );
  });

  it('says DNS points elsewhere, and where to point it', async () => {
    const result = await cli(['doctor', CASES.aging, '--resolve', `${CASES.aging}:127.0.0.2`]);
    expect(result.code).toBe(3);
    const dns = result.stdout.split('\n').find((l) => l.includes('\tdns\t'));
    expect(dns).toMatch(
      /^FAIL\tdns\taging\.test points at 127\.0\.0\.2, not at this server \(127\.0\.0\.1\).*\tpoint the A record of aging\.test at 127\.0\.0\.1/,
    );
  });

  it('exits 2 for a bad domain, sending nothing', async () => {
    const result = await cli(['doctor', 'shop.test:8080']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('includes a port');
    expect(w.sim.requests).toEqual([]);
  });
});
