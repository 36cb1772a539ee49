/**
 * bullmq and ioredis are optional peers used by `./redis` alone: the main entry and `./testing`
 * must load without them. Proved in child processes whose module loader refuses to resolve them.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const forbid = resolve(import.meta.dirname, 'fixtures/forbid-redis.mjs');

const importWithout = (entries: readonly string[]) =>
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      forbid,
      '--input-type=module',
      '-e',
      `${entries.map((e) => `await import(${JSON.stringify(resolve(root, e))});`).join(' ')} console.log('loaded');`,
    ],
    { cwd: root, timeout: 30_000 },
  );

describe('entries', () => {
  it('loads the main entry and ./testing with bullmq and ioredis unresolvable', async () => {
    const { stdout } = await importWithout(['src/index.ts', 'src/testing/index.ts']);
    expect(stdout.trim()).toBe('loaded');
  }, 30_000);

  it('fails to load ./redis under the same loader, so the check above can fail', async () => {
    const failed = await importWithout(['src/redis/index.ts']).catch((e: { stderr: string }) => e);
    expect('stderr' in failed && failed.stderr).toMatch(/forbidden: (bullmq|ioredis) was loaded/);
  }, 30_000);
});
