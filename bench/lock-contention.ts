/**
 * `npm run bench:lock`: four processes, each with its own integration and Redis connection, add
 * five names each at the same moment to one app on the simulator (actions open for 60 ms), with
 * and without `createRedisLock`. Several rounds each; prints writes, WriteConflicts, names
 * missing at the end, and the slowest writer's time. A real redis-server on 127.0.0.1.
 */
import { createServerPilotSimulator, SIMULATOR_IDS } from '../src/testing/index.js';
import { type Child, startChild, stopChild } from '../test/redis/children.js';
import { startRedisServer } from '../test/redis/redis-server.js';

const ROUNDS = 5;
const redis = await startRedisServer();
const rows: Record<string, string | number>[] = [];
try {
  for (const lock of [true, false]) {
    for (let round = 1; round <= ROUNDS; round++) {
      const sim = createServerPilotSimulator({ actionOpenMs: 60 });
      const api = await sim.listen();
      const children: Child[] = [];
      try {
        const groups = [1, 2, 3, 4].map((p) =>
          [1, 2, 3, 4, 5].map((n) => `r${round}-p${p}-n${n}.locked.test`),
        );
        for (const add of groups) {
          children.push(startChild({ role: 'writer', redisPort: redis.port, simUrl: api.url, add, lock }));
        }
        for (const child of children) await child.next();
        sim.clearRequests();
        for (const child of children) child.process.stdin?.write('go\n');
        const results = await Promise.all(children.map((c) => c.next()));
        const posts = sim.requests.filter(
          (r) => r.method === 'POST' && r.path === `/apps/${SIMULATOR_IDS.appId}` && r.status === 200,
        ).length;
        const present = new Set(sim.app().domains);
        rows.push({
          lock: lock ? 'createRedisLock' : 'none',
          round,
          'list writes': posts,
          'per writer': results.map((r) => r.writes ?? '-').join(' '),
          WriteConflict: results.filter((r) => r.error === 'WriteConflict').length,
          'other errors': results.filter((r) => r.error !== undefined && r.error !== 'WriteConflict').length,
          'names missing': groups.flat().filter((d) => !present.has(d)).length,
          'slowest writer (ms)': Math.max(...results.map((r) => Number(r.ms))),
          'API requests': sim.requests.length,
        });
      } finally {
        for (const child of children) await stopChild(child);
        await api.close();
      }
    }
  }
  console.log(`4 processes x 5 names at once, ${ROUNDS} rounds each, Node ${process.version}`);
  console.table(rows);
} finally {
  await redis.stop();
}
