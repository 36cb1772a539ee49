/**
 * Every numeric option of every public factory and operation, fed 0, -1, 2^31, NaN and Infinity.
 * Each row states the range the option accepts; a value outside it is an `InvalidOption` naming the
 * option, with a reason of the one form the option rules write (`must be …, not …; pass … such as
 * …`), before any request, connection or Redis command. A value inside it is not refused.
 * (`createDomainLifecycle` has no numeric option: its scheduler's are here.)
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  createHooks,
  createMemoryScheduler,
  createServerPilotClient,
  createSslVerifier,
  isServerPilotSdkError,
  reconcileDomains,
  type SdkError,
  tryCreateServerPilotIntegration,
} from '../src/index.js';
import { createBullMqScheduler, createRedisLock, type RedisLockClient } from '../src/redis/index.js';
import { defaultSeed, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../src/testing/index.js';
import { type RedisServer, startRedisServer } from './redis/redis-server.js';
import { type Served, simulatorTest } from './simulator.js';

const MAX_TIMER_MS = 2 ** 31 - 1;
const VALUES = [0, -1, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY] as const;
/** The one form of an option rule's reason. */
const REASON = /^must be .+, not .+; pass .*such as .+/;

/** What one run of a factory or operation did with the value. */
interface Outcome {
  /** The error it ended with, if any. */
  readonly error?: SdkError;
  /** Requests, connections or Redis commands it made. */
  readonly calls: number;
}

interface Row {
  /** Who takes the option. */
  readonly where: string;
  /** The option's name as an `InvalidOption` carries it. */
  readonly option: string;
  /** The values accepted, both ends included. */
  readonly range: readonly [number, number];
  readonly run: (value: number, env: Env) => Promise<Outcome>;
}

interface Env {
  readonly api: Served;
  readonly redis: RedisServer;
}

/** The error a throwing factory threw, as an outcome. */
const thrown = (make: () => unknown, calls: () => number = () => 0): Outcome => {
  try {
    make();
    return { calls: calls() };
  } catch (error) {
    if (isServerPilotSdkError(error)) return { error: error.error, calls: calls() };
    throw error;
  }
};

/** A TaskEither's Left as an outcome, with the requests the simulator saw while it ran. */
const ran = async <A>(api: Served, task: TE.TaskEither<SdkError, A>): Promise<Outcome> => {
  const before = api.sim.requests.length;
  const result = await task();
  const calls = api.sim.requests.length - before;
  return E.isLeft(result) ? { error: result.left, calls } : { calls };
};

const client = (api: Served, options: object = {}) =>
  createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: api.url, ...options });

const integration = (api: Served, options: object = {}) =>
  tryCreateServerPilotIntegration({
    client: client(api, { retry: { limit: 0 } }),
    appId: SIMULATOR_IDS.appId,
    ...options,
  });

/** `{ a: { b: value } }` from `'a.b'`. */
const nested = (path: string, value: unknown): Record<string, unknown> =>
  path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;

/** A Redis for the lock that counts the commands it is sent. */
const countingRedis = () => {
  let calls = 0;
  const redis: RedisLockClient = {
    set: async () => {
      calls++;
      return 'OK';
    },
    eval: async () => {
      calls++;
      return 1;
    },
  };
  return { redis, calls: () => calls };
};

const clientRow = (option: string, range: Row['range']): Row => ({
  where: 'createServerPilotClient',
  option,
  range,
  run: async (value, { api }) => thrown(() => client(api, nested(option, value))),
});

const callRow = (option: string, range: Row['range']): Row => ({
  where: 'client.apps.list (per-call options)',
  option,
  range,
  run: (value, { api }) => ran(api, client(api, { retry: { limit: 0 } }).apps.list(nested(option, value))),
});

