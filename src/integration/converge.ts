/**
 * One batch, end to end: read the app, plan every queued change, apply `domains.beforeUpdate`,
 * skip the write when nothing changes, write, wait for the action, read back, and re-apply while
 * another writer has undone part of the change, a bounded number of times (then `WriteConflict`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { DomainPlan } from '../domains/plan.js';
import { type ReconcileOptions, reconcileDomains } from '../domains/reconcile.js';
import { hookError, invalidOption, type SdkError, tooManyDomains } from '../errors.js';
import type { Hooks } from '../sdk-hooks.js';
import {
  checkReadBack,
  effectivePlan,
  holds,
  intentOf,
  type NormalizedChange,
  planBatch,
  type QueuedChange,
  type TwinOf,
} from './changes.js';
import type { AppView, CallOptions, IntegrationClient } from './ports.js';
import type { ActionOutcome } from './report.js';
import { type WaitOptions, waitForAction } from './wait.js';

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
  acquire(appId: string): Promise<LockRelease>;
}

export interface ConvergeDeps {
  readonly client: IntegrationClient;
  readonly appId: string;
  readonly call: CallOptions;
  readonly wait: WaitOptions;
  readonly reconcile: ReconcileOptions;
  readonly twinOf: TwinOf;
  readonly maxWriteAttempts: number;
  readonly hooks?: Hooks;
  readonly lock?: DomainLock;
}

/** The outcome of a batch that reached the server. */
export interface Converged {
  /** The effective plan of the first write (or of the no-op). */
  readonly plan: DomainPlan;
  /** One entry per batch member: its resolved change, or why it alone was refused. */
  readonly members: readonly E.Either<SdkError, NormalizedChange>[];
  readonly writes: number;
  readonly action?: ActionOutcome;
  /** The app as last read (after the last write, when there was one). */
  readonly app: AppView;
  /** Failures after the write held (a throwing `app.domainsUpdated` callback): reported, not fatal. */
  readonly warnings: readonly SdkError[];
}

const run = <A>(task: TE.TaskEither<SdkError, A>): Promise<E.Either<SdkError, A>> => task();

/** Apply the `domains.beforeUpdate` filter and check that it still returned a list of names. */
export const applyBeforeUpdate = (
  hooks: Hooks | undefined,
  appId: string,
  current: readonly string[],
  plan: DomainPlan,
): E.Either<SdkError, readonly string[]> => {
  if (hooks === undefined || !hooks.hasFilter('domains.beforeUpdate')) return E.right(plan.next);
  return E.flatMap((list: readonly string[]) =>
    Array.isArray(list) && list.every((d) => typeof d === 'string')
      ? E.right(list)
      : E.left(
          invalidOption(
            'domains.beforeUpdate',
            'a callback returned something other than an array of domain names; return the list to post',
          ),
        ),
  )(hooks.tryApplyFilters('domains.beforeUpdate', plan.next, { appId, current, plan }));
};

/** Plan and filter one list: the list to write and the plan as it will really be written. */
const planWrite = (
  deps: ConvergeDeps,
  current: readonly string[],
  planned: DomainPlan,
): E.Either<SdkError, { list: readonly string[]; plan: DomainPlan }> =>
  E.flatMap((list: readonly string[]) => {
    const plan = effectivePlan(current, planned, list);
    const max = deps.reconcile.maxDomains ?? 300;
    if (plan.added.length > 0 && list.length > max) return E.left(tooManyDomains(list.length, max));
    return E.right({ list, plan });
  })(applyBeforeUpdate(deps.hooks, deps.appId, current, planned));

/**
 * Failures that say nothing about whether the server applied the write: the connection dropped,
 * the answer timed out, or a 5xx came back (possibly from a proxy, after the app had the list).
 */
const answerLost = (error: SdkError): boolean =>
  error._tag === 'NetworkError' ||
  error._tag === 'TimeoutError' ||
  (error._tag === 'HttpError' && (error.kind === 'server-error' || error.kind === 'request-timeout'));

/** Write one list and wait for its action. */
const write = async (
  deps: ConvergeDeps,
  list: readonly string[],
): Promise<E.Either<SdkError, ActionOutcome | undefined>> => {
  const written = await run(deps.client.apps.update(deps.appId, { domains: list }, deps.call));
  if (E.isLeft(written)) return written;
  const actionId = written.right.actionId;
  if (actionId === undefined) return E.right(undefined);
  const action = await run(waitForAction(deps.client, actionId, deps.wait, deps.call));
  return E.map(() => ({ id: actionId, status: 'success' as const }))(action);
};

