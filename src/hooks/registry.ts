import * as E from 'fp-ts/lib/Either.js';
import {
  type HookError,
  hookError,
  invalidOption,
  type SdkError,
  ServerPilotSdkError,
} from '../errors/index.js';

/** Default priority, as in WordPress: lower runs first. */
export const DEFAULT_PRIORITY = 10;

/**
 * A table of filters: for each hook name, the value it filters and the context its callbacks get.
 * Written as a constraint on `F` itself so an `interface` (which has no index signature) fits.
 *
 * @example
 * interface MyFilters { 'cache.ttl': { value: number; context: { key: string } } }
 */
export type FilterTable<F> = {
  readonly [N in keyof F]: { readonly value: unknown; readonly context: unknown };
};

/**
 * A table of actions: for each hook name, the context its callbacks receive.
 *
 * @example
 * interface MyActions { 'cache.evicted': { key: string } }
 */
export type ActionTable<A> = { readonly [N in keyof A]: unknown };

/** The names of a table, as strings. */
export type HookName<T> = keyof T & string;

/** A filter callback of `name` in the table `F`: takes the value and context, returns the value. */
export type FilterCallbackOf<F extends FilterTable<F>, N extends HookName<F>> = (
  value: F[N]['value'],
  context: F[N]['context'],
) => F[N]['value'];

/** An action callback of `name` in the table `A`. */
export type ActionCallbackOf<A extends ActionTable<A>, N extends HookName<A>> = (context: A[N]) => void;

/**
 * A per-instance registry of typed filters and actions with WordPress semantics: callbacks run in
 * priority order (lower first), in the order added within a priority; removal is by namespace and
 * removes every callback of that namespace. A run works on a snapshot, so a callback that adds or
 * removes callbacks changes the next run, never the one in progress. A callback that throws stops
 * the run with a {@link ServerPilotSdkError} tagged `HookError`, naming the hook and namespace.
 *
 * `F` and `A` are the tables of hook names this registry knows; the SDK's own are `FilterMap` and
 * `ActionMap`, and `Hooks` is the registry over them.
 */
export interface HookRegistry<F extends FilterTable<F>, A extends ActionTable<A>> {
  /**
   * @param priority lower runs first. @default 10
   * @example hooks.addFilter('ssl.maxTries', 'my-panel', () => 10);
   */
  addFilter<N extends HookName<F>>(
    name: N,
    namespace: string,
    callback: FilterCallbackOf<F, N>,
    priority?: number,
  ): void;
  /** Remove every callback `namespace` added to `name`; returns how many were removed. */
  removeFilter(name: HookName<F>, namespace: string): number;
  /** Whether `name` has any callback, or any from `namespace` when given. */
  hasFilter(name: HookName<F>, namespace?: string): boolean;
  /** Pass `value` through every callback of `name`; throws `ServerPilotSdkError` (`HookError`) if one throws. */
  applyFilters<N extends HookName<F>>(name: N, value: F[N]['value'], context: F[N]['context']): F[N]['value'];
  /** {@link HookRegistry.applyFilters} that returns the failure instead of throwing it. */
  tryApplyFilters<N extends HookName<F>>(
    name: N,
    value: F[N]['value'],
    context: F[N]['context'],
  ): E.Either<HookError, F[N]['value']>;
  /**
   * @param priority lower runs first. @default 10
   * @example hooks.addAction('domain.stage', 'my-panel', (e) => log(e.domain, e.to));
   */
  addAction<N extends HookName<A>>(
    name: N,
    namespace: string,
    callback: ActionCallbackOf<A, N>,
    priority?: number,
  ): void;
  /** Removes every callback of `namespace` on `name`; returns how many were removed. */
  removeAction(name: HookName<A>, namespace: string): number;
  /** Whether `name` has a callback (of `namespace`, when given). */
  hasAction(name: HookName<A>, namespace?: string): boolean;
  /** Run every callback of `name`; throws `ServerPilotSdkError` (`HookError`) if one throws. */
  doAction<N extends HookName<A>>(name: N, context: A[N]): void;
  /** How many times `name` has been fired on this registry. */
  didAction(name: HookName<A>): number;
}

const NAMESPACE = /^[a-zA-Z][a-zA-Z0-9_.\-/]*$/;

interface Entry<C> {
  readonly namespace: string;
  readonly priority: number;
  readonly callback: C;
  /** Insertion sequence, so ties in priority keep the order added. */
  readonly seq: number;
}

/**
 * Why a registration cannot be used, in the message form of the SDK's option rules (which live
 * above this pure layer, so the three checks are written out here).
 */
