/**
 * `serverpilot-domains/redis`: a lock shared by every process writing one app's domains, and the
 * lifecycle's scheduler on BullMQ. This entry loads `ioredis` and `bullmq` (optional peer
 * dependencies of this package): install both wherever it is imported. The main entry never loads them.
 */
export { type BullMqSchedulerOptions, createBullMqScheduler } from './bullmq.js';
export { createRedisLock, type RedisLockClient, type RedisLockOptions } from './lock.js';