const waitRow = (option: string, range: Row['range']): Row => ({
  where: 'client.actions.waitFor',
  option,
  range,
  // An unknown action: accepted options lead to one poll and its 404.
  run: (value, { api }) =>
    ran(api, client(api, { retry: { limit: 0 } }).actions.waitFor('simX000000000404', { [option]: value })),
});

const integrationRow = (option: string, range: Row['range']): Row => ({
  where: 'createServerPilotIntegration',
  option,
  range,
  run: async (value, { api }) => {
    const before = api.sim.requests.length;
    const created = integration(api, nested(option, value));
    const calls = api.sim.requests.length - before;
    return E.isLeft(created) ? { error: created.left, calls } : { calls };
  },
});

const auditRow = (option: string, range: Row['range'], others: object = {}): Row => ({
  where: 'integration.audit',
  option,
  range,
  run: async (value, { api }) => {
    const sp = integration(api);
    if (E.isLeft(sp)) throw new Error('the integration should be created');
    return ran(api, sp.right.audit({ ...others, [option]: value }));
  },
});

const verifierRow = (option: string, range: Row['range']): Row => ({
  where: 'createSslVerifier',
  option,
  range,
  run: async (value) => thrown(() => createSslVerifier({ [option]: value })),
});

const lockRow = (option: string, range: Row['range']): Row => ({
  where: 'createRedisLock',
  option,
  range,
  run: async (value) => {
    const { redis, calls } = countingRedis();
    return thrown(() => createRedisLock(redis, { [option]: value }), calls);
  },
});

const bullRow = (option: string, range: Row['range']): Row => ({
  where: 'createBullMqScheduler',
  option,
  range,
  run: async (value, { redis }) => {
    // A client that connects only when first used: refused options must leave it unconnected.
    const lazy = new Redis({ host: '127.0.0.1', port: redis.port, lazyConnect: true });
    try {
      const outcome = thrown(() =>
        createBullMqScheduler({ connection: lazy, worker: false, ...nested(option, value) }),
      );
      if (outcome.error === undefined) {
        const scheduler = createBullMqScheduler({
          connection: { host: '127.0.0.1', port: redis.port },
          worker: false,
          ...nested(option, value),
        });
        await scheduler.close();
      }
      return { ...outcome, calls: lazy.status === 'wait' ? 0 : 1 };
    } finally {
      lazy.disconnect();
    }
  },
});

const UNBOUNDED = Number.MAX_SAFE_INTEGER;
const TIMER: Row['range'] = [1, MAX_TIMER_MS];
const TIMER_OR_0: Row['range'] = [0, MAX_TIMER_MS];

/** The rows of one factory or operation: each option with the range it accepts. */
const rowsOf = (
  make: (option: string, range: Row['range']) => Row,
  ranges: Readonly<Record<string, Row['range']>>,
): Row[] => Object.entries(ranges).map(([option, range]) => make(option, range));

