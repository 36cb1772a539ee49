import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

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

/**
 * CommonJS-only dependencies the ES module build imports through a small CommonJS file of its own
 * (`dist/<name>.cjs`, reached as `#<name>` through `imports` in package.json). Importing CommonJS
 * makes Node scan the whole file for its export names: for tldts, one 200 kB file, that scan
 * was a third of a cold `import()` (about 100 ms here); the stand-in's few names scan at once and
 * its `require` is a plain one. Bundlers follow `#name` and the `require` like any import.
 */
const VIA_COMMONJS_STAND_IN = ['tldts'];

const commonJsStandIns = (names: readonly string[], outDir = 'dist'): Plugin => ({
  name: 'commonjs-stand-ins',
  setup(build) {
    const filter = new RegExp(`^(${names.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `#${args.path}`, external: true }));
    build.onEnd(() => {
      const require = createRequire(import.meta.url);
      for (const name of names) {
        const keys = Object.keys(require(name)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
        const lines = keys.map((key) => `exports.${key} = m.${key};`);
        writeFileSync(
          `${outDir}/${name}.cjs`,
          `'use strict';\n// The ES module build imports ${name} through this file: see tsup.config.ts.\nconst m = require('${name}');\n${lines.join('\n')}\n`,
        );
      }
    });
  },
});

/**
 * Both library builds: no source maps (they were two thirds of the package, embedding the source),
 * minified, with `keepNames` so stack traces and `fn.name` still say `createServerPilotClient`.
 */
const library: Options = {
  entry,
  dts: true,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  keepNames: true,
  esbuildPlugins: [fpTsEs6],
  // ES module builds first (io-ts's es6 build imports fp-ts/es6): tree-shaken, no wrappers.
  esbuildOptions: (options) => {
    options.mainFields = ['module', 'main'];
  },
};

export default defineConfig([
  {
    ...library,
    format: ['esm'],
    clean: true,
    splitting: true,
    // fp-ts and io-ts are carried in (as ES modules: one file instead of dozens of CommonJS ones),
    // so the package needs them at run time in neither build; they stay peers for the types.
    noExternal: [/^fp-ts(\/|$)/, /^io-ts$/, ...VIA_COMMONJS_STAND_IN.map((name) => new RegExp(`^${name}$`))],
    esbuildPlugins: [fpTsEs6, commonJsStandIns(VIA_COMMONJS_STAND_IN)],
  },
  {
    ...library,
    format: ['cjs'],
    // `import.meta.url` (the testing entry's lazy `require` of msw) in CommonJS.
    shims: true,
    // ky is ESM-only: left external, `require()` of the CJS build breaks at run time
    // (`import_ky.default.create is not a function`), so the CJS build carries its own copy.
    noExternal: ['ky', /^fp-ts(\/|$)/, /^io-ts$/],
  },
]);
