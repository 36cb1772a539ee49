import { matchPattern } from './routes/index.js';

/** A change another writer makes to an app's domains: names to add and remove, or a function. */
export type DomainEdit =
  | { readonly add?: readonly string[]; readonly remove?: readonly string[] }
  | ((domains: readonly string[]) => readonly string[]);

/** What goes wrong with a matching request. */
export type Fault =
  /** Wait `ms` before handling the request (combines with any other fault). */
  | { readonly kind: 'latency'; readonly ms: number }
  /**
   * Answer `status` with the API's error body, e.g. 429 with `Retry-After`, or 500/502/503.
   * With `processed: true` the request is applied first, then its answer replaced: the write
   * landed but the client never learns it.
   */
  | {
      readonly kind: 'status';
      readonly status: number;
      /** Seconds (or an HTTP date) for the `Retry-After` header. @default 1 for 429, none otherwise */
      readonly retryAfter?: number | string;
      readonly message?: string;
      readonly processed?: boolean;
    }
  /** Close the connection without an answer (msw: a network error). `processed` as for `status`. */
  | { readonly kind: 'drop'; readonly processed?: boolean }
  /** Answer with a body that is not JSON, like an HTML page from a proxy (status 200 unless `status` says). */
  | {
      readonly kind: 'non-json';
      readonly status?: number;
      readonly body?: string;
      readonly contentType?: string;
    }
  /**
   * Handle the request, then give one field of the JSON answer a value of the wrong type.
   * `field` is a dotted path (`data.domains`, `data.0.id`); by default the first of
   * `data.domains`, `data.status`, `data.id`, `data.0.id` that exists.
   */
  | { readonly kind: 'wrong-type'; readonly field?: string; readonly value?: unknown }
  /**
   * Another writer changes the app's domains behind the client's back:
   * - `after-read` (default for GET): after answering the read, so the client plans on a stale list;
   * - `before-write` (default otherwise): just before the client's write is applied, which
   *   then silently overwrites the other writer's change;
   * - `after-write`: the other writer, having read before the client's write, posts its own
   *   stale list right after it, so the client's change is lost unless it reads back.
   * The app is the one in the request path, or `appId`.
   */
  | {
      readonly kind: 'concurrent-writer';
      readonly change: DomainEdit;
      readonly when?: 'after-read' | 'before-write' | 'after-write';
      readonly appId?: string;
    };

/** Which requests a fault hits, and how many times. */
export interface FaultRule {
  /** Any method when left out. */
  readonly method?: string;
  /** A path relative to `/v1`: exact, with `:param` segments (`/apps/:id`), or a RegExp. */
  readonly path: string | RegExp;
  /**
   * How many matching requests the fault hits. @default 1
   * @example Number.POSITIVE_INFINITY
   */
  readonly times?: number;
  readonly fault: Fault;
}

/** A fault that was added: how many hits are left, and a way to take it back. */
export interface FaultHandle {
  readonly rule: FaultRule;
  /** Matching requests it has hit so far. */
  readonly hits: number;
  readonly remaining: number;
  /** Takes the fault back: later requests no longer hit it. */
  remove(): void;
}

/** `simulator.faults`. */
export interface SimulatorFaults {
  /** Adds a fault for the requests `rule` matches; the handle counts its hits and removes it. */
  add(rule: FaultRule): FaultHandle;
  /** Faults with hits left, in the order added. */
  readonly active: readonly FaultHandle[];
  /** Removes every fault. */
  clear(): void;
}

interface Entry {
  rule: FaultRule;
  hits: number;
  remaining: number;
  handle: FaultHandle;
}

export interface FaultRegistry extends SimulatorFaults {
  /** Active faults matching a request, in the order added. */
  matching(method: string, path: string): Entry[];
  /** Counts a hit. */
  consume(entry: Entry): void;
}

export const createFaultRegistry = (): FaultRegistry => {
  let entries: Entry[] = [];
  const matches = (rule: FaultRule, method: string, path: string): boolean =>
    (rule.method === undefined || rule.method.toUpperCase() === method) &&
    (typeof rule.path === 'string' ? matchPattern(rule.path, path) !== undefined : rule.path.test(path));
  return {
    add(rule) {
      const times = rule.times ?? 1;
      if (!(times > 0)) throw new RangeError(`A fault's 'times' must be a positive number; got ${times}.`);
      const entry = { rule, hits: 0, remaining: times } as Entry;
      entry.handle = {
        rule,
        get hits() {
          return entry.hits;
        },
        get remaining() {
          return entry.remaining;
        },
        remove: () => {
          entries = entries.filter((e) => e !== entry);
        },
      };
      entries.push(entry);
      return entry.handle;
    },
    get active() {
      return entries.filter((e) => e.remaining > 0).map((e) => e.handle);
    },
    clear() {
      entries = [];
    },
    matching: (method, path) => entries.filter((e) => e.remaining > 0 && matches(e.rule, method, path)),
    consume(entry) {
      entry.hits += 1;
      entry.remaining -= 1;
      if (entry.remaining <= 0) entries = entries.filter((e) => e !== entry);
    },
  };
};

export const applyEdit = (domains: readonly string[], edit: DomainEdit): string[] => {
  if (typeof edit === 'function') return [...edit(domains)];
  const remove = new Set(edit.remove ?? []);
  const kept = domains.filter((d) => !remove.has(d));
  return [...kept, ...(edit.add ?? []).filter((d) => !kept.includes(d))];
};

const DEFAULT_FIELDS = ['data.domains', 'data.status', 'data.id', 'data.0.id', 'data'];

const wrongValueFor = (current: unknown): unknown => {
  if (typeof current === 'string') return 12345;
  if (typeof current === 'number') return 'not-a-number';
  if (typeof current === 'boolean') return 'yes';
  if (Array.isArray(current)) return 'not-an-array';
  if (current === null) return 0;
  return 'not-an-object';
};

/**
 * Gives one field of `body` a value of the wrong type (in a copy). Returns the body unchanged
 * when the field is not there, so a fault meant for a success answer leaves errors alone.
 */
export const corruptField = (body: unknown, field: string | undefined, value: unknown): unknown => {
  const copy: unknown = structuredClone(body);
  const fields = field === undefined ? DEFAULT_FIELDS : [field];
  for (const f of fields) {
    const parts = f.split('.');
    const last = parts.pop() as string;
    let parent: unknown = copy;
    for (const p of parts) parent = isContainer(parent) ? (parent as Record<string, unknown>)[p] : undefined;
    if (!isContainer(parent) || !(last in parent)) continue;
    const target = parent as Record<string, unknown>;
    target[last] = value === undefined ? wrongValueFor(target[last]) : value;
    return copy;
  }
  return copy;
};

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;
