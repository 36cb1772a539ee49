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

/**
 * `withDeadline` for one Redis call of the lifecycle's, `what` naming it in the error (which the
 * lifecycle turns into a `SchedulerError`).
 */
export const redisDeadline =
  (ms: number) =>
  <T>(what: string, call: Promise<T>): Promise<T> =>
    withDeadline(
      call,
      ms,
      () => new Error(`Redis did not answer ${what} within ${ms} ms: check that it is running and reachable`),
    );