const rows: readonly Row[] = [
  ...rowsOf(clientRow, {
    timeoutMs: TIMER,
    maxResponseBytes: [1, 256 * 1024 * 1024],
    'retry.limit': [0, 100],
    'retry.baseDelayMs': TIMER_OR_0,
    'retry.maxDelayMs': TIMER_OR_0,
  }),
  ...rowsOf(callRow, {
    timeoutMs: TIMER,
    'retry.limit': [0, 100],
    'retry.baseDelayMs': TIMER_OR_0,
    'retry.maxDelayMs': TIMER_OR_0,
  }),
  ...rowsOf(waitRow, { intervalMs: TIMER_OR_0, timeoutMs: TIMER, requestTimeoutMs: TIMER }),
  ...rowsOf(verifierRow, { port: [1, 65_535], timeoutMs: TIMER }),
  {
    where: 'verifier.verifyMany',
    option: 'concurrency',
    range: [1, UNBOUNDED],
    run: async (value) => {
      const result = await createSslVerifier().verifyMany([], { concurrency: value })();
      return E.isLeft(result) ? { error: result.left, calls: 0 } : { calls: 0 };
    },
  },
  ...rowsOf(integrationRow, {
    maxDomains: [1, UNBOUNDED],
    maxWriteAttempts: [1, UNBOUNDED],
    'actionWait.intervalMs': TIMER_OR_0,
    'actionWait.timeoutMs': TIMER,
    'writeBackoff.baseMs': TIMER_OR_0,
    'writeBackoff.capMs': TIMER_OR_0,
  }),
  // The critical threshold may not pass the warning one, so each is fed with the other at its end.
  auditRow('warnDays', [0, UNBOUNDED], { critDays: 0 }),
  auditRow('critDays', [0, 20], { warnDays: 20 }),
  auditRow('concurrency', [1, UNBOUNDED]),
  {
    where: 'integration.doctor',
    option: 'maxDomains',
    range: [1, UNBOUNDED],
    run: async (value, { api }) => {
      const sp = integration(api);
      if (E.isLeft(sp)) throw new Error('the integration should be created');
      return ran(api, sp.right.doctor(undefined, { maxDomains: value }));
    },
  },
  {
    where: 'reconcileDomains',
    option: 'maxDomains',
    range: [1, UNBOUNDED],
    run: async (value) => {
      const plan = reconcileDomains([], { add: ['example.com'] }, { maxDomains: value });
      return E.isLeft(plan) ? { error: plan.left, calls: 0 } : { calls: 0 };
    },
  },
  {
    where: 'hooks.addFilter',
    option: 'priority',
    range: [-UNBOUNDED, UNBOUNDED],
    run: async (value) => thrown(() => createHooks().addFilter('ssl.maxTries', 'test', (n) => n, value)),
  },
  {
    where: 'createMemoryScheduler',
    option: 'concurrency',
    range: [1, UNBOUNDED],
    run: async (value) => {
      let closing: Promise<void> | undefined;
      const outcome = thrown(() => {
        closing = createMemoryScheduler({ concurrency: value }).close();
      });
      await closing;
      return outcome;
    },
  },
  ...rowsOf(lockRow, { ttlMs: TIMER, waitMs: TIMER_OR_0, retryMs: TIMER_OR_0 }),
  ...rowsOf(bullRow, {
    concurrency: [1, UNBOUNDED],
    lockDurationMs: TIMER,
    stalledIntervalMs: TIMER,
    maxStalledCount: [0, UNBOUNDED],
    commandTimeoutMs: TIMER,
    'retry.attempts': [1, UNBOUNDED],
    'retry.delayMs': TIMER_OR_0,
  }),
];

const accepts = (row: Row, value: number): boolean =>
  Number.isFinite(value) && value >= row.range[0] && value <= row.range[1];

const cases = rows.flatMap((row) => VALUES.map((value) => ({ row, value, accepted: accepts(row, value) })));

/** An app with no domains, so an audit run for an accepted value needs no DNS or TLS. */
const test = simulatorTest({
  seed: { ...defaultSeed(), apps: (defaultSeed().apps ?? []).map((app) => ({ ...app, domains: [] })) },
});

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
}, 30_000);
afterAll(async () => {
  await redis?.stop();
});

describe('numeric options, one rule per kind', () => {
  test.for(cases.map((c) => [`${c.row.where} ${c.row.option}`, c.value, c] as const))(
    '%s given %d is refused exactly when outside its range, before any call',
    async ([, , { row, value, accepted }], { api }) => {
      const outcome = await row.run(value, { api, redis });
      if (accepted) {
        expect(outcome.error?._tag === 'InvalidOption' ? outcome.error : undefined).toBeUndefined();
        return;
      }
      expect(outcome.error).toMatchObject({ _tag: 'InvalidOption', option: row.option });
      expect(outcome.error?._tag === 'InvalidOption' && outcome.error.reason).toMatch(REASON);
      expect(outcome.calls).toBe(0);
    },
  );
});
