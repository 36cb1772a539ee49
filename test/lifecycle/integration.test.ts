/**
 * `createServerPilotIntegration({ lifecycle })`: names a change adds are tracked once the write
 * holds, the report lists them, removed names are untracked, and `integration.lifecycle` reads them.
 * The simulator over HTTP, real loopback TLS, a stub resolver; virtual time for the tries.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockTimeout } from '../../src/errors/index.js';
import {
  createHooks,
  createMemoryScheduler,
  createServerPilotIntegration,
  type DomainLifecycle,
  type DomainLock,
  type ServerPilotIntegration,
  ServerPilotSdkError,
  type SslVerifier,
  tryCreateServerPilotIntegration,
  unwrap,
} from '../../src/index.js';
import { SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { virtualTime } from './virtual-time.js';
import { FINAL, reaches, startWorld, type World } from './world.js';

const SHOP = 'shop.example.test';
let world: World;
let sp: ServerPilotIntegration | undefined;

beforeEach(async () => {
  world = await startWorld([SHOP, `www.${SHOP}`, 'example.test', 'www.example.test', 'blog.example.test']);
});
afterEach(async () => {
  await sp?.lifecycle?.close();
  sp = undefined;
  await world.close();
});

/** A verifier whose DNS checks use the world's resolver: its own `checkDns` is what the lifecycle uses. */
const verifierWithDns = (): SslVerifier => world.verifier();

const lifecycleOf = (integration: ServerPilotIntegration | undefined): DomainLifecycle => {
  if (integration?.lifecycle === undefined) throw new Error('no lifecycle');
  return integration.lifecycle;
};

const options = (extra: object = {}) => ({
  ...SIMULATOR_CREDENTIALS,
  baseUrl: world.api.url,
  appId: SIMULATOR_IDS.appId,
  actionWait: { intervalMs: 10 },
  ...extra,
});

describe('integration with a lifecycle', () => {
  it('tracks the names a change adds, and their www twins, once the write holds', async () => {
    const clock = virtualTime();
    const scheduler = createMemoryScheduler(clock);
    const hooks = createHooks();
    hooks.addFilter('ssl.retryDelayMs', 'test', () => 60_000);
    sp = createServerPilotIntegration(options({ hooks, lifecycle: scheduler, verifier: verifierWithDns() }));
    expect(sp.lifecycle?.scheduler).toBe(scheduler);

    const report = await unwrap(sp.addDomain('example.test'));
    expect(report.writes).toBe(1);
    expect(report.tracked?.map((s) => [s.domain, s.stage])).toEqual([
      ['example.test', 'checking-dns'],
      ['www.example.test', 'checking-dns'],
    ]);
    expect(world.tls.handshakes()).toBe(0);

    world.issue('example.test');
    world.issue('www.example.test');
    const ends = ['example.test', 'www.example.test'].map((d) => reaches(hooks, d, FINAL));
    let settled = false;
    const all = Promise.all(ends).then((e) => {
      settled = true;
      return e;
    });
    while (!settled) await Promise.race([clock.fireNext(), all]);
    expect((await all).map((e) => e.to)).toEqual(['done', 'done']);
    const listed = await unwrap(lifecycleOf(sp).list());
    expect(listed.map((s) => [s.domain, s.stage, s.attempts])).toEqual([
      ['example.test', 'done', { dns: 1, ssl: 1 }],
      ['www.example.test', 'done', { dns: 1, ssl: 1 }],
    ]);
  });

  it("untracks the names a change removes, and tracks nothing when 'memory' is asked but nothing is added", async () => {
    sp = createServerPilotIntegration(options({ lifecycle: 'memory', verifier: verifierWithDns() }));
    await unwrap(sp.addDomains([SHOP, 'blog.example.test']));
    expect((await unwrap(lifecycleOf(sp).list())).map((s) => s.domain)).toEqual(['blog.example.test', SHOP]);
    const removed = await unwrap(sp.removeDomain(SHOP));
    expect(removed.tracked).toEqual([]);
    expect(removed.warnings).toEqual([]);
    expect(await unwrap(lifecycleOf(sp).status(SHOP))).toBeUndefined();
    // Still tracked (its tries run on real timers here, so its stage may have moved on).
    expect((await unwrap(lifecycleOf(sp).status('blog.example.test')))?.domain).toBe('blog.example.test');
  });

  it('has no lifecycle and no tracked field without the option', async () => {
    sp = createServerPilotIntegration(options());
    expect(sp.lifecycle).toBeUndefined();
    const report = await unwrap(sp.addDomain('blog.example.test'));
    expect(report).not.toHaveProperty('tracked');
  });

  it('returns a Left, not a throw, from tryCreateServerPilotIntegration when the scheduler already serves a lifecycle', () => {
    const scheduler = createMemoryScheduler(virtualTime());
    sp = createServerPilotIntegration(options({ lifecycle: scheduler, verifier: verifierWithDns() }));
    const second = tryCreateServerPilotIntegration(
      options({ lifecycle: scheduler, verifier: verifierWithDns() }),
    );
    expect(E.isLeft(second) && second.left).toMatchObject({ _tag: 'InvalidOption', option: 'scheduler' });
    expect(world.sim.requests).toHaveLength(0);
  });

  it('refuses a lifecycle that is neither memory nor a scheduler, before any request', () => {
    const created = tryCreateServerPilotIntegration(options({ lifecycle: 'redis' }));
    expect(E.isLeft(created) && created.left).toMatchObject({ _tag: 'InvalidOption', option: 'lifecycle' });
    expect(world.sim.requests).toEqual([]);
  });

  it("reports a lock's own SdkError (LockTimeout) as it is, not as a HookError, and writes nothing", async () => {
    const lock: DomainLock = {
      acquire: async (appId) => {
        throw new ServerPilotSdkError(lockTimeout(appId, `lock:${appId}`, 50));
      },
    };
    sp = createServerPilotIntegration(options({ lock }));
    const result = await sp.addDomain('blog.example.test')();
    expect(E.isLeft(result) && result.left).toEqual({
      _tag: 'LockTimeout',
      appId: SIMULATOR_IDS.appId,
      key: `lock:${SIMULATOR_IDS.appId}`,
      waitMs: 50,
    });
    expect(world.sim.requests).toEqual([]);
  });
});
