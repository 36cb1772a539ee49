/**
 * The command's layering: `cli/` calls only the public API (what `src/index.ts` exports), `audit/`
 * reaches other layers only through their index files, and the library entry never reaches the
 * command or its dependencies. At run time, `--version` and `--help` load no library code.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServerPilotSimulator, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { filesUnder, importsOf as imports, reachedFrom, src } from '../imports.js';
import { cliEntry } from './run-cli.js';

// Child processes on a loaded machine: generous limits. The command is built (or its cached
// build found) once, before the tests, with a limit of its own.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeAll(() => cliEntry(), 180_000);

const importsOf = (file: string) => imports(file, { dynamic: true });

describe('command architecture', () => {
  it('cli/ imports only the public entry and its own files', () => {
    const outside = filesUnder('cli').flatMap((file) =>
      importsOf(file)
        .local.filter((target) => !target.startsWith('cli/') && target !== 'index.ts')
        .map((target) => `${file} -> ${target}`),
    );
    expect(outside).toEqual([]);
    const bare = new Set(filesUnder('cli').flatMap((file) => importsOf(file).bare));
    expect([...bare].filter((b) => !/^(node:|commander$|ora$|fp-ts\/lib\/)/.test(b))).toEqual([]);
  });

  it('audit/ reaches other layers only through their index files, and never the command', () => {
    const allowed = new Set([
      'errors/index.ts',
      'domains/index.ts',
      'hooks/index.ts',
      'ssl/index.ts',
      'integration/index.ts',
      // The shared helpers: option rules, the bounded pool.
      'internal/index.ts',
    ]);
    const bad = filesUnder('audit').flatMap((file) =>
      importsOf(file)
        .local.filter((target) => !target.startsWith('audit/') && !allowed.has(target))
        .map((target) => `${file} -> ${target}`),
    );
    expect(bad).toEqual([]);
    // The integration offers sp.audit() and sp.doctor(): audit/ imports nothing of it, types included.
    const reached = filesUnder('audit').filter((file) =>
      /from '\.\.\/integration\//m.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(reached).toEqual([]);
  });

  it('the library entry never reaches cli/, commander or ora', () => {
    const { files: seen, bare } = reachedFrom('index.ts', { dynamic: true });
    expect([...seen].filter((f) => f.startsWith('cli/'))).toEqual([]);
    expect([...bare].filter((b) => b === 'commander' || b === 'ora')).toEqual([]);
    expect(seen.has('audit/audit.ts')).toBe(true);
  });
});

describe('what the built command loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-cli-loads-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The files of the command a run loads, recorded by a module hook (node --import). */
  const loadedBy = async (args: readonly string[], env: Record<string, string> = {}): Promise<string[]> => {
    const log = join(dir, `loads-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.LOAD_LOG, url + '\\n'); return next(url, context); }\n`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    const entry = await cliEntry();
    await new Promise<void>((done, fail) => {
      const child = spawn(process.execPath, ['--import', join(dir, 'register.mjs'), entry, ...args], {
        env: { PATH: process.env.PATH ?? '', LOAD_LOG: log, ...env },
        stdio: 'ignore',
      });
      child.on('error', fail);
      child.on('close', () => done());
    });
    const buildDir = dirname(entry);
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u))
      .filter((p) => p.startsWith(buildDir));
  };
  // Text only the library's code holds (fp-ts, io-ts, ky, and the SDK's own base URL).
  const libraryMarkers = ['api.serverpilot.io', 'fp-ts', 'UnknownRecord', 'HTTPError'];
  const holdsLibrary = (files: readonly string[]): boolean =>
    files.some((f) => libraryMarkers.some((m) => readFileSync(f, 'utf8').includes(m)));

  it('--version and --help load no library code, and list does', async () => {
    const sim = createServerPilotSimulator();
    const api = await sim.listen();
    try {
      const [version, help, list] = await Promise.all([
        loadedBy(['--version']),
        loadedBy(['--help']),
        loadedBy(['list', '--json'], {
          SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
          SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
          SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
          SERVERPILOT_BASE_URL: api.url,
        }),
      ]);
      expect(version.length).toBeGreaterThan(0);
      expect(holdsLibrary(version)).toBe(false);
      expect(holdsLibrary(help)).toBe(false);
      expect(holdsLibrary(list)).toBe(true);
      // Each command's own code is loaded only when it runs.
      expect(list.some((f) => /[/\\]list-[^/\\]*\.js$/.test(f))).toBe(true);
      expect(list.some((f) => /[/\\](audit|doctor|verify)-[^/\\]*\.js$/.test(f))).toBe(false);
    } finally {
      await api.close();
    }
  });
});
