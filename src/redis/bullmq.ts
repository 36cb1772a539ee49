/**
 * `createBullMqScheduler`: the lifecycle on BullMQ. Each try is one job, delayed until it is due;
 * any number of processes run workers; statuses live in a Redis hash next to the queue. A worker
 * that dies mid-try loses nothing: BullMQ finds the job stalled and gives it to another worker,
 * which runs the try again (its outcome was never stored). A try whose outcome was stored before
 * its worker died is recognized by its ticket and not run twice.
 */
import { type Job, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { invalidOption, ServerPilotSdkError } from '../errors/index.js';
import type { LifecycleScheduler, TryHandler, TryTicket } from '../lifecycle/index.js';
import { createRedisStore } from './store.js';

/** Options of {@link createBullMqScheduler}. */
export interface BullMqSchedulerOptions {
  /**
   * The Redis to use: an ioredis client (shared, never closed by the scheduler; the worker gets a
   * duplicate of it with `maxRetriesPerRequest: null`, as BullMQ requires) or ioredis options (the
   * scheduler opens and closes its own connections).
   * @example { connection: { host: '127.0.0.1', port: 6379 } }
   * @example { connection: new Redis(process.env.REDIS_URL) }
   */
  readonly connection: Redis | RedisOptions;
  /**
   * The BullMQ queue; every process of one panel must use the same. One queue per app (or per
   * environment sharing a Redis).
   * @default 'serverpilot-domains-lifecycle'
   * @example { queueName: `sp-lifecycle-${appId}` }
   */
  readonly queueName?: string;
  /**
   * BullMQ's key prefix; the statuses hash is `<prefix>:<queueName>:lifecycle`.
   * @default 'bull'
   * @example { prefix: 'panel' }
   */
  readonly prefix?: string;
  /**
   * Run a worker in this process. Turn it off in processes that only track names and read
   * statuses (a web server whose workers run elsewhere).
   * @default true
   * @example { worker: false }
   */
  readonly worker?: boolean;
  /**
   * Tries this process runs at once.
   * @default 8
   * @example { concurrency: 32 }
   */
  readonly concurrency?: number;
  /**
   * BullMQ's job lock: a try whose worker stops renewing it (a crash) is taken up again after
   * at most this plus `stalledIntervalMs`. Keep it above the longest try (the verifier's `timeoutMs`).
   * @default 30_000
   * @example { lockDurationMs: 60_000 }
   */
  readonly lockDurationMs?: number;
  /**
   * How often workers look for tries whose worker died.
   * @default 30_000
   * @example { stalledIntervalMs: 10_000 }
   */
  readonly stalledIntervalMs?: number;
  /**
   * How many times one try may be taken up again after its worker died before BullMQ gives up on
   * it. A try is a DNS query or a TLS handshake, safe to repeat, so the default is generous.
   * @default 5
   * @example { maxStalledCount: 10 }
   */
  readonly maxStalledCount?: number;
  /**
   * Runs of a try that failed without a verdict (Redis unreachable mid-try), with exponential backoff.
   * @default { attempts: 10, delayMs: 1_000 }
   * @example { retry: { attempts: 20, delayMs: 5_000 } }
   */
  readonly retry?: { readonly attempts?: number; readonly delayMs?: number };
  /**
   * Told about worker and queue connection errors (BullMQ keeps reconnecting).
   * @default emits a process warning (`ServerPilotDomainsWarning`)
   * @example { onError: (error) => logger.error(error) }
   */
  readonly onError?: (error: Error) => void;
}

/** ioredis 6's own `RedisOptions` does not fit its constructor under `exactOptionalPropertyTypes`. */
const open = (options: RedisOptions): Redis => new Redis(options as RedisOptions & { replyMapping?: never });

const isClient = (connection: Redis | RedisOptions): connection is Redis =>
  typeof (connection as { duplicate?: unknown }).duplicate === 'function';

const bad = (option: string, reason: string): never => {
  throw new ServerPilotSdkError(invalidOption(option, reason));
};

const checkInteger = (option: string, value: number | undefined, min: number, example: string): void => {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    bad(option, `${String(value)} is not an integer of at least ${min}; pass ${example}`);
  }
};

