/**
 * auditApp against the simulator over HTTP and real TLS handshakes on 127.0.0.1.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditApp } from '../../src/audit/index.js';
import { createServerPilotClient } from '../../src/client/index.js';
import { type ServerPilotIntegration, tryCreateServerPilotIntegration } from '../../src/integration/index.js';
import { createSslVerifier, type SslLookup } from '../../src/ssl/index.js';
import { createStubResolver, SIMULATOR_CREDENTIALS } from '../../src/testing/index.js';
import { CASES, IP_ENTRY, startWorld, WILDCARD, type World, worldLookup } from './fixtures.js';

let world: World;
let sp: ServerPilotIntegration;

const resolver = () =>
  createStubResolver(
    Object.fromEntries([...Object.values(CASES)].map((name) => [name, { A: ['127.0.0.1'] }])),
  );

const verifier = (lookup: SslLookup = worldLookup) =>
  createSslVerifier({ ca: world.ca.cert, port: world.tls.port, lookup, timeoutMs: 5_000 });

beforeAll(async () => {
  world = await startWorld();
  const created = tryCreateServerPilotIntegration({
    client: createServerPilotClient({
      ...SIMULATOR_CREDENTIALS,
      baseUrl: world.api.url,
      retry: { limit: 0 },
    }),
    appId: world.appId,
  });
  if (E.isLeft(created)) throw new Error('integration');
  sp = created.right;
});
afterAll(() => world.close());

describe('auditApp', () => {
  it('grades 80, 18 and 10 days left, expired, mismatched, untrusted and unreachable as DESIGN says', async () => {
    const result = await auditApp(sp, verifier(), { resolver: resolver() })();
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    const report = result.right;
    const row = (domain: string) => report.rows.find((r) => r.domain === domain);
    expect(row(CASES.fresh)).toMatchObject({ status: 'ok', daysLeft: 80, reasons: [], autoSslCovers: true });
    expect(row(CASES.aging)).toMatchObject({ status: 'warning', daysLeft: 18 });
    expect(row(CASES.aging)?.reasons[0]).toContain('expires in 18 days (fewer than 20)');
    expect(row(CASES.dying)).toMatchObject({ status: 'critical', daysLeft: 10 });
    expect(row(CASES.dying)?.reasons[0]).toContain('fewer than 15');
    expect(row(CASES.expired)?.status).toBe('critical');
    expect(row(CASES.expired)?.probe?.status).toBe('expired');
    expect(row(CASES.expired)?.daysLeft).toBeLessThan(0);
    expect(row(CASES.mismatch)).toMatchObject({ status: 'critical', probe: { status: 'hostname-mismatch' } });
    expect(row(CASES.untrusted)).toMatchObject({ status: 'critical', probe: { status: 'untrusted' } });
    expect(row(CASES.down)).toMatchObject({
      status: 'unknown',
      checkable: true,
      probe: { status: 'connect-error' },
    });
    expect(row(CASES.down)?.reasons[0]).toMatch(/^unreachable: /);
    expect(row(WILDCARD)).toMatchObject({ status: 'unknown', checkable: false });
    expect(row(WILDCARD)?.reasons[0]).toContain('wildcard');
    expect(row(IP_ENTRY)).toMatchObject({ status: 'unknown', checkable: false });
    expect(row(IP_ENTRY)?.reasons[0]).toContain('IP address');
    expect(report.summary).toEqual({ ok: 1, warning: 1, critical: 4, unknown: 3 });
    expect(report.healthy).toBe(false);
    expect(report.expectedIps).toEqual(['127.0.0.1']);
    expect(report.rows.map((r) => r.domain)).toEqual([...Object.values(CASES), WILDCARD, IP_ENTRY]);
    expect(report.requests).toBe(2);
    expect(report.rows.find((r) => r.domain === CASES.fresh)?.probe?.certificate?.issuer).toContain(
      world.ca.name,
    );
  });

  it('marks a name whose DNS points elsewhere a warning even when its certificate is fine', async () => {
    const result = await auditApp(sp, verifier(), {
      resolver: createStubResolver({ [CASES.fresh]: { A: ['127.0.0.9'] } }),
    })();
    if (E.isLeft(result)) throw new Error('audit failed');
    const fresh = result.right.rows.find((r) => r.domain === CASES.fresh);
    expect(fresh?.status).toBe('warning');
    expect(fresh?.dns?.status).toBe('points-elsewhere');
    expect(fresh?.reasons.join(' ')).toContain('127.0.0.9');
  });

  it('takes the thresholds it is given', async () => {
    const result = await auditApp(sp, verifier(), { resolver: resolver(), warnDays: 90, critDays: 5 })();
    if (E.isLeft(result)) throw new Error('audit failed');
    const status = (d: string) => result.right.rows.find((r) => r.domain === d)?.status;
    expect([status(CASES.fresh), status(CASES.aging), status(CASES.dying)]).toEqual([
      'warning',
      'warning',
      'warning',
    ]);
  });

  it('never has more domains in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const slowLookup: SslLookup = async (host) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return worldLookup(host);
    };
    const result = await auditApp(sp, verifier(slowLookup), { resolver: resolver(), concurrency: 2 })();
    expect(E.isRight(result)).toBe(true);
    expect(peak).toBe(2);
  });

  it('rejects bad options before any request', async () => {
    world.sim.clearRequests();
    for (const options of [
      { warnDays: -1 },
      { critDays: 30 },
      { concurrency: 0 },
      { expectedIps: ['nope'] },
    ]) {
      const result = await auditApp(sp, verifier(), options)();
      expect(E.isLeft(result) && result.left._tag).toBe('InvalidOption');
    }
    expect(world.sim.requests).toHaveLength(0);
  });

  it('fails with the API error when the app cannot be read', async () => {
    const created = tryCreateServerPilotIntegration({
      client: createServerPilotClient({
        clientId: 'x',
        apiKey: 'wrong',
        baseUrl: world.api.url,
        retry: { limit: 0 },
      }),
      appId: world.appId,
    });
    if (E.isLeft(created)) throw new Error('integration');
    const result = await auditApp(created.right, verifier(), { resolver: resolver() })();
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'HttpError', status: 401 });
  });

  it('fails with a HookError, not a rejection, when the onRow callback throws', async () => {
    let calls = 0;
    const result = await auditApp(sp, verifier(), {
      resolver: resolver(),
      concurrency: 1,
      onRow: () => {
        calls++;
        throw new Error('progress bar gone');
      },
    })();
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'HookError', hook: 'audit.onRow' });
    expect(calls).toBe(1);
  });

  it('stops with AbortedError when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await auditApp(sp, verifier(), { resolver: resolver(), signal: controller.signal })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
  });
});
