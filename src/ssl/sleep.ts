import { setTimeout as delay } from 'node:timers/promises';

/**
 * Wait `ms` milliseconds, or less if `signal` aborts (then reject or resolve: the verifier checks
 * the signal itself either way).
 *
 * @example
 * // A recording sleep for tests: no real waiting, every delay kept.
 * const waits: number[] = [];
 * const sleep: Sleep = async (ms) => { waits.push(ms); };
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Real timers, abortable. */
export const realSleep: Sleep = (ms, signal) =>
  delay(ms, undefined, signal === undefined ? {} : { signal }).then(() => undefined);

/**
 * Run `sleep` but return as soon as `signal` aborts, even if the injected sleep ignores the signal.
 * Resolves `true` when the wait ended by abort.
 */
export const sleepUnlessAborted = (
  sleep: Sleep,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<boolean> => {
  if (signal === undefined) return sleep(ms).then(() => false);
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
