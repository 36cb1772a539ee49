// ./redis from the packed tarball under import: as smoke-redis.cjs, through the ESM builds.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startRedisServer } = require('./redis-server.cjs');
// bullmq and ioredis are CommonJS: imported from ESM they still land in require.cache.
const loaded = () =>
  Object.keys(require.cache).filter((k) => /node_modules[\\/](bullmq|ioredis)[\\/]/.test(k));

const sdk = await import('serverpilot-domains');
const testing = await import('serverpilot-domains/testing');
assert.deepEqual(loaded(), [], 'the main entry and ./testing must not load bullmq or ioredis');
const { createBullMqScheduler, createRedisLock } = await import('serverpilot-domains/redis');
assert.ok(loaded().length > 0, './redis loads bullmq and ioredis');
const { Redis } = await import('ioredis');

const server = await startRedisServer();
const redis = new Redis({ host: '127.0.0.1', port: server.port });
try {
  const lock = createRedisLock(redis, { ttlMs: 5_000, waitMs: 100 });
  const release = await lock.acquire('smoke-app');
  const timedOut = await lock.acquire('smoke-app').catch((e) => e);
  assert.ok(sdk.isServerPilotSdkError(timedOut, 'LockTimeout'), String(timedOut));
  await release();
  assert.equal(await redis.exists('serverpilot-domains:lock:smoke-app'), 0);

  const sim = testing.createServerPilotSimulator();
  const api = await sim.listen();
  const sp = sdk.createServerPilotIntegration({
    ...testing.SIMULATOR_CREDENTIALS,
    baseUrl: api.url,
    appId: testing.SIMULATOR_IDS.appId,
  });
  const lifecycle = sdk.createDomainLifecycle({
    integration: sp,
    scheduler: createBullMqScheduler({ connection: { host: '127.0.0.1', port: server.port }, worker: false }),
  });
  const [status] = await sdk.unwrap(lifecycle.track(['smoke.example.org']));
  assert.equal(status.stage, 'checking-dns');
  assert.equal((await sdk.unwrap(lifecycle.list())).length, 1);
  await lifecycle.close();
  await api.close();
  console.log(`./redis import ok on ${process.version}`);
} finally {
  redis.disconnect();
  await server.stop();
}
