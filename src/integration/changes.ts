/**
 * Pure logic of the integration's changes: parsing what callers pass, merging queued changes and
 * planning a batch. No I/O, no clock: everything here is property-tested. Checking a read-back
 * against what was meant is in `read-back.ts`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import { parseEach } from '../domains/input.js';
import type { DomainName } from '../domains/name.js';
import { normalizeDomain } from '../domains/name.js';
import type { DomainPlan } from '../domains/plan.js';
import { type DomainChange, type ReconcileOptions, reconcileDomains } from '../domains/reconcile.js';
import { tryWwwTwin } from '../domains/www.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import type { PlanChange } from './options.js';

/** A change whose names are already normalized; `add` and `remove` never share a name. */
export interface NormalizedChange {
  readonly add: readonly DomainName[];
  readonly remove: readonly DomainName[];
}

/** What one caller queued: a plain change, or a pruning sync resolved against the list at plan time. */
export type QueuedChange =
  | ({ readonly kind: 'change' } & NormalizedChange)
  | { readonly kind: 'sync'; readonly desired: readonly DomainName[] };

/** The www twin the options would add next to a name, if any. */
export type TwinOf = (name: DomainName) => DomainName | undefined;

export const EMPTY_CHANGE: NormalizedChange = { add: [], remove: [] };

/** The normalized protected names of reconcile options (names that do not parse protect nothing). */
export const protectedSet = (options: ReconcileOptions): ReadonlySet<string> => {
  const out = new Set<string>();
  for (const p of options.protect ?? []) {
    const n = normalizeDomain(p);
    if (E.isRight(n)) out.add(n.right);
  }
  return out;
};

/** A twin resolver from reconcile options; a filter that throws means "no twin" here (the planner reports it). */
export const twinResolver =
  (options: ReconcileOptions): TwinOf =>
  (name) => {
    const twin = tryWwwTwin(
      name,
      options.hooks === undefined
        ? { www: options.www ?? 'apex' }
        : { www: options.www ?? 'apex', hooks: options.hooks },
    );
    return E.isRight(twin) && O.isSome(twin.right) ? twin.right.value : undefined;
  };

/** The names and the www twin of each. */
export const withTwins = (names: readonly DomainName[], twinOf: TwinOf): Set<string> => {
  const out = new Set<string>();
  for (const name of names) {
    out.add(name);
    const twin = twinOf(name);
    if (twin !== undefined) out.add(twin);
  }
  return out;
};

/**
 * Merge changes, in order, into one change with the same effect as applying them one after the
 * other. A later add cancels an earlier remove of the name (or of its twin, which the remove
 * would have taken with it); a later remove cancels an earlier add of the name and of its twin.
 * Within one change adds and removes do not cancel each other: the planner already resolves them.
 *
 * @example
 * mergeChanges([{ add: ['a.com'], remove: [] }, { add: [], remove: ['a.com'] }], twinOf)
 * // { add: [], remove: ['a.com'] }
 */
export const mergeChanges = (
  changes: readonly NormalizedChange[],
  twinOf: TwinOf,
  protect: ReadonlySet<string> = new Set(),
): NormalizedChange => {
  let add: DomainName[] = [];
  let remove: DomainName[] = [];
  for (const change of changes) {
    // A protected twin survives the removal of its name, so an earlier add that brought it in still holds for it.
    const carried: DomainName[] = [];
    const cancelRemove = withTwins(change.add, twinOf);
    const cancelAdd = new Set<string>();
    for (const name of change.remove) {
      cancelAdd.add(name);
      const twin = twinOf(name);
      if (twin === undefined) continue;
      if (!protect.has(twin)) cancelAdd.add(twin);
      else if (add.includes(name)) carried.push(twin);
    }
    add = add.filter((n) => !cancelAdd.has(n));
    remove = remove.filter((n) => !cancelRemove.has(n));
    for (const name of carried) if (!add.includes(name)) add.push(name);
    for (const name of change.add) if (!add.includes(name)) add.push(name);
    for (const name of change.remove) if (!remove.includes(name)) remove.push(name);
  }
  return { add, remove };
};

/** Normalize a caller's names, failing on the first that does not parse. */
export const normalizeNames = (names: readonly string[]): E.Either<SdkError, readonly DomainName[]> =>
  parseEach(names, normalizeDomain);

/** Options with a limit so high it never binds: for planning against an empty list. */
const unbounded = (options: ReconcileOptions): ReconcileOptions => ({
  ...options,
  maxDomains: Number.MAX_SAFE_INTEGER,
});

/**
 * The change that makes `current` hold exactly `desired` (with twins), keeping protected and
 * unrecognized entries: what `syncDomains(desired, { prune: true })` means against one list.
 */
export const pruneChange = (
  current: readonly string[],
  desired: readonly DomainName[],
  options: ReconcileOptions,
): E.Either<SdkError, NormalizedChange> =>
  pipe(
    reconcileDomains([], { add: desired }, unbounded(options)),
    E.map((wanted) => {
      const keep = new Set<string>([...wanted.added, ...protectedSet(options)]);
      const remove: DomainName[] = [];
      for (const raw of current) {
        const n = normalizeDomain(raw);
        if (E.isRight(n) && !keep.has(n.right) && !remove.includes(n.right)) remove.push(n.right);
      }
      return { add: desired, remove };
    }),
  );