const registrationProblem = (
  kind: string,
  namespace: unknown,
  callback: unknown,
  priority: unknown,
): SdkError | undefined => {
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace)) {
    return invalidOption(
      'namespace',
      `must be a name starting with a letter, not ${JSON.stringify(namespace)}; pass one such as "my-panel/ssl"`,
    );
  }
  if (typeof callback !== 'function') {
    return invalidOption(
      'callback',
      `must be a function, not ${callback === null ? 'null' : typeof callback}; pass ${kind} callbacks as functions, such as (value) => value`,
    );
  }
  if (typeof priority !== 'number' || !Number.isFinite(priority)) {
    return invalidOption(
      'priority',
      `must be a finite number, not ${typeof priority === 'number' ? priority : typeof priority}; pass one such as 10`,
    );
  }
  return undefined;
};

const validate = (kind: string, namespace: unknown, callback: unknown, priority: unknown): void => {
  const problem = registrationProblem(kind, namespace, callback, priority);
  if (problem !== undefined) throw new ServerPilotSdkError(problem);
};

/** One ordered list of callbacks per hook name; callbacks are stored untyped, the registry's API types them. */
const createLists = (kind: 'filter' | 'action') => {
  type Callback = (...args: never[]) => unknown;
  const lists = new Map<string, readonly Entry<Callback>[]>();
  let seq = 0;

  return {
    add(name: string, namespace: string, callback: Callback, priority: number): void {
      validate(kind, namespace, callback, priority);
      const entry: Entry<Callback> = { namespace, priority, callback, seq: seq++ };
      // Lists are replaced, never mutated, so a run in progress keeps its snapshot.
      const next = [...(lists.get(name) ?? []), entry].sort(
        (a, b) => a.priority - b.priority || a.seq - b.seq,
      );
      lists.set(name, next);
    },
    remove(name: string, namespace: string): number {
      const list = lists.get(name) ?? [];
      const kept = list.filter((e) => e.namespace !== namespace);
      lists.set(name, kept);
      return list.length - kept.length;
    },
    has(name: string, namespace?: string): boolean {
      const list = lists.get(name) ?? [];
      return namespace === undefined ? list.length > 0 : list.some((e) => e.namespace === namespace);
    },
    snapshot(name: string): readonly Entry<Callback>[] {
      return lists.get(name) ?? [];
    },
  };
};

/**
 * A new, empty registry over the hook tables `F` and `A`. The SDK's `createHooks()` is this over
 * its own tables; a library built on the same registry passes its own.
 *
 * @example
 * interface CacheFilters { 'cache.ttl': { value: number; context: { key: string } } }
 * interface CacheActions { 'cache.evicted': { key: string } }
 * const hooks = createHookRegistry<CacheFilters, CacheActions>();
 * hooks.addFilter('cache.ttl', 'my-app', (ttl, { key }) => (key.startsWith('hot:') ? ttl / 2 : ttl));
 */
export const createHookRegistry = <F extends FilterTable<F>, A extends ActionTable<A>>(): HookRegistry<
  F,
  A
> => {
  const filters = createLists('filter');
  const actions = createLists('action');
  const fired = new Map<string, number>();

  const tryApplyFilters = <N extends HookName<F>>(
    name: N,
    value: F[N]['value'],
    context: F[N]['context'],
  ): E.Either<HookError, F[N]['value']> => {
    let current = value;
    for (const entry of filters.snapshot(name)) {
      try {
        current = (entry.callback as unknown as FilterCallbackOf<F, N>)(current, context);
      } catch (thrown) {
        return E.left(hookError(name, entry.namespace, thrown));
      }
    }
    return E.right(current);
  };

  return {
    addFilter: (name, namespace, callback, priority = DEFAULT_PRIORITY) =>
      filters.add(name, namespace, callback as never, priority),
    removeFilter: (name, namespace) => filters.remove(name, namespace),
    hasFilter: (name, namespace) => filters.has(name, namespace),
    tryApplyFilters,
    applyFilters: (name, value, context) => {
      const result = tryApplyFilters(name, value, context);
      if (E.isLeft(result)) throw new ServerPilotSdkError(result.left);
      return result.right;
    },
    addAction: (name, namespace, callback, priority = DEFAULT_PRIORITY) =>
      actions.add(name, namespace, callback as never, priority),
    removeAction: (name, namespace) => actions.remove(name, namespace),
    hasAction: (name, namespace) => actions.has(name, namespace),
    doAction: (name, context) => {
      fired.set(name, (fired.get(name) ?? 0) + 1);
      for (const entry of actions.snapshot(name)) {
        try {
          (entry.callback as unknown as ActionCallbackOf<A, typeof name>)(context);
        } catch (thrown) {
          throw new ServerPilotSdkError(hookError(name, entry.namespace, thrown));
        }
      }
    },
    didAction: (name) => fired.get(name) ?? 0,
  };
};
