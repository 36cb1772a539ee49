import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import {
  type DomainChange,
  type DomainPlan,
  normalizeDomain,
  type ReconcileOptions,
  reconcileDomains,
  type WwwPolicy,
  wwwTwin,
} from '../../src/domains/index.js';
import type { SdkError } from '../../src/errors/index.js';
import { createHooks } from '../../src/sdk-hooks.js';

const plan = (current: readonly string[], change: DomainChange, options?: ReconcileOptions): DomainPlan => {
  const result = reconcileDomains(current, change, options);
  if (E.isLeft(result)) throw new Error(`expected a plan, got ${JSON.stringify(result.left)}`);
  return result.right;
};

const failure = (current: readonly string[], change: DomainChange, options?: ReconcileOptions): SdkError => {
  const result = reconcileDomains(current, change, options);
  if (E.isRight(result)) throw new Error(`expected an error, got ${JSON.stringify(result.right)}`);
  return result.left;
};

/** The normalized form, or undefined for entries that do not parse. */
const key = (name: string): string | undefined => {
  const n = normalizeDomain(name);
  return E.isRight(n) ? n.right : undefined;
};

describe('reconcileDomains', () => {
  it('appends new names in request order, each followed by its www twin', () => {
    const p = plan(['example.com', 'www.example.com'], {
      add: ['shop.example.com', 'example.org', 'Example.co.uk'],
    });
    expect(p.next).toEqual([
      'example.com',
      'www.example.com',
      'shop.example.com',
      'example.org',
      'www.example.org',
      'example.co.uk',
      'www.example.co.uk',
    ]);
    expect(p.added).toEqual([
      'shop.example.com',
      'example.org',
      'www.example.org',
      'example.co.uk',
      'www.example.co.uk',
    ]);
    expect(p.removed).toEqual([]);
    expect(p.changed).toBe(true);
  });

  it('does not duplicate a name the server already has in another spelling', () => {
    const p = plan(['Example.COM', 'WWW.example.com.'], { add: ['example.com'] });
    expect(p.next).toEqual(['Example.COM', 'WWW.example.com.']);
    expect(p.changed).toBe(false);
  });

  it('collapses duplicates the server already holds, without reporting a change', () => {
    const p = plan(['a.example.com', 'b.example.com', 'A.example.com'], {});
    expect(p.next).toEqual(['a.example.com', 'b.example.com']);
    expect(p.changed).toBe(false);
  });

  it('removes the www twin with its apex, and reports names as the server spelled them', () => {
    const p = plan(['Example.com', 'www.example.com', 'shop.example.com'], { remove: ['example.com'] });
    expect(p.next).toEqual(['shop.example.com']);
    expect(p.removed).toEqual(['Example.com', 'www.example.com']);
  });

  it('keeps the www twin when the policy would not have added it', () => {
    const p = plan(['example.com', 'www.example.com'], { remove: ['example.com'] }, { www: 'never' });
    expect(p.next).toEqual(['www.example.com']);
  });

  it('removing a subdomain leaves www names alone under the apex policy', () => {
    const p = plan(['shop.example.com', 'www.shop.example.com'], { remove: ['shop.example.com'] });
    expect(p.next).toEqual(['www.shop.example.com']);
  });

  it('refuses to remove a protected name', () => {
    const error = failure(
      ['network.example.com'],
      { remove: ['Network.Example.com'] },
      { protect: ['network.example.com'] },
    );
    expect(error).toEqual({ _tag: 'ProtectedDomain', domain: 'network.example.com' });
  });

  it('skips the implicit removal of a protected www twin', () => {
    const p = plan(
      ['example.com', 'www.example.com'],
      { remove: ['example.com'] },
      { protect: ['www.example.com'] },
    );
    expect(p.next).toEqual(['www.example.com']);
    expect(p.removed).toEqual(['example.com']);
  });

  it('keeps server entries it does not understand, verbatim and in place', () => {
    const current = ['bad..entry', 'example.com', 'https://weird/', 'www.example.com'];
    const p = plan(current, { add: ['shop.example.com'], remove: ['example.com'] });
    expect(p.next).toEqual(['bad..entry', 'https://weird/', 'shop.example.com']);
    expect(p.unrecognized).toEqual(['bad..entry', 'https://weird/']);
  });

  it('never adds a www twin to wildcards or IP addresses', () => {
    const p = plan([], { add: ['*.example.com', '203.0.113.7'] }, { www: 'always' });
    expect(p.next).toEqual(['*.example.com', '203.0.113.7']);
  });

  it('does not re-add a twin the same change removes explicitly', () => {
    const p = plan(['www.example.com'], { add: ['example.com'], remove: ['www.example.com'] });
    expect(p.next).toEqual(['example.com']);
  });

  it('keeps an explicitly added name that another removal would take as a twin', () => {
    const p = plan(['example.com', 'www.example.com'], { add: ['www.example.com'], remove: ['example.com'] });
    expect(p.next).toEqual(['www.example.com']);
  });

  it('rejects a name that is both added and removed', () => {
    const error = failure([], { add: ['example.com'], remove: ['EXAMPLE.com'] });
    expect(error._tag).toBe('InvalidOption');
  });

  it('returns TooManyDomains past the limit, counting what the list would hold', () => {
    const current = Array.from({ length: 299 }, (_, i) => `site${i}.example.com`);
    expect(failure(current, { add: ['example.org'] })).toEqual({
      _tag: 'TooManyDomains',
      count: 301,
      max: 300,
    });
    expect(plan(current, { add: ['shop.example.org'] }).next).toHaveLength(300);
    expect(failure(['a.example.com'], { add: ['b.example.com'] }, { maxDomains: 1 })).toEqual({
      _tag: 'TooManyDomains',
      count: 2,
      max: 1,
    });
  });

  it('rejects bad input before planning, naming the bad name', () => {
    expect(failure([], { add: ['example.com', 'https://shop.example.com/'] })).toMatchObject({
      _tag: 'InvalidDomain',
      input: 'https://shop.example.com/',
    });
    expect(failure([], { remove: ['a b'] })).toMatchObject({ _tag: 'InvalidDomain' });
    expect(failure([], {}, { protect: ['x:1'] })).toMatchObject({ _tag: 'InvalidDomain' });
    expect(failure([], {}, { www: 'sometimes' as WwwPolicy })).toMatchObject({
      _tag: 'InvalidOption',
      option: 'www',
    });
    expect(failure([], {}, { maxDomains: 0 })).toMatchObject({ _tag: 'InvalidOption', option: 'maxDomains' });
    expect(failure([], { add: 'example.com' as unknown as string[] })).toMatchObject({
      _tag: 'InvalidOption',
      option: 'add',
    });
  });

  it('returns a HookError instead of throwing when the www filter throws', () => {
    const hooks = createHooks();
    hooks.addFilter('domains.shouldAddWww', 'plugin', () => {
      throw new Error('nope');
    });
    expect(failure([], { add: ['example.com'] }, { hooks })).toMatchObject({
      _tag: 'HookError',
      namespace: 'plugin',
    });
  });

  it('lets the www filter decide twins for both adding and removing', () => {
    const hooks = createHooks();
    hooks.addFilter('domains.shouldAddWww', 'panel', (_v, { domain }) => domain === 'shop.example.com');
    const added = plan([], { add: ['shop.example.com', 'example.com'] }, { hooks });
    expect(added.next).toEqual(['shop.example.com', 'www.shop.example.com', 'example.com']);
    expect(plan(added.next, { remove: ['shop.example.com'] }, { hooks }).next).toEqual(['example.com']);
  });
});

