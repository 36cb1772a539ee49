/**
 * Issue 9, point 8, in the verifier: whatever JavaScript value arrives as a domain, `verify`,
 * `verifyMany` and `probe` settle with a typed answer before any network call; none rejects.
 */
import { describe, expect, it } from 'vitest';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import { createStubResolver } from '../../src/testing/dns.js';

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable<object>([], {});
  revoke();
  return proxy;
};

const throwing = (): object =>
  new Proxy([], {
    get: () => {
      throw new Error('get trap');
    },
    getPrototypeOf: () => {
      throw new Error('getPrototypeOf trap');
    },
  });

const values: readonly (readonly [string, () => unknown])[] = [
  ['Object.create(null)', () => Object.create(null)],
  [
    'an object whose toString throws',
    () => ({
      toString: () => {
        throw new Error('no');
      },
    }),
  ],
  ['a symbol', () => Symbol('shop.example.test')],
  ['a BigInt', () => 12n],
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 7],
  ['an array', () => ['shop.example.test']],
  ['a proxy whose traps throw', throwing],
  ['a revoked proxy', revoked],
  ['an IPv6 address with a zone id', () => 'fe80::1%eth0'],
  ['a percent-encoded name', () => 'exa%6dple.test'],
];

const setup = () => {
  const resolver = createStubResolver({});
  const lookups: string[] = [];
  const verifier = createSslVerifier({
    resolver,
    lookup: async (name) => {
      lookups.push(name);
      return [];
    },
    sleep: async () => undefined,
    timeoutMs: 500,
  });
  return { verifier, network: () => resolver.queries.length + lookups.length };
};

describe('the verifier on values that are not domain names', () => {
  it.each(values)('answers verify(%s) with InvalidDomain, before any network call', async (_label, make) => {
    const { verifier, network } = setup();
    const result = await verifier.verify(make() as string)();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidDomain' } });
    expect(network()).toBe(0);
  });

  it.each(values)(
    'answers verifyMany([%s]) with InvalidDomain, before any network call',
    async (_l, make) => {
      const { verifier, network } = setup();
      const result = await verifier.verifyMany(['ok.example.test', make() as string])();
      expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidDomain' } });
      expect(network()).toBe(0);
    },
  );

  it.each(values)('answers probe(%s) with dns-error EINVALIDNAME and a string domain', async (_l, make) => {
    const { verifier, network } = setup();
    const probe = await verifier.probe(make() as string)();
    expect(probe).toMatchObject({ status: 'dns-error', code: 'EINVALIDNAME', elapsedMs: 0 });
    expect(typeof probe.domain).toBe('string');
    expect(network()).toBe(0);
  });

  const notLists: readonly (readonly [string, () => unknown])[] = [
    ['null', () => null],
    ['a string', () => 'shop.example.test'],
    ['an object', () => ({})],
    ['a revoked proxy', revoked],
    ['a proxy whose traps throw', throwing],
  ];
  it.each(notLists)('answers verifyMany(%s) with InvalidOption instead of throwing', async (_l, make) => {
    const { verifier, network } = setup();
    const result = await verifier.verifyMany(make() as unknown as string[])();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidOption', option: 'domains' } });
    expect(network()).toBe(0);
  });

  it('treats null call options as none, for verify, verifyMany and probe', async () => {
    const { verifier } = setup();
    const none = null as unknown as undefined;
    expect((await verifier.verify('a.example.test', none)())._tag).toBe('Right');
    expect((await verifier.verifyMany(['a.example.test'], none)())._tag).toBe('Right');
    expect((await verifier.probe('a.example.test', none)()).status).toBe('dns-error');
  });
});
