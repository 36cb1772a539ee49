import { isIP } from 'node:net';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  count,
  durationMs,
  flag,
  ipList,
  MAX_TIMER_MS,
  optional,
  struct,
  withDefault,
} from '../../src/internal/validate.js';

const REASON = /^must be .+, not .+; pass .*such as .+/;
const reasonOf = (result: E.Either<unknown, unknown>): string =>
  E.isLeft(result) && (result.left as { _tag: string })._tag === 'InvalidOption'
    ? (result.left as { reason: string }).reason
    : '';

describe('option rules', () => {
  it('accepts exactly the whole numbers of a count range, and refuses every other value in the one form', () => {
    const rule = count({ min: 1, max: 100, example: 8 });
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.anything()), (value) => {
        const result = rule('n', value);
        const inRange = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100;
        expect(E.isRight(result)).toBe(inRange);
        if (!inRange) expect(reasonOf(result)).toMatch(REASON);
      }),
    );
  });

  it('never lets a duration past what a timer holds through', () => {
    const rule = durationMs({ min: 0, example: 1_000 });
    expect(E.isRight(rule('ms', MAX_TIMER_MS))).toBe(true);
    expect(reasonOf(rule('ms', MAX_TIMER_MS + 1))).toMatch(/between 0 and 2147483647, not 2147483648/);
    fc.assert(
      fc.property(fc.double({ min: MAX_TIMER_MS + 1, noNaN: true }), (value) => {
        expect(E.isLeft(rule('ms', value))).toBe(true);
      }),
    );
  });

  it('accepts exactly arrays of IP addresses, and never echoes a string it refuses', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string(), fc.anything())), (items) => {
        const result = ipList('expectedIps', items);
        expect(E.isRight(result)).toBe(items.every((i) => typeof i === 'string' && isIP(i) !== 0));
        if (E.isRight(result)) expect(result.right).toEqual(items);
        else {
          expect(reasonOf(result)).toMatch(REASON);
          for (const item of items)
            if (typeof item === 'string' && item.length > 3 && isIP(item) === 0) {
              expect(reasonOf(result)).not.toContain(item);
            }
        }
      }),
    );
  });

  it('refuses a base URL with credentials without echoing them, and trims trailing slashes', () => {
    const rule = baseUrl('https://api.serverpilot.io/v1');
    expect(rule('baseUrl', 'http://127.0.0.1:8080/v1//')).toEqual(E.right('http://127.0.0.1:8080/v1'));
    const refused = reasonOf(rule('baseUrl', 'https://id:s3cret-key@api.serverpilot.io/v1'));
    expect(refused).toMatch(REASON);
    expect(refused).not.toContain('s3cret-key');
    for (const bad of ['/v1', 'ftp://x/v1', 'https://x/v1?q=1', '', 42]) {
      expect(reasonOf(rule('baseUrl', bad))).toMatch(REASON);
    }
  });

  it('takes only real booleans as flags: the string "false" is refused, not read as true', () => {
    expect(flag('autoSsl', false)).toEqual(E.right(false));
    expect(reasonOf(flag('autoSsl', 'false'))).toBe(
      'must be true or false, not a string; pass a boolean such as false',
    );
  });

  it('names a nested option with a dot, fills defaults, and refuses a non-object', () => {
    const rule = struct(
      {
        limit: withDefault(count({ min: 0, max: 100, example: 2 }), 2),
        delayMs: optional(durationMs({ min: 0, example: 500 })),
      },
      '{ limit: 2 }',
    );
    expect(rule('retry', undefined)).toEqual(E.right({ limit: 2, delayMs: undefined }));
    expect(rule('retry', { limit: -1 })).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'InvalidOption', option: 'retry.limit' },
    });
    expect(rule('retry', 5)).toMatchObject({
      _tag: 'Left',
      left: { option: 'retry', reason: expect.stringMatching(REASON) },
    });
    expect(rule('', null)).toMatchObject({ _tag: 'Left', left: { option: 'options' } });
  });
});
