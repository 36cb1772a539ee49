/**
 * The CLI tests run the BUILT command. `npm test` runs before `npm run build` in CI, so the tests
 * build it themselves, with the same tsup config as the package, into a cache folder keyed by a
 * hash of the sources: built once per change, shared by every test file and worker (a lock
 * directory keeps parallel workers from building twice). The folder is laid out as the package
 * (`package.json`, `dist/index.cjs`, `dist/cli/index.cjs`), so the command `require`s the library
 * by name exactly as an installed one does.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const cacheRoot = join(root, 'node_modules', '.cache', 'serverpilot-domains-cli');

const sourceHash = (): string => {
  const hash = createHash('sha256');
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  for (const f of files) hash.update(f).update(readFileSync(join(root, 'src', f)));
  for (const f of ['tsup.config.ts', 'package.json']) hash.update(readFileSync(join(root, f)));
  return hash.digest('hex').slice(0, 16);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The path of the built `serverpilot-domains` entry, building it first when the sources changed. */
export const ensureCliBuilt = async (): Promise<string> => {
  const dir = join(cacheRoot, sourceHash());
  const entry = join(dir, 'dist', 'cli', 'index.cjs');
  const lock = `${dir}.lock`;
  mkdirSync(cacheRoot, { recursive: true });
  for (let waited = 0; !existsSync(entry); waited += 100) {
    try {
      mkdirSync(lock);
    } catch {
      // Another worker is building; a lock older than two minutes belongs to a dead one.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (waited > 120_000 || Date.now() - since > 120_000) {
        rmSync(lock, { recursive: true, force: true });
      }
      await sleep(100);
      continue;
    }
    try {
      if (existsSync(entry)) break;
      const tmp = `${dir}.tmp-${process.pid}`;
      const { build } = await import('tsup');
      const { cliConfig, libraryConfig } = await import('../../tsup.config.js');
      await build({ ...libraryConfig(join(tmp, 'dist')), config: false, silent: true });
      await build({ ...cliConfig(join(tmp, 'dist', 'cli')), config: false, silent: true });
      // Only what resolving `serverpilot-domains` from the command needs.
      writeFileSync(
        join(tmp, 'package.json'),
        JSON.stringify({ name: 'serverpilot-domains', exports: { '.': { require: './dist/index.cjs' } } }),
      );
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
      // Builds of older sources are of no use: drop those not touched for an hour.
      for (const old of readdirSync(cacheRoot)) {
        const path = join(cacheRoot, old);
        if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) {
          rmSync(path, { recursive: true, force: true });
        }
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return entry;
};
