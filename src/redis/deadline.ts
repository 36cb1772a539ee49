/**
 * Bound one Redis call by a deadline. ioredis queues commands while it is disconnected (forever
 * with `maxRetriesPerRequest: null`), so a call to a Redis that is down would otherwise never settle.
 */

/** Settles as `call` does, or rejects with `onTimeout()` once `ms` have passed. */
export const withDeadline = <T>(call: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
};
