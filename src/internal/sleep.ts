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

/** Call an injected sleep so that a synchronous throw becomes a rejection like any other. */
const call = (sleep: Sleep, ms: number, signal?: AbortSignal): Promise<void> => {
  try {
    return Promise.resolve(sleep(ms, signal));
  } catch (thrown) {
    return Promise.reject(thrown);
  }
};

/**
 * Run `sleep` but return as soon as `signal` aborts, even if the injected sleep ignores the signal.
 * Resolves `true` when the wait ended by abort. A sleep that rejects or throws counts as one that
 * ended: the caller goes on, and nothing escapes into its TaskEither.
 */
export const sleepUnlessAborted = (
  sleep: Sleep,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<boolean> => {
  if (signal === undefined) {
    return call(sleep, ms).then(
      () => false,
      () => false,
    );
  }
  if (signal.aborted) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => resolve(true);
    signal.addEventListener('abort', onAbort, { once: true });
    const ended = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve(signal.aborted);
    };
    call(sleep, ms, signal).then(ended, ended);
  });
};