// Property tests: a small pool of names so that collisions, casing and twins actually happen.
const label = fc.constantFrom('example', 'shop', 'blog', 'münchen', 'a-b', 'site1');
const suffix = fc.constantFrom('com', 'co.uk', 'com.au', 'org', 'de');
const prefix = fc.constantFrom('', 'www.', 'shop.', '*.');
const casing = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => `${s}.`,
);
const domain = fc
  .tuple(prefix, label, suffix, casing)
  .map(([p, l, s, c]) => c(`${p}${l}.${s}`))
  .filter((d) => key(d) !== undefined);
const junk = fc.constantFrom('bad..entry', 'https://x.example/', 'with space.com', 'host:8080', '-x.com');
const entry = fc.oneof({ weight: 5, arbitrary: domain }, { weight: 1, arbitrary: junk });
const policy = fc.constantFrom<WwwPolicy>('apex', 'always', 'never');

const scenario = fc
  .record({
    current: fc.array(entry, { maxLength: 25 }),
    add: fc.array(domain, { maxLength: 8 }),
    remove: fc.array(domain, { maxLength: 8 }),
    protect: fc.array(domain, { maxLength: 4 }),
    www: policy,
  })
  .map((s) => {
    // Names both added and removed, or removed while protected, are errors tested separately.
    const added = new Set(s.add.map(key));
    const isProtected = new Set(s.protect.map(key));
    return { ...s, remove: s.remove.filter((r) => !added.has(key(r)) && !isProtected.has(key(r))) };
  });

