import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServerPilotSdkError } from '../../src/errors/index.js';
import type { ActionMap } from '../../src/sdk-hooks.js';
import { createHooks } from '../../src/sdk-hooks.js';
import type { DnsResolver } from '../../src/ssl/dns.js';
import { createSslVerifier, type VerifierOptions } from '../../src/ssl/verifier.js';
import { createStubResolver } from '../../src/testing/dns.js';
import { loopbackLookup } from '../../src/testing/tls.js';
import { runRight } from '../helpers.js';
import { NAMES, startTlsWorld, type TlsWorld } from './fixtures.js';

const SERVER_IP = '203.0.113.10';

let world: TlsWorld;
beforeAll(async () => {
  world = await startTlsWorld();
});
afterAll(() => world.close());

const everyNameHere = createStubResolver(
  Object.fromEntries(Object.values(NAMES).map((name) => [name, { A: [SERVER_IP] }])),
);

/** A verifier on the loopback world whose sleeps are recorded, not waited. */
const setup = (overrides: Partial<VerifierOptions> = {}) => {
  const hooks = overrides.hooks ?? createHooks();
  const sleeps: number[] = [];
  const stages: ActionMap['domain.stage'][] = [];
  hooks.addAction('domain.stage', 'test', (event) => stages.push(event));
  const verifier = createSslVerifier({
    hooks,
    ca: world.ca.cert,
    port: world.server.port,
    lookup: loopbackLookup,
    resolver: everyNameHere,
    expectedIps: [SERVER_IP],
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { hooks, verifier, sleeps, stages };
};

describe('verify: stages', () => {
  it('goes checking-dns, checking-ssl-cert, done for a name that points here and serves a valid certificate', async () => {
    const { verifier, stages, sleeps } = setup();
    const result = await runRight(verifier.verify(NAMES.valid));
    expect(result.stage).toBe('done');
    expect(result.attempts).toEqual({ dns: 1, ssl: 1 });
    expect(result.dns?.status).toBe('points-here');
    expect(result.probe?.status).toBe('valid');
    expect(stages.map((s) => [s.from, s.to])).toEqual([
      [null, 'checking-dns'],
      ['checking-dns', 'checking-ssl-cert'],
      ['checking-ssl-cert', 'done'],
    ]);
    expect(stages[2]?.probe?.status).toBe('valid');
    expect(sleeps).toEqual([]);
    expect(result.history.map((h) => h.type)).toEqual(['stage', 'dns', 'stage', 'probe', 'stage']);
  });

  it('verifies a name whose valid certificate appears on the third attempt as done after exactly three probes', async () => {
    const valid = world.ca.issue({ names: [NAMES.later] });
    world.server.setCertificate(NAMES.later, undefined);
    const before = world.server.handshakes(NAMES.later);
    const sleeps: number[] = [];
    const { verifier } = setup({
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 2) world.server.setCertificate(NAMES.later, valid);
      },
    });
    const result = await runRight(verifier.verify(NAMES.later));
    expect(result.stage).toBe('done');
    expect(result.attempts).toEqual({ dns: 1, ssl: 3 });
    expect(world.server.handshakes(NAMES.later) - before).toBe(3);
    expect(sleeps).toEqual([300_000, 300_000]);
    const probes = result.history.flatMap((h) => (h.type === 'probe' ? [h.probe.status] : []));
    expect(probes).toEqual(['self-signed', 'self-signed', 'valid']);
    world.server.setCertificate(NAMES.later, undefined);
  });

  it('ends in ssl-failed after the default five probes, saying why', async () => {
    const { verifier, sleeps, stages } = setup();
    const result = await runRight(verifier.verify(NAMES.expired));
    expect(result.stage).toBe('ssl-failed');
    expect(result.attempts).toEqual({ dns: 1, ssl: 5 });
    expect(sleeps).toEqual([300_000, 300_000, 300_000, 300_000]);
    expect(result.probe?.status).toBe('expired');
    expect(result.reason).toContain('expired');
    expect(stages.at(-1)).toMatchObject({ from: 'checking-ssl-cert', to: 'ssl-failed', attempt: 5 });
  });

  it('ends in failed without probing when DNS never points at the server', async () => {
    const before = world.server.handshakes();
    const { verifier } = setup({ resolver: createStubResolver({ [NAMES.valid]: { A: ['198.51.100.7'] } }) });
    const result = await runRight(verifier.verify(NAMES.valid));
    expect(result.stage).toBe('failed');
    expect(result.attempts).toEqual({ dns: 5, ssl: 0 });
    expect(result.probe).toBeUndefined();
    expect(result.dns).toMatchObject({ status: 'points-elsewhere', unexpected: ['198.51.100.7'] });
    expect(result.reason).toContain('198.51.100.7');
    expect(world.server.handshakes()).toBe(before);
  });

  it('moves on to the certificate once DNS points here on a later attempt', async () => {
    let calls = 0;
    const resolver: DnsResolver = {
      resolve4: async () => (++calls >= 2 ? [SERVER_IP] : ['198.51.100.7']),
      resolve6: async () => Promise.reject(Object.assign(new Error('no AAAA'), { code: 'ENODATA' })),
      resolveCname: async () => Promise.reject(Object.assign(new Error('no CNAME'), { code: 'ENODATA' })),
    };
    const { verifier } = setup({ resolver });
    const result = await runRight(verifier.verify(NAMES.valid));
    expect(result.stage).toBe('done');
    expect(result.attempts).toEqual({ dns: 2, ssl: 1 });
  });

  it('uses per-call expectedIps over the option', async () => {
    const { verifier } = setup();
    const result = await runRight(verifier.verify(NAMES.valid, { expectedIps: ['198.51.100.7'] }));
    expect(result.stage).toBe('failed');
    expect(result.dns?.expected).toEqual(['198.51.100.7']);
  });

  it('skips the DNS stage when checkDns is false, to check a server before DNS switches', async () => {
    const failing: DnsResolver = {
      resolve4: () => Promise.reject(new Error('must not be asked')),
      resolve6: () => Promise.reject(new Error('must not be asked')),
      resolveCname: () => Promise.reject(new Error('must not be asked')),
    };
    const { verifier, stages } = setup({ resolver: failing, checkDns: false, connectTo: '127.0.0.1' });
    const result = await runRight(verifier.verify(NAMES.valid));
    expect(result.stage).toBe('done');
    expect(result.attempts).toEqual({ dns: 0, ssl: 1 });
    expect(stages[0]).toMatchObject({ from: null, to: 'checking-ssl-cert' });
  });

  it('reports wildcards and IP literals as not verifiable, with the reason, without DNS or TLS', async () => {
    const resolver = createStubResolver({});
    const before = world.server.handshakes();
    const { verifier, stages } = setup({ resolver });
    const wildcard = await runRight(verifier.verify('*.Example.test'));
    const ip = await runRight(verifier.verify('192.0.2.1'));
    expect(wildcard).toMatchObject({
      domain: '*.example.test',
      stage: 'not-verifiable',
      attempts: { dns: 0, ssl: 0 },
    });
    expect(wildcard.reason).toContain('wildcard');
    expect(ip.stage).toBe('not-verifiable');
    expect(ip.reason).toContain('IP address');
    expect(resolver.queries).toEqual([]);
    expect(world.server.handshakes()).toBe(before);
    expect(stages.map((s) => s.to)).toEqual(['not-verifiable', 'not-verifiable']);
  });

  it('rejects an invalid domain with InvalidDomain before any network call', async () => {
    const resolver = createStubResolver({});
    const { verifier } = setup({ resolver });
    const result = await verifier.verify('https://shop.example.test/')();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidDomain' } });
    expect(resolver.queries).toEqual([]);
  });
});

