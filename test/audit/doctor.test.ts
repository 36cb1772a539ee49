/**
 * doctorApp against the simulator over HTTP and real TLS handshakes on 127.0.0.1.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DoctorReport, doctorApp } from '../../src/audit/index.js';
import { createServerPilotClient } from '../../src/client/index.js';
import { type ServerPilotIntegration, tryCreateServerPilotIntegration } from '../../src/integration/index.js';
import { createSslVerifier } from '../../src/ssl/index.js';
import { createStubResolver, SIMULATOR_CREDENTIALS } from '../../src/testing/index.js';
import { CASES, SECOND_APP, startWorld, type World, worldLookup } from './fixtures.js';

let world: World;

const integration = (overrides: { apiKey?: string; appId?: string } = {}): ServerPilotIntegration => {
  const created = tryCreateServerPilotIntegration({
    client: createServerPilotClient({
      ...SIMULATOR_CREDENTIALS,
      ...(overrides.apiKey === undefined ? {} : { apiKey: overrides.apiKey }),
      baseUrl: world.api.url,
      retry: { limit: 0 },
    }),
    appId: overrides.appId ?? world.appId,
  });
  if (E.isLeft(created)) throw new Error('integration');
  return created.right;
};

const here = createStubResolver(
  Object.fromEntries(Object.values(CASES).map((n) => [n, { A: ['127.0.0.1'] }])),
);

const doctor = async (
  domain: string | undefined,
  sp: ServerPilotIntegration = integration(),
  resolver = here,
): Promise<DoctorReport> => {
  const verifier = createSslVerifier({ ca: world.ca.cert, port: world.tls.port, lookup: worldLookup });
  const result = await doctorApp(sp, verifier, domain, { resolver })();
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id);

beforeAll(async () => {
  world = await startWorld();
});
beforeEach(() => {
  world.sim.reset();
});
afterAll(() => world.close());

describe('doctorApp', () => {
  it('passes every check for a domain that is on the app, points here and serves a valid certificate', async () => {
    const report = await doctor(CASES.aging);
    expect(report.checks.map((c) => [c.id, c.ok])).toEqual([
      ['credentials', true],
      ['permissions', true],
      ['app-id', true],
      ['domain-limit', true],
      ['domain-on-app', true],
      ['domain-on-other-apps', true],
      ['dns', true],
      ['autossl-available', true],
      ['autossl-enabled', true],
      ['autossl-covers', true],
      ['certificate', true],
    ]);
    expect(report.healthy).toBe(true);
    expect(check(report, 'certificate')?.detail).toContain('18 days left');
  });

  it('says the credentials are wrong and skips what needs them', async () => {
    const report = await doctor(CASES.aging, integration({ apiKey: 'not-the-key' }));
    expect(check(report, 'credentials')).toMatchObject({ ok: false });
    expect(check(report, 'credentials')?.detail).toContain('401');
    expect(check(report, 'credentials')?.fix).toContain('Account Settings > API');
    expect(report.checks.slice(1).every((c) => c.skipped === true && !c.ok)).toBe(true);
    expect(report.healthy).toBe(false);
    expect(JSON.stringify(report)).not.toContain('not-the-key');
  });

  it("lists the account's apps when the app id is wrong", async () => {
    const report = await doctor(undefined, integration({ appId: 'nosuchapp' }));
    expect(check(report, 'credentials')?.ok).toBe(true);
    expect(check(report, 'app-id')?.ok).toBe(false);
    expect(check(report, 'app-id')?.detail).toContain(`wordpress (${world.appId})`);
    expect(check(report, 'app-id')?.detail).toContain(`${SECOND_APP.name} (${SECOND_APP.id})`);
    expect(check(report, 'domain-limit')?.skipped).toBe(true);
  });

  it('says where DNS points when it is not at the server, and how to fix it', async () => {
    const report = await doctor(
      CASES.aging,
      integration(),
      createStubResolver({ [CASES.aging]: { A: ['127.0.0.2'] } }),
    );
    const dns = check(report, 'dns');
    expect(dns?.ok).toBe(false);
    expect(dns?.detail).toContain('127.0.0.2');
    expect(dns?.fix).toContain('127.0.0.1');
    expect(report.healthy).toBe(false);
  });

  it('finds the domain on another app of the account', async () => {
    const report = await doctor(CASES.fresh);
    const other = check(report, 'domain-on-other-apps');
    expect(other?.ok).toBe(false);
    expect(other?.detail).toContain(`"${SECOND_APP.name}" (${SECOND_APP.id})`);
  });

  it('reports a 402 as an account permission problem', async () => {
    world.sim.faults.add({ method: 'GET', path: '/apps/:id', fault: { kind: 'status', status: 402 } });
    const report = await doctor(undefined);
    expect(check(report, 'credentials')?.ok).toBe(true);
    expect(check(report, 'permissions')).toMatchObject({ ok: false });
    expect(check(report, 'permissions')?.fix).toContain('card');
  });

  it('reports a 403 as an account permission problem', async () => {
    world.sim.faults.add({ method: 'GET', path: '/apps', fault: { kind: 'status', status: 403 } });
    const report = await doctor(undefined);
    expect(check(report, 'permissions')?.detail).toContain('403');
  });

  it('says a domain not on the app is missing, and that adding it must fit under the limit', async () => {
    world.sim.app().domains.push(...Array.from({ length: 287 }, (_, i) => `n${i}.full.test`));
    const report = await doctor('newshop.test');
    expect(check(report, 'domain-on-app')).toMatchObject({
      ok: false,
      fix: 'add it: serverpilot-domains add newshop.test',
    });
    expect(check(report, 'domain-limit')?.ok).toBe(true);
    world.sim.app().domains.push(...Array.from({ length: 3 }, (_, i) => `m${i}.full.test`));
    const full = await doctor('newshop.test');
    expect(check(full, 'domain-limit')?.ok).toBe(false);
    expect(check(full, 'domain-limit')?.detail).toContain('300');
  });

  it('says when AutoSSL is off, unavailable, or not covering the name', async () => {
    world.sim.app().ssl = null;
    world.sim.config.pointsHere = (d) => d !== CASES.aging;
    const report = await doctor(CASES.aging);
    expect(check(report, 'autossl-enabled')).toMatchObject({
      ok: false,
      fix: 'run `serverpilot-domains ssl enable`',
    });
    expect(check(report, 'autossl-covers')?.ok).toBe(false);
    world.sim.config.pointsHere = () => false;
    const none = await doctor(undefined);
    expect(check(none, 'autossl-available')?.ok).toBe(false);
  });

  it('fails a served certificate that is not valid, with what to do', async () => {
    const report = await doctor(CASES.mismatch);
    expect(check(report, 'certificate')).toMatchObject({ ok: false });
    expect(check(report, 'certificate')?.detail).toContain('someone-else.test');
  });

  it('rejects a bad domain before any request', async () => {
    world.sim.clearRequests();
    const verifier = createSslVerifier({});
    const result = await doctorApp(integration(), verifier, 'https://shop.test/')();
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidDomain');
    expect(world.sim.requests).toHaveLength(0);
  });
});
