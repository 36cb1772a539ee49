/**
 * Arbitrary JavaScript values a plain-JavaScript caller could pass as a domain: fast-check's
 * `anything()`, objects that throw from every conversion hook, proxies, huge strings, and real
 * names mutated into almost-names.
 */
import fc from 'fast-check';

const thrower = (what: string) => () => {
  throw new Error(`${what} must not be called`);
};

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable<object>({}, {});
  revoke();
  return proxy;
};

const trapEverything = (target: object): object =>
  new Proxy(target, {
    get: thrower('get'),
    has: thrower('has'),
    ownKeys: thrower('ownKeys'),
    getPrototypeOf: thrower('getPrototypeOf'),
    getOwnPropertyDescriptor: thrower('getOwnPropertyDescriptor'),
    apply: thrower('apply'),
  });

/**
 * A value behind a thunk: fast-check itself inspects generated values (`cloneMethod in value`),
 * which a hostile proxy punishes, so the property makes the value and fast-check sees the thunk.
 */
export type Made = () => unknown;

/** `label` runs only when fast-check prints a counterexample: stringifying 1 MB per run would dominate. */
const made = (make: () => unknown, label: () => string): Made =>
  Object.assign(() => make(), { [fc.toStringMethod]: label });

/** Objects that punish any attempt to read, convert or inspect them. */
const hostileObject: fc.Arbitrary<Made> = fc
  .constantFrom<() => unknown>(
    () => Object.create(null),
    () => ({ toString: thrower('toString') }),
    () => ({ valueOf: thrower('valueOf'), toString: thrower('toString') }),
    () => ({ [Symbol.toPrimitive]: thrower('Symbol.toPrimitive') }),
    () => ({ toJSON: thrower('toJSON') }),
    () => Object.defineProperty({}, 'length', { get: thrower('length getter') }),
    () => trapEverything({}),
    () => trapEverything([]),
    () => trapEverything(() => 'example.com'),
    revoked,
    () => new String('example.com'),
    () => Symbol('example.com'),
    () => 10n ** 500n,
    () => -0,
    () => Number.NaN,
    () => new Date(Number.NaN),
    () => /example\.com/,
    () => new Map([['example.com', 1]]),
    () => new Uint8Array([101, 120]),
    () => ['example.com'],
    () => Promise.resolve('example.com'),
    () => new Error('example.com'),
  )
  .map((make) => made(make, () => `hostile: ${make.toString().slice(0, 80)}`));

const MEGA = 'a'.repeat(1 << 20);

/** Strings far past any limit: a 1 MB label, a 1 MB list of dots, a URL with a 1 MB path. */
const hugeString: fc.Arbitrary<string> = fc.constantFrom(
  MEGA,
  `${MEGA}.com`,
  `https://example.com/${MEGA}`,
  '.'.repeat(1 << 16),
  `${'%41'.repeat(50_000)}.com`,
  ` ${'x.'.repeat(200_000)}com `,
);

const REAL = [
  'example.com',
  'shop.example.co.uk',
  'münchen.de',
  'xn--mnchen-3ya.de',
  '*.example.org',
  '203.0.113.7',
  '2001:db8::1',
  'fe80::1',
] as const;

const JUNK = [
  '%',
  '%2e',
  '%6d',
  ':',
  ':8080',
  '/',
  '/path',
  ' ',
  '\t',
  '\n',
  '@',
  '\u0000',
  '..',
  '[',
  ']',
  '*',
  '*.',
  '#',
  '?',
  '\\',
  '\u202e',
  '\ufeff',
  '😀',
  '-',
  '_',
  '%eth0',
  'https://',
  '..',
  '\u3002',
  'ß',
  'İ',
] as const;

/**
 * A real name with junk inserted somewhere, then up to two more small edits (more junk, a deleted
 * or doubled character, upper case): mostly almost-names, now and then a name that still holds.
 */
const mutatedName = fc
  .tuple(
    fc.constantFrom(...REAL),
    fc.nat(),
    fc.constantFrom(...JUNK),
    fc.array(
      fc.tuple(
        fc.constantFrom('insert', 'delete', 'double', 'upper', 'prefix', 'suffix'),
        fc.nat(),
        fc.constantFrom(...JUNK),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([name, at, junk, edits]) =>
    edits.reduce(
      (s: string, [edit, i, more]) => {
        const k = s.length === 0 ? 0 : i % s.length;
        switch (edit) {
          case 'insert':
            return `${s.slice(0, k)}${more}${s.slice(k)}`;
          case 'delete':
            return `${s.slice(0, k)}${s.slice(k + 1)}`;
          case 'double':
            return `${s.slice(0, k)}${s.charAt(k)}${s.slice(k)}`;
          case 'upper':
            return s.toUpperCase();
          case 'prefix':
            return `${more}${s}`;
          default:
            return `${s}${more}`;
        }
      },
      `${name.slice(0, at % name.length)}${junk}${name.slice(at % name.length)}`,
    ),
  );

const plain = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<Made> =>
  arbitrary.map((value) =>
    made(
      () => value,
      () => fc.stringify(value).slice(0, 200),
    ),
  );

/** Everything together, weighted so every family shows up in a few thousand runs; call the thunk for the value. */
export const anyDomainInput: fc.Arbitrary<Made> = fc.oneof(
  {
    weight: 5,
    arbitrary: plain(
      fc.anything({
        withBigInt: true,
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withSparseArray: true,
        withNullPrototype: true,
      }),
    ),
  },
  { weight: 2, arbitrary: hostileObject },
  { weight: 2, arbitrary: plain(mutatedName) },
  { weight: 1, arbitrary: plain(hugeString) },
);
