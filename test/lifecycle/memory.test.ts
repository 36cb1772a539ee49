/**
 * The lifecycle on the in-memory scheduler, over real loopback TLS and the simulator's HTTP, in
 * virtual time: the clock only moves when the test fires the next timer, so a stage with
 * 60-second waits runs in milliseconds and every time it stores is exact.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDomainLifecycle,
  createHooks,
  createMemoryScheduler,
  type DomainLifecycle,
  type Hooks,
  type LifecycleOptions,
  type SslStage,
  unwrap,
} from '../../src/index.js';
import { startRun } from '../../src/lifecycle/index.js';
import { SIMULATOR_IDS } from '../../src/testing/index.js';
import { type VirtualTime, virtualTime } from './virtual-time.js';
import { FINAL, reaches, startWorld, type World } from './world.js';

const LATE = 'late.example.test';
const NEVER = 'never.example.test';
const ELSEWHERE = 'elsewhere.example.test';
const MINUTE = 60_000;

let world: World;
let clock: VirtualTime;
let hooks: Hooks;
let lifecycle: DomainLifecycle;
let stages: { domain: string; from: SslStage | null; to: SslStage; attempt: number }[];

/** A lifecycle over the world, its tries on the virtual clock. */
const lifecycleOnVirtualTime = (extra: Partial<LifecycleOptions> = {}): DomainLifecycle =>
  createDomainLifecycle({
    integration: world.integration(hooks),
    scheduler: createMemoryScheduler({
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    }),
    verifier: world.verifier(),
    resolver: world.resolver,
    ...extra,
  });

beforeEach(async () => {
  world = await startWorld([LATE, NEVER, 'other.example.test'], [ELSEWHERE]);
  clock = virtualTime();
  hooks = createHooks();
  hooks.addFilter('ssl.retryDelayMs', 'test', () => MINUTE);
  stages = [];
  hooks.addAction('domain.stage', 'record', ({ domain, from, to, attempt }) =>
    stages.push({ domain, from, to, attempt }),
  );
  lifecycle = lifecycleOnVirtualTime();
});
afterEach(async () => {
  await lifecycle.close();
  await world.close();
});

/** Fire timers until `domain` reaches a final stage. */
const runToEnd = async (domain: string): Promise<SslStage> => {
  const end = reaches(hooks, domain, FINAL);
  let finished: SslStage | undefined;
  void end.then((e) => {
    finished = e.to;
  });
  while (finished === undefined) await Promise.race([clock.fireNext(), end]);
  return finished;
};

