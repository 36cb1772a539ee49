/**
 * One batch, end to end: read the app, plan every queued change, apply `domains.beforeUpdate`,
 * skip the write when nothing changes, write, read back, and re-apply while another writer has
 * undone part of the change, a bounded number of times (then `WriteConflict`); then wait for the
 * action of the write that held.
 *
 * Nothing awaits between a read and the write planned on it but planning and the filter: that
 * window is where a change made outside this library can be lost, so it is kept as short as it
 * can be. Between attempts, independent writers wait a jittered time so they stop colliding.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { DomainPlan } from '../domains/plan.js';
import type { ReconcileOptions } from '../domains/reconcile.js';
import { reconcileDomains } from '../domains/reconcile.js';
import { hookError, type SdkError, ServerPilotSdkError, writeConflict } from '../errors/index.js';
import { sleepUnlessAborted } from '../internal/sleep.js';
import type { Hooks } from '../sdk-hooks.js';
import { backoffDelay, type Convergence } from './backoff.js';
import { abortedAt, type BatchAborts } from './batch-aborts.js';
import {
  mergeChanges,
  type NormalizedChange,
  planBatch,
  protectedSet,
  type QueuedChange,
  type TwinOf,
} from './changes.js';
import { acquireLock, type DomainLock, releaseQuietly } from './lock.js';
import type { AppView, CallOptions, IntegrationClient } from './ports.js';
import { checkReadBack, type Drift, holds, type Intent, intentOf } from './read-back.js';
import type { ActionOutcome } from './report.js';
import { type WaitOptions, waitForAction } from './wait.js';
import { planWrite } from './write-plan.js';

export type { DomainLock, LockRelease } from './lock.js';

export interface ConvergeDeps {
  readonly client: IntegrationClient;
  readonly appId: string;
  /** Counts the batch's requests. */
  readonly onRequest: NonNullable<CallOptions['onRequest']>;
  readonly wait: WaitOptions;
  readonly reconcile: ReconcileOptions;
  readonly twinOf: TwinOf;
  readonly maxWriteAttempts: number;
  readonly convergence: Convergence;
  readonly hooks?: Hooks;
  readonly lock?: DomainLock;
}

/** The outcome of a batch that reached the server. */
export interface Converged {
  /** The effective plan of the first write (or of the no-op). */
  readonly plan: DomainPlan;
  /** One entry per batch member: its resolved change, or why it alone was refused (or aborted). */
  readonly members: readonly E.Either<SdkError, NormalizedChange>[];
  readonly writes: number;
  readonly action?: ActionOutcome;
  /** The app as last read (after the last write, when there was one). */
  readonly app: AppView;
  /** Failures after the write held (a throwing `app.domainsUpdated` callback): reported, not fatal. */
  readonly warnings: readonly SdkError[];
}

/**
 * Failures that say nothing about whether the server applied the write: the connection dropped,
 * the answer timed out, a 5xx came back (possibly from a proxy, after the app had the list), or
 * a redirect (never followed) or an oversized body stood in for the answer.
 */
const answerLost = (error: SdkError): boolean =>
  error._tag === 'NetworkError' ||
  error._tag === 'TimeoutError' ||
  error._tag === 'ResponseTooLarge' ||
  (error._tag === 'HttpError' &&
    (error.kind === 'server-error' || error.kind === 'request-timeout' || error.kind === 'redirect'));

/**
 * Lost answers worth sending again when the read-back shows the write did not land: the server
 * may answer next time. A redirect or an oversized body would only come back the same way.
 */
const transient = (error: SdkError): boolean =>
  error._tag === 'NetworkError' ||
  error._tag === 'TimeoutError' ||
  (error._tag === 'HttpError' &&
    (error.kind === 'server-error' || error.kind === 'request-timeout' || error.kind === 'rate-limited'));

/** The longest `Retry-After` a re-application waits for: a larger one is not waited out in-process. */
export const MAX_RETRY_AFTER_WAIT_MS = 60_000;

const retryAfterOf = (error: SdkError): number =>
  error._tag === 'HttpError' && error.retryAfterMs !== undefined
    ? Math.min(error.retryAfterMs, MAX_RETRY_AFTER_WAIT_MS)
    : 0;

