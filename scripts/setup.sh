#!/usr/bin/env bash
# `npm run setup`: install the locked dependency tree with `npm ci`, quietly.
#
# package-lock.json lists the Biome and Rollup native binaries for Linux only (the registry mirror it
# was made on serves no others). npm 11's `npm ci` rejects such a lockfile, printing a hundred-odd
# `npm error` lines; npm 10's `npm ci` installs the same locked tree. So: try `npm ci`, fall back to
# npm 10.9.2's with one line saying so, and print npm's output only when both fail. On macOS or
# Windows, where the locked binaries do not fit, run `npm install` instead.
set -uo pipefail
cd "$(dirname "$0")/.."
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if npm ci >"$log" 2>&1; then
  echo "setup: dependencies installed (npm ci, npm $(npm --version))"
else
  echo "setup: npm ci failed with npm $(npm --version), which rejects this lockfile (it lists Biome and Rollup binaries for Linux only); installing with npm 10.9.2's npm ci"
  echo "--- npm ci with npm 10.9.2" >>"$log"
  if npx -y npm@10.9.2 ci >>"$log" 2>&1; then
    echo "setup: dependencies installed (npm ci, npm 10.9.2)"
  else
    cat "$log" >&2
    echo "setup: both npm ci runs failed (their output is above); on macOS or Windows try \`npm install\`" >&2
    exit 1
  fi
fi

# --- Further set-up steps go below this line (e.g. redis-server for the Redis tests). ---
if [ -f .ci/redis-server ]; then bash .ci/redis-server; fi