const keysOf = (names: readonly string[]): string[] => names.map((n) => key(n) ?? `raw:${n}`);

describe('reconcileDomains properties', () => {
  it('never holds two entries with the same normalized form', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const p = plan(s.current, s, s);
        const recognized = p.next.map(key).filter((k) => k !== undefined);
        expect(new Set(recognized).size).toBe(recognized.length);
      }),
    );
  });

  it('applying the same change twice equals applying it once', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const once = plan(s.current, s, s);
        const twice = plan(once.next, s, s);
        expect(twice.next).toEqual(once.next);
        expect(twice.changed).toBe(false);
      }),
    );
  });

  it('puts every added name and its twin in next, and no removed name', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const p = plan(s.current, s, s);
        const next = new Set(keysOf(p.next));
        const removed = new Set(s.remove.map(key));
        for (const name of s.add) {
          expect(next.has(key(name) ?? '')).toBe(true);
          const twin = wwwTwin(name, { www: s.www });
          if (O.isSome(twin) && !removed.has(twin.value)) expect(next.has(twin.value)).toBe(true);
        }
        for (const name of s.remove) expect(next.has(key(name) ?? '')).toBe(false);
      }),
    );
  });

  it('keeps every protected and every unparseable entry', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const p = plan(s.current, s, s);
        const next = new Set(keysOf(p.next));
        const protectedKeys = new Set(s.protect.map(key));
        for (const name of s.current) {
          const k = key(name);
          if (k === undefined) expect(p.next).toContain(name);
          else if (protectedKeys.has(k)) expect(next.has(k)).toBe(true);
        }
        expect(p.next.filter((n) => key(n) === undefined)).toEqual(
          s.current.filter((n) => key(n) === undefined),
        );
      }),
    );
  });

  it('preserves the order of existing entries and appends only what it reports as added', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const p = plan(s.current, s, s);
        const kept = p.next.slice(0, p.next.length - p.added.length);
        // The kept entries are a subsequence of current, in the same order.
        let i = 0;
        for (const name of kept) {
          while (i < s.current.length && s.current[i] !== name) i++;
          expect(i).toBeLessThan(s.current.length);
          i++;
        }
        expect(p.next.slice(kept.length)).toEqual(p.added);
        // Changed exactly when a name comes or goes; a dropped duplicate spelling alone is no change.
        const nextKeys = new Set(keysOf(p.next));
        expect(p.changed).toBe(p.added.length > 0 || p.removed.some((r) => !nextKeys.has(key(r) ?? '')));
      }),
    );
  });

  it('reports ProtectedDomain whenever a protected name is removed explicitly', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 10 }), domain, (current, name) => {
        expect(failure(current, { remove: [name] }, { protect: [name] })._tag).toBe('ProtectedDomain');
      }),
    );
  });
});

