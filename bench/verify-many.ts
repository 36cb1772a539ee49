/**
 * `npm run bench:ssl`: verifyMany over 500 names against a loopback TLS server (a child process),
 * at concurrency 1 and 16. Prints wall time, the speed-up, and the peak heap and RSS growth seen
 * while each run was in flight (sampled every 5 ms). Each verification makes one DNS check (stub
 * resolver) and one real TLS 1.3 handshake with an ECDSA P-256 certificate.
 *
 * Two scenarios: plain loopback, where both processes are CPU-bound on handshakes and concurrency
 * can gain at most what idle cores allow; and loopback behind 20 ms of lookup latency, closer to
 * real servers, where each verification mostly waits and concurrency pays off.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSslVerifier } from '../src/ssl/verifier.js';
import { createStubResolver } from '../src/testing/dns.js';
import { loopbackLookup } from '../src/testing/tls.js';

const COUNT = 500;
const SERVER_IP = '203.0.113.10';

const child = fork(fileURLToPath(new URL('./loopback-server.ts', import.meta.url)), {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { port, ca } = await new Promise<{ port: number; ca: string }>((resolve) =>
  child.once('message', (m) => resolve(m as { port: number; ca: string })),
);

const names = Array.from({ length: COUNT }, (_, i) => `n${i}.bench.test`);
const makeVerifier = (latencyMs: number) =>
  createSslVerifier({
    ca,
    port,
    lookup:
      latencyMs === 0
        ? loopbackLookup
        : (host) => new Promise((resolve) => setTimeout(() => resolve(loopbackLookup(host)), latencyMs)),
    resolver: createStubResolver(Object.fromEntries(names.map((n) => [n, { A: [SERVER_IP] }]))),
    expectedIps: [SERVER_IP],
    sleep: async () => undefined,
  });

const run = async (scenario: string, verifier: ReturnType<typeof makeVerifier>, concurrency: number) => {
  global.gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 5);
  const started = performance.now();
  const result = await verifier.verifyMany(names, { concurrency })();
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
  const done = result.right.filter((r) => r.stage === 'done').length;
  if (done !== COUNT) throw new Error(`only ${done} of ${COUNT} verified as done`);
  const mb = (n: number) => Math.round((n / 1_048_576) * 10) / 10;
  return {
    scenario,
    concurrency,
    ms: Math.round(ms),
    perSecond: Math.round((COUNT / ms) * 1000),
    peakHeapMb: mb(peakHeap),
    heapGrowthMb: mb(peakHeap - base.heapUsed),
    peakRssMb: mb(peakRss),
    rssGrowthMb: mb(peakRss - base.rss),
  };
};

const report = (a: Awaited<ReturnType<typeof run>>, b: Awaited<ReturnType<typeof run>>) =>
  console.log(
    `${a.scenario}: verifyMany of ${COUNT} names at concurrency 16 is ${(a.ms / b.ms).toFixed(1)}x faster than at 1 ` +
      `(${a.ms} ms -> ${b.ms} ms); peak RSS ${b.peakRssMb} MB at 16, ${a.peakRssMb} MB at 1.`,
  );

const loopback = makeVerifier(0);
await loopback.verifyMany(names.slice(0, 20), { concurrency: 4 })(); // warm up JIT and TLS
const rows = [await run('loopback', loopback, 1), await run('loopback', loopback, 16)];
const latent = makeVerifier(20);
rows.push(await run('20 ms latency', latent, 1), await run('20 ms latency', latent, 16));
console.table(rows);
const [l1, l16, r1, r16] = rows;
if (l1 && l16 && r1 && r16) {
  report(l1, l16);
  report(r1, r16);
}
child.disconnect();
