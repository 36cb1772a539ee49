/**
 * Issue 9, point 10: every stage of a verification ends, within its `timeoutMs` or at the abort,
 * even when the resolver or the lookup never answers.
 */
import { describe, expect, it } from 'vitest';
import { checkDns, type DnsResolver } from '../../src/ssl/dns.js';
import { probeOnce } from '../../src/ssl/probe.js';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import { startSilentTcpServer } from '../../src/testing/tls.js';

const never = <A>(): Promise<A> => new Promise<A>(() => undefined);

/** A resolver that never answers, counting the queries it was asked. */
const silentResolver = () => {
  let queries = 0;
  const ask = <A>(): Promise<A> => {
    queries++;
    return never<A>();
  };
  const resolver: DnsResolver = { resolve4: ask, resolve6: ask, resolveCname: ask };
  return { resolver, queries: () => queries };
};

/** Fail the test instead of hanging it when the code under test never settles. */
const within = async <A>(ms: number, work: Promise<A>): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
};

describe('DNS stage deadline', () => {
  it('ends a DNS check whose resolver never answers as a lookup-error ETIMEOUT after timeoutMs', async () => {
    const { resolver } = silentResolver();
    const started = Date.now();
    const check = await within(
      2_000,
      checkDns('hang.example.test', { resolver, expectedIps: [], now: Date.now, timeoutMs: 50 }),
    );
    expect(check).toMatchObject({ status: 'lookup-error', code: 'ETIMEOUT', addresses: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends verify with a resolver that never answers in failed after every try, waiting the injected sleep', async () => {
    const { resolver, queries } = silentResolver();
    const sleeps: number[] = [];
    const verifier = createSslVerifier({
      resolver,
      timeoutMs: 40,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const result = await within(3_000, verifier.verify('hang.example.test')());
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    expect(result.right).toMatchObject({ stage: 'failed', attempts: { dns: 5, ssl: 0 } });
    expect(result.right.dns).toMatchObject({ status: 'lookup-error', code: 'ETIMEOUT' });
    expect(result.right.reason).toContain('ETIMEOUT');
    expect(sleeps).toEqual([300_000, 300_000, 300_000, 300_000]);
    expect(queries()).toBe(15);
  });

  it('ends verify with AbortedError when aborted while the resolver hangs, before timeoutMs', async () => {
    const { resolver } = silentResolver();
    const verifier = createSslVerifier({ resolver, timeoutMs: 60_000, sleep: async () => undefined });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const result = await within(2_000, verifier.verify('hang.example.test', { signal: controller.signal })());
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends verifyMany over resolvers that never answer, every domain failed', async () => {
    const { resolver } = silentResolver();
    const verifier = createSslVerifier({ resolver, timeoutMs: 30, sleep: async () => undefined });
    const result = await within(
      3_000,
      verifier.verifyMany(['a.example.test', 'b.example.test', 'c.example.test'], { concurrency: 3 })(),
    );
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    expect(result.right.map((v) => v.stage)).toEqual(['failed', 'failed', 'failed']);
  });

  it('ends the certificate stage when the lookup never answers, as a timeout', async () => {
    const verifier = createSslVerifier({
      lookup: () => never(),
      checkDns: false,
      timeoutMs: 40,
      sleep: async () => undefined,
    });
    const result = await within(3_000, verifier.verify('hang.example.test')());
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    expect(result.right).toMatchObject({ stage: 'ssl-failed', attempts: { dns: 0, ssl: 5 } });
    expect(result.right.probe).toMatchObject({ status: 'timeout', code: 'ETIMEDOUT' });
  });

  it('ends the certificate stage against a server that never completes the handshake', async () => {
    const silent = await startSilentTcpServer();
    try {
      const verifier = createSslVerifier({
        connectTo: '127.0.0.1',
        port: silent.port,
        checkDns: false,
        timeoutMs: 40,
        sleep: async () => undefined,
      });
      const result = await within(3_000, verifier.verify('hang.example.test')());
      if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
      expect(result.right.probe?.status).toBe('timeout');
      expect(silent.connections()).toBe(5);
    } finally {
      await silent.close();
    }
  });

  it('never lets a time limit past 2^31 - 1 ms overflow the timer and fire at once', async () => {
    const huge = Number.MAX_SAFE_INTEGER;
    const silent = await startSilentTcpServer();
    const { resolver } = silentResolver();
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const [probe, dns] = await within(
        2_000,
        Promise.all([
          probeOnce('hang.example.test', {
            port: silent.port,
            connectTo: '127.0.0.1',
            timeoutMs: huge,
            now: Date.now,
            signal: controller.signal,
          }),
          checkDns('hang.example.test', {
            resolver,
            expectedIps: [],
            now: Date.now,
            timeoutMs: huge,
            signal: controller.signal,
          }),
        ]),
      );
      // An overflowed timer would have ended both at once as timeouts; the abort ended them.
      expect(probe.code).toBe('ABORT_ERR');
      expect(dns.code).toBe('ABORT_ERR');
    } finally {
      await silent.close();
    }
  });
});
