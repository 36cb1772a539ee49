/**
 * Jittered backoff between convergence attempts: independent writers (no lock, no shared queue)
 * that collide wait random, growing times before re-reading, so they stop colliding in
 * lock-step. The waits are checked exactly with an injected sleep, random source and clock;
 * `npm run bench:writers` measures what they buy with 10 and 50 real writers.
 */

import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it as plain } from 'vitest';
import { backoffDelay, WRITE_BACKOFF_DEFAULTS } from '../../src/integration/backoff.js';
import { tryCreateServerPilotIntegration } from '../../src/integration/index.js';
import { appId, simulatorTest, undoingEveryWrite } from '../simulator.js';

const it = simulatorTest();

/** A random source that plays back `values` in turn. */
const playback = (values: readonly number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe('backoffDelay', () => {
  plain('stays below min(cap, base * 2^(retry - 1)) and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, baseMs, capMs, r) => {
          const delay = backoffDelay(retry, { baseMs, capMs }, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(capMs, baseMs * 2 ** (retry - 1)));
        },
      ),
    );
  });

  plain('grows with the attempt for one random draw, and varies with the draw for one attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0.01, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0.01, max: 1, maxExcluded: true, noNaN: true }),
        (retry, r1, r2) => {
          const b = { baseMs: 1_000, capMs: 1_000_000 };
          expect(backoffDelay(retry + 1, b, () => r1)).toBeGreaterThan(backoffDelay(retry, b, () => r1));
          if (Math.abs(r1 - r2) > 0.01) {
            expect(backoffDelay(retry, b, () => r1)).not.toBe(backoffDelay(retry, b, () => r2));
          }
        },
      ),
    );
  });

  plain('clamps a random source that strays outside [0, 1)', () => {
    const b = { baseMs: 1_000, capMs: 8_000 };
    expect(backoffDelay(1, b, () => -3)).toBe(0);
    expect(backoffDelay(1, b, () => 7)).toBe(1_000);
    expect(backoffDelay(1, b, () => Number.NaN)).toBe(0);
  });
});

describe('waits between convergence attempts', () => {
  const undoEveryWrite = undoingEveryWrite('contested.com');

  it('waits a jittered, growing time before each re-application, drawn from the injected random', async ({
    api,
  }) => {
    api.sim.faults.add(undoEveryWrite);
    const run = async (draws: readonly number[]) => {
      const waits: number[] = [];
      const sp = api.integration({
        maxWriteAttempts: 5,
        now: () => 0,
        random: playback(draws),
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      const result = await sp.addDomain('contested.com')();
      expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'WriteConflict', attempts: 5 });
      return waits;
    };
    const { baseMs, capMs } = WRITE_BACKOFF_DEFAULTS;
    // Bounds 4 s, 8 s, then the 8 s cap: each wait is the draw times its bound.
    expect(await run([0.5])).toEqual([0.5 * baseMs, 0.5 * 2 * baseMs, 0.5 * capMs, 0.5 * capMs]);
    expect(await run([0.1, 0.9, 0.3, 0.7])).toEqual([
      0.1 * baseMs,
      0.9 * 2 * baseMs,
      0.3 * capMs,
      0.7 * capMs,
    ]);
    expect(api.writes()).toBe(10);
  });

  it('waits nothing extra when the first write holds', async ({ api }) => {
    const waits: number[] = [];
    const sp = api.integration({
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const report = await sp.addDomain('calm.com')();
    expect(E.isRight(report) && report.right.writes).toBe(1);
    expect(waits).toEqual([]);
  });

  it('reads back no sooner than its own read and write took, so writers in flight have landed', async ({
    api,
  }) => {
    let t = 0;
    const waits: number[] = [];
    const sp = api.integration({
      // Every look at the clock moves it 40 ms: the read is stamped at 0, the write answered at 40.
      now: () => {
        t += 40;
        return t - 40;
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const report = await sp.addDomain('settled.com')();
    expect(E.isRight(report) && report.right.writes).toBe(1);
    expect(waits).toEqual([40]);
  });

  it('uses its own writeBackoff bounds', async ({ api }) => {
    api.sim.faults.add(undoEveryWrite);
    const waits: number[] = [];
    const sp = api.integration({
      maxWriteAttempts: 4,
      writeBackoff: { baseMs: 100, capMs: 250 },
      now: () => 0,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await sp.addDomain('contested.com')();
    expect(waits).toEqual([50, 100, 125]);
  });

  it.for([
    [{ writeBackoff: { baseMs: -1 } }, 'writeBackoff.baseMs'],
    [{ writeBackoff: { capMs: Number.POSITIVE_INFINITY } }, 'writeBackoff.capMs'],
    [{ writeBackoff: { baseMs: 2 ** 31 } }, 'writeBackoff.baseMs'],
    [{ writeBackoff: 5 as never }, 'writeBackoff'],
    [{ random: 0.5 as never }, 'random'],
    [{ sleep: 'no' as never }, 'sleep'],
    [{ now: 1 as never }, 'now'],
  ] as const)('rejects %j as InvalidOption before any request', ([options, option], { api }) => {
    const either = tryCreateServerPilotIntegration({ client: api.newClient(), appId, ...options });
    expect(E.isLeft(either) && either.left).toMatchObject({ _tag: 'InvalidOption', option });
    expect(api.sim.requests).toHaveLength(0);
  });
});
