/**
 * Every command, in human and --json form, run as the built `serverpilot-domains` in a child
 * process against the simulator over HTTP (and loopback TLS for verify): exit codes, dry runs that
 * write nothing, bad names that send nothing, `sync -` from stdin.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CASES } from '../audit/fixtures.js';
import { type CliWorld, cliEntry, jsonOf, runCli, startCliWorld, writesOf } from './run-cli.js';

// Child processes on a loaded machine: generous limits. The command is built (or its cached
// build found) once, before the tests, with a limit of its own.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeAll(() => cliEntry(), 180_000);

let w: CliWorld;
const cli = (args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runCli([...args, ...w.flags], {
    env: { ...w.env, ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
const domains = () => [...w.sim.app().domains];

beforeAll(async () => {
  w = await startCliWorld({ domains: ['example.com', 'www.example.com'], autoSsl: false });
});
beforeEach(() => w.sim.reset());
afterAll(() => w.close());

describe('serverpilot-domains list', () => {
  it('prints one plain line per domain when stdout is not a terminal, and exits 0', async () => {
    const result = await cli(['list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('example.com\tcovered\nwww.example.com\tcovered\n');
    expect(result.stderr).toBe('');
  });

  it('prints exactly one JSON document with --json', async () => {
    const result = await cli(['list', '--json']);
    const doc = jsonOf(result);
    expect(doc).toMatchObject({
      ok: true,
      command: 'list',
      exitCode: 0,
      domains: ['example.com', 'www.example.com'],
      sslOn: false,
    });
    expect(doc.coverage).toEqual([
      { domain: 'example.com', autoSsl: 'covered' },
      { domain: 'www.example.com', autoSsl: 'covered' },
    ]);
  });

  it('exits 1 with the API error when the app does not exist', async () => {
    const result = await runCli(['list', '--json', '--base-url', w.api.url, '--app-id', 'nosuchapp'], {
      env: w.env,
    });
    expect(result.code).toBe(1);
    expect(jsonOf(result)).toMatchObject({
      ok: false,
      exitCode: 1,
      error: { _tag: 'HttpError', status: 404 },
    });
    expect(result.stderr).toContain('404');
  });
});

describe('serverpilot-domains add', () => {
  it('adds the name and its www twin, turns AutoSSL on, and reports it', async () => {
    const result = await cli(['add', 'Shop.Test']);
    expect(result.code).toBe(0);
    expect(domains()).toEqual(['example.com', 'www.example.com', 'shop.test', 'www.shop.test']);
    expect(result.stdout).toContain('added shop.test, www.shop.test');
    expect(result.stdout).toContain('AutoSSL: enabled');
  });

  it('answers --json with the change report', async () => {
    const doc = jsonOf(await cli(['add', 'shop.test', '--json']));
    expect(doc).toMatchObject({
      ok: true,
      command: 'add',
      exitCode: 0,
      dryRun: false,
      autoSsl: { status: 'enabled' },
    });
    expect(doc.plan).toMatchObject({ added: ['shop.test', 'www.shop.test'], changed: true });
  });

  it('writes nothing with --dry-run, and shows the plan', async () => {
    const human = await cli(['add', 'shop.test', '--dry-run']);
    const json = await cli(['add', 'shop.test', '--dry-run', '--json']);
    expect([human.code, json.code]).toEqual([0, 0]);
    expect(human.stdout).toContain('would add:    shop.test, www.shop.test');
    expect(jsonOf(json)).toMatchObject({ dryRun: true, plan: { added: ['shop.test', 'www.shop.test'] } });
    expect(writesOf(w)).toEqual([]);
    expect(domains()).toEqual(['example.com', 'www.example.com']);
  });

  it('exits 2 for a bad name and sends nothing at all', async () => {
    const result = await cli(['add', 'good.test', 'https://shop.test/path', '--json']);
    expect(result.code).toBe(2);
    expect(jsonOf(result)).toMatchObject({ ok: false, exitCode: 2, error: { _tag: 'UsageError' } });
    expect(result.stderr).toContain('pass the host name "shop.test"');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(w.sim.requests).toEqual([]);
  });

  it('with --verify, exits 3 when an added name does not serve a valid certificate', async () => {
    const result = await cli([
      'add',
      CASES.expired,
      '--verify',
      '--www',
      'never',
      '--tries',
      '1',
      ...w.tlsFlags,
      '--json',
    ]);
    expect(result.code).toBe(3);
    const doc = jsonOf(result);
    expect(doc.ssl).toMatchObject([{ domain: CASES.expired, stage: 'ssl-failed' }]);
    expect(domains()).toContain(CASES.expired);
  });

  it('with --verify, exits 0 when every added name serves a valid certificate', async () => {
    const result = await cli([
      'add',
      CASES.fresh,
      '--verify',
      '--www',
      'never',
      '--tries',
      '1',
      ...w.tlsFlags,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`SSL ${CASES.fresh}: done`);
  });
});

describe('serverpilot-domains remove', () => {
  it('removes the name and its twin', async () => {
    const result = await cli(['remove', 'example.com', '--json']);
    expect(result.code).toBe(0);
    expect(jsonOf(result).plan).toMatchObject({ removed: ['example.com', 'www.example.com'] });
    expect(domains()).toEqual([]);
  });

  it('refuses to remove a --protect name: exit 2, nothing sent', async () => {
    const result = await cli(['remove', 'example.com', '--protect', 'example.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('protected');
    expect(w.sim.requests).toEqual([]);
  });

  it('shows a removal with --dry-run and writes nothing', async () => {
    const result = await cli(['remove', 'example.com', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would remove: example.com, www.example.com');
    expect(writesOf(w)).toEqual([]);
  });
});

describe('serverpilot-domains sync', () => {
  it('reads one name per line from stdin with `sync -`, skipping blanks and comments', async () => {
    const result = await cli(['sync', '-', '--json'], {
      input: '# mapped sites\nshop.test\n\nblog.test  # the blog\n',
    });
    expect(result.code).toBe(0);
    expect(domains()).toEqual([
      'example.com',
      'www.example.com',
      'shop.test',
      'www.shop.test',
      'blog.test',
      'www.blog.test',
    ]);
  });

  it('reads a JSON array from a file, and prunes with --prune', async () => {
    const file = join(w.dir, 'names.json');
    writeFileSync(file, JSON.stringify(['shop.test']));
    const result = await cli(['sync', file, '--prune']);
    expect(result.code).toBe(0);
    expect(domains()).toEqual(['shop.test', 'www.shop.test']);
  });

  it('plans a pruning sync with --dry-run and writes nothing', async () => {
    const result = await cli(['sync', '-', '--prune', '--dry-run', '--json'], { input: '["shop.test"]' });
    expect(result.code).toBe(0);
    expect(jsonOf(result).plan).toMatchObject({
      added: ['shop.test', 'www.shop.test'],
      removed: ['example.com', 'www.example.com'],
    });
    expect(writesOf(w)).toEqual([]);
  });

  it('exits 2 for a bad name in the list, or a list that is not one, and sends nothing', async () => {
    const bad = await cli(['sync', '-'], { input: 'shop.test\nnot a domain\n' });
    const notJson = await cli(['sync', '-'], { input: '["shop.test",' });
    const missing = await cli(['sync', join(w.dir, 'nope.txt')]);
    expect([bad.code, notJson.code, missing.code]).toEqual([2, 2, 2]);
    expect(bad.stderr).toContain('contains spaces');
    expect(missing.stderr).toContain('ENOENT');
    expect(w.sim.requests).toEqual([]);
  });
});

describe('serverpilot-domains plan', () => {
  it('shows what a change would write, human and --json, writing nothing', async () => {
    const human = await cli(['plan', '--add', 'shop.test', '--remove', 'example.com']);
    const json = await cli(['plan', '--add', 'shop.test', '--json']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('would remove: example.com, www.example.com');
    expect(jsonOf(json)).toMatchObject({
      ok: true,
      command: 'plan',
      plan: { added: ['shop.test', 'www.shop.test'] },
    });
    expect(writesOf(w)).toEqual([]);
  });

  it('exits 2 without a change to plan', async () => {
    const result = await cli(['plan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --add');
  });
});

describe('serverpilot-domains ssl enable', () => {
  it('enables AutoSSL and, with --force, ForceSSL', async () => {
    const result = await cli(['ssl', 'enable', '--force']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('AutoSSL: enabled');
    expect(result.stdout).toContain('ForceSSL: on');
    expect(w.sim.app().ssl).toMatchObject({ auto: true, force: true });
  });

  it('says what it would do with --dry-run and posts nothing', async () => {
    const result = await cli(['ssl', 'enable', '--dry-run', '--json']);
    expect(jsonOf(result)).toMatchObject({ ok: true, decision: 'would-enable', dryRun: true });
    expect(writesOf(w)).toEqual([]);
  });

  it('exits 3 when AutoSSL is not available yet', async () => {
    w.sim.config.pointsHere = () => false;
    const result = await cli(['ssl', 'enable', '--json']);
    expect(result.code).toBe(3);
    expect(jsonOf(result)).toMatchObject({ ok: false, exitCode: 3, autoSsl: { status: 'unavailable' } });
    expect(writesOf(w)).toEqual([]);
  });

  it('exits 2 when `ssl` has no subcommand', async () => {
    const result = await cli(['ssl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ssl enable');
  });
});

describe('serverpilot-domains test-connection', () => {
  it('says the connection works', async () => {
    const human = await cli(['test-connection']);
    const json = await cli(['test-connection', '--json']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Connected: app "wordpress"');
    expect(jsonOf(json)).toMatchObject({ ok: true, appName: 'wordpress', domains: 2 });
  });

  it('exits 1 and names the wrong setting when the app id is wrong', async () => {
    const result = await runCli(['test-connection', '--base-url', w.api.url, '--app-id', 'nosuchapp'], {
      env: w.env,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--app-id: the credentials work, but there is no app "nosuchapp"');
    expect(result.stderr).toContain('wordpress (simA000000000001)');
  });
});

describe('serverpilot-domains verify', () => {
  it('exits 0 when every name serves a valid certificate, and 3 when one does not', async () => {
    w.sim.app().domains.push(CASES.fresh, CASES.mismatch);
    const good = await cli(['verify', CASES.fresh, '--tries', '1', ...w.tlsFlags]);
    const bad = await cli([
      'verify',
      CASES.fresh,
      CASES.mismatch,
      '--tries',
      '2',
      '--delay',
      '0s',
      ...w.tlsFlags,
      '--json',
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(new RegExp(`^${CASES.fresh}\tdone\tvalid\t80\t`));
    expect(bad.code).toBe(3);
    const doc = jsonOf(bad);
    expect(doc).toMatchObject({ ok: false, exitCode: 3, expectedIps: ['127.0.0.1'] });
    expect(doc.verifications).toMatchObject([
      { domain: CASES.fresh, stage: 'done' },
      {
        domain: CASES.mismatch,
        stage: 'ssl-failed',
        attempts: { ssl: 2 },
        probe: { status: 'hostname-mismatch' },
      },
    ]);
  });

  it('fails the DNS stage for a name resolved elsewhere', async () => {
    const result = await cli([
      'verify',
      CASES.aging,
      '--tries',
      '1',
      '--resolve',
      `${CASES.aging}:127.0.0.3`,
      ...w.tlsFlags,
      '--json',
    ]);
    expect(result.code).toBe(3);
    expect(jsonOf(result).verifications).toMatchObject([
      { stage: 'failed', dns: { status: 'points-elsewhere' } },
    ]);
  });
});
