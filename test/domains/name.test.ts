import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { classify, type DomainName, normalizeDomain } from '../../src/domains/index.js';
import { describeSdkError } from '../../src/errors/index.js';

const ok = (input: string): string => {
  const result = normalizeDomain(input);
  if (E.isLeft(result)) throw new Error(`expected ${input} to normalize: ${describeSdkError(result.left)}`);
  return result.right;
};

const reason = (input: string): string => {
  const result = normalizeDomain(input);
  if (E.isRight(result)) throw new Error(`expected ${input} to be rejected, got ${result.right}`);
  if (result.left._tag !== 'InvalidDomain') throw new Error(`unexpected tag ${result.left._tag}`);
  expect(result.left.input).toBe(input);
  return result.left.reason;
};

describe('normalizeDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['shop.example.com.', 'shop.example.com'],
    ['WWW.Example.Co.UK', 'www.example.co.uk'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['MÜNCHEN.DE', 'xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['XN--MNCHEN-3YA.DE', 'xn--mnchen-3ya.de'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    ['faß.de', 'xn--fa-hia.de'],
    ['*.example.com', '*.example.com'],
    ['*.Bücher.example', '*.xn--bcher-kva.example'],
    ['203.0.113.7', '203.0.113.7'],
    ['2001:DB8::1', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['a-b.example.com', 'a-b.example.com'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
  ])('accepts %j as %j', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it('keeps a 253-character name and rejects a 254-character one', () => {
    const label = 'a'.repeat(61);
    const name253 = `${label}.${label}.${label}.${label}.${'b'.repeat(5)}`; // 4*62 + 5
    expect(name253).toHaveLength(253);
    expect(ok(name253)).toBe(name253);
    expect(reason(`x${name253}`)).toContain('at most 253');
  });

  it.each([
    [
      'https://shop.example.com/',
      '"https://shop.example.com/" looks like a URL; pass the host name "shop.example.com"',
    ],
    ['http://example.com:8080/path', 'looks like a URL; pass the host name "example.com"'],
    ['example.com:8080', 'includes a port (":8080"); pass the host name "example.com" alone'],
    ['example.com/blog', 'contains a path ("/blog"); pass only the host name "example.com"'],
    ['exa mple.com', 'contains spaces'],
    ['', 'is empty; pass a host name such as "example.com"'],
    ['   ', 'is empty'],
    ['a..example.com', 'has an empty label'],
    ['.example.com', 'has an empty label'],
    ['example.com..', 'has an empty label'],
    [`${'a'.repeat(64)}.com`, 'labels hold at most 63'],
    ['-shop.example.com', 'starts or ends with a hyphen ("-shop")'],
    ['shop-.example.com', 'starts or ends with a hyphen ("shop-")'],
    ['ex_ample.com', 'contains "_"'],
    ['user@example.com', 'contains "@"'],
    ['localhost', 'is a single label; pass a fully qualified name such as "localhost.com"'],
    ['shop.*.example.com', 'pass a wildcard as "*.example.com"'],
    ['*.*.example.com', 'only one leading "*." is allowed'],
    ['1.2.3', 'ends in a numeric label'],
    ['example.com?x=1', 'query or fragment'],
    ['[example.com]', 'not an IPv6 address'],
    ['xn--zz.com', 'not a valid internationalized domain name'],
  ])('rejects %j saying what to pass instead', (input, expected) => {
    expect(reason(input)).toContain(expected);
  });

  it('rejects a non-string with a typed error instead of throwing', () => {
    const result = normalizeDomain(42 as unknown as string);
    expect(E.isLeft(result) && result.left._tag === 'InvalidDomain' && result.left.reason).toContain(
      'pass the domain as a string',
    );
  });

  it('renders the reason in the human message', () => {
    const result = normalizeDomain('https://shop.example.com/');
    expect(E.isLeft(result) && describeSdkError(result.left)).toBe(
      'Invalid domain: "https://shop.example.com/" looks like a URL; pass the host name "shop.example.com"',
    );
  });
});

describe('normalizeDomain properties', () => {
  const labelChars = fc.constantFrom(...'abcxyz019-');
  const label = fc.string({ unit: labelChars, minLength: 1, maxLength: 70 });
  const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('.'));

  it('gives the same answer on the fast path as through the full checks', () => {
    fc.assert(
      fc.property(name, (n) => {
        // Upper case skips the fast path, so both paths must agree.
        const fast = normalizeDomain(n);
        const slow = normalizeDomain(`${n.toUpperCase()}.`);
        expect(E.isRight(fast)).toBe(E.isRight(slow));
        if (E.isRight(fast) && E.isRight(slow)) expect(fast.right).toBe(slow.right);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on every name it accepts', () => {
    fc.assert(
      fc.property(fc.oneof(name, fc.domain(), fc.string()), (n) => {
        const once = normalizeDomain(n);
        if (E.isRight(once)) expect(normalizeDomain(once.right)).toEqual(once);
      }),
    );
  });
});

describe('classify', () => {
  it.each([
    ['example.com', 'apex'],
    ['example.co.uk', 'apex'],
    ['example.com.au', 'apex'],
    ['shop.example.co.uk', 'subdomain'],
    ['www.example.com', 'subdomain'],
    ['co.uk', 'subdomain'],
    ['city.kawasaki.jp', 'apex'],
    ['b.kawasaki.jp', 'subdomain'],
    ['a.b.kawasaki.jp', 'apex'],
    ['xn--mnchen-3ya.de', 'apex'],
    ['*.example.com', 'wildcard'],
    ['203.0.113.7', 'ip'],
    ['2001:db8::1', 'ip'],
  ])('classifies %j as %j', (name, kind) => {
    expect(classify(ok(name) as DomainName)).toBe(kind);
  });
});
