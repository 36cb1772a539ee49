/**
 * The command's compile cache on Node 20 (src/cli/compile-cache.ts; Node 22.1+ uses its own): the
 * built command run as a child process, with the cache in a folder of the test's own.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CliWorld, cliEntry, jsonOf, runCli, startCliWorld } from './run-cli.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeAll(() => cliEntry(), 180_000);

let w: CliWorld;
beforeAll(async () => {
  w = await startCliWorld({ domains: ['example.com', 'www.example.com'], autoSsl: false });
});
afterAll(() => w.close());

/** Node 22.1+ has its own cache, which the command turns on instead. */
const builtIn = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

const list = (cacheDir: string, env: Record<string, string> = {}) =>
  runCli(['list', '--json', ...w.flags], { env: { ...w.env, NODE_COMPILE_CACHE: cacheDir, ...env } });

/** The cache files under `dir`, with their bytes. */
const cacheFiles = (dir: string): Map<string, Buffer> => {
  const files = new Map<string, Buffer>();
  for (const sub of readdirSync(dir)) {
    for (const name of readdirSync(join(dir, sub)))
      files.set(`${sub}/${name}`, readFileSync(join(dir, sub, name)));
  }
  return files;
};

describe.skipIf(builtIn)('the compile cache (Node 20)', () => {
  const dirs: string[] = [];
  const freshDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-compile-cache-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is written by a first run, read by the next, which write nothing and print the same', async () => {
    const dir = freshDir();
    const first = await list(dir);
    expect(first.code).toBe(0);
    const written = cacheFiles(dir);
    // The command's own code, the library and commander's files, each with its source.
    expect(written.size).toBeGreaterThanOrEqual(3);
    const main = readFileSync(join(await cliEntry(), '..', 'main.cjs'));
    expect([...written.values()].some((bytes) => bytes.subarray(4, 4 + main.length).equals(main))).toBe(true);
    const mtimes = [...written.keys()].map((f) => statSync(join(dir, f)).mtimeMs);

    const second = await list(dir);
    expect(second.code).toBe(0);
    expect(jsonOf(second)).toEqual(jsonOf(first));
    expect([...cacheFiles(dir).keys()]).toEqual([...written.keys()]);
    expect([...written.keys()].map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(mtimes);
  });

  it('ignores a cache that does not match its source, and writes a good one in its place', async () => {
    const dir = freshDir();
    const good = await list(dir);
    const files = cacheFiles(dir);
    expect(files.size).toBeGreaterThan(0);
    for (const [name, bytes] of files) {
      // The same length, one byte of the stored source changed: V8's own check would accept it.
      const bad = Buffer.from(bytes);
      bad[10] = (bad[10] ?? 0) ^ 0xff;
      writeFileSync(join(dir, name), bad);
    }
    const again = await list(dir);
    expect(again.code).toBe(0);
    expect(jsonOf(again)).toEqual(jsonOf(good));
    // Rewritten: each file again holds its true source (the code cache after it may differ).
    const prefix = (bytes: Buffer | undefined) => bytes?.subarray(0, 4 + (bytes?.readUInt32LE(0) ?? 0));
    const rewritten = cacheFiles(dir);
    expect([...rewritten.keys()]).toEqual([...files.keys()]);
    for (const [name, bytes] of rewritten)
      expect(prefix(bytes)?.equals(prefix(files.get(name)) ?? Buffer.alloc(0)), name).toBe(true);
  });

  it('survives torn and foreign files in the cache', async () => {
    const dir = freshDir();
    const good = await list(dir);
    for (const name of cacheFiles(dir).keys()) writeFileSync(join(dir, name), 'not a cache');
    const again = await list(dir);
    expect(again.code).toBe(0);
    expect(jsonOf(again)).toEqual(jsonOf(good));
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE=1, nor into a folder others may write', async () => {
    const off = freshDir();
    expect((await list(off, { NODE_DISABLE_COMPILE_CACHE: '1' })).code).toBe(0);
    expect(readdirSync(off)).toEqual([]);

    const open = freshDir();
    chmodSync(open, 0o777);
    expect((await list(open)).code).toBe(0);
    expect(readdirSync(open)).toEqual([]);
  });
});
