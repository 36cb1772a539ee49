import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asyncMainVariant, usesTopLevelAwait } from './async-main.js';
import { extractFences, unitsOf } from './markdown.js';

const page = (...lines: string[]): string => lines.join('\n');

describe('extractFences', () => {
  it('reads the marker on the last non-blank line before a fence, with its note', () => {
    const [fence] = extractFences(
      page('text', '<!-- snippet: esm (a vitest file) -->', '', '```ts', 'const a = 1;', '```'),
      'docs/x.md',
    );
    expect(fence?.lang).toBe('ts');
    expect(fence?.line).toBe(5);
    expect(fence?.code).toBe('const a = 1;');
    expect([...(fence?.flags ?? [])]).toEqual(['esm']);
    expect(fence?.note).toBe('a vitest file');
  });

  it('takes no marker from a comment that is not the last thing before the fence', () => {
    const [fence] = extractFences(page('<!-- snippet: run -->', 'Some text.', '```ts', 'x', '```'), 'p.md');
    expect(fence?.flags.size).toBe(0);
  });

  it('refuses an unknown flag, naming the page and line, so a typo never turns a check off', () => {
    expect(() =>
      extractFences(page('a', '<!-- snippet: fragmnet -->', '```ts', 'x', '```'), 'docs/y.md'),
    ).toThrow(/docs\/y\.md:2: unknown snippet marker/);
  });

  it('refuses a fragment that is also to be run', () => {
    expect(() => extractFences(page('<!-- snippet: fragment run -->', '```ts', 'x', '```'), 'p.md')).toThrow(
      /fragment is not compiled/,
    );
  });

  it('strips the indentation of a fence inside a list item', () => {
    const [fence] = extractFences(
      page('- item', '', '  ```ts', '  const a = 1;', '    nested;', '  ```'),
      'p.md',
    );
    expect(fence?.code).toBe('const a = 1;\n  nested;');
  });

  it('gives back the text of every block exactly, whatever lines it holds', () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', '`', '~', '<', '!', '-', '{', '}', 'é') });
    const block = fc.array(
      line.filter((l) => !/^\s*(`{3,}|~{3,})/.test(l)),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('ts', 'sh', ''), block), { maxLength: 5 }), (blocks) => {
        const markdown = blocks.map(([lang, lines]) =>
          ['Prose.', '', `\`\`\`${lang}`, ...lines, '```', ''].join('\n'),
        );
        const fences = extractFences(markdown.join('\n'), 'p.md');
        expect(fences.map((f) => [f.lang, f.code])).toEqual(
          blocks.map(([lang, lines]) => [lang, lines.join('\n')]),
        );
      }),
    );
  });
});

describe('unitsOf', () => {
  it('appends a block marked continues to the one before, each line keeping its page line', () => {
    const fences = extractFences(
      page(
        '```ts',
        'const a = 1;',
        '```',
        '',
        '<!-- snippet: continues run -->',
        '```ts',
        'console.log(a);',
        '```',
      ),
      'p.md',
    );
    const [first, second] = unitsOf(fences);
    expect(first).toMatchObject({ id: 'p.md:2', code: 'const a = 1;', run: false });
    expect(second).toMatchObject({ id: 'p.md:7', code: 'const a = 1;\nconsole.log(a);', run: true });
    expect(second?.origins.map((o) => o.line)).toEqual([2, 7]);
  });

  it('skips fragments and other languages, and refuses to continue a fragment', () => {
    const ok = extractFences(
      page('```sh', 'npm test', '```', '<!-- snippet: fragment (a shape) -->', '```ts', '{ a, b }', '```'),
      'p.md',
    );
    expect(unitsOf(ok)).toEqual([]);
    const bad = extractFences(
      page(
        '<!-- snippet: fragment -->',
        '```ts',
        '{ a }',
        '```',
        '<!-- snippet: continues -->',
        '```ts',
        'x',
        '```',
      ),
      'p.md',
    );
    expect(() => unitsOf(bad)).toThrow(/p\.md:7: marked "continues" but the block before is a fragment/);
  });
});

describe('asyncMainVariant', () => {
  it('leaves a block without top-level await as it is', () => {
    const code =
      'import { a } from "a";\nasync function f() {\n  await a();\n}\nconst g = async () => await a();';
    expect(usesTopLevelAwait(code)).toBe(false);
    expect(asyncMainVariant(code).code).toBe(code);
  });

  it('finds await, for await and await using at the top level, also inside blocks and loops', () => {
    expect(usesTopLevelAwait('const x = await f();')).toBe(true);
    expect(usesTopLevelAwait('for await (const v of xs) {}')).toBe(true);
    expect(usesTopLevelAwait('if (a) {\n  try { await f(); } finally {}\n}')).toBe(true);
    expect(usesTopLevelAwait('await using r = open();')).toBe(true);
  });

  it('keeps imports, types and declares on top and puts the rest, comments included, in an async main', () => {
    const code = [
      "import { f } from 'f';",
      '// a comment about x',
      'const x = await f();',
      'interface Shape {',
      '  a: string;',
      '}',
      'declare const y: number;',
      'console.log(x, y);',
    ].join('\n');
    const variant = asyncMainVariant(code);
    expect(variant.code.split('\n')).toEqual([
      "import { f } from 'f';",
      'interface Shape {',
      '  a: string;',
      '}',
      'declare const y: number;',
      'async function main(): Promise<void> {',
      '// a comment about x',
      'const x = await f();',
      'console.log(x, y);',
      '}',
      'main().catch((error: unknown) => {',
      '  console.error(error);',
      '  process.exitCode = 1;',
      '});',
    ]);
    expect(variant.lines).toEqual([0, 3, 4, 5, 6, -1, 1, 2, 7, -1, -1, -1, -1, -1]);
  });

  it('keeps every line once, each pointing at the line it came from', () => {
    const statements = [
      "import { a } from 'a';",
      "import type { T } from 't';",
      'const x = await a();',
      'type N = number;',
      'declare function yours(): void;',
      '// note',
      '',
      'for await (const v of [a()]) console.log(v);',
      'function g() {',
      '  return 1;',
      '}',
      'console.log(`two',
      'lines`);',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...statements), { minLength: 1, maxLength: 12 }), (lines) => {
        const variant = asyncMainVariant(lines.join('\n'));
        const out = variant.code.split('\n');
        expect(out).toHaveLength(variant.lines.length);
        const kept = variant.lines.flatMap((from, i) => (from < 0 ? [] : [[from, out[i]] as const]));
        expect(kept.map(([from]) => from).sort((p, q) => p - q)).toEqual(lines.map((_, i) => i));
        for (const [from, text] of kept) expect(text).toBe(lines[from]);
      }),
    );
  });
});
