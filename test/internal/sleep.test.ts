import { describe, expect, it } from 'vitest';
import { realSleep, type Sleep, sleepUnlessAborted } from '../../src/internal/sleep.js';

describe('realSleep', () => {
  it('waits about the time asked for', async () => {
    const started = performance.now();
    await realSleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('resolves, not rejects, as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const waiting = realSleep(10_000, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(waiting).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('resolves at once with a signal that has already aborted', async () => {
    const started = performance.now();
    await expect(realSleep(10_000, AbortSignal.abort())).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('sleepUnlessAborted', () => {
  it('returns true on abort even when the injected sleep ignores the signal', async () => {
    const ignoring: Sleep = () => new Promise(() => {});
    const controller = new AbortController();
    const waiting = sleepUnlessAborted(ignoring, 10_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(true);
  });

  it('returns false when the wait ran out without an abort', async () => {
    const waits: number[] = [];
    const recording: Sleep = async (ms) => {
      waits.push(ms);
    };
    await expect(sleepUnlessAborted(recording, 250, new AbortController().signal)).resolves.toBe(false);
    await expect(sleepUnlessAborted(recording, 300, undefined)).resolves.toBe(false);
    expect(waits).toEqual([250, 300]);
  });

  it('returns true when an injected sleep rejects because of the abort', async () => {
    const controller = new AbortController();
    const rejecting: Sleep = (_ms, signal) =>
      new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const waiting = sleepUnlessAborted(rejecting, 10_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(true);
  });

  it('never rejects, whether an injected sleep throws synchronously or rejects without an abort', async () => {
    const throwing: Sleep = () => {
      throw new Error('sleep broke');
    };
    const rejecting: Sleep = () => Promise.reject(new Error('sleep broke'));
    await expect(sleepUnlessAborted(throwing, 10, undefined)).resolves.toBe(false);
    await expect(sleepUnlessAborted(throwing, 10, new AbortController().signal)).resolves.toBe(false);
    await expect(sleepUnlessAborted(rejecting, 10, undefined)).resolves.toBe(false);
  });
});