describe('verify: filters', () => {
  it('allows ten attempts when ssl.maxTries is raised to 10', async () => {
    const hooks = createHooks();
    const contexts: unknown[] = [];
    hooks.addFilter('ssl.maxTries', 'test', (_value, context) => {
      contexts.push(context);
      return 10;
    });
    const { verifier, sleeps } = setup({ hooks });
    const result = await runRight(verifier.verify(NAMES.expired));
    expect(result.attempts.ssl).toBe(10);
    expect(sleeps).toHaveLength(9);
    expect(contexts).toEqual([
      { domain: NAMES.expired, stage: 'checking-dns' },
      { domain: NAMES.expired, stage: 'checking-ssl-cert' },
    ]);
  });

  it('allows one attempt and no wait when ssl.maxTries returns 1', async () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'test', () => 1);
    const { verifier, sleeps } = setup({ hooks });
    const result = await runRight(verifier.verify(NAMES.unknown));
    expect(result).toMatchObject({ stage: 'ssl-failed', attempts: { dns: 1, ssl: 1 } });
    expect(result.probe?.status).toBe('self-signed');
    expect(sleeps).toEqual([]);
  });

  it('gives each stage its own budget', async () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'test', (_v, { stage }) => (stage === 'checking-dns' ? 2 : 3));
    const { verifier } = setup({ hooks, resolver: createStubResolver({}) });
    const dnsFailed = await runRight(verifier.verify(NAMES.valid));
    expect(dnsFailed).toMatchObject({ stage: 'failed', attempts: { dns: 2, ssl: 0 } });
    expect(dnsFailed.dns?.status).toBe('nxdomain');
    const sslFailed = await runRight(setup({ hooks }).verifier.verify(NAMES.expired));
    expect(sslFailed).toMatchObject({ stage: 'ssl-failed', attempts: { dns: 1, ssl: 3 } });
  });

  it('passes the attempt number to ssl.retryDelayMs and sleeps exactly what it returns', async () => {
    const hooks = createHooks();
    const contexts: unknown[] = [];
    hooks.addFilter('ssl.retryDelayMs', 'test', (value, context) => {
      contexts.push(context);
      return value / 1000 + context.attempt;
    });
    const { verifier, sleeps } = setup({ hooks });
    await runRight(verifier.verify(NAMES.expired));
    expect(sleeps).toEqual([301, 302, 303, 304]);
    expect(contexts).toEqual(
      [1, 2, 3, 4].map((attempt) => ({ domain: NAMES.expired, stage: 'checking-ssl-cert', attempt })),
    );
  });

  it('turns a filter returning an unusable number into InvalidOption', async () => {
    const hooks = createHooks();
    hooks.addFilter('ssl.maxTries', 'test', () => 0);
    const result = await setup({ hooks }).verifier.verify(NAMES.valid)();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidOption', option: 'ssl.maxTries' } });
  });

  it('turns a throwing hook into HookError naming its namespace', async () => {
    const hooks = createHooks();
    hooks.addAction('domain.stage', 'broken/panel', () => {
      throw new Error('boom');
    });
    const result = await setup({ hooks }).verifier.verify(NAMES.valid)();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'HookError', namespace: 'broken/panel' } });
  });
});

