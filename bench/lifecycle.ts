/**
 * `npm run bench:lifecycle`: 1 000 tracked names through the lifecycle on BullMQ, with 1, 2 and 4
 * worker processes (8 tries at a time each), against a loopback TLS server (its own process) that
 * serves a valid certificate from each name's third handshake, and a real redis-server. The wait
 * between tries is 50 ms. Each name takes 4 tries: one DNS check (stub resolver) and three probes.
 *
 * For each worker count it prints: how long `track` took for the 1 000 names, tries per second
 * from track to the last `done`, the same tries made by calling the verifier directly in as many
 * processes at the same concurrency, and the scheduler's overhead per try, measured two ways: time
 * inside each try's job that was not spent in the verifier (Redis reads, the stored write, the next
 * job), and the wall-clock cost per try slot against the direct run (which adds queue pickup).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createDomainLifecycle, createServerPilotIntegration, unwrap } from '../src/index.js';
import { createBullMqScheduler } from '../src/redis/index.js';
import { createServerPilotSimulator, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../src/testing/index.js';
import { startRedisServer } from '../test/redis/redis-server.js';
import type { BenchChildConfig } from './lifecycle-worker.js';

const DELAY_MS = 50;
const TRIES_PER_NAME = 4;

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const message = <A>(child: ChildProcess, accept: (m: Record<string, unknown>) => boolean): Promise<A> =>
  new Promise((resolve) => {
    const on = (m: unknown): void => {
      if (accept(m as Record<string, unknown>)) {
        child.off('message', on);
        resolve(m as A);
      }
    };
    child.on('message', on);
  });

const redis = await startRedisServer();
const tls = fork(here('./lifecycle-tls.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port: tlsPort, ca } = await message<{ port: number; ca: string }>(tls, (m) => 'port' in m);
const sim = createServerPilotSimulator();
const api = await sim.listen();
const handshakes = async (): Promise<number> => {
  tls.send({ count: true });
  return (await message<{ handshakes: number }>(tls, (m) => 'handshakes' in m)).handshakes;
};

const admin = new Redis({ host: '127.0.0.1', port: redis.port });
/** redis-server's own CPU time so far, in ms (INFO cpu). */
const redisCpuMs = async (): Promise<number> => {
  const info = await admin.info('cpu');
  const field = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_sys') + field('used_cpu_user')) * 1_000;
};

const spawnChild = (config: BenchChildConfig): ChildProcess =>
  fork(here('./lifecycle-worker.ts'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, SP_BENCH: JSON.stringify(config) },
  });

