/**
 * How the client copes with hostile answers over real loopback HTTP: time to a typed error and
 * peak memory, each scenario in a fresh process so one's memory does not colour the next.
 *
 *   npx tsx bench/hostile-answers.ts
 *
 * Targets: a decode error for 100 000 bad domains in well under a second (it was quadratic:
 * about 155 s); a 1 MB gzip bomb stopped at `maxResponseBytes` (10 MB) in well under the 1.5 s
 * timeout with no more than a few tens of MB above the baseline (it inflated to 1 GB: 1.1 GB peak
 * RSS and a TimeoutError only after 6.5 s); 100 000-deep nesting a DecodeError, not a RangeError.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { createServerPilotClient } from '../src/index.js';

const SCENARIOS = [
  'decode-100000',
  'list-100000-objects',
  'gzip-bomb-1GB',
  'deep-100000',
  'baseline',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const app = {
  id: 'a',
  name: 'n',
  sysuserid: 's',
  serverid: 'v',
  runtime: 'php8.2',
  domains: [] as unknown[],
  datecreated: 1,
  ssl: null,
};

/** 1 GB of spaces as one gzip stream of about 1 MB, built without holding the 1 GB. */
const bomb = async (): Promise<Buffer> => {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < 1024; i++) {
    if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(parts);
};

const answerFor = async (scenario: Scenario): Promise<{ body: Buffer; headers: Record<string, string> }> => {
  const json = { 'content-type': 'application/json' };
  switch (scenario) {
    case 'decode-100000':
      return {
        body: Buffer.from(
          JSON.stringify({ data: { ...app, domains: Array.from({ length: 100_000 }, (_, i) => i) } }),
        ),
        headers: json,
      };
    case 'list-100000-objects':
      return {
        body: Buffer.from(JSON.stringify({ data: Array.from({ length: 100_000 }, (_, i) => ({ n: i })) })),
        headers: json,
      };
    case 'gzip-bomb-1GB':
      return { body: await bomb(), headers: { ...json, 'content-encoding': 'gzip' } };
    case 'deep-100000':
      return { body: Buffer.from(`{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), headers: json };
    case 'baseline':
      return { body: Buffer.from(JSON.stringify({ data: app })), headers: json };
  }
};

const runOne = async (scenario: Scenario): Promise<void> => {
  const { body, headers } = await answerFor(scenario);
  const server = createServer((_req, res) => {
    res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createServerPilotClient({
    clientId: 'bench',
    apiKey: 'bench-key',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    timeoutMs: 1_500,
    retry: { limit: 0 },
  });
  const rssBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  let outcome: string;
  try {
    const result = await (scenario === 'list-100000-objects' ? client.apps.list() : client.apps.get('a'))();
    outcome = result._tag === 'Left' ? result.left._tag : 'Right';
  } catch (thrown) {
    outcome = `threw ${(thrown as Error).name}`;
  }
  const ms = Math.round(performance.now() - started);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  const setup = Math.round(rssBefore / 1024);
  server.close();
  process.stdout.write(
    `${JSON.stringify({ scenario, outcome, ms, peakRssMb: peak, rssBeforeCallMb: setup })}\n`,
  );
};

const main = (): void => {
  const rows = SCENARIOS.map((scenario) => {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), scenario],
      {
        encoding: 'utf8',
      },
    );
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  });
  console.table(rows);
};

const wanted = process.argv[2] as Scenario | undefined;
if (wanted === undefined) main();
else await runOne(wanted);
