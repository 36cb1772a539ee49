/**
 * `npm run bench:cli`: start-up of the built `serverpilot-domains` command, because a PHP panel
 * runs it once per mapped domain. Cold processes, run alternately in one session so machine load
 * hits all alike; median of RUNS each:
 *
 * - `node -e ''`: the floor, a bare Node start;
 * - `serverpilot-domains --version`: target at most 2x the floor;
 * - `serverpilot-domains --help`: must not load the library either;
 * - `serverpilot-domains list --json` against the simulator over HTTP on 127.0.0.1: target at most 3x;
 * - the same without the compile cache (`NODE_DISABLE_COMPILE_CACHE=1`), as the very first run is.
 *
 * Builds the command first (test/cli/build.ts: the package's tsup config, cached by source hash),
 * or times CLI_ENTRY (CI: dist/cli/index.cjs). The warm-up round also fills the compile cache,
 * as any earlier run of the command would on a user's machine.
 */
import { spawn } from 'node:child_process';
import { createServerPilotSimulator, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../src/testing/index.js';
import { ensureCliBuilt } from '../test/cli/build.js';

const RUNS = Number(process.env.RUNS ?? 11);

const entry = process.env.CLI_ENTRY ?? (await ensureCliBuilt());
const sim = createServerPilotSimulator();
const api = await sim.listen();
const env = {
  PATH: process.env.PATH ?? '',
  SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
  SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
  SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
  SERVERPILOT_BASE_URL: api.url,
};

/** Wall time of one cold process, from spawn to exit; fails loudly on a non-zero exit. */
const time = ([first, ...args]: readonly string[]): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // A leading 'NO_CACHE' runs the command without its compile cache (a first run ever).
    const noCache = first === 'NO_CACHE';
    const child = spawn(process.execPath, noCache ? args : [first ?? '', ...args], {
      env: noCache ? { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } : env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited ${code}`));
    });
  });

const cases = {
  "node -e ''": ['-e', ''],
  '--version': [entry, '--version'],
  '--help': [entry, '--help'],
  'list --json': [entry, 'list', '--json'],
  'list, no cache': ['NO_CACHE', entry, 'list', '--json'],
} as const;
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));

// One warm-up of each (file system cache), then RUNS rounds, the cases interleaved.
for (const args of Object.values(cases)) await time(args);
for (let round = 0; round < RUNS; round++) {
  for (const [name, args] of Object.entries(cases)) samples[name]?.push(await time(args));
}
await api.close();

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const floor = median(samples["node -e ''"] ?? []);
const targets: Record<string, number> = { '--version': 2, 'list --json': 3 };
console.log(`Node ${process.version}, ${RUNS} runs each, medians (min-max):`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  const ratio = m / floor;
  const target = targets[name];
  console.log(
    `  ${name.padEnd(16)} ${m.toFixed(1).padStart(7)} ms  (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})  ${ratio.toFixed(2)}x node` +
      (target === undefined ? '' : `  target <= ${target}x: ${ratio <= target ? 'met' : 'MISSED'}`),
  );
}
