/** The command's parsers of outside input: durations, --resolve entries, name lists. */
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseNameList } from '../../src/cli/names.js';
import { parseDuration, parseResolve, parseWww } from '../../src/cli/parse.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['45', 45_000],
    ['0s', 0],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads any sum of units, and rejects anything else with what to pass', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(59), fc.nat(59), (h, m, s) => {
        expect(parseDuration(`${h}h${m}m${s}s`)).toBe(((h * 60 + m) * 60 + s) * 1000);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        try {
          const ms = parseDuration(text);
          expect(Number.isFinite(ms) && ms >= 0).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect((error as Error).message).toContain('pass a duration');
        }
      }),
    );
  });
});

describe('parseResolve', () => {
  it('reads name:address, curl form, IPv6 and "*", repeatably', () => {
    expect(parseResolve('Shop.Test.:203.0.113.10')).toEqual([{ name: 'shop.test', address: '203.0.113.10' }]);
    expect(parseResolve('shop.test:443:203.0.113.10')).toEqual([
      { name: 'shop.test', address: '203.0.113.10', port: 443 },
    ]);
    expect(parseResolve('shop.test:[2001:db8::1]')).toEqual([{ name: 'shop.test', address: '2001:db8::1' }]);
    expect(parseResolve('shop.test:2001:db8::1')).toEqual([{ name: 'shop.test', address: '2001:db8::1' }]);
    expect(parseResolve('*:127.0.0.1', [{ name: 'a.test', address: '127.0.0.2' }])).toHaveLength(2);
  });

  it('never accepts an entry without a valid IP address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const [entry] = parseResolve(text);
          expect(entry?.name.length).toBeGreaterThan(0);
          expect(entry?.address).toMatch(/^[0-9a-f:.]+$/i);
        } catch (error) {
          expect((error as Error).message).toContain('pass name:address');
        }
      }),
    );
  });
});

describe('parseWww', () => {
  it("takes Ultimate Multisite's main_only as apex", () => {
    expect(['apex', 'always', 'never', 'main_only', 'MAIN-ONLY'].map(parseWww)).toEqual([
      'apex',
      'always',
      'never',
      'apex',
      'apex',
    ]);
    expect(() => parseWww('sometimes')).toThrow(InvalidArgumentError);
  });
});

describe('parseNameList', () => {
  it('reads lines (blank lines and # comments skipped) and JSON arrays', () => {
    expect(parseNameList('\uFEFFa.test\r\n\n  b.test # blog\n# c.test\n', 'x')).toEqual(
      E.right(['a.test', 'b.test']),
    );
    expect(parseNameList(' ["a.test", "b.test"] ', 'x')).toEqual(E.right(['a.test', 'b.test']));
    expect(E.isLeft(parseNameList('[1, 2]', 'x'))).toBe(true);
    expect(E.isLeft(parseNameList('["a.test",', 'x'))).toBe(true);
  });

  it('round-trips any list of names written one per line or as JSON, and never throws', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), (names) => {
        expect(parseNameList(names.join('\n'), 'x')).toEqual(E.right(names));
        expect(parseNameList(JSON.stringify(names), 'x')).toEqual(E.right(names));
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        parseNameList(text, 'x');
      }),
    );
  });
});
