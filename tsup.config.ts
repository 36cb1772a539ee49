import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * fp-ts's ES module build instead of its CommonJS one (`fp-ts/lib/X.js` to `fp-ts/es6/X.js`, the
 * same code), so the command's bundle keeps only what it uses and skips CommonJS wrappers.
 */
const fpTsEs6: NonNullable<Options['esbuildPlugins']>[number] = {
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

const entry = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'redis/index': 'src/redis/index.ts',
};

const version: string = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;

/**
 * The `serverpilot-domains` command: its own ESM entry, so importing the library never loads
 * commander or ora. Each command is a chunk loaded when it runs (`--version` and `--help` load no
 * library code). Start-up matters, since a PHP panel runs it once per domain: its dependencies
 * are bundled in (resolving and compiling dozens of fp-ts files costs more than the bytes), and
 * whitespace is minified; names are kept for readable `--debug` stacks. CommonJS dependencies
 * (commander, fp-ts, io-ts) `require` Node built-ins, hence a real `require` in each chunk.
 * The CLI tests build it with this same config into a cache folder (test/cli/build.ts).
 */
export const cliConfig = (outDir = 'dist/cli'): Options => ({
  entry: { index: 'src/cli/main.ts' },
  outDir,
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  dts: false,
  clean: false,
  noExternal: [/./],
  minifyWhitespace: true,
  minifySyntax: true,
  banner: {
    js: "import{createRequire as __cliRequire}from'node:module';const require=__cliRequire(import.meta.url);",
  },
  define: { __SERVERPILOT_DOMAINS_VERSION__: JSON.stringify(version) },
  esbuildPlugins: [fpTsEs6],
  esbuildOptions: (options) => {
    // ES module builds first (io-ts's es6 build imports fp-ts/es6): tree-shaken, no wrappers.
    options.mainFields = ['module', 'main'];
  },
});

export default defineConfig([
  {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    treeshake: true,
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    // ky is ESM-only: left external, `require()` of the CJS build breaks at run time
    // (`import_ky.default.create is not a function`), so the CJS build carries its own copy.
    noExternal: ['ky'],
  },
  cliConfig(),
]);
