// ./redis from the packed tarball under require(): the main entry and ./testing load without
// bullmq and ioredis; ./redis loads them, takes a lock on a real redis-server and runs a scheduler.
const assert = require('node:assert/strict');
const { startRedisServer } = require('./redis-server.cjs');

const loaded = () =>
  Object.keys(require.cache).filter((k) => /node_modules[\\/](bullmq|ioredis)[\\/]/.test(k));
const sdk = require('serverpilot-domains');
const testing = require('serverpilot-domains/testing');
assert.deepEqual(loaded(), [], 'the main entry and ./testing must not load bullmq or ioredis');
const redisEntry = require('serverpilot-domains/redis');
assert.ok(loaded().length > 0, './redis loads bullmq and ioredis');
const Redis = require('ioredis');

(async () => {
  const server = await startRedisServer();
  const redis = new Redis({ host: '127.0.0.1', port: server.port });
  try {
    const lock = redisEntry.createRedisLock(redis, { ttlMs: 5_000, waitMs: 100 });
    const release = await lock.acquire('smoke-app');
    const timedOut = await lock.acquire('smoke-app').catch((e) => e);
    // Thrown by the ./redis CJS bundle, recognized by the main one.
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
      scheduler: redisEntry.createBullMqScheduler({
        connection: { host: '127.0.0.1', port: server.port },
        worker: false,
      }),
    });
    const [status] = await sdk.unwrap(lifecycle.track(['smoke.example.org']));
    assert.equal(status.stage, 'checking-dns');
    assert.equal((await sdk.unwrap(lifecycle.list())).length, 1);
    await lifecycle.close();
    await api.close();
    console.log(`./redis require ok on ${process.version}`);
  } finally {
    redis.disconnect();
    await server.stop();
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
