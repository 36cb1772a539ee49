/**
 * `npm run bench:audit`: audit of an app with 300 domains against loopback TLS, at concurrency 1
 * and 16. The app lives in the simulator (HTTP on 127.0.0.1); the TLS server runs in a child
 * process (bench/loopback-server.ts) with a certificate for `*.bench.test`; DNS comes from a stub
 * resolver pointing every name at the server's address. Each row is one DNS check and one real
 * TLS 1.3 handshake (ECDSA P-256).
 *
 * Measured three ways: `auditApp` in process on plain loopback; the same behind 20 ms of lookup
 * latency (closer to real servers, where a check mostly waits); and the built command,
 * `serverpilot-domains audit --json --concurrency N`, as a cold process (what cron runs).
 */
import { fork, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { auditApp } from '../src/audit/index.js';
import { createServerPilotClient } from '../src/client/index.js';
import { tryCreateServerPilotIntegration } from '../src/integration/index.js';
import { createSslVerifier, type SslLookup } from '../src/ssl/index.js';
import {
  createServerPilotSimulator,
  createStubResolver,
  defaultSeed,
  loopbackLookup,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from '../src/testing/index.js';
import { ensureCliBuilt } from '../test/cli/build.js';

const COUNT = 300;
const names = Array.from({ length: COUNT }, (_, i) => `n${i}.bench.test`);

const child = fork(fileURLToPath(new URL('./loopback-server.ts', import.meta.url)), {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { port, ca } = await new Promise<{ port: number; ca: string }>((resolve) =>
  child.once('message', (m) => resolve(m as { port: number; ca: string })),
);
const seed = defaultSeed();
const sim = createServerPilotSimulator({
  shuffle: false,
  seed: {
    ...seed,
    apps: [
      {
        ...seed.apps?.[0],
        domains: names,
        ssl: { key: '', cert: '', cacerts: null, auto: true, force: false },
      },
    ],
  },
});
const api = await sim.listen();
const created = tryCreateServerPilotIntegration({
  client: createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: api.url }),
  appId: SIMULATOR_IDS.appId,
});
if (E.isLeft(created)) throw new Error('integration');
const sp = created.right;
const resolver = createStubResolver(Object.fromEntries(names.map((n) => [n, { A: ['127.0.0.1'] }])));

const inProcess = async (latencyMs: number, concurrency: number): Promise<number> => {
  const lookup: SslLookup =
    latencyMs === 0
      ? loopbackLookup
      : (host) => new Promise((resolve) => setTimeout(() => resolve(loopbackLookup(host)), latencyMs));
  const verifier = createSslVerifier({ ca, port, lookup });
  const started = performance.now();
  const report = await auditApp(sp, verifier, { resolver, concurrency })();
  const ms = performance.now() - started;
  if (E.isLeft(report)) throw new Error(JSON.stringify(report.left));
  if (report.right.summary.ok !== COUNT) throw new Error(`only ${report.right.summary.ok} of ${COUNT} ok`);
  return ms;
};

const entry = await ensureCliBuilt();
const caFile = join(tmpdir(), `audit-bench-ca-${process.pid}.pem`);
writeFileSync(caFile, ca);
const command = (concurrency: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const args = [entry, 'audit', '--json', '--concurrency', String(concurrency), '--resolve', '*:127.0.0.1'];
    const run = spawn(process.execPath, [...args, '--ca', caFile, '--port', String(port)], {
      env: {
        PATH: process.env.PATH ?? '',
        SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
        SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
        SERVERPILOT_APP_ID: SIMULATOR_IDS.appId,
        SERVERPILOT_BASE_URL: api.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    run.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    run.on('error', reject);
    run.on('close', (code) => {
      const ms = performance.now() - started;
      const summary = (JSON.parse(out) as { summary: { ok: number } }).summary;
      if (code !== 0 || summary.ok !== COUNT) reject(new Error(`exit ${code}, ${summary.ok} ok`));
      else resolve(ms);
    });
  });

await inProcess(0, 16); // warm up JIT and TLS
const rows = [];
for (const [scenario, run] of [
  ['auditApp, loopback', (c: number) => inProcess(0, c)],
  ['auditApp, 20 ms lookup latency', (c: number) => inProcess(20, c)],
  ['serverpilot-domains audit (cold process)', command],
] as const) {
  const one = await run(1);
  const sixteen = await run(16);
  rows.push({
    scenario,
    'concurrency 1 (ms)': Math.round(one),
    'concurrency 16 (ms)': Math.round(sixteen),
    speedup: `${(one / sixteen).toFixed(1)}x`,
  });
}
console.log(`Audit of ${COUNT} domains (one DNS check and one TLS handshake each), Node ${process.version}:`);
console.table(rows);
await api.close();
rmSync(caFile, { force: true });
child.disconnect();
