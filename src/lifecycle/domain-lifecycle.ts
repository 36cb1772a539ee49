/** What {@link createDomainLifecycle} returns. */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import type { DomainStatus, LifecycleScheduler } from './types.js';

/** Options of {@link DomainLifecycle.track}. */
export interface TrackOptions {
  /**
   * Stop before the next name is scheduled.
   * @default none: every name is scheduled
   * @example { signal: AbortSignal.timeout(10_000) }
   */
  readonly signal?: AbortSignal;
}

/** The SSL stages of an app's names as scheduled tries. */
export interface DomainLifecycle {
  readonly scheduler: LifecycleScheduler;
  /**
   * Start the stages of each name (`checking-dns`, due now) and return at once. A name already
   * being checked is left as it is; a name that ended is checked again from the start.
   * @example await unwrap(lifecycle.track(['shop.example.com', 'www.shop.example.com']));
   */
  track(domains: readonly string[], options?: TrackOptions): TE.TaskEither<SdkError, readonly DomainStatus[]>;
  /** Where a name is, or `undefined` when it is not tracked. */
  status(domain: string): TE.TaskEither<SdkError, DomainStatus | undefined>;
  /** Every tracked name, sorted by name. */
  list(): TE.TaskEither<SdkError, readonly DomainStatus[]>;
  /** Stop checking a name and forget it. */
  untrack(domain: string): TE.TaskEither<SdkError, void>;
  /** Stop running tries (those in flight finish or are aborted) and close the scheduler. */
  close(): Promise<void>;
}