/** The change the batch still applies: its accepted members that have not aborted, and what it means. */
interface Applying {
  readonly indexes: readonly number[];
  readonly merged: NormalizedChange;
  readonly intent: Intent;
}

const body = async (
  deps: ConvergeDeps,
  changes: readonly QueuedChange[],
  aborts: BatchAborts,
): Promise<E.Either<SdkError, Converged>> => {
  const { client, appId, convergence, twinOf, reconcile } = deps;
  // Reads and waits stop once every caller has aborted; a write is sent without a signal, so a
  // write on the wire is never cut short (the read-back, not a cut answer, tells what landed).
  const readCall: CallOptions = { onRequest: deps.onRequest, signal: aborts.signal };
  const writeCall: CallOptions = { onRequest: deps.onRequest };
  const pause = async (ms: number): Promise<boolean> => {
    if (ms > 0) await sleepUnlessAborted(convergence.sleep, ms, aborts.signal);
    return !aborts.signal.aborted;
  };

  let readAt = convergence.now();
  const read = await client.apps.get(appId, readCall)();
  if (E.isLeft(read)) return read;
  const app = read.right;
  const live = aborts.live();
  if (live.length === 0) return E.left(abortedAt(aborts.stage()));
  const planned = planBatch(
    app.domains,
    live.map((i) => changes[i] as QueuedChange),
    reconcile,
    twinOf,
  );
  if (E.isLeft(planned)) return planned;
  const members: E.Either<SdkError, NormalizedChange>[] = changes.map(() => E.left(abortedAt('unsent')));
  live.forEach((index, k) => {
    members[index] = planned.right.members[k] ?? E.left(abortedAt('unsent'));
  });
  const first = planWrite(deps.hooks, appId, reconcile, app.domains, planned.right.plan);
  if (E.isLeft(first)) return first;
  if (!first.right.plan.changed) {
    return E.right({ plan: first.right.plan, members, writes: 0, app, warnings: [] });
  }

  const protect = protectedSet(reconcile);
  const applying = (indexes: readonly number[]): Applying => {
    const merged = mergeChanges(
      indexes.flatMap((i) => {
        const m = members[i];
        return m !== undefined && E.isRight(m) ? [m.right] : [];
      }),
      twinOf,
      protect,
    );
    return { indexes, merged, intent: intentOf(merged, first.right.list, twinOf, app.domains) };
  };
  let change: Applying = {
    indexes: live.filter((i) => members[i] !== undefined && E.isRight(members[i])),
    merged: planned.right.merged,
    intent: intentOf(planned.right.merged, first.right.list, twinOf, app.domains),
  };
  /** Drop members that aborted since the last look: a re-application no longer carries their names. */
  const refresh = (): void => {
    const still = new Set(aborts.live());
    if (change.indexes.every((i) => still.has(i))) return;
    change = applying(change.indexes.filter((i) => still.has(i)));
  };
  const conflict = (attempts: number, drift: Drift): E.Either<SdkError, Converged> =>
    E.left(writeConflict(appId, attempts, drift));

  let list = first.right.list;
  let actionId: string | undefined;
  for (let attempt = 1; ; attempt++) {
    aborts.reach('sent');
    const written = await client.apps.update(appId, { domains: list }, writeCall)();
    if (E.isLeft(written) && !answerLost(written.left) && !transient(written.left)) return written;
    if (E.isRight(written) && written.right.actionId !== undefined) actionId = written.right.actionId;
    // Read back no sooner than a read and a write take: a writer whose read came before this
    // write landed has written by then, so the read-back sees what it did.
    const settle = Math.max(0, convergence.now() - readAt);
    // On retries, the wait also spreads the next re-application (there is none after the last).
    const spread = attempt > 1 && attempt < deps.maxWriteAttempts;
    const jitter = spread ? backoffDelay(attempt, convergence.backoff, convergence.random) : 0;
    if (!(await pause(settle + jitter))) return E.left(abortedAt('sent'));
    readAt = convergence.now();
    const back = await client.apps.get(appId, readCall)();
    if (E.isLeft(back)) return E.isLeft(written) ? written : back;
    refresh();
    let current = back.right;
    let drift = checkReadBack(current.domains, change.intent);
    // A write whose answer was lost may still have landed: the read-back decides, not the error.
    // One that did not land is planned again on a fresh read, after the server's wait and the jitter.
    if (E.isLeft(written) && !holds(drift)) {
      if (!transient(written.left) || attempt >= deps.maxWriteAttempts) return written;
      const wait = Math.max(
        retryAfterOf(written.left),
        backoffDelay(attempt, convergence.backoff, convergence.random),
      );
      if (!(await pause(wait))) return E.left(abortedAt('sent'));
      readAt = convergence.now();
      const fresh = await client.apps.get(appId, readCall)();
      if (E.isLeft(fresh)) return written;
      refresh();
      current = fresh.right;
      drift = checkReadBack(current.domains, change.intent);
    }
    if (E.isRight(written) && !holds(drift) && attempt === 1 && attempt < deps.maxWriteAttempts) {
      // Writers that collided on their first write read back at the same moment: wait a random
      // time and read again, so their next writes do not collide again in lock-step.
      if (!(await pause(backoffDelay(1, convergence.backoff, convergence.random)))) {
        return E.left(abortedAt('sent'));
      }
      readAt = convergence.now();
      const again = await client.apps.get(appId, readCall)();
      if (E.isLeft(again)) return again;
      refresh();
      current = again.right;
      drift = checkReadBack(current.domains, change.intent);
    }
    if (holds(drift)) {
      aborts.reach('written');
      if (actionId !== undefined) {
        const waited = await waitForAction(client, actionId, deps.wait, readCall)();
        if (E.isLeft(waited)) return waited;
      }
      return E.right({
        plan: first.right.plan,
        members,
        writes: attempt,
        app: current,
        warnings: [],
        ...(actionId === undefined ? {} : { action: { id: actionId, status: 'success' as const } }),
      });
    }
    if (attempt >= deps.maxWriteAttempts) return conflict(attempt, drift);
    // Another writer undid part of this change: plan the same change on what is there now.
    const replanned = reconcileDomains(current.domains, change.merged, reconcile);
    if (E.isLeft(replanned)) return replanned;
    const again = planWrite(deps.hooks, appId, reconcile, current.domains, replanned.right);
    if (E.isLeft(again)) return again;
    if (!again.right.plan.changed) return conflict(attempt, drift);
    list = again.right.list;
  }
};

