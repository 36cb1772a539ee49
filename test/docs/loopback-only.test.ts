/**
 * The guard the docs snippets run under: what a snippet tries to reach, other than 127.0.0.1, is
 * refused before any packet leaves; ServerPilot's real base URL is answered by the simulator.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { createServerPilotSimulator, SIMULATOR_CREDENTIALS } from '../../src/testing/index.js';

const run = promisify(execFile);

const probe = `
const dns = require('node:dns');
const outcome = (p) => p.then((v) => 'reached: ' + JSON.stringify(v), (e) => 'refused: ' + (e.cause?.message ?? e.message));
(async () => {
  const auth = 'Basic ' + Buffer.from(process.env.AUTH).toString('base64');
  const results = {
    fetch: await outcome(fetch('https://example.com/')),
    resolve4: await outcome(dns.promises.resolve4('example.com')),
    resolver: await outcome(new dns.promises.Resolver().resolve4('example.com')),
    lookup: await outcome(dns.promises.lookup('example.com')),
    callbackLookup: await new Promise((r) => dns.lookup('example.com', (e) => r(e ? 'refused: ' + e.message : 'reached'))),
    serverpilot: await outcome(fetch('https://api.serverpilot.io/v1/servers', { headers: { authorization: auth } }).then((r) => r.status)),
  };
  console.log(JSON.stringify(results));
})();
`;

it('refuses hosts and DNS lookups other than loopback, and sends the real base URL to the simulator', async () => {
  const sim = createServerPilotSimulator();
  const server = await sim.listen();
  try {
    const { stdout } = await run(
      process.execPath,
      ['--require', join(import.meta.dirname, 'loopback-only.cjs'), '-e', probe],
      {
        env: {
          PATH: process.env.PATH,
          SERVERPILOT_BASE_URL: server.url,
          AUTH: `${SIMULATOR_CREDENTIALS.clientId}:${SIMULATOR_CREDENTIALS.apiKey}`,
        },
        timeout: 30_000,
      },
    );
    const results = JSON.parse(stdout) as Record<string, string>;
    for (const name of ['fetch', 'resolve4', 'resolver', 'lookup', 'callbackLookup']) {
      expect(results[name], name).toMatch(/^refused: a docs snippet tried to reach example\.com/);
    }
    expect(results.serverpilot).toBe('reached: 200');
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /servers']);
  } finally {
    await server.close();
  }
});