describe('reconcileDomains de-duplication', () => {
  it('keeps the normalized spelling of a name the server holds twice and lists the padded one as removed', () => {
    const p = plan([' padded.example.com ', 'other.example.com', 'padded.example.com'], {
      add: ['new.example.com'],
    });
    expect(p.next).toEqual(['other.example.com', 'padded.example.com', 'new.example.com']);
    expect(p.removed).toEqual([' padded.example.com ']);
    expect(p.added).toEqual(['new.example.com']);
    expect(p.changed).toBe(true);
  });

  it('keeps the first spelling when none is normalized, and lists every other one', () => {
    const p = plan(['Shop.Example.com', 'SHOP.example.com.', ' shop.EXAMPLE.com'], {});
    expect(p.next).toEqual(['Shop.Example.com']);
    expect(p.removed).toEqual(['SHOP.example.com.', ' shop.EXAMPLE.com']);
    expect(p.changed).toBe(false);
  });

  it('lists every spelling of a removed name, not only the first', () => {
    const p = plan(['Example.com', 'example.com ', 'www.example.com'], { remove: ['example.com'] });
    expect(p.next).toEqual([]);
    expect(p.removed).toEqual(['Example.com', 'example.com ', 'www.example.com']);
  });

  // Spellings the server may hold of one name: clean, padded, upper case, with the trailing dot.
  const spelled = fc
    .tuple(
      fc.constantFrom('padded.example.com', 'shop.example.co.uk', 'example.org', 'www.example.org'),
      fc.constantFrom(
        (s: string) => s,
        (s: string) => ` ${s} `,
        (s: string) => `\t${s}`,
        (s: string) => s.toUpperCase(),
        (s: string) => `${s}.`,
      ),
    )
    .map(([name, spell]) => spell(name));
  const serverList = fc.array(fc.oneof({ weight: 6, arbitrary: spelled }, { weight: 1, arbitrary: junk }), {
    maxLength: 20,
  });
  const change = fc.record({
    add: fc.array(spelled, { maxLength: 3 }),
    remove: fc.array(fc.constantFrom('example.org', 'shop.example.co.uk'), { maxLength: 1 }),
  });
  const sorted = (list: readonly string[]): string[] => [...list].sort();

  it('accounts for every entry of the current list: kept in next or listed in removed', () => {
    fc.assert(
      fc.property(serverList, change, (current, c) => {
        const adds = new Set(c.add.map(key));
        const p = plan(current, { add: c.add, remove: c.remove.filter((r) => !adds.has(key(r))) });
        const keptFromCurrent = p.next.slice(0, p.next.length - p.added.length);
        expect(sorted([...keptFromCurrent, ...p.removed])).toEqual(sorted(current));
      }),
      { numRuns: 500 },
    );
  });

  it('never holds two spellings of one name, and prefers the normalized spelling when the server has it', () => {
    fc.assert(
      fc.property(serverList, change, (current, c) => {
        const adds = new Set(c.add.map(key));
        const p = plan(current, { add: c.add, remove: c.remove.filter((r) => !adds.has(key(r))) });
        const recognized = p.next.map(key).filter((k) => k !== undefined);
        expect(new Set(recognized).size).toBe(recognized.length);
        for (const entry of p.next) {
          const k = key(entry);
          if (k !== undefined && current.includes(k)) expect(entry).toBe(k);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps unrecognized entries verbatim and never lists them as removed', () => {
    fc.assert(
      fc.property(serverList, change, (current, c) => {
        const adds = new Set(c.add.map(key));
        const p = plan(current, { add: c.add, remove: c.remove.filter((r) => !adds.has(key(r))) });
        const unparsed = current.filter((n) => key(n) === undefined);
        expect(p.next.filter((n) => key(n) === undefined)).toEqual(unparsed);
        expect(p.unrecognized).toEqual(unparsed);
        expect(p.removed.filter((n) => key(n) === undefined)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
