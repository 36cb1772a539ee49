/**
 * A process of the lifecycle benchmark. `worker`: a BullMQ worker (concurrency 8) that times each
 * try's handler and the verifier calls inside it, and reports every name that ends. `direct`: the
 * same tries (one DNS check, then probes until valid) through the verifier alone, 8 at a time.
 */
import {
  createDomainLifecycle,
  createHooks,
  createServerPilotIntegration,
  createSslVerifier,
} from '../src/index.js';
import type { LifecycleScheduler, LifecycleVerifier } from '../src/lifecycle/index.js';
import { createBullMqScheduler } from '../src/redis/index.js';
import { checkDns } from '../src/ssl/index.js';
import {
  createStubResolver,
  loopbackLookup,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from '../src/testing/index.js';

export interface BenchChildConfig {
  readonly role: 'worker' | 'direct';
  readonly redisPort: number;
  readonly queueName: string;
  readonly simUrl: string;
  readonly tlsPort: number;
  readonly ca: string;
  readonly names: readonly string[];
  readonly delayMs: number;
  readonly concurrency: number;
}

const config = JSON.parse(process.env.SP_BENCH ?? '{}') as BenchChildConfig;
const send = (message: Record<string, unknown>): void => {
  process.send?.(message);
};
const resolver = createStubResolver(Object.fromEntries(config.names.map((n) => [n, { A: ['127.0.0.1'] }])));
const ssl = createSslVerifier({
  ca: config.ca,
  port: config.tlsPort,
  lookup: loopbackLookup,
  timeoutMs: 10_000,
});

let verifierMs = 0;
const timed = async <A>(run: () => Promise<A>): Promise<A> => {
  const started = performance.now();
  try {
    return await run();
  } finally {
    verifierMs += performance.now() - started;
  }
};
const verifier: LifecycleVerifier = {
  probe: (domain, options) => () => timed(() => ssl.probe(domain, options)()),
  checkDns: (domain, options) => () =>
    timed(() =>
      checkDns(domain, {
        resolver,
        expectedIps: options.expectedIps,
        now: Date.now,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }),
    ),
};

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1_000;
};

if (config.role === 'direct') {
  const queue = [...config.names];
  let tries = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        await verifier.checkDns?.(name, { expectedIps: ['127.0.0.1'] })();
        tries++;
        for (;;) {
          tries++;
          if ((await verifier.probe(name)()).status === 'valid') break;
        }
      }
    }),
  );
  send({ tries, ms: performance.now() - started, verifierMs, cpuMs: cpuMs(cpu) });
  process.exit(0);
}

// worker
const hooks = createHooks();
hooks.addFilter('ssl.retryDelayMs', 'bench', () => config.delayMs);
hooks.addAction('domain.stage', 'bench', (e) => {
  if (e.to === 'done' || e.to === 'failed' || e.to === 'ssl-failed') send({ final: e.domain, stage: e.to });
});
const bull = createBullMqScheduler({
  connection: { host: '127.0.0.1', port: config.redisPort },
  queueName: config.queueName,
  concurrency: config.concurrency,
});
let tries = 0;
let handlerMs = 0;
let cpu: NodeJS.CpuUsage | undefined;
// The scheduler, decorated to time each try's handler: everything but the queue's own pickup.
const scheduler: LifecycleScheduler = {
  ...bull,
  now: bull.now,
  start: (handler) =>
    bull.start(async (ticket, signal) => {
      cpu ??= process.cpuUsage();
      const started = performance.now();
      try {
        await handler(ticket, signal);
      } finally {
        tries++;
        handlerMs += performance.now() - started;
      }
    }),
};
const lifecycle = createDomainLifecycle({
  integration: createServerPilotIntegration({
    ...SIMULATOR_CREDENTIALS,
    baseUrl: config.simUrl,
    appId: SIMULATOR_IDS.appId,
    hooks,
  }),
  scheduler,
  verifier,
});
process.on('message', (m: { stop?: boolean }) => {
  if (m.stop !== true) return;
  void lifecycle.close().then(() => {
    send({ tries, handlerMs, verifierMs, cpuMs: cpu === undefined ? 0 : cpuMs(cpu) });
    process.exit(0);
  });
});
send({ ready: true });
