/**
 * Every public option documents itself: each property of each `*Options` type an entry exports
 * carries an `@example`, and each optional one says what happens without it (`@default`, "none"
 * when nothing stands in). Read with the TypeScript compiler, so inherited properties count too.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const entries = ['src/index.ts', 'src/testing/index.ts', 'src/redis/index.ts'].map((e) => resolve(root, e));

/** `Type.property: missing @default @example` for every gap, and how many properties were read. */
const gapsIn = (
  files: readonly string[],
  fileText?: Record<string, string>,
): { gaps: string[]; read: number } => {
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => fileText?.[name] ?? readFile(name);
  const program = ts.createProgram(files, options, host);
  const checker = program.getTypeChecker();
  const gaps: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`cannot read ${file}`);
    for (const exported of checker.getExportsOfModule(module)) {
      if (!exported.name.endsWith('Options')) continue;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
      for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
        const declaration = property.declarations?.[0];
        const key = `${exported.name}.${property.name}`;
        if (declaration === undefined || seen.has(key)) continue;
        if (declaration.getSourceFile().fileName.includes('node_modules')) continue;
        seen.add(key);
        const tags = ts.getJSDocTags(declaration).map((tag) => tag.tagName.text);
        const missing = [
          property.flags & ts.SymbolFlags.Optional && !tags.includes('default') ? '@default' : '',
          tags.includes('example') ? '' : '@example',
        ].filter((m) => m !== '');
        if (missing.length > 0) gaps.push(`${key}: missing ${missing.join(' ')}`);
      }
    }
  }
  return { gaps, read: seen.size };
};

describe('option docs', () => {
  it('gives every property of every exported *Options type an @example, and each optional one a @default', () => {
    const { gaps, read } = gapsIn(entries);
    expect(gaps).toEqual([]);
    expect(read).toBeGreaterThan(100);
  }, 60_000);

  it('finds an undocumented option, so the check above can fail', () => {
    const file = resolve(root, 'test/__option-docs-probe.ts');
    const { gaps } = gapsIn([file], {
      [file]: `export interface ProbeOptions {
  /** @default 1 */
  readonly a?: number;
  /** @example { b: 2 } */
  readonly b: number;
  /**
   * @default 3
   * @example { c: 3 }
   */
  readonly c?: number;
}`,
    });
    expect(gaps).toEqual(['ProbeOptions.a: missing @example']);
  }, 60_000);
});
