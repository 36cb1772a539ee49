/**
 * `createRedisLock` against a real redis-server: the lock's own rules, then four real processes,
 * each with its own integration and Redis connection, adding five names each at the same moment.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isServerPilotSdkError } from '../../src/index.js';
import { createRedisLock } from '../../src/redis/index.js';
import { createServerPilotSimulator, freeLoopbackPort, SIMULATOR_IDS } from '../../src/testing/index.js';
import { type Child, startChild, stopChild } from './children.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let server: RedisServer;
let redis: Redis;
const KEY = `serverpilot-domains:lock:${SIMULATOR_IDS.appId}`;

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis({ host: '127.0.0.1', port: server.port });
}, 30_000);
afterEach(async () => {
  await redis.flushall();
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe('createRedisLock', () => {
  it('takes one key per app with a random token and a lease, and deletes it on release', async () => {
    const lock = createRedisLock(redis, { ttlMs: 5_000 });
    const release = await lock.acquire(SIMULATOR_IDS.appId);
    const token = await redis.get(KEY);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await redis.pttl(KEY)).toBeGreaterThan(4_000);
    const other = await createRedisLock(redis, { ttlMs: 5_000 }).acquire('another-app');
    expect(await redis.exists(`serverpilot-domains:lock:another-app`)).toBe(1);
    await release();
    expect(await redis.exists(KEY)).toBe(0);
    await other();
  });

  it('fails with LockTimeout when another holder keeps it past waitMs', async () => {
    const holder = await createRedisLock(redis).acquire(SIMULATOR_IDS.appId);
    const started = Date.now();
    const failed = await createRedisLock(redis, { waitMs: 300 })
      .acquire(SIMULATOR_IDS.appId)
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(isServerPilotSdkError(failed, 'LockTimeout')).toBe(true);
    expect(isServerPilotSdkError(failed) && failed.error).toEqual({
      _tag: 'LockTimeout',
      appId: SIMULATOR_IDS.appId,
      key: KEY,
      waitMs: 300,
    });
    await holder();
  });

  it('fails with LockTimeout within waitMs when Redis is down, instead of waiting on a queued command', async () => {
    // Nothing listens on this port: ioredis keeps reconnecting and queues every command offline.
    const down = new Redis({
      host: '127.0.0.1',
      port: await freeLoopbackPort(),
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: () => 20,
    });
    down.on('error', () => undefined);
    try {
      const started = Date.now();
      const failed = await createRedisLock(down, { waitMs: 300 })
        .acquire(SIMULATOR_IDS.appId)
        .catch((e: unknown) => e);
      const took = Date.now() - started;
      expect(isServerPilotSdkError(failed, 'LockTimeout')).toBe(true);
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(2_000);
    } finally {
      down.disconnect();
    }
  });

  it('waits for the holder and takes the lock as soon as it is released', async () => {
    const release = await createRedisLock(redis).acquire(SIMULATOR_IDS.appId);
    let taken = false;
    const waiting = createRedisLock(redis, { retryMs: 10 })
      .acquire(SIMULATOR_IDS.appId)
      .then((r) => {
        taken = true;
        return r;
      });
    // A quarter second of polling (about 15 tries) while the first holder keeps it: still waiting.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(taken).toBe(false);
    await release();
    const second = await waiting;
    expect(taken).toBe(true);
    expect(await redis.exists(KEY)).toBe(1);
    await second();
  });

  it('extends the lease while held, so a holder busy longer than ttlMs keeps it', async () => {
    const release = await createRedisLock(redis, { ttlMs: 300 }).acquire(SIMULATOR_IDS.appId);
    const token = await redis.get(KEY);
    // Longer than the lease: without extension the key would be gone.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await redis.get(KEY)).toBe(token);
    await release();
    expect(await redis.exists(KEY)).toBe(0);
  });

  it('never deletes a lock it no longer owns (its lease ran out and another process took it)', async () => {
    const release = await createRedisLock(redis, { ttlMs: 5_000 }).acquire(SIMULATOR_IDS.appId);
    // The lease ran out and someone else holds it now.
    await redis.set(KEY, 'someone-else', 'PX', 5_000);
    await release();
    expect(await redis.get(KEY)).toBe('someone-else');
  });

  it('serializes four processes adding five names each at once: all 20 present, no WriteConflict, four writes', async () => {
    const sim = createServerPilotSimulator({ actionOpenMs: 60 });
    const api = await sim.listen();
    const children: Child[] = [];
    try {
      const groups = [1, 2, 3, 4].map((p) => [1, 2, 3, 4, 5].map((n) => `p${p}-n${n}.locked.test`));
      for (const add of groups) {
        children.push(
          startChild({ role: 'writer', redisPort: server.port, simUrl: api.url, add, lock: true }),
        );
      }
      for (const child of children) expect(await child.next()).toEqual({ ready: true });
      sim.clearRequests();
      for (const child of children) child.process.stdin?.write('go\n');
      const results = await Promise.all(children.map((c) => c.next()));

      expect(results.map((r) => [r.ok, r.error])).toEqual(groups.map(() => [true, undefined]));
      expect(results.map((r) => r.writes)).toEqual([1, 1, 1, 1]);
      const writes = sim.requests.filter(
        (r) => r.method === 'POST' && r.path === `/apps/${SIMULATOR_IDS.appId}` && r.status === 200,
      );
      expect(writes).toHaveLength(4);
      const domains = new Set(sim.app().domains);
      expect(groups.flat().filter((d) => !domains.has(d))).toEqual([]);
      expect(await redis.exists(KEY)).toBe(0);
    } finally {
      for (const child of children) await stopChild(child);
      await api.close();
    }
  }, 60_000);
});
