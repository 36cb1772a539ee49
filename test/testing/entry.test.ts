import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachedFrom } from '../imports.js';

const root = resolve(import.meta.dirname, '../..');

/** Every file the module graph of a `src/` entry reaches, as repository paths, and every bare import. */
const graph = (entry: string) => {
  const { files, bare } = reachedFrom(entry);
  return { files: [...files].map((f) => `src/${f}`), bare: [...bare] };
};

describe('the package entries', () => {
  it('keep the simulator and msw out of the main entry', () => {
    const main = graph('index.ts');
    expect(main.files.filter((f) => f.startsWith('src/testing'))).toEqual([]);
    expect(main.bare.filter((b) => b.startsWith('msw'))).toEqual([]);
  });

  it('reach the simulator from the ./testing entry', () => {
    const testing = graph('testing/index.ts');
    expect(testing.files).toContain('src/testing/simulator/create.ts');
    expect(testing.bare).toContain('msw');
  });

  it('reach msw from the ./testing entry only through type imports, so it imports without msw', () => {
    const testing = graph('testing/index.ts');
    const valueImports = testing.files.flatMap((file) =>
      [
        ...readFileSync(resolve(root, file), 'utf8').matchAll(
          /^(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"](msw[^'"]*)['"]/gm,
        ),
      ].map(([statement]) => `${file}: ${statement}`),
    );
    expect(testing.bare).toContain('msw');
    expect(valueImports).toEqual([]);
  });

  it('declare msw as an optional peer dependency and a dev dependency', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies.msw).toBeDefined();
    expect(pkg.peerDependenciesMeta.msw).toEqual({ optional: true });
    expect(pkg.devDependencies.msw).toBeDefined();
    expect(pkg.dependencies.msw).toBeUndefined();
    expect(pkg.exports['./testing']).toBeDefined();
  });
});
