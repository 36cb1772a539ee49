/**
 * `npm run bench:writers`: N independent integrations (no lock, no shared queue, one client
 * each: as N separate processes would be) each add one name to the same app at the same moment,
 * against the simulator over real HTTP on 127.0.0.1 with 20 ms of latency on every request.
 *
 * Prints, per run: how many changes succeeded, how many ended in `WriteConflict` (refused) or
 * another error, API requests per name (every request the simulator saw, action polls included,
 * divided by N), silent losses (names whose change reported success but that are absent, or
 * whose www twin is absent, at the end) and the wall time.
 *
 * Each name is an apex (`writer7.org`), so each change adds two names: it and its www twin; past
 * N = 149 that would pass the app's 300-name limit, so larger runs add subdomains (`writer7.example.org`).
 * The app starts with AutoSSL on, so the figures count the domain path only.
 *
 *   npm run bench:writers                 # N = 10 and 50, 3 runs each
 *   npm run bench:writers -- 50 200 1     # N = 50, 200; 1 run each
 */
import * as E from 'fp-ts/lib/Either.js';
import { createServerPilotClient } from '../src/client/client.js';
import { createServerPilotIntegration } from '../src/integration/integration.js';
import {
  createServerPilotSimulator,
  defaultSeed,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from '../src/testing/index.js';

const LATENCY_MS = 20;
/** A run that has not settled by then is reported as timed out rather than left to hang. */
const RUN_DEADLINE_MS = 120_000;

const args = process.argv.slice(2).map(Number);
const counts = args.length >= 2 ? args.slice(0, -1) : [10, 50];
const runs = args.length >= 2 ? (args.at(-1) ?? 3) : 3;

interface RunFigures {
  readonly n: number;
  readonly ok: number;
  readonly refused: number;
  readonly otherErrors: number;
  readonly requestsPerName: number;
  readonly silentLosses: number;
  readonly seconds: number;
}

const run = async (n: number): Promise<RunFigures | 'timeout'> => {
  const seed = defaultSeed();
  const sim = createServerPilotSimulator({
    seed: {
      ...seed,
      apps: (seed.apps ?? []).map((app) => ({
        ...app,
        ssl: { key: '', cert: '', cacerts: null, auto: true, force: false },
      })),
    },
  });
  sim.faults.add({
    path: /.*/,
    times: Number.POSITIVE_INFINITY,
    fault: { kind: 'latency', ms: LATENCY_MS },
  });
  const server = await sim.listen();
  try {
    const apex = 2 * n + 2 <= 300;
    const names = Array.from({ length: n }, (_, i) => (apex ? `writer${i}.org` : `writer${i}.example.org`));
    const integrations = names.map(() =>
      createServerPilotIntegration({
        client: createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: server.url }),
        appId: SIMULATOR_IDS.appId,
      }),
    );
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const results = await Promise.race([
      Promise.all(integrations.map((sp, i) => sp.addDomain(names[i] ?? '')())),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), RUN_DEADLINE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (results === 'timeout') return 'timeout';
    const seconds = (performance.now() - started) / 1000;
    const final = new Set(sim.state.apps.get(SIMULATOR_IDS.appId)?.domains ?? []);
    let ok = 0;
    let refused = 0;
    let otherErrors = 0;
    let silentLosses = 0;
    results.forEach((result, i) => {
      const name = names[i] ?? '';
      if (E.isRight(result)) {
        ok++;
        if (!final.has(name) || (apex && !final.has(`www.${name}`))) silentLosses++;
      } else if (result.left._tag === 'WriteConflict') refused++;
      else otherErrors++;
    });
    return {
      n,
      ok,
      refused,
      otherErrors,
      requestsPerName: sim.requests.length / n,
      silentLosses,
      seconds,
    };
  } finally {
    await server.close();
  }
};

const rows: string[] = [
  '| N | run | ok | WriteConflict | other errors | requests/name | silent losses | seconds |',
  '|---|---|---|---|---|---|---|---|',
];
for (const n of counts) {
  for (let r = 1; r <= runs; r++) {
    const f = await run(n);
    const row =
      f === 'timeout'
        ? `| ${n} | ${r} | timed out after ${RUN_DEADLINE_MS / 1000} s | | | | | |`
        : `| ${f.n} | ${r} | ${f.ok} | ${f.refused} | ${f.otherErrors} | ${f.requestsPerName.toFixed(2)} | ${f.silentLosses} | ${f.seconds.toFixed(1)} |`;
    rows.push(row);
    console.log(row);
  }
}
console.log(`\nN independent integrations, no lock, one name each, ${LATENCY_MS} ms latency per request:\n`);
console.log(rows.join('\n'));
