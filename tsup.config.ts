import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

/**
 * The library's entries, one per subpath of `exports` in package.json ('.' is `index`). A new
 * subpath is one line here, one in `exports` and one in `typesVersions`.
 */
const entry = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'redis/index': 'src/redis/index.ts',
};

/**
 * Entries whose ES module types are `export * from './index.cjs'` instead of a second full copy:
 * right, since the ES module entry runs the CommonJS build (see `writeEsmEntries`), and half the size.
 * Not `testing`: its types name msw's `RequestHandler`, which must come from msw's ESM types for an
 * ESM project's `setupServer(...sim.handlers)` to typecheck.
 */
const TYPES_FROM_COMMONJS = ['index', 'redis/index'];

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const root = dirname(fileURLToPath(import.meta.url));
const version: string = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;

/**
 * fp-ts's ES module build instead of its CommonJS one (`fp-ts/lib/X.js` to `fp-ts/es6/X.js`, the
 * same code), so a bundle keeps only what it uses and skips CommonJS wrappers.
 */
const fpTsEs6: Plugin = {
  name: 'fp-ts-es6',
  setup(build) {
    build.onResolve({ filter: /^fp-ts\/lib\// }, async (args) => {
      const resolved = await build.resolve(args.path.replace(/^fp-ts\/lib\//, 'fp-ts/es6/'), {
        resolveDir: args.resolveDir,
        kind: 'import-statement',
      });
      return { path: resolved.path };
    });
  },
};

/** Dependencies the library `require`s on first use only (src/domains/public-suffix.ts). */
const LAZY_DEPENDENCIES = ['tldts'];

/**
 * Tree-shaking (Rollup, after esbuild) turns a `require` inside a function into a call of its
 * `__require` stand-in, which bundlers cannot follow: an app bundled with esbuild or webpack would
 * lose tldts and fail on the first name that needs it. In a CommonJS file the stand-in is Node's
 * `require`, so the call is written back as a plain `require("tldts")`.
 */
const plainRequires = (file: string): void => {
  const text = readFileSync(file, 'utf8');
  let fixed = text;
  for (const dependency of LAZY_DEPENDENCIES) {
    // `Dn("tldts")`, whatever the minified name, but not `require("tldts")` nor `x.f("tldts")`.
    const call = new RegExp(`(?<![\\w$.])(?!require\\()[A-Za-z_$][\\w$]*\\("${dependency}"\\)`, 'g');
    fixed = fixed.replace(call, `require("${dependency}")`);
  }
  if (fixed !== text) writeFileSync(file, fixed);
};

/**
 * The ES module entries run the CommonJS build: the code exists once, which halves the package and
 * gives one copy of every class and registry whether a project imports or requires it. Each entry
 * is `export * from './index.exports.cjs'`, a stand-in that `require`s the build and names its
 * exports one per line. Importing CommonJS makes Node scan the file it imports for export names,
 * and that scan costs about as much as the rest of the start-up for a 150 kB build; the stand-in
 * is a few hundred bytes, and its own `require` is a plain one. Bundlers follow both.
 */
