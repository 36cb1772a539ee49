/**
 * The layering in DESIGN.md, enforced: pure `domains/` and `hooks/` at the bottom (with the error
 * vocabulary in `errors.ts`), effects above, data flowing one way. A new import that breaks it
 * fails here instead of in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

const filesUnder = (dir: string): string[] =>
  readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

/** Each import of a file: relative ones as the src/ path they reach, bare ones as written. */
const importsOf = (file: string): { local: string[]; bare: string[] } => {
  const local: string[] = [];
  const bare: string[] = [];
  const source = readFileSync(join(src, file), 'utf8');
  for (const [, spec] of source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    if (spec === undefined) continue;
    if (spec.startsWith('.'))
      local.push(relative(src, resolve(join(src, file), '..', spec)).replace(/\.js$/, '.ts'));
    else bare.push(spec);
  }
  return { local, bare };
};

const layerOf = (path: string): string => (path.includes('/') ? (path.split('/')[0] ?? path) : path);

/** Which layers each layer may import from (itself always allowed). `internal/` holds shared effect helpers. */
const allowed: Record<string, readonly string[]> = {
  'errors.ts': [],
  internal: [],
  domains: ['errors.ts', 'hooks'],
  hooks: ['errors.ts', 'domains'],
  client: ['errors.ts', 'internal'],
  ssl: ['errors.ts', 'internal', 'domains', 'hooks'],
  integration: ['errors.ts', 'internal', 'domains', 'hooks', 'client', 'ssl', 'audit'],
  // audit/ reads the integration's types only (test/cli/architecture.test.ts checks it), so the
  // integration can offer sp.audit() and sp.doctor() without a cycle at run time.
  audit: ['errors.ts', 'domains', 'hooks', 'ssl', 'integration'],
  testing: ['errors.ts', 'internal', 'domains', 'hooks', 'ssl'],
};

describe('architecture', () => {
  it('keeps every layer to the imports DESIGN.md allows', () => {
    const violations: string[] = [];
    for (const layer of Object.keys(allowed).filter((l) => l !== 'errors.ts')) {
      for (const file of filesUnder(layer)) {
        for (const target of importsOf(file).local) {
          const to = layerOf(target);
          if (to !== layer && !(allowed[layer] ?? []).includes(to)) violations.push(`${file} -> ${target}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps domains/ and hooks/ pure: no I/O, clock, randomness or third-party code but the suffix list', () => {
    const pureBare = /^(fp-ts\/lib\/[A-Za-z]+\.js|tldts|node:url|node:net)$/;
    for (const file of [...filesUnder('domains'), ...filesUnder('hooks'), 'errors.ts']) {
      const { bare } = importsOf(file);
      expect(
        bare.filter((b) => !pureBare.test(b)),
        file,
      ).toEqual([]);
      const source = readFileSync(join(src, file), 'utf8');
      expect(source, file).not.toMatch(
        /\b(Date\.now|new Date|Math\.random|setTimeout|setInterval|process\.)/,
      );
    }
  });

  it('never lets the public entry reach the testing layer', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const target of importsOf(file).local) visit(target);
    };
    visit('index.ts');
    expect([...seen].filter((f) => f.startsWith('testing/'))).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });
});
