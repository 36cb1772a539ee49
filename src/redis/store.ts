/**
 * The lifecycle's statuses in one Redis hash (field: the name, value: the stored record as JSON),
 * with compare-and-swap in one script, so two processes never both store the outcome of one try.
 */
import type { LifecycleStore, TrackedDomain } from '../lifecycle/index.js';
import { redisDeadline } from './deadline.js';

/** The Redis calls the store makes; an ioredis `Redis` fits. */
export interface RedisStoreClient {
  /** Redis `HGET`. */
  hget(key: string, field: string): Promise<string | null>;
  /** Redis `HVALS`. */
  hvals(key: string): Promise<string[]>;
  /** Redis `HDEL`. */
  hdel(key: string, ...fields: string[]): Promise<number>;
  /** Redis `EVAL`, as ioredis's `eval` takes it. */
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Store ARGV[3] under ARGV[1] if the stored record's rev is ARGV[2] ('' means: none is stored). */
export const SWAP_SCRIPT = `
local current = redis.call("hget", KEYS[1], ARGV[1])
if ARGV[2] == "" then
  if current then return 0 end
else
  if not current then return 0 end
  if tostring(cjson.decode(current)["rev"]) ~= ARGV[2] then return 0 end
end
redis.call("hset", KEYS[1], ARGV[1], ARGV[3])
return 1`;

const parse = (text: string): TrackedDomain => JSON.parse(text) as TrackedDomain;

/**
 * A `LifecycleStore` in one Redis hash (`key`), one JSON record per domain; `swap` is a Lua
 * compare-and-set on the record's `rev`. Each call settles within `timeoutMs` (ioredis queues
 * commands while Redis is down, for ever with `maxRetriesPerRequest: null`).
 */
export const createRedisStore = (redis: RedisStoreClient, key: string, timeoutMs: number): LifecycleStore => {
  const bounded = redisDeadline(timeoutMs);
  return {
    get: async (domain) => {
      const text = await bounded('a status read', redis.hget(key, domain));
      return text === null ? undefined : parse(text);
    },
    list: async () => (await bounded('the status list', redis.hvals(key))).map(parse),
    swap: async (next, expectedRev) =>
      (await bounded(
        'a status write',
        redis.eval(
          SWAP_SCRIPT,
          1,
          key,
          next.status.domain,
          expectedRev === undefined ? '' : String(expectedRev),
          JSON.stringify(next),
        ),
      )) === 1,
    remove: async (domain) => {
      await bounded('a status removal', redis.hdel(key, domain));
    },
  };
};
