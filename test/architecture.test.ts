/**
 * The layering in DESIGN.md, enforced: pure `domains/` and `hooks/` at the bottom (with the error
 * vocabulary in `errors.ts` or `errors/`), effects above, data flowing one way. A new import that
 * breaks it fails here instead of in review. Type-only imports count like any other.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, importsOf, reachedFrom, src } from './imports.js';

/** The layer of a src/ path: its folder, or the file at the top; `errors.ts` and `errors/` are one layer. */
const layerOf = (path: string): string => {
  const top = path.includes('/') ? (path.split('/')[0] ?? path) : path;
  return /^errors(\.ts)?$/.test(top) ? 'errors' : top;
};

/** The files of a layer: a folder's files, or the one top-level file. */
const filesOf = (layer: string): string[] =>
  layer === 'errors'
    ? [
        ...(existsSync(join(src, 'errors.ts')) ? ['errors.ts'] : []),
        ...(existsSync(join(src, 'errors')) ? filesUnder('errors') : []),
      ]
    : layer.endsWith('.ts')
      ? [layer]
      : filesUnder(layer);

/**
 * Which layers each layer may import from (itself always allowed). `internal/` holds shared effect
 * helpers; `sdk-hooks.ts` assembles the SDK's hook tables from the layers that fire them.
 */
const allowed: Record<string, readonly string[]> = {
  errors: [],
  internal: ['errors'],
  domains: ['errors'],
  hooks: ['errors'],
  client: ['errors', 'internal'],
  ssl: ['errors', 'internal', 'domains', 'hooks'],
  'sdk-hooks.ts': ['errors', 'domains', 'hooks', 'ssl'],
  integration: [
    'errors',
    'internal',
    'domains',
    'hooks',
    'client',
    'ssl',
    'sdk-hooks.ts',
    'lifecycle',
    'audit',
  ],
  audit: ['errors', 'internal', 'domains', 'ssl'],
  testing: ['errors', 'internal', 'domains', 'hooks', 'ssl'],
  lifecycle: ['errors', 'internal', 'domains', 'hooks', 'ssl', 'sdk-hooks.ts'],
  redis: ['errors', 'internal', 'integration', 'lifecycle'],
};

/** Every src/ file with the src/ files it imports. */
const importGraph = (): ReadonlyMap<string, readonly string[]> =>
  new Map(
    readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [f, importsOf(f).local] as const),
  );

/** Every cycle found by a depth-first walk, as `a -> b -> a`. */
const cyclesOf = (graph: ReadonlyMap<string, readonly string[]>): string[] => {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: readonly string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
};

describe('architecture', () => {
  it('keeps every layer to the imports DESIGN.md allows', () => {
    const violations: string[] = [];
    for (const layer of Object.keys(allowed).filter((l) => l !== 'errors')) {
      for (const file of filesOf(layer)) {
        for (const target of importsOf(file).local) {
          const to = layerOf(target);
          if (to !== layer && !(allowed[layer] ?? []).includes(to)) violations.push(`${file} -> ${target}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('lets domains/ and hooks/ import no other layer, types included, but the error vocabulary', () => {
    const reached: string[] = [];
    for (const file of [...filesUnder('domains'), ...filesUnder('hooks')]) {
      for (const target of importsOf(file).local) {
        const to = layerOf(target);
        if (to !== layerOf(file) && to !== 'errors') reached.push(`${file} -> ${target}`);
      }
    }
    expect(reached).toEqual([]);
  });

  it('has no import cycle, between files or between layers', () => {
    const files = importGraph();
    expect(cyclesOf(files)).toEqual([]);
    const layers = new Map<string, string[]>();
    for (const [file, targets] of files) {
      const from = layerOf(file);
      const list = layers.get(from) ?? [];
      for (const target of targets) {
        const to = layerOf(target);
        if (to !== from && !list.includes(to)) list.push(to);
      }
      layers.set(from, list);
    }
    expect(cyclesOf(layers)).toEqual([]);
  });

  it('finds a cycle when there is one, so the check above can fail', () => {
    const graph = new Map([
      ['domains', ['hooks']],
      ['hooks', ['domains']],
    ]);
    expect(cyclesOf(graph)).toEqual(['domains -> hooks -> domains']);
  });

  it('keeps domains/ and hooks/ pure: no I/O, clock, randomness or third-party code but the suffix list', () => {
    // node:module: public-suffix.ts loads tldts on first use (createRequire when run as ESM).
    const pureBare = /^(fp-ts\/lib\/[A-Za-z]+\.js|tldts|node:url|node:net|node:module)$/;
    for (const file of [...filesUnder('domains'), ...filesUnder('hooks'), ...filesOf('errors')]) {
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
    const seen = reachedFrom('index.ts').files;
    expect([...seen].filter((f) => f.startsWith('testing/'))).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });

  it('keeps bullmq and ioredis in redis/: no other layer imports them', () => {
    const offenders: string[] = [];
    for (const layer of Object.keys(allowed).filter((l) => l !== 'redis')) {
      for (const file of filesOf(layer)) {
        for (const spec of importsOf(file).bare) {
          if (/^(bullmq|ioredis)(\/|$)/.test(spec)) offenders.push(`${file} -> ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
    expect(filesUnder('redis').flatMap((f) => importsOf(f).bare)).toEqual(
      expect.arrayContaining(['bullmq', 'ioredis']),
    );
  });
});
