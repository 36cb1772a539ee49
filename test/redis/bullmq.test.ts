/**
 * The lifecycle on BullMQ against a real redis-server, real loopback TLS and the simulator's HTTP:
 * tries handed from one worker to two others, a worker process killed mid-try, and statuses read
 * by a process that never ran a try.
 */
import { createServer, type Socket } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDomainLifecycle,
  createHooks,
  type DomainLifecycle,
  type DomainStatus,
  type Hooks,
  type LifecycleVerifier,
  unwrap,
} from '../../src/index.js';
import { jobIdOf } from '../../src/redis/bullmq.js';
import { createBullMqScheduler } from '../../src/redis/index.js';
import { reaches, startWorld, type World } from '../lifecycle/world.js';
import { type Child, startChild, stopChild } from './children.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let redis: RedisServer;
let world: World;
const names = Array.from({ length: 8 }, (_, i) => `n${i + 1}.handover.test`);
const CRASH = 'crash.kill.test';

beforeAll(async () => {
  redis = await startRedisServer();
  world = await startWorld([...names, CRASH]);
}, 30_000);
afterAll(async () => {
  await world?.close();
  await redis?.stop();
});

const connection = () => ({ host: '127.0.0.1', port: redis.port });

/** A verifier that counts the probes it makes, per name. */
const counting = (verifier: LifecycleVerifier) => {
  const probes = new Map<string, number>();
  const listeners: (() => void)[] = [];
  return {
    probes,
    total: () => [...probes.values()].reduce((a, b) => a + b, 0),
    onProbe: (listener: () => void) => listeners.push(listener),
    verifier: {
      probe: (domain: string, options?: { signal?: AbortSignal }) => async () => {
        const result = await verifier.probe(domain, options)();
        probes.set(domain, (probes.get(domain) ?? 0) + 1);
        for (const listener of listeners) listener();
        return result;
      },
    } satisfies LifecycleVerifier,
  };
};

/** A worker: its own hooks, integration, Redis connections and counting verifier. */
const startWorker = (queueName: string, delayMs: number) => {
  const hooks = createHooks();
  hooks.addFilter('ssl.retryDelayMs', 'test', () => delayMs);
  // Each name's certificate is issued while it waits after its second probe: the third one passes.
  hooks.addFilter('ssl.retryDelayMs', 'issue', (ms, { domain, stage, attempt }) => {
    if (stage === 'checking-ssl-cert' && attempt === 2) world.issue(domain);
    return ms;
  });
  const count = counting(world.verifier());
  const lifecycle = createDomainLifecycle({
    integration: world.integration(hooks),
    scheduler: createBullMqScheduler({ connection: connection(), queueName, concurrency: 4 }),
    verifier: count.verifier,
    resolver: world.resolver,
  });
  return { hooks, lifecycle, count };
};

/** Resolves once `n` names reached `done` through `hooks`. */
const doneCount = (hooks: Hooks[], n: number): Promise<void> =>
  new Promise((resolve) => {
    let done = 0;
    for (const h of hooks) {
      h.addAction('domain.stage', 'count-done', (e) => {
        if (e.to === 'done' && ++done === n) resolve();
      });
    }
  });

