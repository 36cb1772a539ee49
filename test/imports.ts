/**
 * The import graph of `src/`, read from the source text: what the architecture tests walk. Type-only
 * imports count like any other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The absolute path of `src/`. */
export const src = resolve(import.meta.dirname, '../src');

/** The `.ts` files under a folder of `src/`, as `src/`-relative paths. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

const STATIC = /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * Each import of a `src/` file: relative ones as the `src/` path they reach, bare ones as written.
 * With `dynamic`, `import('…')` expressions count too.
 */
export const importsOf = (
  file: string,
  { dynamic = false }: { readonly dynamic?: boolean } = {},
): { local: string[]; bare: string[] } => {
  const local: string[] = [];
  const bare: string[] = [];
  const source = readFileSync(join(src, file), 'utf8');
  const specs = [...source.matchAll(STATIC), ...(dynamic ? source.matchAll(DYNAMIC) : [])].map((m) => m[1]);
  for (const spec of specs) {
    if (spec === undefined) continue;
    if (spec.startsWith('.'))
      local.push(relative(src, resolve(join(src, file), '..', spec)).replace(/\.js$/, '.ts'));
    else bare.push(spec);
  }
  return { local, bare };
};

/** Every `src/` file `entry` reaches through relative imports, and every bare import on the way. */
export const reachedFrom = (
  entry: string,
  options: { readonly dynamic?: boolean } = {},
): { files: Set<string>; bare: Set<string> } => {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const imports = importsOf(file, options);
    for (const b of imports.bare) bare.add(b);
    for (const target of imports.local) visit(target);
  };
  visit(entry);
  return { files, bare };
};
