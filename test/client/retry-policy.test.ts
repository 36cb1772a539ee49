import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRetryDelay, isRetryable, parseRetryAfter } from '../../src/client/retry-policy.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter(new Date(NOW + 7_000).toUTCString(), NOW)).toBe(7_000);
  });

  it('treats a date in the past as no wait at all', () => {
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });

  it('ignores a missing, empty or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
  });
});

describe('computeRetryDelay', () => {
  const base = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it('obeys Retry-After exactly when it is within the cap', () => {
    expect(computeRetryDelay({ ...base, attempt: 1, retryAfterMs: 1000, random: () => 0.99 })).toEqual({
      _tag: 'wait',
      ms: 1000,
    });
  });

  it('gives up when Retry-After is longer than the cap, reporting the wait asked for', () => {
    expect(computeRetryDelay({ ...base, attempt: 1, retryAfterMs: 60_000, random: () => 0 })).toEqual({
      _tag: 'give-up',
      retryAfterMs: 60_000,
    });
  });

  it('backs off exponentially with equal jitter when there is no Retry-After', () => {
    const at = (attempt: number, r: number) => computeRetryDelay({ ...base, attempt, random: () => r });
    expect(at(1, 0)).toEqual({ _tag: 'wait', ms: 250 });
    expect(at(1, 1)).toEqual({ _tag: 'wait', ms: 500 });
    expect(at(2, 0)).toEqual({ _tag: 'wait', ms: 500 });
    expect(at(3, 0.5)).toEqual({ _tag: 'wait', ms: 1500 });
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    for (let attempt = 1; attempt <= 60; attempt++) {
      const delay = computeRetryDelay({ ...base, attempt, random: () => 0.999 });
      expect(delay._tag === 'wait' && delay.ms).toBeLessThanOrEqual(30_000);
    }
  });

  it('spreads clients that fail together over different waits', () => {
    const waits = new Set(
      [0, 0.25, 0.5, 0.75].map((r) => computeRetryDelay({ ...base, attempt: 4, random: () => r })),
    );
    expect(new Set([...waits].map((w) => (w._tag === 'wait' ? w.ms : -1))).size).toBe(4);
  });
});

describe('isRetryable', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries status %i on an idempotent request', (status) => {
    expect(isRetryable({ _tag: 'status', status }, true)).toBe(true);
  });

  it.each([400, 401, 402, 403, 404, 409, 422, 501])('never retries status %i', (status) => {
    expect(isRetryable({ _tag: 'status', status }, true)).toBe(false);
    expect(isRetryable({ _tag: 'status', status }, false)).toBe(false);
  });

  it('retries a create only when the server cannot have acted on it', () => {
    expect(isRetryable({ _tag: 'status', status: 429 }, false)).toBe(true);
    expect(isRetryable({ _tag: 'status', status: 503 }, false)).toBe(true);
    expect(isRetryable({ _tag: 'status', status: 500 }, false)).toBe(false);
    expect(isRetryable({ _tag: 'status', status: 502 }, false)).toBe(false);
    expect(isRetryable({ _tag: 'network', code: 'ECONNREFUSED' }, false)).toBe(true);
    expect(isRetryable({ _tag: 'network', code: 'ECONNRESET' }, false)).toBe(false);
    expect(isRetryable({ _tag: 'network' }, true)).toBe(true);
  });
});

describe('isRetryable for a whole domain list', () => {
  const NEVER_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

  it('resends only failures that prove the request never left this machine', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ _tag: fc.constant('status' as const), status: fc.integer({ min: 100, max: 599 }) }),
          fc.record(
            {
              _tag: fc.constant('network' as const),
              code: fc.oneof(
                fc.constantFrom(...NEVER_SENT, 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'),
                fc.string(),
              ),
            },
            { requiredKeys: ['_tag'] },
          ),
        ),
        (failure) => {
          const neverSent = failure._tag === 'network' && NEVER_SENT.includes(failure.code ?? '');
          expect(isRetryable(failure, 'if-never-sent')).toBe(neverSent);
        },
      ),
    );
  });

  it('keeps the older boolean spellings of the other two rules', () => {
    for (const failure of [
      { _tag: 'status', status: 503 },
      { _tag: 'status', status: 500 },
      { _tag: 'network', code: 'ECONNRESET' },
    ] as const) {
      expect(isRetryable(failure, true)).toBe(isRetryable(failure, 'always'));
      expect(isRetryable(failure, false)).toBe(isRetryable(failure, 'if-not-processed'));
    }
  });
});