/** The job's id: readable in BullMQ dashboards, unique per try, and free of `:` as BullMQ requires. */
export const jobIdOf = (ticket: TryTicket): string => `${ticket.domain}@${ticket.run}#${ticket.seq}`;

/**
 * A `LifecycleScheduler` on BullMQ and Redis, for `createDomainLifecycle({ scheduler })` or
 * `createServerPilotIntegration({ lifecycle })`. Throws `ServerPilotSdkError` (`InvalidOption`)
 * for options it cannot use.
 *
 * @example
 * // worker.ts, run as many as you like
 * const lifecycle = createDomainLifecycle({ integration: sp, scheduler: createBullMqScheduler({ connection }) });
 * // web.ts: tracks and reads, runs no tries
 * const lifecycle = createDomainLifecycle({ integration: sp, scheduler: createBullMqScheduler({ connection, worker: false }) });
 */
export const createBullMqScheduler = (options: BullMqSchedulerOptions): LifecycleScheduler => {
  if (options?.connection === undefined || options.connection === null) {
    bad('connection', 'pass an ioredis client or options such as { host: "127.0.0.1", port: 6379 }');
  }
  const queueName = options.queueName ?? 'serverpilot-domains-lifecycle';
  if (typeof queueName !== 'string' || queueName === '' || queueName.includes(':')) {
    bad('queueName', `${JSON.stringify(queueName)} is not a BullMQ queue name; pass one without ":"`);
  }
  const prefix = options.prefix ?? 'bull';
  checkInteger('concurrency', options.concurrency, 1, '8');
  checkInteger('lockDurationMs', options.lockDurationMs, 1, '30000');
  checkInteger('stalledIntervalMs', options.stalledIntervalMs, 1, '30000');
  checkInteger('maxStalledCount', options.maxStalledCount, 0, '5');
  checkInteger('retry.attempts', options.retry?.attempts, 1, '10');
  checkInteger('retry.delayMs', options.retry?.delayMs, 0, '1000');
  const onError =
    options.onError ??
    ((error: Error) => process.emitWarning(`lifecycle queue: ${error.message}`, 'ServerPilotDomainsWarning'));

  const owned: Redis[] = [];
  const own = (redis: Redis): Redis => {
    owned.push(redis);
    return redis;
  };
  const shared = isClient(options.connection) ? options.connection : own(open(options.connection));
  const queue = new Queue(queueName, { connection: shared, prefix });
  queue.on('error', onError);
  const store = createRedisStore(shared, `${prefix}:${queueName}:lifecycle`);
  const jobOptions = {
    attempts: options.retry?.attempts ?? 10,
    backoff: { type: 'exponential', delay: options.retry?.delayMs ?? 1_000 },
    removeOnComplete: true,
    removeOnFail: { count: 1_000 },
  } as const;
  let worker: Worker<TryTicket> | undefined;
  let started = false;

  return {
    store,
    now: Date.now,
    start: (handler: TryHandler) => {
      if (started) bad('scheduler', 'this scheduler already serves a lifecycle; create one per lifecycle');
      started = true;
      if (options.worker === false) return;
      const blocking = own(
        isClient(options.connection)
          ? options.connection.duplicate({ maxRetriesPerRequest: null })
          : open({ ...options.connection, maxRetriesPerRequest: null }),
      );
      const never = new AbortController().signal;
      worker = new Worker<TryTicket>(
        queueName,
        (job: Job<TryTicket>, _token?: string, signal?: AbortSignal) => handler(job.data, signal ?? never),
        {
          connection: blocking,
          prefix,
          concurrency: options.concurrency ?? 8,
          lockDuration: options.lockDurationMs ?? 30_000,
          stalledInterval: options.stalledIntervalMs ?? 30_000,
          maxStalledCount: options.maxStalledCount ?? 5,
        },
      );
      worker.on('error', onError);
    },
    schedule: async (ticket, at) => {
      await queue.add('try', ticket, {
        ...jobOptions,
        jobId: jobIdOf(ticket),
        delay: Math.max(0, at - Date.now()),
      });
    },
    cancel: async (ticket) => {
      // A job already running cannot be removed; its write will be refused instead.
      await queue.remove(jobIdOf(ticket)).catch(() => 0);
    },
    close: async () => {
      await worker?.close();
      await queue.close();
      await Promise.all(owned.map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
};