describe('memory lifecycle', () => {
  it('returns from track at once, before any DNS query or handshake, with the first try due now', async () => {
    const start = clock.now();
    const [status] = await unwrap(lifecycle.track([LATE]));
    expect(status).toEqual({
      domain: LATE,
      stage: 'checking-dns',
      attempts: { dns: 0, ssl: 0 },
      nextCheckAt: new Date(start).toISOString(),
      updatedAt: new Date(start).toISOString(),
    });
    expect(world.resolver.queries).toEqual([]);
    expect(world.tls.handshakes()).toBe(0);
    expect(clock.pending()).toBe(1);
    expect(stages).toEqual([{ domain: LATE, from: null, to: 'checking-dns', attempt: 0 }]);
  });

  it('ends done after exactly three probes when the certificate appears on the third try', async () => {
    hooks.addFilter('ssl.retryDelayMs', 'certificate-arrives', (ms, { domain, stage, attempt }) => {
      if (domain === LATE && stage === 'checking-ssl-cert' && attempt === 2) world.issue(LATE);
      return ms;
    });
    const start = clock.now();
    await unwrap(lifecycle.track([LATE]));
    expect(await runToEnd(LATE)).toBe('done');

    expect(world.tls.handshakes(LATE)).toBe(3);
    const status = await unwrap(lifecycle.status(LATE));
    expect(status).toMatchObject({ stage: 'done', attempts: { dns: 1, ssl: 3 } });
    expect(status?.lastProbe?.status).toBe('valid');
    expect(status?.lastDns?.status).toBe('points-here');
    expect(status?.nextCheckAt).toBeUndefined();
    // DNS at once, the SSL stage at once after it, then two waits of a minute.
    expect(status?.updatedAt).toBe(new Date(start + 2 * MINUTE).toISOString());
    expect(clock.delays).toEqual([0, 0, MINUTE, MINUTE]);
    expect(stages).toEqual([
      { domain: LATE, from: null, to: 'checking-dns', attempt: 0 },
      { domain: LATE, from: 'checking-dns', to: 'checking-ssl-cert', attempt: 1 },
      { domain: LATE, from: 'checking-ssl-cert', to: 'done', attempt: 3 },
    ]);
    // DNS passed, so AutoSSL was turned on before the first probe.
    expect(world.sim.state.apps.get(SIMULATOR_IDS.appId)?.ssl?.auto).toBe(true);
  });

  it('tries AutoSSL again before each probe while ServerPilot still reports it unavailable after DNS passed', async () => {
    world.sim.config.pointsHere = () => false;
    hooks.addFilter('ssl.retryDelayMs', 'autossl-arrives', (ms, { domain, stage, attempt }) => {
      if (domain === LATE && stage === 'checking-ssl-cert' && attempt === 1) {
        world.sim.config.pointsHere = () => true;
        world.issue(LATE);
      }
      return ms;
    });
    await unwrap(lifecycle.track([LATE]));
    expect(await runToEnd(LATE)).toBe('done');
    expect(world.sim.state.apps.get(SIMULATOR_IDS.appId)?.ssl?.auto).toBe(true);
    expect(world.tls.handshakes(LATE)).toBe(2);
  });

  it('ends failed after ssl.maxTries tries when the app is gone (404), instead of retrying forever', async () => {
    hooks.addFilter('ssl.maxTries', 'test', () => 3);
    await unwrap(lifecycle.track([LATE]));
    world.sim.state.apps.delete(SIMULATOR_IDS.appId);
    expect(await runToEnd(LATE)).toBe('failed');
    expect(await unwrap(lifecycle.status(LATE))).toMatchObject({
      stage: 'failed',
      attempts: { dns: 3, ssl: 0 },
    });
    expect(world.resolver.queries).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('ends ssl-failed after exactly ssl.maxTries probes when no certificate ever comes', async () => {
    hooks.addFilter('ssl.maxTries', 'test', () => 4);
    await unwrap(lifecycle.track([NEVER]));
    expect(await runToEnd(NEVER)).toBe('ssl-failed');
    expect(world.tls.handshakes(NEVER)).toBe(4);
    const status = await unwrap(lifecycle.status(NEVER));
    expect(status).toMatchObject({ stage: 'ssl-failed', attempts: { dns: 1, ssl: 4 } });
    expect(status?.lastProbe?.status).toBe('self-signed');
    expect(clock.pending()).toBe(0);
  });

  it('schedules a stored name again when tracked again after a crash left it without a pending try', async () => {
    // What a crash between the store swap and `scheduler.schedule` leaves: a record, no timer.
    const orphan = startRun(LATE, 'crashed', 'checking-dns', clock.now(), 1, false);
    expect(await lifecycle.scheduler.store.swap(orphan, undefined)).toBe(true);
    expect(clock.pending()).toBe(0);
    const [status] = await unwrap(lifecycle.track([LATE]));
    expect(status?.stage).toBe('checking-dns');
    expect(clock.pending()).toBe(1);
    await unwrap(lifecycle.track([LATE]));
    expect(clock.pending()).toBe(1);
    world.issue(LATE);
    expect(await runToEnd(LATE)).toBe('done');
  });

  it('ends failed after ssl.maxTries DNS checks that never point at the server, without a probe', async () => {
    hooks.addFilter('ssl.maxTries', 'test', (n, { stage }) => (stage === 'checking-dns' ? 3 : n));
    await unwrap(lifecycle.track([ELSEWHERE]));
    expect(await runToEnd(ELSEWHERE)).toBe('failed');
    const status = await unwrap(lifecycle.status(ELSEWHERE));
    expect(status).toMatchObject({ stage: 'failed', attempts: { dns: 3, ssl: 0 } });
    expect(status?.lastDns?.status).toBe('points-elsewhere');
    expect(world.tls.handshakes()).toBe(0);
    expect(world.resolver.queries.filter((q) => q.type === 'A')).toHaveLength(3);
  });

  it('reads the filters at each try, so a filter added mid-stage changes the next wait and budget', async () => {
    await unwrap(lifecycle.track([NEVER]));
    await clock.fireNext(); // DNS try
    await clock.fireNext(); // first probe, then a wait of a minute
    await clock.untilPending();
    const first = await unwrap(lifecycle.status(NEVER));
    expect(first?.attempts.ssl).toBe(1);
    hooks.addFilter('ssl.retryDelayMs', 'later', () => 5 * MINUTE, 20);
    hooks.addFilter('ssl.maxTries', 'later', () => 3);
    expect(await runToEnd(NEVER)).toBe('ssl-failed');
    expect(world.tls.handshakes(NEVER)).toBe(3);
    expect(clock.delays).toEqual([0, 0, MINUTE, 5 * MINUTE]);
  });

  it('leaves a name being checked alone when tracked again, and starts over one that ended', async () => {
    world.issue(LATE);
    await unwrap(lifecycle.track([LATE]));
    const again = await unwrap(lifecycle.track([LATE]));
    expect(again[0]?.stage).toBe('checking-dns');
    expect(clock.pending()).toBe(1);
    expect(await runToEnd(LATE)).toBe('done');
    const restarted = await unwrap(lifecycle.track([LATE]));
    expect(restarted[0]).toMatchObject({ stage: 'checking-dns', attempts: { dns: 0, ssl: 0 } });
    expect(stages.at(-1)).toEqual({ domain: LATE, from: 'done', to: 'checking-dns', attempt: 0 });
    expect(await runToEnd(LATE)).toBe('done');
    expect(world.tls.handshakes(LATE)).toBe(2);
  });

  it('stops checking an untracked name and cancels its timer', async () => {
    await unwrap(lifecycle.track([NEVER, 'other.example.test']));
    await unwrap(lifecycle.untrack(NEVER));
    expect(await unwrap(lifecycle.status(NEVER))).toBeUndefined();
    expect((await unwrap(lifecycle.list())).map((s) => s.domain)).toEqual(['other.example.test']);
    expect(clock.pending()).toBe(1);
  });

  it('lists every tracked name sorted, normalized, once', async () => {
    const tracked = await unwrap(lifecycle.track(['Other.Example.Test.', LATE, 'other.example.test']));
    expect(tracked.map((s) => s.domain)).toEqual(['other.example.test', LATE]);
    expect((await unwrap(lifecycle.list())).map((s) => s.domain)).toEqual([LATE, 'other.example.test']);
  });

  it('refuses wildcards, IP addresses and non-strings before tracking anything', async () => {
    for (const bad of [['*.example.test'], ['127.0.0.1'], [LATE, 42], 'late.example.test']) {
      const result = await lifecycle.track(bad as never)();
      expect(E.isLeft(result) && result.left._tag, JSON.stringify(bad)).toMatch(
        /InvalidDomain|InvalidOption/,
      );
    }
    expect(await unwrap(lifecycle.list())).toEqual([]);
  });

  it('stops before the next name when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await lifecycle.track([LATE], { signal: controller.signal })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
    expect(await unwrap(lifecycle.list())).toEqual([]);
  });

  it('reports a filter that returns nonsense and uses the default instead', async () => {
    const errors: string[] = [];
    await lifecycle.close();
    lifecycle = lifecycleOnVirtualTime({
      onError: (error) => errors.push(error._tag === 'InvalidOption' ? error.option : error._tag),
    });
    hooks.addFilter('ssl.maxTries', 'broken', () => -1);
    await unwrap(lifecycle.track([NEVER]));
    expect(await runToEnd(NEVER)).toBe('ssl-failed');
    expect(world.tls.handshakes(NEVER)).toBe(5);
    expect(errors).toContain('ssl.maxTries');
  });

  it('reports a scheduler whose store fails as a SchedulerError naming the lifecycle call, not a throw', async () => {
    await lifecycle.close();
    const scheduler = createMemoryScheduler({
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    });
    const down = async (): Promise<never> => {
      throw new Error('store down');
    };
    lifecycle = createDomainLifecycle({
      integration: world.integration(hooks),
      scheduler: { ...scheduler, store: { ...scheduler.store, get: down, list: down } },
      verifier: world.verifier(),
      resolver: world.resolver,
    });
    const cause = { name: 'Error', message: 'store down' };
    expect(await lifecycle.status(LATE)()).toEqual(
      E.left({ _tag: 'SchedulerError', operation: 'status', cause }),
    );
    expect(await lifecycle.list()()).toEqual(E.left({ _tag: 'SchedulerError', operation: 'list', cause }));
  });
});
