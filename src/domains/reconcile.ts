import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import {
  type InvalidDomain,
  type InvalidOption,
  invalidOption,
  protectedDomain,
  tooManyDomains,
} from '../errors/index.js';
import { copyList, describeValue, readNameList } from './input.js';
import { type DomainName, normalizeDomain } from './name.js';
import type { DomainPlan, ReconcileError } from './plan.js';
import { type ShouldAddWww, tryWwwTwin, WWW_POLICIES, type WwwFilterHooks, type WwwPolicy } from './www.js';

/** ServerPilot's limit of domains per app. */
export const MAX_DOMAINS = 300;

/** A change to an app's domain list. Names are normalized; `remove` also removes twins the policy would add. */
export interface DomainChange {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/** `reconcileDomains` options: the www policy, the domain limit, protected names and hooks. */
export interface ReconcileOptions {
  /**
   * Which names get a `www.` twin.
   * @default 'apex'
   * @example { www: 'always' }
   */
  readonly www?: WwwPolicy;
  /**
   * The most names the plan may hold; more is a `TooManyDomains` error.
   * @default 300
   * @example { maxDomains: 100 }
   */
  readonly maxDomains?: number;
  /**
   * Names never removed: removing one is a `ProtectedDomain` error, and an implicit twin removal skips it.
   * @default []
   * @example { protect: ['network.example.com'] }
   */
  readonly protect?: readonly string[];
  /**
   * Decides www twins last, after the policy; wins over `hooks` when both are given.
   * @default none: the policy decides
   * @example { shouldAddWww: (wanted, { domain }) => E.right(wanted && !domain.endsWith('.test')) }
   */
  readonly shouldAddWww?: ShouldAddWww;
  /**
   * A registry whose `domains.shouldAddWww` filter decides www twins last (the SDK's `createHooks()`).
   * @default none
   * @example { hooks }
   */
  readonly hooks?: WwwFilterHooks;
}

/** Normalize every name, failing on the first that does not parse. */
const normalizeAll = (
  names: unknown,
  option: string,
): E.Either<InvalidOption | InvalidDomain, readonly DomainName[]> => {
  const list = readNameList(names, option);
  if (E.isLeft(list)) return list;
  const out: DomainName[] = [];
  for (const name of list.right) {
    const n = normalizeDomain(name as string);
    if (E.isLeft(n)) return n;
    out.push(n.right);
  }
  return E.right(out);
};

const checkOptions = (
  options: ReconcileOptions,
): E.Either<InvalidOption, { www: WwwPolicy; max: number }> => {
  const www = options.www ?? 'apex';
  if (!WWW_POLICIES.includes(www)) {
    return E.left(
      invalidOption('www', `${JSON.stringify(www)} is not a policy; pass 'apex', 'always' or 'never'`),
    );
  }
  const max = options.maxDomains ?? MAX_DOMAINS;
  if (!Number.isInteger(max) || max < 1) {
    return E.left(
      // The wording of the SDK's count rule (internal/validate.ts), which this pure layer cannot import.
      invalidOption(
        'maxDomains',
        `must be a whole number of at least 1, not ${typeof max === 'number' ? max : typeof max}; pass one such as 300`,
      ),
    );
  }
  return E.right({ www, max });
};

/** An entry of the current list with its normalized form; `key` is absent when it does not parse. */
interface CurrentEntry {
  readonly raw: string;
  readonly key?: string;
}

const indexCurrent = (current: readonly unknown[]): readonly CurrentEntry[] =>
  current.map((raw) => {
    if (typeof raw !== 'string') return { raw: describeValue(raw).input };
    const n = normalizeDomain(raw);
    return E.isRight(n) ? { raw, key: n.right } : { raw };
  });

/**
 * The one entry kept per normalized name: the normalized spelling when the server holds it (so a
 * padded or upper-case duplicate never wins over the clean one), else the first spelling.
 */
const keptSpellings = (entries: readonly CurrentEntry[]): ReadonlyMap<string, CurrentEntry> => {
  const kept = new Map<string, CurrentEntry>();
  for (const entry of entries) {
    if (entry.key === undefined) continue;
    const held = kept.get(entry.key);
    if (held === undefined || (held.raw !== entry.key && entry.raw === entry.key)) kept.set(entry.key, entry);
  }
  return kept;
};

/**
 * Plan a change to an app's domain list. Pure: the same input always gives the same plan.
 *
 * De-duplicates on the normalized form, keeps the current order (and the server's spelling of
 * existing names; of a name held twice, the normalized spelling if one is, else the first, every
 * other spelling listed in `removed`), appends new names in request order each followed by its www twin, removes the
 * twin of a removed name when the policy would have added it, refuses to remove a protected
 * name, keeps server entries that do not parse, and fails with `TooManyDomains` past the limit.
 *
 * @example
 * reconcileDomains(['example.com', 'www.example.com'], { add: ['shop.example.com', 'example.org'] })
 * // right({ next: ['example.com', 'www.example.com', 'shop.example.com', 'example.org', 'www.example.org'],
 * //         added: ['shop.example.com', 'example.org', 'www.example.org'], removed: [], changed: true, ... })
 */
export const reconcileDomains = (
  current: readonly string[],
  change: DomainChange,
  options: ReconcileOptions = {},
): E.Either<ReconcileError, DomainPlan> => {
  const currentList = copyList(current);
  if (!currentList.ok) {
    return E.left(
      invalidOption('current', `must be the array of domains the app has now; got ${currentList.got}`),
    );
  }
  if (typeof change !== 'object' || change === null) {
    return E.left(invalidOption('change', 'must be an object such as { add: ["example.com"] }'));
  }
  const checked = checkOptions(options);
  if (E.isLeft(checked)) return checked;
  const { www, max } = checked.right;
  const twinOf = (name: DomainName) => tryWwwTwin(name, { ...options, www });

  const adds = normalizeAll(change.add ?? [], 'add');
  if (E.isLeft(adds)) return adds;
  const removes = normalizeAll(change.remove ?? [], 'remove');
  if (E.isLeft(removes)) return removes;
  const protects = normalizeAll(options.protect ?? [], 'protect');
  if (E.isLeft(protects)) return protects;

  const isProtected = new Set<string>(protects.right);
  const explicitAdds = new Set<string>(adds.right);
  const explicitRemoves = new Set<string>(removes.right);

  // Removal set: explicit names (protected ones are an error), then twins (protected ones are skipped).
  const removeKeys = new Set<string>();
  for (const name of removes.right) {
    if (explicitAdds.has(name)) {
      return E.left(
        invalidOption('change', `"${name}" is both added and removed; pass it in only one of them`),
      );
    }
    if (isProtected.has(name)) return E.left(protectedDomain(name));
    removeKeys.add(name);
    const twin = twinOf(name);
    if (E.isLeft(twin)) return twin;
    if (O.isSome(twin.right) && !isProtected.has(twin.right.value) && !explicitAdds.has(twin.right.value)) {
      removeKeys.add(twin.right.value);
    }
  }

  const next: string[] = [];
  const removed: string[] = [];
  const unrecognized: string[] = [];
  const present = new Set<string>();
  const entries = indexCurrent(currentList.items);
  const kept = keptSpellings(entries);
  // A dropped duplicate spelling is listed in `removed` but is no change of the set of names.
  let removedNames = false;
  for (const entry of entries) {
    if (entry.key === undefined) {
      // Not understood, so never removed and never matched by a request: kept verbatim.
      unrecognized.push(entry.raw);
      next.push(entry.raw);
      continue;
    }
    if (removeKeys.has(entry.key)) {
      removed.push(entry.raw);
      removedNames = true;
    } else if (kept.get(entry.key) === entry) {
      present.add(entry.key);
      next.push(entry.raw);
    } else {
      removed.push(entry.raw);
    }
  }

  const added: string[] = [];
  const append = (name: string): void => {
    if (present.has(name) || removeKeys.has(name)) return;
    present.add(name);
    next.push(name);
    added.push(name);
  };
  for (const name of adds.right) {
    append(name);
    const twin = twinOf(name);
    if (E.isLeft(twin)) return twin;
    if (O.isSome(twin.right) && !explicitRemoves.has(twin.right.value)) append(twin.right.value);
  }

  if (added.length > 0 && next.length > max) return E.left(tooManyDomains(next.length, max));
  return E.right({ next, added, removed, changed: added.length > 0 || removedNames, unrecognized });
};
