/**
 * The command's layering: `cli/` calls only the public API (what `src/index.ts` exports), `audit/`
 * reaches other layers only through their index files, and the library entry never reaches the
 * command or its dependencies. At run time, `--version` and `--help` load no library code.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
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

  /**
   * What a run loads, recorded at exit by a preload (node --require): the files in
   * `require.cache`, and Node's own modules (`process.moduleLoadList`).
   */
  const loadedBy = async (
    args: readonly string[],
    env: Record<string, string> = {},
  ): Promise<{ readonly files: readonly string[]; readonly builtins: readonly string[] }> => {
    const log = join(dir, `loads-${Math.random().toString(36).slice(2)}.json`);
    const preload = join(dir, 'record.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(process.env.LOAD_LOG, JSON.stringify({ files: Object.keys(require.cache), builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)) })));\n`,
    );
    const entry = await cliEntry();
    await new Promise<void>((done, fail) => {
      const child = spawn(process.execPath, ['--require', preload, entry, ...args], {
        env: { PATH: process.env.PATH ?? '', LOAD_LOG: log, ...env },
        stdio: 'ignore',
      });
      child.on('error', fail);
      child.on('close', () => done());
    });
    const loaded: { files: string[]; builtins: string[] } = JSON.parse(readFileSync(log, 'utf8'));
    return { ...loaded, files: loaded.files.filter((f) => f !== preload) };
  };
  const library = (files: readonly string[]): boolean =>
    files.some((f) => /[/\\]dist[/\\]index\.cjs$/.test(f));
  const named = (files: readonly string[], name: string): boolean =>
    files.some((f) => f.includes(`${sep}node_modules${sep}${name}${sep}`));

  it('--version loads nothing else, --help no library, list the library but no SSL or fetch code', async () => {
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
      expect(version.files).toEqual([await cliEntry()]);
      expect(named(help.files, 'commander')).toBe(true);
      expect(library(help.files)).toBe(false);
      expect(library(list.files)).toBe(true);
      // list sends over Node's http: no fetch (undici), TLS, DNS resolver, nor the suffix list.
      expect(list.builtins).toContain('http');
      expect(list.builtins.filter((m) => /undici|^tls$|^dns$|^crypto$/.test(m))).toEqual([]);
      expect(named(list.files, 'tldts')).toBe(false);
    } finally {
      await api.close();
    }
  });
});
