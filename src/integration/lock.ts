/**
 * The optional lock shared by every process writing one app, and taking it in a way that an abort
 * can stop: a lock granted after its callers gave up is handed straight back.
 */
import * as E from 'fp-ts/lib/Either.js';
import { abortedError, lockError, type SdkError, ServerPilotSdkError } from '../errors/index.js';

/** Releases a lock taken by {@link DomainLock.acquire}; what it returns is ignored (redlock's `release()` returns a result). */
export type LockRelease = () => unknown;

/**
 * A lock shared by every process that writes one app's domains (a database row lock, Redis, a
 * file lock): while held, no other holder reads or writes that app's list.
 *
 * @example
 * const lock: DomainLock = { acquire: async (appId) => { const l = await redlock.acquire([`sp:${appId}`], 30_000); return () => l.release(); } };
 */
export interface DomainLock {
  /** Resolves once this caller holds the lock for `appId`, with the function that releases it. */
  acquire(appId: string): Promise<LockRelease>;
}

/** Release, ignoring failures: a lock that fails to release expires on its own. */
export const releaseQuietly = async (release: LockRelease): Promise<void> => {
  try {
    await release();
  } catch {
    // The change itself is done (or was never made); the lock's own expiry takes over.
  }
};

/**
 * Take the lock, or stop waiting when `signal` aborts (every caller of the batch gave up). A
 * `DomainLock` cannot be told to stop waiting, so a grant that comes after the abort is released.
 */
export const acquireLock = (
  lock: DomainLock,
  appId: string,
  signal: AbortSignal,
): Promise<E.Either<SdkError, LockRelease>> => {
  if (signal.aborted) return Promise.resolve(E.left(abortedError('while waiting for the lock')));
  return new Promise((resolve) => {
    let done = false;
    const onAbort = (): void => {
      done = true;
      resolve(E.left(abortedError('while waiting for the lock')));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const granted = (release: LockRelease): void => {
      signal.removeEventListener('abort', onAbort);
      if (done) void releaseQuietly(release);
      else resolve(E.right(release));
    };
    const failed = (thrown: unknown): void => {
      signal.removeEventListener('abort', onAbort);
      // A lock of this SDK (createRedisLock) says why in an SdkError, such as LockTimeout.
      if (!done)
        resolve(E.left(thrown instanceof ServerPilotSdkError ? thrown.error : lockError(appId, thrown)));
    };
    try {
      lock.acquire(appId).then(granted, failed);
    } catch (thrown) {
      failed(thrown);
    }
  });
};
