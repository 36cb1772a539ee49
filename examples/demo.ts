/**
 * `npm run demo`: the integration for real, over HTTP and TLS, entirely on 127.0.0.1.
 *
 * It starts the ServerPilot simulator on a loopback port and a TLS server with certificates from
 * a CA generated on the spot, then maps domains the way a hosting panel would: a dry-run plan,
 * three concurrent adds coalesced into one write, AutoSSL refused while DNS is not pointing and
 * enabled once it is, the SSL stages of every added name tracked by the lifecycle (in-process
 * timers, one DNS check or one TLS handshake per try) with one certificate that only appears on a
 * later try, a removal, and a final table. No credentials, no real DNS, no Redis, no outside host.
 */
import { domainToUnicode } from 'node:url';
import {
  createDomainLifecycle,
  createHooks,
  createServerPilotClient,
  createServerPilotIntegration,
  createSslVerifier,
  type DomainStatus,
  describeSdkError,
  type LifecycleVerifier,
  type ProbeStatus,
  unwrap,
} from 'serverpilot-domains';
import {
  createSelfSignedCertificate,
  createServerPilotSimulator,
  createStubResolver,
  createTestCertificateAuthority,
  defaultSeed,
  loopbackLookup,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  startLoopbackTlsServer,
} from 'serverpilot-domains/testing';

const started = Date.now();
const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (n: number, title: string): void => console.log(`\n${bold(`${n}. ${title}`)}`);
const show = (name: string): string => {
  const unicode = domainToUnicode(name);
  return unicode === name || unicode === '' ? name : `${name} (${unicode})`;
};
const list = (names: readonly string[]): string => (names.length === 0 ? '-' : names.map(show).join(', '));

