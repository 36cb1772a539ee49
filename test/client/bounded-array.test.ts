import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { boundedArray, isMoreItems } from '../../src/client/bounded-array.js';
import { AppCodec } from '../../src/client/codecs.js';
import { appDetailsJson } from './fixtures.js';

const item = t.readonly(t.type({ id: t.string, n: t.number }));
const element = fc.oneof(
  fc.record({ id: fc.string(), n: fc.integer() }),
  fc.record({ id: fc.integer(), n: fc.string() }),
  fc.jsonValue({ maxDepth: 2 }),
);

describe('boundedArray', () => {
  it('decodes exactly what t.readonlyArray decodes, and fails exactly when it fails', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 40 }), (values) => {
        const bounded = boundedArray(item).decode(values);
        const plain = t.readonlyArray(item).decode(values);
        expect(E.isRight(bounded)).toBe(E.isRight(plain));
        if (E.isRight(bounded) && E.isRight(plain)) expect(bounded.right).toEqual(plain.right);
        expect(boundedArray(item).is(values)).toBe(t.readonlyArray(item).is(values));
      }),
    );
  });

  it('reports ten failing elements one by one and counts the rest in one error', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 60 }), (values) => {
        const failing = values.filter((v) => !item.is(v)).length;
        const result = boundedArray(item).decode(values);
        if (E.isRight(result)) {
          expect(failing).toBe(0);
          return;
        }
        const reported = new Set(result.left.filter((e) => !isMoreItems(e)).map((e) => e.context[1]?.key));
        const more = result.left.filter(isMoreItems);
        expect(reported.size).toBe(Math.min(failing, 10));
        expect(more.reduce((sum, e) => sum + e.more, 0)).toBe(Math.max(0, failing - 10));
      }),
    );
  });

  it('keeps 100 000 failing apps to about a hundred errors instead of about a million', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => ({ n: i }));
    const bounded = boundedArray(AppCodec).decode(values);
    const plain = t.readonlyArray(AppCodec).decode(values);
    expect(E.isLeft(plain) && plain.left.length).toBeGreaterThan(800_000);
    expect(E.isLeft(bounded) && bounded.left.length).toBeLessThan(200);
    expect(E.isRight(boundedArray(AppCodec).decode([appDetailsJson]))).toBe(true);
  });
});
