/**
 * What a write means and whether it held: the plan as really written (after the filter), the
 * names a change needs present or absent, and how a read-back differs from that. Pure: compared
 * as sets on the normalized form, entries that do not parse by their raw text.
 */
import * as E from 'fp-ts/lib/Either.js';
import { normalizeDomain } from '../domains/name.js';
import type { DomainPlan } from '../domains/plan.js';
import { type NormalizedChange, type TwinOf, withTwins } from './changes.js';

/** A key to compare entries by: the normalized form, or the raw text of entries that do not parse. */
const keyOf = (raw: string): string => {
  const n = normalizeDomain(raw);
  return E.isRight(n) ? n.right : raw;
};

/** The set of keys of a list. */
export const keysOf = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(keyOf));

/**
 * The plan as it will really be written, after the `domains.beforeUpdate` filter may have changed
 * the list: `added`/`removed` are recomputed against `current`, compared as sets.
 */
export const effectivePlan = (
  current: readonly string[],
  planned: DomainPlan,
  written: readonly string[],
): DomainPlan => {
  if (written === planned.next) return planned;
  const before = keysOf(current);
  const after = keysOf(written);
  const added: string[] = [];
  const seen = new Set<string>();
  for (const raw of written) {
    const key = keyOf(raw);
    if (!before.has(key) && !seen.has(key)) added.push(raw);
    seen.add(key);
  }
  const removed: string[] = [];
  const gone = new Set<string>();
  for (const raw of current) {
    const key = keyOf(raw);
    if (!after.has(key) && !gone.has(key)) removed.push(raw);
    gone.add(key);
  }
  return {
    next: written,
    added,
    removed,
    changed: added.length > 0 || removed.length > 0,
    unrecognized: planned.unrecognized,
  };
};

/** What must hold after a write: names that must be present and names that must be absent. */
export interface Intent {
  readonly present: readonly string[];
  readonly absent: readonly string[];
}

/**
 * What a merged change means once written as `written` over `before`: the names it adds (with
 * twins) that the written list holds, and the names it removes that the written list does not.
 * A removed name's twin counts only if it was there before: a twin another writer adds later is
 * theirs, not something this change undoes.
 */
export const intentOf = (
  change: NormalizedChange,
  written: readonly string[],
  twinOf: TwinOf,
  before: readonly string[] = written,
): Intent => {
  const keys = keysOf(written);
  const had = keysOf(before);
  const present = withTwins(change.add, twinOf);
  const absent = new Set<string>();
  for (const name of change.remove) {
    absent.add(name);
    const twin = twinOf(name);
    if (twin !== undefined && had.has(twin)) absent.add(twin);
  }
  return {
    present: [...present].filter((n) => keys.has(n)),
    absent: [...absent].filter((n) => !keys.has(n)),
  };
};

/** How a read-back differs from the intent: added names another writer dropped, removed names it restored. */
export interface Drift {
  readonly missing: readonly string[];
  readonly restored: readonly string[];
}

/** Compare a read-back list with the intent, as sets on the normalized form. */
export const checkReadBack = (readBack: readonly string[], intent: Intent): Drift => {
  const keys = keysOf(readBack);
  return {
    missing: intent.present.filter((n) => !keys.has(n)),
    restored: intent.absent.filter((n) => keys.has(n)),
  };
};

export const holds = (drift: Drift): boolean => drift.missing.length === 0 && drift.restored.length === 0;
