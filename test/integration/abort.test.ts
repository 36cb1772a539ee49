/**
 * An abort stops a change wherever it is, over real HTTP on 127.0.0.1: waiting for the lock,
 * reading, waiting between attempts, waiting for the action. Nothing more is written for it,
 * unless its write is already on the wire: then the error says the write may have landed.
 * The simulator holds chosen requests (an injected latency sleep) so each stage is hit for sure.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { appId, simulatorTest, undoingEveryWrite } from '../simulator.js';

const it = simulatorTest();

const aborted = (reason: string) => ({
  _tag: 'Left',
  left: { _tag: 'AbortedError', reason: expect.stringContaining(reason) },
});

describe('an abort during a change', () => {
  it('stops a change aborted while the app is being read: AbortedError, and no write', async ({
    startHeld,
  }) => {
    const { api, ...hold } = await startHeld('GET', '/apps/:id');
    const sp = api.integration();
    const controller = new AbortController();
    const result = sp.addDomain('never.com', { signal: controller.signal })();
    await hold.onArrival;
    controller.abort();
    expect(await result).toMatchObject(aborted('nothing was sent'));
    hold.release();
    await sp.idle();
    expect(api.writes()).toBe(0);
    expect(api.domains()).not.toContain('never.com');
  });

  it('removes only the aborted caller from a coalesced batch; the other changes are written', async ({
    startHeld,
  }) => {
    const { api, ...hold } = await startHeld('GET', '/apps/:id');
    const sp = api.integration();
    const controller = new AbortController();
    const gone = sp.addDomain('gone.com', { signal: controller.signal })();
    const kept = sp.addDomain('kept.com')();
    const alsoKept = sp.removeDomain('example.com', { signal: new AbortController().signal })();
    await hold.onArrival;
    controller.abort();
    expect(await gone).toMatchObject(aborted('nothing was sent'));
    hold.release();
    const [keptResult, alsoKeptResult] = await Promise.all([kept, alsoKept]);
    if (E.isLeft(keptResult) || E.isLeft(alsoKeptResult))
      throw new Error('expected both kept changes to apply');
    expect(keptResult.right.batchSize).toBe(3);
    expect(keptResult.right.plan.added).toEqual(['kept.com', 'www.kept.com']);
    expect(new Set(api.domains())).toEqual(new Set(['kept.com', 'www.kept.com']));
    expect(api.writes()).toBe(1);
  });

  it('makes no write when every caller of a batch aborts during the read', async ({ startHeld }) => {
    const { api, ...hold } = await startHeld('GET', '/apps/:id');
    const sp = api.integration();
    const controllers = ['one.com', 'two.com'].map((name) => ({ name, controller: new AbortController() }));
    const results = controllers.map(({ name, controller }) =>
      sp.addDomain(name, { signal: controller.signal })(),
    );
    await hold.onArrival;
    for (const { controller } of controllers) controller.abort();
    for (const result of await Promise.all(results))
      expect(result).toMatchObject(aborted('nothing was sent'));
    await sp.idle();
    hold.release();
    expect(api.writes()).toBe(0);
    expect(api.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /apps/${appId}`]);
  });

  it('stops a change aborted while waiting for the lock, before any request, and hands back a late lock', async ({
    api,
  }) => {
    let grant!: (release: () => void) => void;
    let asked!: () => void;
    const waiting = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const released: string[] = [];
    const sp = api.integration({
      lock: {
        acquire: () => {
          asked();
          return new Promise((resolve) => {
            grant = resolve;
          });
        },
      },
    });
    const controller = new AbortController();
    const result = sp.addDomain('locked.com', { signal: controller.signal })();
    await waiting;
    controller.abort();
    expect(await result).toMatchObject(aborted('nothing was sent'));
    await sp.idle();
    grant(() => {
      released.push('released');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toEqual(['released']);
    expect(api.sim.requests).toHaveLength(0);
  });

  it('stops a change aborted while waiting between convergence attempts, without writing again', async ({
    api,
  }) => {
    api.sim.faults.add(undoingEveryWrite('undone.com'));
    const controller = new AbortController();
    const waits: number[] = [];
    const sp = api.integration({
      now: () => 0,
      random: () => 0.5,
      // The first wait is the jittered one before re-reading: abort the caller there.
      sleep: async (ms) => {
        waits.push(ms);
        controller.abort();
      },
    });
    const result = await sp.addDomain('undone.com', { signal: controller.signal })();
    expect(result).toMatchObject(aborted('may have landed'));
    await sp.idle();
    expect(waits).toEqual([2_000]);
    expect(api.writes()).toBe(1);
  });

  it('answers at once when aborted while its write is on the wire, saying the write may have landed', async ({
    startHeld,
  }) => {
    const { api, ...hold } = await startHeld('POST', '/apps/:id');
    const sp = api.integration();
    const controller = new AbortController();
    const result = sp.addDomain('wire.com', { signal: controller.signal })();
    await hold.onArrival;
    controller.abort();
    expect(await result).toMatchObject(aborted('may have landed'));
    hold.release();
    await sp.idle();
    // The write was not cut: it landed, and nothing was sent after it.
    expect(api.domains()).toContain('wire.com');
    expect(api.writes()).toBe(1);
    expect(api.sslPosts()).toHaveLength(0);
  });

  it('stops a change aborted while waiting for its action, after the write held, without AutoSSL', async ({
    startHeld,
  }) => {
    const { api, ...hold } = await startHeld('GET', '/actions/:id', { actionOpenMs: 60_000 });
    const sp = api.integration();
    const controller = new AbortController();
    const result = sp.addDomain('acted.com', { signal: controller.signal })();
    await hold.onArrival;
    controller.abort();
    expect(await result).toMatchObject(aborted('written and read back'));
    await sp.idle();
    hold.release();
    expect(api.domains()).toContain('acted.com');
    expect(api.writes()).toBe(1);
    expect(api.sslPosts()).toHaveLength(0);
  });
});
