/**
 * The Public Suffix List (tldts), loaded on first use: its data costs a process about 12 ms to
 * load, and only unusual names need it (a bare top-level domain, a wildcard, the apex-or-subdomain
 * question of the www policy). An ordinary name is normalized without it.
 *
 * In the package's CommonJS build this is a plain `require("tldts")` inside a function, which
 * bundlers follow (the build writes it so: tsup.config.ts, `plainRequires`). Run as an ES module
 * (the sources under test), `require` does not exist and Node's `createRequire` loads the package.
 */
import { createRequire } from 'node:module';

type Tldts = typeof import('tldts');

let loaded: Tldts | undefined;

const load = (): Tldts =>
  (typeof require === 'function' ? require('tldts') : createRequire(import.meta.url)('tldts')) as Tldts;

/** tldts, loaded on the first call. */
export const publicSuffixList = (): Tldts => {
  loaded ??= load();
  return loaded;
};
