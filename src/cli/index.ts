#!/usr/bin/env node
/**
 * The `serverpilot-domains` command's entry (the package's `bin`). Start-up matters, since a PHP
 * panel runs it once per domain: `--version` answers from this small file alone; anything else
 * turns on the compile cache (compile-cache.ts) and then loads the rest (main.ts, built as a file
 * of its own beside this one, so the cache covers it too).
 */
import { enableCompileCache } from './compile-cache.js';
import { VERSION } from './version.js';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  enableCompileCache();
  // A plain require of the built main.cjs (the build keeps it a file of its own: tsup.config.ts).
  require('./main.cjs');
}
