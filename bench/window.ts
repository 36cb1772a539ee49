/**
 * `npm run bench:window`: how long the read-to-write window of one change is, as the server sees
 * it. Over real HTTP on 127.0.0.1, 200 changes (`addDomain` and `removeDomain` in turn) run one
 * after the other; for each, the simulator's request log gives the time the `GET /apps/:id` the
 * write was planned on arrived and the time its `POST /apps/:id` arrived. With a constant latency
 * per request this is also the time between the server reading the list and applying the write. A change made outside the library (the dashboard) inside
 * that window is overwritten; outside it, it is seen by the read and kept.
 *
 * Run once on bare loopback (the library's own share: answer transit, decoding, planning, hooks,
 * sending) and once with 20 ms of latency on every request (the write's own trip then counts).
 * Prints the median, p95 and max in milliseconds.
 */
import { createServerPilotClient } from '../src/client/client.js';
import { unwrap } from '../src/errors/index.js';
import { createServerPilotIntegration } from '../src/integration/integration.js';
import {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type SimRequestLogEntry,
} from '../src/testing/index.js';

const CHANGES = 200;
const appPath = `/apps/${SIMULATOR_IDS.appId}`;

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** For every domain write, the time since the read it was planned on (the last app read before it). */
const windows = (log: readonly SimRequestLogEntry[]): number[] => {
  const out: number[] = [];
  let lastRead: number | undefined;
  for (const entry of log) {
    if (entry.path !== appPath) continue;
    if (entry.method === 'GET') lastRead = entry.at;
    else if (entry.method === 'POST' && lastRead !== undefined) out.push(entry.at - lastRead);
  }
  return out;
};

const measure = async (latencyMs: number): Promise<number[]> => {
  // Sub-millisecond timestamps in the request log.
  const sim = createServerPilotSimulator({ now: () => performance.timeOrigin + performance.now() });
  if (latencyMs > 0) {
    sim.faults.add({
      path: /.*/,
      times: Number.POSITIVE_INFINITY,
      fault: { kind: 'latency', ms: latencyMs },
    });
  }
  const server = await sim.listen();
  try {
    const sp = createServerPilotIntegration({
      client: createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: server.url }),
      appId: SIMULATOR_IDS.appId,
    });
    // Add and remove in turn, so the app stays under its 300-name limit and both kinds are timed.
    for (let i = 0; i < CHANGES; i++) {
      const name = `window${Math.floor(i / 2)}.org`;
      await unwrap(i % 2 === 0 ? sp.addDomain(name) : sp.removeDomain(name));
    }
    return windows(sim.requests);
  } finally {
    await server.close();
  }
};

console.log(`Read-to-write window of one change, ${CHANGES} sequential changes over loopback:\n`);
console.log('| latency per request | writes | median ms | p95 ms | max ms |');
console.log('|---|---|---|---|---|');
for (const latency of [0, 20]) {
  const sorted = (await measure(latency)).sort((a, b) => a - b);
  const f = (n: number): string => n.toFixed(2);
  console.log(
    `| ${latency} ms | ${sorted.length} | ${f(quantile(sorted, 0.5))} | ${f(quantile(sorted, 0.95))} | ${f(sorted.at(-1) ?? Number.NaN)} |`,
  );
}