/** Fire `app.domainsUpdated`; the domains are written, so an observer that throws is only a warning. */
const announce = (deps: ConvergeDeps, converged: Converged): Converged => {
  const { plan, action } = converged;
  const fired = E.tryCatch(
    () =>
      deps.hooks?.doAction('app.domainsUpdated', {
        appId: deps.appId,
        plan,
        ...(action === undefined ? {} : { actionId: action.id }),
      }),
    (thrown) =>
      thrown instanceof ServerPilotSdkError
        ? thrown.error
        : hookError('app.domainsUpdated', 'unknown', thrown),
  );
  return E.isLeft(fired) ? { ...converged, warnings: [...converged.warnings, fired.left] } : converged;
};

/**
 * Run one batch under the optional lock and fire `app.domainsUpdated` after a write. A batch
 * whose every member was refused makes no write; refused members fail alone.
 */
export const convergeBatch =
  (
    deps: ConvergeDeps,
    changes: readonly QueuedChange[],
    aborts: BatchAborts,
  ): TE.TaskEither<SdkError, Converged> =>
  async () => {
    const release =
      deps.lock === undefined ? undefined : await acquireLock(deps.lock, deps.appId, aborts.signal);
    if (release !== undefined && E.isLeft(release)) return release;
    let result: E.Either<SdkError, Converged>;
    try {
      result = await body(deps, changes, aborts);
    } finally {
      if (release !== undefined) await releaseQuietly(release.right);
    }
    return E.isRight(result) && result.right.writes > 0 && deps.hooks !== undefined
      ? E.right(announce(deps, result.right))
      : result;
  };
