import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import {
  type DomainName,
  reconcileDomains,
  type ShouldAddWww,
  tryWwwTwin,
  type WwwPolicy,
  wwwTwin,
} from '../../src/domains/index.js';
import { isServerPilotSdkError } from '../../src/errors/index.js';
import { createHooks } from '../../src/sdk-hooks.js';

const twin = (domain: string, www?: WwwPolicy): string | null => {
  const result = www === undefined ? wwwTwin(domain) : wwwTwin(domain, { www });
  return O.isSome(result) ? result.value : null;
};

describe('wwwTwin with the default apex policy (Public Suffix List)', () => {
  it.each([
    ['example.com', 'www.example.com'],
    ['Example.COM.', 'www.example.com'],
    ['example.co.uk', 'www.example.co.uk'],
    ['example.com.au', 'www.example.com.au'],
    ['example.org.uk', 'www.example.org.uk'],
    ['münchen.de', 'www.xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'www.xn--mnchen-3ya.de'],
    ['例え.テスト', 'www.xn--r8jz45g.xn--zckzah'],
    ['city.kawasaki.jp', 'www.city.kawasaki.jp'], // an exception to the wildcard rule *.kawasaki.jp
    ['a.b.kawasaki.jp', 'www.a.b.kawasaki.jp'], // b.kawasaki.jp is a public suffix by *.kawasaki.jp
    ['example.test', 'www.example.test'], // unknown TLDs fall back to the default "*" rule
  ])('adds a twin to the registrable domain %j', (domain, expected) => {
    expect(twin(domain)).toBe(expected);
  });

  it.each([
    'shop.example.co.uk',
    'shop.example.com',
    'www.example.com',
    'www.example.co.uk',
    'co.uk', // a public suffix, registrable by nobody
    'b.kawasaki.jp', // a public suffix by the wildcard rule
    'x.a.b.kawasaki.jp',
    '*.example.com',
    '203.0.113.7',
    '2001:db8::1',
    'not a domain',
  ])('adds none to %j', (domain) => {
    expect(twin(domain)).toBeNull();
  });
});

describe('wwwTwin policies', () => {
  it('always: every name except www, wildcards and IPs', () => {
    expect(twin('shop.example.co.uk', 'always')).toBe('www.shop.example.co.uk');
    expect(twin('example.com', 'always')).toBe('www.example.com');
    expect(twin('www.example.com', 'always')).toBeNull();
    expect(twin('*.example.com', 'always')).toBeNull();
    expect(twin('203.0.113.7', 'always')).toBeNull();
  });

  it('never: no name at all', () => {
    expect(twin('example.com', 'never')).toBeNull();
    expect(twin('example.co.uk', 'never')).toBeNull();
  });

  it('gives none when the twin would be longer than 253 characters', () => {
    const label = 'a'.repeat(61);
    const long = `${label}.${label}.${label}.${label}.com`; // 251 characters
    expect(twin(long, 'always')).toBeNull();
  });
});

describe('the domains.shouldAddWww filter', () => {
  it('decides last, with the domain and policy as context', () => {
    const hooks = createHooks();
    const seen: unknown[] = [];
    hooks.addFilter('domains.shouldAddWww', 'test', (value, context) => {
      seen.push({ value, ...context });
      return !context.domain.endsWith('.co.uk');
    });
    expect(O.toNullable(wwwTwin('example.co.uk', { hooks }))).toBeNull();
    expect(O.toNullable(wwwTwin('shop.example.com', { hooks }))).toBe('www.shop.example.com');
    expect(seen).toEqual([
      { value: true, domain: 'example.co.uk', policy: 'apex' },
      { value: false, domain: 'shop.example.com', policy: 'apex' },
    ]);
  });

  it('is never asked about www names, wildcards or IPs', () => {
    const hooks = createHooks();
    hooks.addFilter('domains.shouldAddWww', 'test', () => true);
    for (const name of ['www.example.com', '*.example.com', '203.0.113.7']) {
      expect(O.isNone(wwwTwin(name, { hooks }))).toBe(true);
    }
  });

  it('throws a HookError naming the namespace when a callback throws', () => {
    const hooks = createHooks();
    hooks.addFilter('domains.shouldAddWww', 'broken-plugin', () => {
      throw new Error('boom');
    });
    try {
      wwwTwin('example.com', { hooks });
      expect.unreachable('wwwTwin should throw');
    } catch (error) {
      expect(isServerPilotSdkError(error, 'HookError')).toBe(true);
      expect(String(error)).toContain('broken-plugin');
    }
  });
});

describe('the shouldAddWww function', () => {
  it('decides last without any registry, with the domain and policy as context', () => {
    const seen: unknown[] = [];
    const shouldAddWww: ShouldAddWww = (wanted, context) => {
      seen.push({ wanted, ...context });
      return E.right(context.domain === 'shop.example.com');
    };
    expect(O.toNullable(wwwTwin('shop.example.com', { shouldAddWww }))).toBe('www.shop.example.com');
    expect(O.toNullable(wwwTwin('example.com', { shouldAddWww }))).toBeNull();
    expect(seen).toEqual([
      { wanted: false, domain: 'shop.example.com', policy: 'apex' },
      { wanted: true, domain: 'example.com', policy: 'apex' },
    ]);
  });

  it('wins over hooks when both are given', () => {
    const hooks = createHooks();
    hooks.addFilter('domains.shouldAddWww', 'test', () => true);
    const never: ShouldAddWww = () => E.right(false);
    expect(O.isNone(wwwTwin('example.com', { hooks, shouldAddWww: never }))).toBe(true);
  });

  it('stops a plan with the Left it returns', () => {
    const refusal = { _tag: 'InvalidOption', option: 'www', reason: 'no' } as const;
    const result = reconcileDomains([], { add: ['example.com'] }, { shouldAddWww: () => E.left(refusal) });
    expect(result).toEqual(E.left(refusal));
    expect(tryWwwTwin('example.com' as DomainName, { shouldAddWww: () => E.left(refusal) })).toEqual(
      E.left(refusal),
    );
  });
});