describe('verify: abort', () => {
  it('ends promptly with AbortedError when aborted during a real 300 s wait', async () => {
    // No injected sleep: the default waits on real timers, 300 000 ms per retry.
    const verifier = createSslVerifier({
      ca: world.ca.cert,
      port: world.server.port,
      lookup: loopbackLookup,
      resolver: everyNameHere,
      expectedIps: [SERVER_IP],
    });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const result = await verifier.verify(NAMES.expired, { signal: controller.signal })();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ends promptly even if an injected sleep ignores the signal', async () => {
    const controller = new AbortController();
    const { verifier } = setup({
      sleep: () => {
        setTimeout(() => controller.abort(), 10);
        return new Promise(() => undefined);
      },
    });
    const result = await verifier.verify(NAMES.expired, { signal: controller.signal })();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
  });

  it('does nothing when the signal is already aborted', async () => {
    const resolver = createStubResolver({});
    const { verifier } = setup({ resolver });
    const result = await verifier.verify(NAMES.valid, { signal: AbortSignal.abort() })();
    expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'AbortedError' } });
    expect(resolver.queries).toEqual([]);
  });
});

describe('createSslVerifier options', () => {
  it.each([
    [{ port: 0 }, 'port'],
    [{ port: 70_000 }, 'port'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ connectTo: 'server.example.test' }, 'connectTo'],
    [{ expectedIps: ['not-an-ip'] }, 'expectedIps'],
    [{ ca: 'not a certificate' }, 'ca'],
  ] as const)('rejects %j with InvalidOption on %s', (options, option) => {
    let thrown: unknown;
    try {
      createSslVerifier(options);
    } catch (error) {
      thrown = error;
    }
    expect(isServerPilotSdkError(thrown, 'InvalidOption')).toBe(true);
    expect(thrown).toMatchObject({ error: { option } });
  });
});
