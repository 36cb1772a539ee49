/**
 * `createRedisLock`: the integration's `DomainLock` on one Redis. One key per app, a random token
 * per holder, `SET NX PX` to take it, and two scripts so that only the holder extends or releases
 * it (a holder whose lease ran out never deletes the next holder's lock).
 */
import { randomBytes } from 'node:crypto';
import { lockTimeout, ServerPilotSdkError } from '../errors/index.js';
import type { DomainLock, LockRelease } from '../integration/index.js';
import { durationMs, matching, orThrow, struct, withDefault } from '../internal/validate.js';
import { withDeadline } from './deadline.js';

/** The two ioredis calls the lock makes; an ioredis `Redis` (or `Cluster`) fits. */
export interface RedisLockClient {
  /** Redis `SET key value PX ms NX`, as ioredis's `set` takes it. */
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
  /** Redis `EVAL`, as ioredis's `eval` takes it. */
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Options of {@link createRedisLock}. */
export interface RedisLockOptions {
  /**
   * How long the lock lives unless its holder extends it. The holder extends it every third of
   * this while it holds it, so a long action wait never loses it; a holder that dies frees it
   * after at most this long.
   * @default 30_000
   * @example { ttlMs: 10_000 }
   */
  readonly ttlMs?: number;
  /**
   * How long `acquire` waits for another holder before failing with `LockTimeout`.
   * @default 120_000
   * @example { waitMs: 5_000 } // a web request that would rather fail fast
   */
  readonly waitMs?: number;
  /**
   * The pause between two tries to take a held lock (a random part is added so waiters spread out).
   * @default 50
   * @example { retryMs: 200 }
   */
  readonly retryMs?: number;
  /**
   * Prepended to the app id to make the key.
   * @default 'serverpilot-domains:lock:'
   * @example { keyPrefix: 'panel:sp-lock:' }
   */
  readonly keyPrefix?: string;
}

/** Delete the key only if it still holds our token. */
export const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
/** Push the expiry out only if the key still holds our token. */
export const EXTEND_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

const checkLockOptions = struct(
  {
    // The lease goes to Redis as PX and a third of it to a timer; a wait of 0 means "fail at once".
    ttlMs: withDefault(durationMs({ min: 1, example: 30_000 }), 30_000),
    waitMs: withDefault(durationMs({ min: 0, example: 120_000 }), 120_000),
    retryMs: withDefault(durationMs({ min: 0, example: 50 }), 50),
  },
  '{ ttlMs: 30000, waitMs: 120000 }',
);

/**
 * A `DomainLock` on Redis, for `createServerPilotIntegration({ lock })`: every process writing the
 * same app takes it around its read-plan-write-read-back, so their writes never overlap.
 * `acquire` rejects with `ServerPilotSdkError` (`LockTimeout`) when it cannot be had within `waitMs`.
 *
 * @example
 * import Redis from 'ioredis';
 * import { createRedisLock } from 'serverpilot-domains/redis';
 * const sp = createServerPilotIntegration({ clientId, apiKey, appId, lock: createRedisLock(new Redis(process.env.REDIS_URL)) });
 */
export const createRedisLock = (redis: RedisLockClient, options: RedisLockOptions = {}): DomainLock => {
  orThrow(
    matching<RedisLockClient>(
      'an ioredis client',
      (r) =>
        typeof (r as Partial<RedisLockClient> | null)?.set === 'function' &&
        typeof (r as Partial<RedisLockClient>).eval === 'function',
      'one such as new Redis(url)',
    )('redis', redis),
  );
  const { ttlMs, waitMs, retryMs } = orThrow(checkLockOptions('', options));
  const prefix = options.keyPrefix ?? 'serverpilot-domains:lock:';

  return {
    acquire: async (appId: string): Promise<LockRelease> => {
      const key = `${prefix}${appId}`;
      const token = randomBytes(16).toString('hex');
      const deadline = Date.now() + waitMs;
      const timedOut = (): Error => new ServerPilotSdkError(lockTimeout(appId, key, waitMs));
      for (;;) {
        const taking = redis.set(key, token, 'PX', ttlMs, 'NX');
        // A try still queued (Redis down) when the deadline passes is not waited for; if it takes
        // the lock later after all, give it back at once rather than hold it for a whole lease.
        const taken = await withDeadline(taking, deadline - Date.now(), timedOut).catch((error: unknown) => {
          taking
            .then(
              (late) => (late === 'OK' ? redis.eval(RELEASE_SCRIPT, 1, key, token) : undefined),
              () => undefined,
            )
            .catch(() => undefined);
          throw error;
        });
        if (taken === 'OK') break;
        const left = deadline - Date.now();
        if (left <= 0) throw timedOut();
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(left, retryMs + Math.random() * retryMs)),
        );
      }
      let held = true;
      const extender = setInterval(
        () => {
          redis.eval(EXTEND_SCRIPT, 1, key, token, ttlMs).then(
            (extended) => {
              // Lost (expired while this process stalled): stop; the read-back still guards the change.
              if (extended !== 1) clearInterval(extender);
            },
            () => undefined, // a failed extension is retried at the next tick; the lease still runs
          );
        },
        Math.max(1, Math.floor(ttlMs / 3)),
      );
      // The holder's own work keeps the process alive; the extension timer should not.
      extender.unref();
      return async () => {
        if (!held) return;
        held = false;
        clearInterval(extender);
        await redis.eval(RELEASE_SCRIPT, 1, key, token);
      };
    },
  };
};
