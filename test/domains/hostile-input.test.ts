/**
 * Issue 9, point 8: whatever JavaScript value arrives as a domain, the answer is an
 * `InvalidDomain` Left that says what to pass instead, never a throw and never a name that slips
 * through.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { normalizeDomain, reconcileDomains } from '../../src/domains/index.js';
import { describeSdkError, type SdkError } from '../../src/errors/index.js';

const rejected = (input: unknown): Extract<SdkError, { _tag: 'InvalidDomain' }> => {
  const result = normalizeDomain(input as string);
  if (E.isRight(result)) throw new Error(`expected a rejection, got ${result.right}`);
  if (result.left._tag !== 'InvalidDomain') throw new Error(`unexpected tag ${result.left._tag}`);
  return result.left;
};

const revokedProxy = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

const throwingProxy = (): object =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('get trap');
      },
      getPrototypeOf: () => {
        throw new Error('getPrototypeOf trap');
      },
      has: () => {
        throw new Error('has trap');
      },
    },
  );

const isReadableArray = (value: unknown): boolean => {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
};

const hostile: readonly (readonly [string, () => unknown])[] = [
  ['Object.create(null)', () => Object.create(null)],
  [
    'an object whose toString throws',
    () => ({
      toString: () => {
        throw new Error('no');
      },
    }),
  ],
  [
    'an object whose valueOf and Symbol.toPrimitive throw',
    () => ({
      valueOf: () => {
        throw new Error('no');
      },
      [Symbol.toPrimitive]: () => {
        throw new Error('no');
      },
    }),
  ],
  ['a symbol', () => Symbol('example.com')],
  ['a BigInt', () => 10n ** 400n],
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 42],
  ['NaN', () => Number.NaN],
  ['an array holding a name', () => ['example.com']],
  ['a String object', () => new String('example.com')],
  ['a function', () => () => 'example.com'],
  ['a proxy whose traps throw', throwingProxy],
  ['a revoked proxy', revokedProxy],
];

describe('normalizeDomain on values that are not strings', () => {
  it.each(hostile)('rejects %s with InvalidDomain instead of throwing', (_label, make) => {
    const error = rejected(make());
    expect(typeof error.input).toBe('string');
    expect(error.reason).toContain('pass the domain as a string');
    expect(error.reason).not.toMatch(/is a (object|undefined|symbol)/);
    expect(describeSdkError(error).length).toBeLessThan(200);
  });

  it('says null and undefined are null and undefined, not "a object"', () => {
    expect(rejected(null).reason).toBe('got null; pass the domain as a string, such as "example.com"');
    expect(rejected(undefined).reason).toBe(
      'got undefined; pass the domain as a string, such as "example.com"',
    );
    expect(rejected(['example.com']).reason).toContain('got an array');
  });

  it('plans nothing and throws nothing when reconcileDomains gets hostile names, lists or changes', () => {
    for (const [, make] of hostile) {
      const value = make();
      expect(E.isLeft(reconcileDomains([], { add: [value as string] }))).toBe(true);
      expect(E.isLeft(reconcileDomains([], { remove: [value as string] }))).toBe(true);
      // An absent list (null or undefined) means "nothing to add"; anything else that is not an array is refused.
      if (value !== null && value !== undefined && !isReadableArray(value)) {
        expect(E.isLeft(reconcileDomains([], { add: value as string[] }))).toBe(true);
      }
      // Hostile entries already on the server are unrecognized and kept, never a throw.
      if (typeof value === 'object' && value !== null) continue;
      expect(E.isRight(reconcileDomains([value as string], {}))).toBe(true);
    }
    expect(E.isLeft(reconcileDomains(revokedProxy() as string[], {}))).toBe(true);
    expect(E.isLeft(reconcileDomains([], null as unknown as { add: string[] }))).toBe(true);
  });
});

describe('normalizeDomain on strings that must not slip through', () => {
  it('rejects an IPv6 address with a zone id, saying to drop it', () => {
    expect(rejected('fe80::1%eth0').reason).toContain('zone id');
    expect(rejected('fe80::1%eth0').reason).toContain('"fe80::1"');
    expect(rejected('[fe80::1%25eth0]').reason).toContain('zone id');
  });

  it.each(['münchen%2ede', 'exa%6dple.com', '%65xample.com', 'shop.example.com%'])(
    'rejects the percent-encoded %j without decoding it',
    (input) => {
      const error = rejected(input);
      expect(error.reason).toContain('percent-encoding');
      expect(error.reason).not.toContain('example.com"');
    },
  );

  it('rejects a URL whose host is percent-encoded without suggesting the decoded host', () => {
    const error = rejected('https://exa%6dple.com/');
    expect(error.reason).toContain('percent-encoding');
    expect(error.reason).not.toContain('"example.com"');
  });

  it('gives a short message for a 1 MB input, echoing it cut and with its length', () => {
    for (const input of [
      'a'.repeat(1 << 20),
      `https://example.com/${'x'.repeat(1 << 20)}`,
      ` ${'-'.repeat(1 << 20)}.com`,
    ]) {
      const error = rejected(input);
      const message = describeSdkError(error);
      expect(message.length).toBeLessThan(300);
      expect(message).toContain(`${input.length.toLocaleString('en-US')} characters`);
      expect(error.input.length).toBeLessThanOrEqual(257);
    }
  });

  it('cuts long echoes of paths, hosts and labels', () => {
    const path = `example.com/${'p'.repeat(5_000)}`;
    expect(describeSdkError(rejected(path)).length).toBeLessThan(300);
    const port = `${'h'.repeat(900)}.com:99`;
    expect(describeSdkError(rejected(port)).length).toBeLessThan(300);
  });

  it.each([
    ['*.com', 'com'],
    ['*.co.uk', 'co.uk'],
    ['*.test', 'test'],
  ])('rejects the wildcard %j over a public suffix without suggesting a name under it', (input, suffix) => {
    const reason = rejected(input).reason;
    expect(reason).toContain(`public suffix "${suffix}"`);
    expect(reason).toContain('"*.example.com"');
    expect(reason).not.toContain(`${suffix}.${suffix}`);
  });

  it('calls a bare top-level domain what it is, without suggesting "com.com"', () => {
    const reason = rejected('com').reason;
    expect(reason).toContain('top-level domain');
    expect(reason).toContain('"example.com"');
    expect(reason).not.toContain('com.com');
  });

  it('still accepts wildcards under a registrable domain', () => {
    expect(normalizeDomain('*.example.co.uk')).toEqual(E.right('*.example.co.uk'));
    expect(normalizeDomain('*.shop.example.com')).toEqual(E.right('*.shop.example.com'));
  });
});

describe('normalizeDomain on punycode in capitals', () => {
  it('checks upper-case punycode as punycode, so what it accepts it accepts again', () => {
    expect(rejected('XN--NCHEN-3YA.DE').reason).toContain('not a valid internationalized domain name');
    expect(normalizeDomain('XN--MNCHEN-3YA.DE')).toEqual(E.right('xn--mnchen-3ya.de'));
  });
});
