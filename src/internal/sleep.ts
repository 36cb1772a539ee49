/**
 * The one real-timer wait of the SDK, shared by the client's retries and action polls, the SSL
 * verifier's stage retries and the simulator's injected delays.
 */

/**
 * Wait `ms` milliseconds, or less if `signal` aborts. Callers check the signal themselves after
 * the wait, so an injected sleep may resolve or reject on abort.
 *
 * @example
 * // A recording sleep for tests: no real waiting, every delay kept.
 * const waits: number[] = [];
 * const sleep: Sleep = async (ms) => { waits.push(ms); };
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Real timers, abortable: resolves after `ms`, or at once when `signal` aborts (resolving, not
 * rejecting, so a retry loop can check `signal.aborted` at its top and report the abort itself).
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Run `sleep` but return as soon as `signal` aborts, even if the injected sleep ignores the signal.
 * Resolves `true` when the wait ended by abort.
 */
export const sleepUnlessAborted = (
  sleep: Sleep,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<boolean> => {
  // A sleep that rejects is treated as one that ended: the caller goes on, nothing escapes.
  if (signal === undefined)
    return sleep(ms).then(
      () => false,
      () => false,
    );
  if (signal.aborted) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => resolve(true);
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms, signal).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(signal.aborted);
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(signal.aborted);
      },
    );
  });
};
