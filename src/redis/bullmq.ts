/**
 * `createBullMqScheduler`: the lifecycle on BullMQ. Each try is one job, delayed until it is due;
 * any number of processes run workers; statuses live in a Redis hash next to the queue. A worker
 * that dies mid-try loses nothing: BullMQ finds the job stalled and gives it to another worker,
 * which runs the try again (its outcome was never stored). A try whose outcome was stored before
 * its worker died is recognized by its ticket and not run twice.
 */
import { type Job, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { invalidOption } from '../errors/index.js';
import {
  count,
  durationMs,
  fail,
  flag,
  matching,
  optional,
  orThrow,
  struct,
  withDefault,
} from '../internal/validate.js';
import type { LifecycleScheduler, TryHandler, TryTicket } from '../lifecycle/index.js';
import { redisDeadline } from './deadline.js';
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
   * The longest the lifecycle waits on one Redis call of its own (reading or writing a status,
   * adding or removing a try, closing): past it the call fails, and `track()`, `status()`, `list()`
   * or `untrack()` return a `SchedulerError` that says Redis did not answer, instead of waiting
   * for a Redis that is down (ioredis queues commands until it reconnects).
   * @default 10_000
   * @example { commandTimeoutMs: 2_000 } // a web request that would rather fail fast
   */
  readonly commandTimeoutMs?: number;
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

const checkSchedulerOptions = struct(
  {
    connection: matching<Redis | RedisOptions>(
      'an ioredis client or options',
      (c) => typeof c === 'object' && c !== null,
      'one such as { host: "127.0.0.1", port: 6379 }',
    ),
    queueName: withDefault(
      matching<string>(
        'a BullMQ queue name',
        (q) => typeof q === 'string' && q !== '' && !q.includes(':'),
        'one without ":", such as "serverpilot-domains-lifecycle"',
      ),
      'serverpilot-domains-lifecycle',
    ),
    worker: optional(flag),
    concurrency: optional(count({ min: 1, example: 8 })),
    // BullMQ runs both on timers.
    lockDurationMs: optional(durationMs({ min: 1, example: 30_000 })),
    stalledIntervalMs: optional(durationMs({ min: 1, example: 30_000 })),
    maxStalledCount: optional(count({ min: 0, example: 5 })),
    commandTimeoutMs: withDefault(durationMs({ min: 1, example: 10_000 }), 10_000),
    retry: optional(
      struct(
        {
          attempts: optional(count({ min: 1, example: 10 })),
          delayMs: optional(durationMs({ min: 0, example: 1_000 })),
        },
        '{ attempts: 10, delayMs: 1000 }',
      ),
    ),
  },
  '{ connection: { host: "127.0.0.1", port: 6379 } }',
);

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
  const { queueName, commandTimeoutMs } = orThrow(checkSchedulerOptions('', options));
  const bounded = redisDeadline(commandTimeoutMs);
  const prefix = options.prefix ?? 'bull';
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
  const store = createRedisStore(shared, `${prefix}:${queueName}:lifecycle`, commandTimeoutMs);
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
      if (started)
        fail(
          invalidOption('scheduler', 'this scheduler already serves a lifecycle; create one per lifecycle'),
        );
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
      await bounded(
        'adding a try',
        queue.add('try', ticket, {
          ...jobOptions,
          jobId: jobIdOf(ticket),
          delay: Math.max(0, at - Date.now()),
        }),
      );
    },
    cancel: async (ticket) => {
      // A job already running cannot be removed; its write will be refused instead.
      await bounded('removing a try', queue.remove(jobIdOf(ticket))).catch(() => 0);
    },
    close: async () => {
      // The worker first: it finishes the tries in flight. Then the queue and the connections,
      // each bounded: a Redis that is down would hold close() for ever; a connection that cannot
      // say goodbye is dropped.
      await worker?.close();
      await bounded('closing the queue', queue.close()).catch(() => undefined);
      await Promise.all(
        owned.map((redis) =>
          bounded('quitting', redis.quit()).then(
            () => undefined,
            () => redis.disconnect(),
          ),
        ),
      );
    },
  };
};
