/**
 * How reconcileDomains scales with the size of the current list. The work must grow linearly
 * (Set/Map lookups, no nested scans): compare the per-entry cost across the three sizes.
 * Run: npm run bench
 */
import * as E from 'fp-ts/lib/Either.js';
import { bench, describe } from 'vitest';
import { reconcileDomains } from '../src/domains/index.js';

const sizes = [300, 10_000, 100_000] as const;

const listOf = (n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? `site${i}.example.com`
      : i % 3 === 1
        ? `shop${i}.example.co.uk`
        : `www.site${i - 2}.example.com`,
  );

for (const size of sizes) {
  const current = listOf(size);
  // A change touching 10% of the list: half new names, half removals of existing apexes.
  const touched = Math.max(2, Math.floor(size / 10));
  const add = Array.from({ length: touched / 2 }, (_, i) => `new${i}.example.org`);
  const remove = current.filter((_, i) => i % 3 === 0).slice(0, touched / 2);
  const options = { maxDomains: size * 2 };

  describe(`reconcileDomains, ${size} entries`, () => {
    bench(
      `${size} current, ${add.length} added, ${remove.length} removed`,
      () => {
        const plan = reconcileDomains(current, { add, remove }, options);
        if (E.isLeft(plan)) throw new Error('plan failed');
      },
      { time: size >= 100_000 ? 3_000 : 1_000 },
    );
  });
}