describe('BullMQ lifecycle (real redis-server)', () => {
  it('hands tries from one worker to two others after it closes, running each try exactly once', async () => {
    const queueName = 'handover';
    const web = createDomainLifecycle({
      integration: world.integration(),
      scheduler: createBullMqScheduler({ connection: connection(), queueName, worker: false }),
    });
    const a = startWorker(queueName, 1_000);
    const firstProbes = new Promise<void>((resolve) =>
      a.count.onProbe(() => a.count.total() === 8 && resolve()),
    );
    const tracked = await unwrap(web.track(names));
    expect(tracked.every((s) => s.stage === 'checking-dns')).toBe(true);

    // Worker A makes every DNS check and every first probe, then closes (waiting for its tries in flight).
    await firstProbes;
    await a.lifecycle.close();
    const handedOver = await unwrap(web.list());
    expect(handedOver.map((s) => [s.stage, s.attempts.dns])).toEqual(
      names.map(() => ['checking-ssl-cert', 1]),
    );

    const b = startWorker(queueName, 1_000);
    const c = startWorker(queueName, 1_000);
    await doneCount([b.hooks, c.hooks], names.length);
    await b.lifecycle.close();
    await c.lifecycle.close();

    const final = await unwrap(web.list());
    for (const name of names) {
      const status = final.find((s) => s.domain === name);
      expect(status, name).toMatchObject({ stage: 'done', attempts: { dns: 1, ssl: 3 } });
      // Three probes stored, three handshakes seen by the server, three probes made by the workers.
      expect(world.tls.handshakes(name), name).toBe(3);
      const made = [a, b, c].reduce((sum, w) => sum + (w.count.probes.get(name) ?? 0), 0);
      expect(made, name).toBe(3);
      expect(
        world.resolver.queries.filter((q) => q.type === 'A' && q.name === name),
        name,
      ).toHaveLength(1);
    }
    expect(a.count.total()).toBeGreaterThanOrEqual(8);
    expect(b.count.total()).toBeGreaterThan(0);
    expect(c.count.total()).toBeGreaterThan(0);

    // A process that never ran a try (no worker in it) reads the same statuses from Redis.
    const reader = startChild({
      role: 'read-status',
      redisPort: redis.port,
      simUrl: world.api.url,
      queueName,
      names,
    });
    const read = await reader.next();
    expect(read.list).toEqual({ _tag: 'Right', right: JSON.parse(JSON.stringify(final)) });
    expect((read.one as { right: DomainStatus }).right).toEqual(JSON.parse(JSON.stringify(final[0])));
    expect((await reader.exited).code).toBe(0);
    await web.close();
  }, 60_000);

  it('takes up a try whose worker process was killed with SIGKILL mid-handshake, and the name ends done', async () => {
    const queueName = 'crash';
    world.issue(CRASH);
    // The child's probes go to a server that accepts and never answers: its try hangs mid-handshake.
    const hung: Socket[] = [];
    let connected: () => void = () => undefined;
    const midTry = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const silent = createServer((socket) => {
      hung.push(socket);
      socket.on('error', () => undefined);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;

    const web = createDomainLifecycle({
      integration: world.integration(),
      scheduler: createBullMqScheduler({ connection: connection(), queueName, worker: false }),
    });
    let child: Child | undefined;
    let rescuer: DomainLifecycle | undefined;
    try {
      await unwrap(web.track([CRASH]));
      child = startChild({
        role: 'worker',
        redisPort: redis.port,
        simUrl: world.api.url,
        queueName,
        tlsPort: silentPort,
        ca: world.ca.cert,
        names: [CRASH],
        // Long enough that a loaded machine never lets the live child's lock lapse; short enough
        // that the dead child's lock runs out quickly.
        lockDurationMs: 3_000,
        stalledIntervalMs: 500,
      });
      await child.next();
      await midTry;
      const during = await unwrap(web.status(CRASH));
      expect(during).toMatchObject({ stage: 'checking-ssl-cert', attempts: { dns: 1, ssl: 0 } });
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');

      // A worker in this process, probing the real TLS server, finds the job stalled and runs the try again.
      const hooks = createHooks();
      const done = reaches(hooks, CRASH, ['done', 'ssl-failed']);
      rescuer = createDomainLifecycle({
        integration: world.integration(hooks),
        scheduler: createBullMqScheduler({
          connection: connection(),
          queueName,
          lockDurationMs: 1_000,
          stalledIntervalMs: 500,
        }),
        verifier: world.verifier(),
        resolver: world.resolver,
      });
      expect((await done).to).toBe('done');
      const status = await unwrap(web.status(CRASH));
      expect(status).toMatchObject({ stage: 'done', attempts: { dns: 1, ssl: 1 } });
      expect(status?.lastProbe?.status).toBe('valid');
      expect(hung).toHaveLength(1);
      expect(world.tls.handshakes(CRASH)).toBe(1);
    } finally {
      await stopChild(child);
      await rescuer?.close();
      await web.close();
      for (const socket of hung) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 60_000);

  it('stores statuses in one hash next to the queue and names each try job by name, run and number', async () => {
    const queueName = 'layout';
    const lifecycle = createDomainLifecycle({
      integration: world.integration(),
      scheduler: createBullMqScheduler({ connection: connection(), queueName, worker: false }),
    });
    const client = new Redis(connection());
    try {
      await unwrap(lifecycle.track([names[0] ?? '']));
      const stored = JSON.parse((await client.hget(`bull:${queueName}:lifecycle`, names[0] ?? '')) ?? '{}');
      expect(stored).toMatchObject({ seq: 1, rev: 1, status: { stage: 'checking-dns' } });
      const id = jobIdOf({ domain: names[0] ?? '', run: stored.run, seq: 1 });
      expect(await client.exists(`bull:${queueName}:${id}`)).toBe(1);
      await unwrap(lifecycle.untrack(names[0] ?? ''));
      expect(await client.hlen(`bull:${queueName}:lifecycle`)).toBe(0);
      expect(await client.exists(`bull:${queueName}:${id}`)).toBe(0);
    } finally {
      client.disconnect();
      await lifecycle.close();
    }
  });
});

describe('BullMQ lifecycle when Redis stops answering', () => {
  let paused: RedisServer | undefined;
  // Also when the test itself times out (its finally then never runs): no stopped server left behind.
  afterAll(async () => {
    if (paused === undefined) return;
    process.kill(paused.pid, 'SIGCONT');
    await paused.stop();
  });

  it('fails track, status, list and untrack with a SchedulerError within commandTimeoutMs, and closes', async () => {
    paused = await startRedisServer();
    const lifecycle = createDomainLifecycle({
      integration: world.integration(),
      scheduler: createBullMqScheduler({
        connection: { host: '127.0.0.1', port: paused.port },
        queueName: 'paused',
        worker: false,
        commandTimeoutMs: 300,
      }),
    });
    expect(await unwrap(lifecycle.list())).toEqual([]);
    // A Redis that holds the connection open and never answers: ioredis would wait on it for ever.
    process.kill(paused.pid, 'SIGSTOP');
    try {
      const calls = {
        track: lifecycle.track(['a.paused.test']),
        status: lifecycle.status('a.paused.test'),
        list: lifecycle.list(),
        untrack: lifecycle.untrack('a.paused.test'),
      };
      for (const [operation, call] of Object.entries(calls)) {
        const started = performance.now();
        const result = await call();
        expect(E.isLeft(result) && result.left, operation).toMatchObject({
          _tag: 'SchedulerError',
          operation,
          cause: { message: expect.stringMatching(/^Redis did not answer .+ within 300 ms/) },
        });
        expect(performance.now() - started, operation).toBeLessThan(5_000);
      }
      const closing = performance.now();
      await lifecycle.close();
      expect(performance.now() - closing).toBeLessThan(5_000);
    } finally {
      process.kill(paused.pid, 'SIGCONT');
    }
  }, 30_000);
});