/** What a batch member asked for, resolved against the list it will be applied to. */
const resolveMember = (
  listBefore: readonly string[],
  change: QueuedChange,
  options: ReconcileOptions,
): E.Either<SdkError, NormalizedChange> =>
  change.kind === 'sync'
    ? pruneChange(listBefore, change.desired, options)
    : E.right({ add: change.add, remove: change.remove });

/** The outcome of planning a batch against the list just read. */
export interface BatchPlan {
  /** The merged change of every accepted member. */
  readonly merged: NormalizedChange;
  /** The plan for the merged change. */
  readonly plan: DomainPlan;
  /** Per member, in order: its change as resolved, or why it alone was refused. */
  readonly members: readonly E.Either<SdkError, NormalizedChange>[];
}

/**
 * Plan a batch of queued changes against the current list, member by member in queue order: a
 * member whose change cannot be planned on top of the ones before it (too many domains, a filter
 * that throws) is refused alone, and the batch goes on without it.
 */
export const planBatch = (
  current: readonly string[],
  batch: readonly QueuedChange[],
  options: ReconcileOptions,
  twinOf: TwinOf = twinResolver(options),
): E.Either<SdkError, BatchPlan> => {
  const protect = protectedSet(options);
  // Fast path, the usual case: plain changes that fit together are planned once, not once per member.
  if (batch.every((c) => c.kind === 'change')) {
    const all = mergeChanges(batch as readonly NormalizedChange[], twinOf, protect);
    const planned = reconcileDomains(current, all, options);
    if (E.isRight(planned)) {
      return E.right({
        merged: all,
        plan: planned.right,
        members: batch.map((c) =>
          E.right(c.kind === 'change' ? { add: c.add, remove: c.remove } : EMPTY_CHANGE),
        ),
      });
    }
  }
  const base = reconcileDomains(current, {}, options);
  if (E.isLeft(base)) return base;
  let merged: NormalizedChange = EMPTY_CHANGE;
  let plan: DomainPlan = base.right;
  const members: E.Either<SdkError, NormalizedChange>[] = [];
  for (const change of batch) {
    const resolved = resolveMember(plan.next, change, options);
    if (E.isLeft(resolved)) {
      members.push(resolved);
      continue;
    }
    const candidate = mergeChanges([merged, resolved.right], twinOf, protect);
    const next = reconcileDomains(current, candidate, options);
    if (E.isLeft(next)) {
      members.push(next);
      continue;
    }
    merged = candidate;
    plan = next.right;
    members.push(resolved);
  }
  return E.right({ merged, plan, members });
};

/** Turn a caller's raw change into a queued one, checking it alone (names, protection, both-ways). */
export const toQueuedChange = (
  change: DomainChange,
  options: ReconcileOptions,
): E.Either<SdkError, QueuedChange> =>
  pipe(
    E.Do,
    E.apS('add', normalizeNames(change.add ?? [])),
    E.apS('remove', normalizeNames(change.remove ?? [])),
    // Planning it against an empty list checks protection and add/remove overlap with the planner's own rules.
    E.tap(({ add, remove }) => reconcileDomains([], { add, remove }, unbounded(options))),
    E.map(({ add, remove }) => ({ kind: 'change' as const, add, remove })),
  );

// Input parsing for the integration's operations: plain JavaScript callers may pass anything.

const asArray = (value: unknown, option: string): E.Either<SdkError, readonly string[]> =>
  Array.isArray(value)
    ? E.right(value as readonly string[])
    : E.left(invalidOption(option, 'must be an array of domain names, such as ["example.com"]'));

/** The queued change of `addDomains(add)` / `removeDomains(remove)`. */
export const changeOf = (
  add: unknown,
  remove: unknown,
  options: ReconcileOptions,
): E.Either<SdkError, QueuedChange> =>
  pipe(
    E.Do,
    E.apS('add', asArray(add, 'domains')),
    E.apS('remove', asArray(remove, 'domains')),
    E.flatMap((change) => toQueuedChange(change, options)),
  );

/** The queued change of `syncDomains(desired, { prune })`: only adds, unless `prune`. */
export const syncOf = (
  desired: unknown,
  prune: boolean,
  options: ReconcileOptions,
): E.Either<SdkError, QueuedChange> =>
  prune
    ? pipe(
        asArray(desired, 'desired'),
        E.flatMap(normalizeNames),
        E.map((names) => ({ kind: 'sync' as const, desired: names })),
      )
    : changeOf(desired, [], options);

/** The queued change `plan()` dry-runs: a change, or a sync. */
export const planChangeOf = (
  change: PlanChange,
  options: ReconcileOptions,
): E.Either<SdkError, QueuedChange> =>
  change !== null && typeof change === 'object' && 'sync' in change
    ? syncOf(change.sync, change.prune === true, options)
    : changeOf(change?.add ?? [], change?.remove ?? [], options);
