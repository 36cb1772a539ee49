import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHooks } from '../../src/sdk-hooks.js';
import type { DnsResolver } from '../../src/ssl/dns.js';
import type { VerifierOptions } from '../../src/ssl/types.js';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import { createStubResolver } from '../../src/testing/dns.js';
import { loopbackLookup } from '../../src/testing/tls.js';
import { NAMES, startTlsWorld, type TlsWorld } from './fixtures.js';

const SERVER_IP = '203.0.113.10';

let world: TlsWorld;
beforeAll(async () => {
  world = await startTlsWorld();
});
afterAll(() => world.close());

/** A resolver that answers after a tick and records how many queries were in flight at once. */
const countingResolver = () => {
  let inFlight = 0;
  let peak = 0;
  let total = 0;
  const resolver: DnsResolver = {
    resolve4: async () => {
      total++;
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return [SERVER_IP];
    },
    resolve6: () => Promise.reject(Object.assign(new Error('none'), { code: 'ENODATA' })),
    resolveCname: () => Promise.reject(Object.assign(new Error('none'), { code: 'ENODATA' })),
  };
  return { resolver, peak: () => peak, queries: () => total };
};

const verifierWith = (resolver: DnsResolver, extra: VerifierOptions = {}) =>
  createSslVerifier({
    ca: world.ca.cert,
    port: world.server.port,
    lookup: loopbackLookup,
    resolver,
    expectedIps: [SERVER_IP],
    sleep: async () => undefined,
    ...extra,
  });

describe('verifyMany', () => {
  it('verifies every domain and returns results in input order', async () => {
    const { resolver } = countingResolver();
    const domains = [NAMES.valid, NAMES.expired, '*.example.test', NAMES.unknown];
    const result = await verifierWith(resolver).verifyMany(domains)();
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    expect(result.right.map((r) => [r.domain, r.stage])).toEqual([
      [NAMES.valid, 'done'],
      [NAMES.expired, 'ssl-failed'],
      ['*.example.test', 'not-verifiable'],
      [NAMES.unknown, 'ssl-failed'],
    ]);
  });

  it('keeps at most `concurrency` verifications in flight', async () => {
    const { resolver, peak } = countingResolver();
    const domains = Array.from({ length: 12 }, () => NAMES.valid);
    const result = await verifierWith(resolver).verifyMany(domains, { concurrency: 3 })();
    expect(result._tag).toBe('Right');
    expect(peak()).toBe(3);
  });

  it('runs eight at a time by default', async () => {
    const { resolver, peak } = countingResolver();
    const domains = Array.from({ length: 20 }, () => NAMES.valid);
    await verifierWith(resolver).verifyMany(domains)();
    expect(peak()).toBe(8);
  });

  it('rejects a bad name in the list before any network call', async () => {
    const resolver = createStubResolver({});
    const result = await verifierWith(resolver).verifyMany([NAMES.valid, 'shop example.test'])();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidDomain' } });
    expect(resolver.queries).toEqual([]);
  });

  it('rejects a concurrency below one with InvalidOption', async () => {
    const result = await verifierWith(createStubResolver({})).verifyMany([NAMES.valid], { concurrency: 0 })();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidOption', option: 'concurrency' } });
  });

  it('stops every verification with AbortedError when its signal aborts', async () => {
    const controller = new AbortController();
    const resolver = createStubResolver({});
    const verifier = createSslVerifier({
      resolver,
      expectedIps: [SERVER_IP],
      sleep: async (_ms, signal) => {
        controller.abort();
        await new Promise((resolve) => signal?.addEventListener('abort', resolve));
      },
    });
    const domains = Array.from({ length: 30 }, (_, i) => `n${i}.example.test`);
    const result = await verifier.verifyMany(domains, { concurrency: 4, signal: controller.signal })();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
    // Only the first wave ever queried DNS: three queries (A, AAAA, CNAME) per domain started.
    expect(resolver.queries.length).toBeLessThanOrEqual(4 * 3);
  });

  it('returns an empty list for no domains', async () => {
    const result = await verifierWith(createStubResolver({})).verifyMany([])();
    expect(result).toEqual({ _tag: 'Right', right: [] });
  });

  it('stops starting new verifications after the first failure and returns it', async () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'picky/panel', (value, { domain }) => {
      if (domain === 'n2.example.test') throw new Error('no budget for you');
      return value;
    });
    const { resolver } = countingResolver();
    const started: string[] = [];
    hooks.addAction('domain.stage', 'test', ({ domain, from }) => {
      if (from === null) started.push(domain);
    });
    const verifier = verifierWith(resolver, { hooks });
    const domains = Array.from({ length: 20 }, (_, i) => `n${i}.example.test`);
    const result = await verifier.verifyMany(domains, { concurrency: 2 })();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'HookError', namespace: 'picky/panel' } });
    expect(started.length).toBeLessThanOrEqual(4);
  });

  it('turns an injected function that throws into a Left, never a rejection, and stops the others', async () => {
    const { resolver, queries } = countingResolver();
    let ticks = 0;
    const verifier = verifierWith(resolver, {
      // A broken clock: the injected function that fails, a few calls in.
      now: () => {
        ticks++;
        if (ticks === 6) throw new Error('clock broke');
        return Date.now();
      },
    });
    const domains = Array.from({ length: 10 }, (_, i) => `n${i}.example.test`);
    const result = await verifier.verifyMany(domains, { concurrency: 2 })();
    expect(result).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'CallbackError', option: 'verifier.now', cause: { message: 'clock broke' } },
    });
    const settled = queries();
    expect(settled).toBeLessThan(domains.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(queries()).toBe(settled);
  });
});