const main = async (): Promise<void> => {
  // The network's own domain is protected; customers map theirs next to it.
  const NETWORK = 'network.test';
  const ADDS = ['acme.test', 'shop.acme.test', 'bücher.test'];

  // 1. A local ServerPilot (HTTP) and a local web server (TLS) with a CA made just now.
  const seed = defaultSeed();
  const sim = createServerPilotSimulator({
    actionOpenMs: 120,
    pointsHere: () => false, // DNS not switched yet: AutoSSL is unavailable until it is.
    seed: { ...seed, apps: [{ ...(seed.apps?.[0] ?? {}), domains: [NETWORK, `www.${NETWORK}`] }] },
  });
  const api = await sim.listen();
  const ca = createTestCertificateAuthority({ name: 'Demo Local CA' });
  const web = await startLoopbackTlsServer({
    defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
  });
  step(1, 'Local ServerPilot and web server');
  console.log(`   API  ${api.url}  (simulator, credentials ${SIMULATOR_CREDENTIALS.clientId}/[REDACTED])`);
  console.log(`   TLS  127.0.0.1:${web.port}  (certificates from "${ca.name}")`);

  // Every demo name resolves to 127.0.0.1 through injected resolvers only: no real DNS.
  const names = [NETWORK, `www.${NETWORK}`, 'acme.test', 'www.acme.test', 'shop.acme.test'];
  names.push('xn--bcher-kva.test', 'www.xn--bcher-kva.test');
  const resolver = createStubResolver(Object.fromEntries(names.map((n) => [n, { A: ['127.0.0.1'] }])));

  const hooks = createHooks();
  // Short delays for the demo (the default is 5 minutes between attempts, as the panels use).
  hooks.addFilter('ssl.retryDelayMs', 'demo', () => 200);
  hooks.addFilter('ssl.maxTries', 'demo', () => 4);
  hooks.addAction('app.domainsUpdated', 'demo', (e) =>
    console.log(
      `   [app.domainsUpdated] +${e.plan.added.length} -${e.plan.removed.length} action ${e.actionId ?? '-'}`,
    ),
  );
  hooks.addAction('domain.stage', 'demo', (e) =>
    console.log(
      `   [domain.stage] ${show(e.domain)}: ${e.from ?? 'start'} -> ${e.to} (attempt ${e.attempt})`,
    ),
  );

  const client = createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: api.url });
  const verifier = createSslVerifier({
    hooks,
    ca: ca.cert,
    port: web.port,
    lookup: loopbackLookup,
    resolver,
    timeoutMs: 3_000,
  });
  const sp = createServerPilotIntegration({
    client,
    appId: SIMULATOR_IDS.appId,
    hooks,
    verifier,
    protect: [NETWORK],
    forceSsl: true,
    actionWait: { intervalMs: 50 },
  });

  try {
    step(2, 'Test the connection');
    const conn = await unwrap(sp.testConnection());
    console.log(
      `   app "${conn.appName}" (${conn.appId}) on server ${conn.serverId}: ${conn.domains} domains`,
    );

    step(3, `Dry run: plan adding ${ADDS.join(', ')}`);
    const dry = await unwrap(sp.plan({ add: ADDS }));
    console.log(`   would add     ${list(dry.plan.added)}`);
    console.log(`   would post    ${dry.plan.next.length} names; nothing written (${dry.requests} request)`);

    step(4, 'Three customers map their domains at the same moment');
    const reports = await Promise.all(ADDS.map((d) => unwrap(sp.addDomain(d))));
    for (const [i, r] of reports.entries()) {
      console.log(
        `   addDomain(${JSON.stringify(ADDS[i])}): batch of ${r.batchSize}, ${r.writes} write, action ${r.action?.id ?? '-'} ${r.action?.status ?? ''}`,
      );
    }
    const first = reports[0];
    if (first === undefined) throw new Error('no report');
    console.log(`   one write for all three; ${first.requests} API requests in total`);
    console.log(`   AutoSSL: ${first.autoSsl.status}`);
    if (first.autoSsl.status === 'unavailable') {
      console.log(`   not yet covered: ${list(first.autoSsl.uncovered)} (DNS does not point here yet)`);
    }

    step(5, 'DNS now points at the server: enable AutoSSL');
    sim.config.pointsHere = () => true;
    const auto = await unwrap(sp.enableAutoSsl());
    console.log(`   AutoSSL: ${auto.autoSsl.status}; ForceSSL: ${auto.forceSsl.status}`);
    const again = await unwrap(sp.enableAutoSsl());
    console.log(`   asked again: ${again.autoSsl.status} (nothing posted)`);
    // Let's Encrypt issues certificates; www.acme.test's arrives late, after its second check.
    for (const n of names) if (n !== 'www.acme.test') web.setCertificate(n, ca.issue({ names: [n] }));
    hooks.addFilter('ssl.retryDelayMs', 'demo-late-certificate', (ms, { domain, stage, attempt }) => {
      if (domain === 'www.acme.test' && stage === 'checking-ssl-cert' && attempt === 2) {
        web.setCertificate(domain, ca.issue({ names: [domain] }));
      }
      return ms;
    });

    step(6, 'Track the SSL stages of every added name (one DNS check or TLS handshake per try)');
    // The embedded 'memory' scheduler: in-process timers, state gone on exit. Workers on BullMQ
    // (serverpilot-domains/redis) run the same stages across processes and restarts.
    const checks = new Map<string, ProbeStatus[]>();
    const recording: LifecycleVerifier = {
      probe: (domain, options) => async () => {
        const probe = await verifier.probe(domain, options)();
        checks.set(domain, [...(checks.get(domain) ?? []), probe.status]);
        return probe;
      },
    };
    const lifecycle = createDomainLifecycle({ integration: sp, verifier: recording, resolver });
    const listed = await unwrap(sp.listDomains());
    const toTrack = listed.domains.filter((d) => d !== NETWORK && d !== `www.${NETWORK}`);
    const ended = new Set<string>();
    const allEnded = new Promise<void>((resolve) =>
      hooks.addAction('domain.stage', 'demo-ended', ({ domain, to }) => {
        if (['done', 'failed', 'ssl-failed'].includes(to)) ended.add(domain);
        if (ended.size === toTrack.length) resolve();
      }),
    );
    const trackStarted = Date.now();
    const tracked = await unwrap(lifecycle.track(toTrack));
    console.log(
      `   track() returned in ${Date.now() - trackStarted} ms: ${tracked.length} names at ${tracked[0]?.stage}; the tries run on timers`,
    );
    await allEnded;
    const statuses = new Map<string, DomainStatus>(
      (await unwrap(lifecycle.list())).map((status) => [status.domain, status]),
    );
    await lifecycle.close();
    for (const status of statuses.values()) {
      console.log(
        `   ${show(status.domain)}: ${status.stage}; certificate checks: ${(checks.get(status.domain) ?? []).join(' -> ')}`,
      );
    }

    step(7, 'A customer unmaps shop.acme.test; someone tries to remove the network domain');
    const removed = await unwrap(sp.removeDomain('shop.acme.test'));
    console.log(`   removed ${list(removed.plan.removed)} in ${removed.writes} write`);
    const refused = await sp.removeDomain(NETWORK)();
    console.log(
      `   removeDomain(${JSON.stringify(NETWORK)}): ${refused._tag === 'Left' ? describeSdkError(refused.left) : 'removed?!'}`,
    );
    const noop = await unwrap(sp.removeDomain('shop.acme.test'));
    console.log(`   removing it again: ${noop.writes} writes (idempotent)`);

    step(8, 'Final state');
    const final = await unwrap(sp.listDomains());
    const covered = new Set(final.autoSsl?.domains ?? []);
    const ordered = [...final.domains].sort(
      (a, b) => Number(!a.endsWith(NETWORK)) - Number(!b.endsWith(NETWORK)) || a.localeCompare(b),
    );
    const rows = ordered.map((d) => {
      const v = statuses.get(d);
      return [
        show(d),
        covered.has(d) ? 'yes' : 'no',
        v === undefined ? (d.endsWith(NETWORK) ? '(network)' : '-') : v.stage,
        v === undefined ? '' : `dns ${v.attempts.dns}, ssl ${v.attempts.ssl}`,
        v?.lastProbe?.certificate === undefined ? '' : `${v.lastProbe.certificate.daysRemaining} days left`,
      ];
    });
    const header = ['domain', 'AutoSSL', 'SSL', 'attempts', 'certificate'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
      `   ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const row of rows) console.log(line(row));
    const wrong = [...statuses.values()].filter((v) => v.stage !== 'done');
    console.log(
      `\n   ${final.domains.length} domains, ${statuses.size} verified, ${wrong.length} not done; ` +
        `${client.stats.requests} API requests; ${((Date.now() - started) / 1000).toFixed(1)} s; only 127.0.0.1 contacted.`,
    );
    if (wrong.length > 0) process.exitCode = 1;
  } finally {
    await web.close();
    await api.close();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