const writeEsmEntries = async (): Promise<void> => {
  const require = createRequire(import.meta.url);
  for (const name of Object.keys(entry)) {
    const file = resolve(root, 'dist', name);
    plainRequires(`${file}.cjs`);
    const names = Object.keys(require(`${file}.cjs`)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
    const lines = names.map((key) => `exports.${key} = m.${key};`);
    writeFileSync(
      `${file}.exports.cjs`,
      `'use strict';\n// The ES module entry's way into ./index.cjs: see tsup.config.ts.\nconst m = require('./index.cjs');\n${lines.join('\n')}\n`,
    );
    writeFileSync(`${file}.js`, "export * from './index.exports.cjs';\n");
    if (TYPES_FROM_COMMONJS.includes(name)) writeFileSync(`${file}.d.ts`, "export * from './index.cjs';\n");
  }
};

/**
 * The package's one build of the library, CommonJS: no source maps (they were two thirds of the
 * package, embedding the source), minified with `keepNames` so stack traces and `fn.name` still say
 * `createServerPilotClient`. ky (ESM-only: a CommonJS `require` of it breaks at run time with
 * `import_ky.default.create is not a function`), fp-ts and io-ts are carried in, the latter two from
 * their ES module builds (tree-shaken): the package needs neither at run time, and they stay peers
 * for the types. fp-ts values and io-ts codecs are plain objects, so they mix with the project's own.
 */
const library: Options = {
  entry,
  format: ['cjs'],
  dts: true,
  // `npm run prebuild` empties dist/: tsup's own clean would delete the types written beside it.
  clean: false,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  keepNames: true,
  // `import.meta.url` (the testing entry's lazy `require` of msw) in CommonJS.
  shims: true,
  noExternal: ['ky', /^fp-ts(\/|$)/, /^io-ts$/],
  esbuildPlugins: [fpTsEs6],
  onSuccess: writeEsmEntries,
  // ES module builds first (io-ts's es6 build imports fp-ts/es6): tree-shaken, no wrappers.
  esbuildOptions: (options) => {
    options.mainFields = ['module', 'main'];
  },
};

/** ES module types (`.d.ts`) of the entries that need their own (see `TYPES_FROM_COMMONJS`). */
const esmTypes: Options = {
  entry: Object.fromEntries(Object.entries(entry).filter(([name]) => !TYPES_FROM_COMMONJS.includes(name))),
  format: ['esm'],
  dts: { only: true },
  target: 'node20',
  platform: 'node',
};

/** Imports of the library's public entry (`src/index.ts`) from the command's sources. */
const isLibraryEntry = (path: string, resolveDir: string): boolean =>
  path.startsWith('.') && resolve(resolveDir, path.replace(/\.js$/, '.ts')) === resolve(root, 'src/index.ts');

/**
 * The command loads the library by the package's own name (`serverpilot-domains`, which Node
 * resolves to this package's `exports`: the CommonJS build) rather than carrying a second copy.
 */
const libraryByName: Plugin = {
  name: 'library-by-name',
  setup(build) {
    // The bin's `require('./main.cjs')`: the other entry of this build, never bundled into the bin.
    build.onResolve({ filter: /^\.\/main\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /(^|\/)index\.js$/ }, (args) =>
      isLibraryEntry(args.path, args.resolveDir)
        ? { path: 'serverpilot-domains', external: true }
        : undefined,
    );
  },
};

/**
 * The `serverpilot-domains` command: its own entry, so importing the library never loads
 * commander or ora. Start-up matters, since a PHP panel runs it once per domain, so it is
 * CommonJS: a small bin (`dist/cli/index.cjs`: `--version`, and the compile cache of
 * src/cli/compile-cache.ts) and the rest in one file (`main.cjs`, 36 kB). Node's ES module loader
 * (resolving and linking chunks, translating CommonJS dependencies) cost a cold `list --json`
 * about 12 ms more than compiling that file. Each command's code still runs only when it is
 * chosen (esbuild turns the `import()` of each into a lazy initializer), so `--version` and
 * `--help` run no library code. Its dependencies are bundled in (resolving and compiling dozens of
 * fp-ts files costs more than the bytes), and it is minified with the functions' names kept, for
 * readable `--debug` stacks.
 * The CLI tests build it with this same config into a cache folder (test/cli/build.ts).
 *
 * The library is not bundled again: the command `require`s the library's build by name (see
 * `libraryByName`). The tests build both into a folder laid out as the package (test/cli/build.ts).
 */
export const cliConfig = (outDir = 'dist/cli'): Options => ({
  // index.cjs (the bin: --version, then the compile cache) requires main.cjs (everything else).
  entry: { index: 'src/cli/index.ts', main: 'src/cli/main.ts' },
  outDir,
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  dts: false,
  clean: false,
  // Everything but ora, which only an interactive terminal's spinner loads (75 kB bundled), and
  // commander (55 kB bundled; as a dependency it costs nothing).
  noExternal: [/^(?!(ora|commander)$)/],
  minifyWhitespace: true,
  minifySyntax: true,
  // Short local names (the package's size budget), the functions' own kept for `--debug` stacks.
  minifyIdentifiers: true,
  keepNames: true,
  define: { __SERVERPILOT_DOMAINS_VERSION__: JSON.stringify(version) },
  esbuildPlugins: [libraryByName, fpTsEs6],
  esbuildOptions: (options) => {
    // ES module builds first (io-ts's es6 build imports fp-ts/es6): tree-shaken, no wrappers.
    options.mainFields = ['module', 'main'];
  },
});

/** The main entry's CommonJS build alone (no types), for the tests' package-like build of the command. */
export const libraryConfig = (outDir: string): Options => {
  const { onSuccess: _esmEntries, ...cjs } = library;
  return { ...cjs, entry: { index: entry.index }, outDir, dts: false };
};

export default defineConfig([library, esmTypes, cliConfig()]);