const rows: Record<string, string | number>[] = [];
try {
  // The last run, one try at a time, shows the latency a try's job adds when nothing competes for its process.
  const runs = [
    { workers: 1, concurrency: 8, count: 1_000 },
    { workers: 2, concurrency: 8, count: 1_000 },
    { workers: 4, concurrency: 8, count: 1_000 },
    { workers: 1, concurrency: 1, count: 200 },
  ];
  for (const { workers, concurrency, count: COUNT } of runs) {
    const CONCURRENCY = concurrency;
    const queueName = `bench-${workers}-${concurrency}`;
    const names = Array.from({ length: COUNT }, (_, i) => `w${workers}c${concurrency}-n${i}.bench.test`);
    const base = {
      redisPort: redis.port,
      queueName,
      simUrl: api.url,
      tlsPort,
      ca,
      delayMs: DELAY_MS,
      concurrency,
    };

    // Direct: the same tries through the verifier, the names split across as many processes.
    const directNames = names.map((n) => n.replace('.bench.test', '-direct.bench.test'));
    const directStart = performance.now();
    const direct = await Promise.all(
      Array.from({ length: workers }, (_, w) => {
        const child = spawnChild({
          ...base,
          role: 'direct',
          names: directNames.filter((_, i) => i % workers === w),
        });
        return message<{ tries: number; ms: number; verifierMs: number; cpuMs: number }>(
          child,
          (m) => 'tries' in m,
        );
      }),
    );
    // Each child times itself from its first try: process start-up is not the verifier's cost.
    const directMs = Math.max(...direct.map((d) => d.ms));
    const directTries = direct.reduce((a, d) => a + d.tries, 0);
    const directCpu = direct.reduce((a, d) => a + d.cpuMs, 0) / directTries;
    void directStart;
    await handshakes();

    // Lifecycle: workers up first, then a web process (this one, no worker) tracks the names.
    const children = Array.from({ length: workers }, () => spawnChild({ ...base, role: 'worker', names }));
    await Promise.all(children.map((c) => message(c, (m) => m.ready === true)));
    const web = createDomainLifecycle({
      integration: createServerPilotIntegration({
        ...SIMULATOR_CREDENTIALS,
        baseUrl: api.url,
        appId: SIMULATOR_IDS.appId,
      }),
      scheduler: createBullMqScheduler({
        connection: { host: '127.0.0.1', port: redis.port },
        queueName,
        worker: false,
      }),
    });
    let finals = 0;
    let notDone = 0;
    const allFinal = new Promise<void>((resolve) => {
      for (const child of children) {
        child.on('message', (m: { final?: string; stage?: string }) => {
          if (m.final === undefined) return;
          if (m.stage !== 'done') notDone++;
          if (++finals === COUNT) resolve();
        });
      }
    });
    const redisCpuBefore = await redisCpuMs();
    const started = performance.now();
    await unwrap(web.track(names));
    const trackMs = performance.now() - started;
    await allFinal;
    const wallMs = performance.now() - started;
    const redisCpu = (await redisCpuMs()) - redisCpuBefore;
    const stats = await Promise.all(
      children.map((c) => {
        const stopped = message<{ tries: number; handlerMs: number; verifierMs: number; cpuMs: number }>(
          c,
          (m) => 'handlerMs' in m,
        );
        c.send({ stop: true });
        return stopped;
      }),
    );
    const listed = await unwrap(web.list());
    await web.close();
    const tries = stats.reduce((a, s) => a + s.tries, 0);
    const inJob = stats.reduce((a, s) => a + s.handlerMs - s.verifierMs, 0) / tries;
    const workerCpu = stats.reduce((a, s) => a + s.cpuMs, 0) / tries;
    const seen = await handshakes();
    if (tries !== COUNT * TRIES_PER_NAME || notDone !== 0 || seen !== COUNT * 3) {
      throw new Error(`unexpected: ${tries} tries, ${notDone} not done, ${seen} handshakes`);
    }
    if (listed.some((s) => s.stage !== 'done' || s.attempts.ssl !== 3)) throw new Error('a status is wrong');
    const slots = workers * CONCURRENCY;
    // The minimal wall time: the last names' three 50 ms waits cannot overlap with other work.
    const floorMs = 2 * DELAY_MS;
    rows.push({
      names: COUNT,
      workers,
      'at once': CONCURRENCY,
      'track (ms)': Math.round(trackMs),
      'tries/s': Math.round((tries / wallMs) * 1000),
      'direct tries/s': Math.round((directTries / directMs) * 1000),
      'CPU/try worker (ms)': Number(workerCpu.toFixed(2)),
      'CPU/try direct (ms)': Number(directCpu.toFixed(2)),
      'CPU/try redis (ms)': Number((redisCpu / tries).toFixed(2)),
      'added CPU/try (ms)': Number((workerCpu - directCpu + redisCpu / tries).toFixed(2)),
      'in-job wait (ms/try)': Number(inJob.toFixed(2)),
      'wall cost (ms/try/slot)': Number(
        (((wallMs - floorMs) * slots) / tries - (directMs * slots) / directTries).toFixed(2),
      ),
      'wall (s)': Number((wallMs / 1000).toFixed(2)),
    });
  }
  console.log(
    `lifecycle on BullMQ: each name ${TRIES_PER_NAME} tries (1 DNS, 3 TLS) with ${DELAY_MS} ms waits; 'at once' is per worker process; Node ${process.version}`,
  );
  console.table(rows);
} finally {
  admin.disconnect();
  tls.disconnect();
  await api.close();
  await redis.stop();
}
