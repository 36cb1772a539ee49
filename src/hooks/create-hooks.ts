import * as E from 'fp-ts/lib/Either.js';
import { hookError, invalidOption, type SdkError, ServerPilotSdkError } from '../errors.js';
import type {
  ActionCallback,
  ActionMap,
  ActionName,
  FilterCallback,
  FilterContext,
  FilterName,
  FilterValue,
} from './contexts.js';

/** Default priority, as in WordPress: lower runs first. */
export const DEFAULT_PRIORITY = 10;

const NAMESPACE = /^[a-zA-Z][a-zA-Z0-9_.\-/]*$/;

interface Entry<F> {
  readonly namespace: string;
  readonly priority: number;
  readonly callback: F;
  /** Insertion sequence, so ties in priority keep the order added. */
  readonly seq: number;
}

/**
 * A per-instance registry of typed filters and actions with WordPress semantics: callbacks run in
 * priority order (lower first), in the order added within a priority; removal is by namespace and
 * removes every callback of that namespace. A run works on a snapshot, so a callback that adds or
 * removes callbacks changes the next run, never the one in progress. A callback that throws stops
 * the run with a {@link ServerPilotSdkError} tagged `HookError`, naming the hook and namespace.
 */
export interface Hooks {
  /**
   * @param priority lower runs first. @default 10
   * @example hooks.addFilter('ssl.maxTries', 'my-panel', () => 10);
   */
  addFilter<N extends FilterName>(
    name: N,
    namespace: string,
    callback: FilterCallback<N>,
    priority?: number,
  ): void;
  /** Remove every callback `namespace` added to `name`; returns how many were removed. */
  removeFilter(name: FilterName, namespace: string): number;
  /** Whether `name` has any callback, or any from `namespace` when given. */
  hasFilter(name: FilterName, namespace?: string): boolean;
  /** Pass `value` through every callback of `name`; throws `ServerPilotSdkError` (`HookError`) if one throws. */
  applyFilters<N extends FilterName>(
    name: N,
    value: FilterValue<N>,
    context: FilterContext<N>,
  ): FilterValue<N>;
  /** {@link Hooks.applyFilters} that returns the failure instead of throwing it. */
  tryApplyFilters<N extends FilterName>(
    name: N,
    value: FilterValue<N>,
    context: FilterContext<N>,
  ): E.Either<SdkError, FilterValue<N>>;
  /**
   * @param priority lower runs first. @default 10
   * @example hooks.addAction('domain.stage', 'my-panel', (e) => log(e.domain, e.to));
   */
  addAction<N extends ActionName>(
    name: N,
    namespace: string,
    callback: ActionCallback<N>,
    priority?: number,
  ): void;
  removeAction(name: ActionName, namespace: string): number;
  hasAction(name: ActionName, namespace?: string): boolean;
  /** Run every callback of `name`; throws `ServerPilotSdkError` (`HookError`) if one throws. */
  doAction<N extends ActionName>(name: N, context: ActionMap[N]): void;
  /** How many times `name` has been fired on this registry. */
  didAction(name: ActionName): number;
}

type AnyFn = (...args: never[]) => unknown;

const fail = (error: SdkError): never => {
  throw new ServerPilotSdkError(error);
};

const validate = (kind: string, namespace: unknown, callback: unknown, priority: unknown): void => {
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace)) {
    fail(
      invalidOption(
        'namespace',
        `${JSON.stringify(namespace)} is not a namespace; pass a name starting with a letter, such as "my-panel/ssl"`,
      ),
    );
  }
  if (typeof callback !== 'function') fail(invalidOption('callback', `${kind} callbacks must be functions`));
  if (typeof priority !== 'number' || !Number.isFinite(priority)) {
    fail(invalidOption('priority', `${String(priority)} is not a finite number; pass an integer such as 10`));
  }
};

/** One ordered list of callbacks per hook name. */
const createRegistry = <F extends AnyFn>(kind: 'filter' | 'action') => {
  const lists = new Map<string, readonly Entry<F>[]>();
  let seq = 0;

  return {
    add(name: string, namespace: string, callback: F, priority: number): void {
      validate(kind, namespace, callback, priority);
      const entry: Entry<F> = { namespace, priority, callback, seq: seq++ };
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
    snapshot(name: string): readonly Entry<F>[] {
      return lists.get(name) ?? [];
    },
  };
};

/**
 * A new, empty registry. Each integration owns one; there is no global registry.
 *
 * @example
 * const hooks = createHooks();
 * hooks.addFilter('ssl.retryDelayMs', 'my-panel', () => 60_000);
 * const sp = createServerPilotIntegration({ hooks, ...config });
 */
export const createHooks = (): Hooks => {
  const filters = createRegistry<FilterCallback<FilterName>>('filter');
  const actions = createRegistry<ActionCallback<ActionName>>('action');
  const fired = new Map<ActionName, number>();

  const tryApplyFilters = <N extends FilterName>(
    name: N,
    value: FilterValue<N>,
    context: FilterContext<N>,
  ): E.Either<SdkError, FilterValue<N>> => {
    let current = value;
    for (const entry of filters.snapshot(name)) {
      try {
        current = (entry.callback as unknown as FilterCallback<N>)(current, context);
      } catch (thrown) {
        return E.left(hookError(name, entry.namespace, thrown));
      }
    }
    return E.right(current);
  };

  return {
    addFilter: (name, namespace, callback, priority = DEFAULT_PRIORITY) =>
      filters.add(name, namespace, callback as unknown as FilterCallback<FilterName>, priority),
    removeFilter: (name, namespace) => filters.remove(name, namespace),
    hasFilter: (name, namespace) => filters.has(name, namespace),
    tryApplyFilters,
    applyFilters: (name, value, context) => {
      const result = tryApplyFilters(name, value, context);
      return E.isLeft(result) ? fail(result.left) : result.right;
    },
    addAction: (name, namespace, callback, priority = DEFAULT_PRIORITY) =>
      actions.add(name, namespace, callback as unknown as ActionCallback<ActionName>, priority),
    removeAction: (name, namespace) => actions.remove(name, namespace),
    hasAction: (name, namespace) => actions.has(name, namespace),
    doAction: (name, context) => {
      fired.set(name, (fired.get(name) ?? 0) + 1);
      for (const entry of actions.snapshot(name)) {
        try {
          (entry.callback as unknown as ActionCallback<typeof name>)(context);
        } catch (thrown) {
          fail(hookError(name, entry.namespace, thrown));
        }
      }
    },
    didAction: (name) => fired.get(name) ?? 0,
  };
};
