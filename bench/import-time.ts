/**
 * `npm run bench:import` (after `npm run build`): how long a cold `import()` of the built package
 * takes next to a cold `import('ky')`, measured in the same run. Every sample is a fresh Node
 * process that times only the `import()` itself (not Node's own start-up); runs alternate between
 * the two so load from other processes on the machine hits both alike. Prints the median of each,
 * their ratio, and the median of a cold `require()` of the CommonJS build for reference.
 *
 * `RUNS=15 npm run bench:import` takes more samples (default 9, at least 7).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(7, Number(process.env.RUNS ?? 9));

if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

// The package imports itself by name (Node resolves a package's own name through its `exports`),
// so this loads dist/ exactly as an installed copy would.
const esm = (specifier: string) =>
  `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
const cjs = (specifier: string) =>
  `const t = performance.now(); require(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;

// No NODE_OPTIONS: a loader inherited from tsx would be timed too.
const { NODE_OPTIONS: _ignored, ...env } = process.env;

const sample = (args: readonly string[]): number => {
  const child = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  const ms = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`${args.join(' ')} failed (exit ${child.status}):\n${child.stderr}`);
  }
  return ms;
};

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const cases = {
  ky: ['--input-type=module', '-e', esm('ky')],
  sdk: ['--input-type=module', '-e', esm('serverpilot-domains')],
  sdkRequire: ['--input-type=commonjs', '-e', cjs('serverpilot-domains')],
} as const;
const samples: Record<keyof typeof cases, number[]> = { ky: [], sdk: [], sdkRequire: [] };

// One untimed round first: the file-system cache is warm for every timed run, as on a deploy host.
for (const args of Object.values(cases)) sample(args);
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) samples[name as keyof typeof cases].push(sample(args));
}

const ky = median(samples.ky);
const sdk = median(samples.sdk);
const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
console.log(`cold import, median of ${runs} fresh processes each (Node ${process.version})`);
console.log(`  import('ky')                  ${fmt(ky)}`);
console.log(`  import('serverpilot-domains') ${fmt(sdk)}`);
console.log(`  ratio                         ${(sdk / ky).toFixed(2).padStart(7)} ×`);
console.log(
  `  require('serverpilot-domains') ${fmt(median(samples.sdkRequire))}  (CommonJS build, for reference)`,
);