const body = async (
  deps: ConvergeDeps,
  batch: readonly QueuedChange[],
): Promise<E.Either<SdkError, Converged>> => {
  const read = await run(deps.client.apps.get(deps.appId, deps.call));
  if (E.isLeft(read)) return read;
  const app = read.right;
  const planned = planBatch(app.domains, batch, deps.reconcile, deps.twinOf);
  if (E.isLeft(planned)) return planned;
  const { merged, members } = planned.right;
  const first = planWrite(deps, app.domains, planned.right.plan);
  if (E.isLeft(first)) return first;
  if (!first.right.plan.changed) {
    return E.right({ plan: first.right.plan, members, writes: 0, app, warnings: [] });
  }

  const intent = intentOf(merged, first.right.list, deps.twinOf, app.domains);
  let list = first.right.list;
  let action: ActionOutcome | undefined;
  for (let attempt = 1; ; attempt++) {
    const written = await write(deps, list);
    if (E.isLeft(written) && !answerLost(written.left)) return written;
    if (E.isRight(written)) action = written.right ?? action;
    const back = await run(deps.client.apps.get(deps.appId, deps.call));
    if (E.isLeft(back)) return E.isLeft(written) ? written : back;
    const drift = checkReadBack(back.right.domains, intent);
    // A write whose answer was lost may still have landed: the read-back decides, not the error.
    if (E.isLeft(written) && !holds(drift)) return written;
    const conflict = (): E.Either<SdkError, Converged> =>
      E.left({ _tag: 'WriteConflict', appId: deps.appId, attempts: attempt, ...drift });
    if (holds(drift)) {
      return E.right({
        plan: first.right.plan,
        members,
        writes: attempt,
        app: back.right,
        warnings: [],
        ...(action === undefined ? {} : { action }),
      });
    }
    if (attempt >= deps.maxWriteAttempts) return conflict();
    // Another writer undid part of this change: plan the same merged change on what is there now.
    const replanned = reconcileDomains(back.right.domains, merged, deps.reconcile);
    if (E.isLeft(replanned)) return replanned;
    const again = planWrite(deps, back.right.domains, replanned.right);
    if (E.isLeft(again)) return again;
    if (!again.right.plan.changed) return conflict();
    list = again.right.list;
  }
};

/**
 * Run one batch under the optional lock and fire `app.domainsUpdated` after a write. A batch
 * whose every member was refused makes no write; refused members fail alone.
 */
export const convergeBatch =
  (deps: ConvergeDeps, batch: readonly QueuedChange[]): TE.TaskEither<SdkError, Converged> =>
  async () => {
    let release: LockRelease | undefined;
    if (deps.lock !== undefined) {
      try {
        release = await deps.lock.acquire(deps.appId);
      } catch (thrown) {
        // A lock of this SDK (createRedisLock) says why in an SdkError, such as LockTimeout.
        const carried = (thrown as { error?: SdkError } | null)?.error;
        return E.left(
          typeof carried?._tag === 'string' ? carried : hookError('lock.acquire', 'lock', thrown),
        );
      }
    }
    let result: E.Either<SdkError, Converged>;
    try {
      result = await body(deps, batch);
    } finally {
      if (release !== undefined) {
        try {
          await release();
        } catch {
          // A lock that fails to release expires on its own; the change itself is done.
        }
      }
    }
    if (E.isRight(result) && result.right.writes > 0 && deps.hooks !== undefined) {
      const { plan, action } = result.right;
      const fired = E.tryCatch(
        () =>
          deps.hooks?.doAction('app.domainsUpdated', {
            appId: deps.appId,
            plan,
            ...(action === undefined ? {} : { actionId: action.id }),
          }),
        (thrown) =>
          (thrown as { error?: SdkError }).error ?? hookError('app.domainsUpdated', 'unknown', thrown),
      );
      // The domains are written: an observer that throws must not turn the change into a failure.
      if (E.isLeft(fired))
        return E.right({ ...result.right, warnings: [...result.right.warnings, fired.left] });
    }
    return result;
  };
