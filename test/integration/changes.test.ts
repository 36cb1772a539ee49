import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { DomainName } from '../../src/domains/name.js';
import { type ReconcileOptions, reconcileDomains } from '../../src/domains/reconcile.js';
import {
  mergeChanges,
  type NormalizedChange,
  planBatch,
  protectedSet,
  pruneChange,
  type QueuedChange,
  toQueuedChange,
  twinResolver,
} from '../../src/integration/changes.js';
import { checkReadBack, effectivePlan, intentOf, keysOf } from '../../src/integration/read-back.js';
import { expectRight } from '../helpers.js';

const d = (names: readonly string[]): DomainName[] => names as DomainName[];
const change = (add: readonly string[], remove: readonly string[] = []): NormalizedChange => ({
  add: d(add),
  remove: d(remove),
});
const queued = (add: readonly string[], remove: readonly string[] = []): QueuedChange => ({
  kind: 'change',
  ...change(add, remove),
});
const apex: ReconcileOptions = { www: 'apex' };
const twinOf = twinResolver(apex);

describe('mergeChanges', () => {
  it('lets a later add cancel an earlier remove of the same name', () => {
    expect(mergeChanges([change([], ['a.com']), change(['a.com'])], twinOf)).toEqual(change(['a.com']));
  });

  it('lets a later remove cancel an earlier add of the same name', () => {
    expect(mergeChanges([change(['a.com']), change([], ['a.com'])], twinOf)).toEqual(change([], ['a.com']));
  });

  it('lets adding an apex cancel an earlier removal of its www twin', () => {
    expect(mergeChanges([change([], ['www.a.com']), change(['a.com'])], twinOf)).toEqual(change(['a.com']));
  });

  it('keeps the first position of a name added twice and drops duplicates', () => {
    expect(mergeChanges([change(['a.com', 'b.com']), change(['a.com', 'c.com'])], twinOf).add).toEqual([
      'a.com',
      'b.com',
      'c.com',
    ]);
  });

  it('does not cancel adds and removes inside one change', () => {
    expect(mergeChanges([change(['a.com'], ['www.a.com'])], twinOf)).toEqual(
      change(['a.com'], ['www.a.com']),
    );
  });

  // The model: apply each change on its own, one after the other, with the real planner.
  const pool = [
    'a.com',
    'www.a.com',
    'shop.a.com',
    'www.shop.a.com',
    'b.co.uk',
    'www.b.co.uk',
    'c.org',
    'www.c.org',
    '*.c.org',
    '10.0.0.1',
  ];
  const protectedName = 'c.org';
  const changeArb = fc
    .array(fc.constantFrom<'add' | 'remove' | 'none'>('add', 'remove', 'none'), {
      minLength: pool.length,
      maxLength: pool.length,
    })
    .chain((ops) =>
      fc.shuffledSubarray(pool, { minLength: 0, maxLength: pool.length }).map((order) => {
        const op = (n: string) => ops[pool.indexOf(n)];
        return change(
          order.filter((n) => op(n) === 'add'),
          order.filter((n) => op(n) === 'remove' && n !== protectedName),
        );
      }),
    );
  const currentArb = fc.shuffledSubarray([...pool, 'not a domain!'], { minLength: 0 });
  const optionsArb = fc.record({
    www: fc.constantFrom<'apex' | 'always' | 'never'>('apex', 'always', 'never'),
    protect: fc.constantFrom<string[]>([], [protectedName], ['www.a.com']),
  });

  it('has the same effect as applying the changes one after the other (property)', () => {
    fc.assert(
      fc.property(currentArb, fc.array(changeArb, { maxLength: 6 }), optionsArb, (current, changes, opts) => {
        const options: ReconcileOptions = opts;
        const valid = changes.filter((c) => E.isRight(reconcileDomains([], c, options)));
        let sequential: readonly string[] = current;
        for (const c of valid) sequential = expectRight(reconcileDomains(sequential, c, options)).next;
        const merged = mergeChanges(valid, twinResolver(options), protectedSet(options));
        const once = expectRight(reconcileDomains(current, merged, options)).next;
        expect([...keysOf(once)].sort()).toEqual([...keysOf(sequential)].sort());
      }),
      { numRuns: 400 },
    );
  });

  it('plans a batch with the same effect as applying its members one after the other (property)', () => {
    fc.assert(
      fc.property(currentArb, fc.array(changeArb, { maxLength: 6 }), (current, changes) => {
        const batch = changes.map((c): QueuedChange => ({ kind: 'change', ...c }));
        let sequential: readonly string[] = current;
        for (const c of changes) sequential = expectRight(reconcileDomains(sequential, c, apex)).next;
        const planned = expectRight(planBatch(current, batch, apex)).plan.next;
        expect([...keysOf(planned)].sort()).toEqual([...keysOf(sequential)].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('never returns a name both added and removed (property)', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 8 }), (changes) => {
        const merged = mergeChanges(changes, twinOf);
        expect(merged.add.filter((n) => merged.remove.includes(n))).toEqual([]);
        expect(new Set(merged.add).size).toBe(merged.add.length);
        expect(new Set(merged.remove).size).toBe(merged.remove.length);
      }),
    );
  });

  it('merges in steps with the same effect as merging at once (property)', () => {
    fc.assert(
      fc.property(currentArb, fc.array(changeArb, { maxLength: 8 }), fc.nat(8), (current, changes, cut) => {
        const left = mergeChanges(changes.slice(0, cut), twinOf);
        const rest = mergeChanges(changes.slice(cut), twinOf);
        const whole = expectRight(reconcileDomains(current, mergeChanges(changes, twinOf), apex)).next;
        const stepwise = expectRight(
          reconcileDomains(current, mergeChanges([left, rest], twinOf), apex),
        ).next;
        expect([...keysOf(stepwise)].sort()).toEqual([...keysOf(whole)].sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe('toQueuedChange', () => {
  it('rejects a bad name with InvalidDomain before anything is queued', () => {
    const result = toQueuedChange({ add: ['ok.com', 'https://bad.com/'] }, apex);
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidDomain');
  });

  it('rejects removing a protected name with ProtectedDomain', () => {
    const result = toQueuedChange({ remove: ['net.com'] }, { protect: ['net.com'] });
    expect(E.isLeft(result) && result.left).toEqual({ _tag: 'ProtectedDomain', domain: 'net.com' });
  });

  it('normalizes and de-duplicates the names', () => {
    expect(expectRight(toQueuedChange({ add: ['A.com.', 'a.com', 'München.de'] }, apex))).toEqual({
      kind: 'change',
      add: ['a.com', 'xn--mnchen-3ya.de'],
      remove: [],
    });
  });
});

describe('planBatch', () => {
  it('refuses only the member that would exceed maxDomains and plans the others', () => {
    const options: ReconcileOptions = { www: 'never', maxDomains: 3 };
    const batch = [queued(['a.com']), queued(['b.com', 'c.com', 'd.com']), queued(['e.com'])];
    const result = expectRight(planBatch(['x.com'], batch, options));
    expect(result.members.map((m) => (E.isLeft(m) ? m.left._tag : 'ok'))).toEqual([
      'ok',
      'TooManyDomains',
      'ok',
    ]);
    expect(result.plan.next).toEqual(['x.com', 'a.com', 'e.com']);
  });

  it('resolves a pruning sync against the list left by the members before it', () => {
    const batch: QueuedChange[] = [queued(['new.com']), { kind: 'sync', desired: d(['keep.com']) }];
    const result = expectRight(planBatch(['keep.com', 'www.keep.com', 'old.com', '?? odd'], batch, apex));
    expect(new Set(result.plan.next)).toEqual(new Set(['keep.com', 'www.keep.com', '?? odd']));
    expect(result.plan.removed).toEqual(['old.com']);
  });

  it('lets a later member undo an earlier one in the same batch', () => {
    const result = expectRight(planBatch(['a.com'], [queued(['b.com']), queued([], ['b.com'])], apex));
    expect(result.plan.changed).toBe(false);
  });
});

describe('pruneChange', () => {
  it('never prunes protected or unrecognized entries, nor the twins of desired names', () => {
    const current = ['a.com', 'www.a.com', 'net.com', 'old.com', 'bad name'];
    expect(expectRight(pruneChange(current, d(['a.com']), { protect: ['net.com'] }))).toEqual(
      change(['a.com'], ['old.com']),
    );
  });
});

describe('read-back checks', () => {
  it('finds added names another writer dropped and removed names it restored', () => {
    const merged = change(['a.com'], ['gone.com']);
    const before = ['x.com', 'gone.com', 'www.gone.com'];
    const intent = intentOf(merged, ['a.com', 'www.a.com', 'x.com'], twinOf, before);
    expect(intent).toEqual({ present: ['a.com', 'www.a.com'], absent: ['gone.com', 'www.gone.com'] });
    expect(checkReadBack(['x.com', 'www.a.com', 'GONE.com'], intent)).toEqual({
      missing: ['a.com'],
      restored: ['gone.com'],
    });
    expect(checkReadBack(['www.a.com', 'a.com', 'x.com'], intent)).toEqual({ missing: [], restored: [] });
  });

  it("does not claim a removed name's twin that was not there before", () => {
    const intent = intentOf(change([], ['gone.com']), ['x.com'], twinOf, ['x.com', 'gone.com']);
    expect(intent.absent).toEqual(['gone.com']);
  });

  it('does not expect names the beforeUpdate filter took out', () => {
    const intent = intentOf(change(['a.com']), ['a.com'], twinOf);
    expect(intent.present).toEqual(['a.com']);
  });
});

describe('effectivePlan', () => {
  it('recomputes added and removed after a filter changed the list', () => {
    const planned = expectRight(reconcileDomains(['a.com'], { add: ['b.com'] }, { www: 'never' }));
    const plan = effectivePlan(['a.com'], planned, ['a.com', 'b.com', 'extra.com']);
    expect(plan.added).toEqual(['b.com', 'extra.com']);
    expect(plan.changed).toBe(true);
    expect(effectivePlan(['a.com'], planned, ['a.com']).changed).toBe(false);
  });
});
