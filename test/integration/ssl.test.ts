/**
 * `verifySsl` end to end: the simulator over HTTP for the app and its server's address, a real
 * TLS server on 127.0.0.1 with certificates from a test CA, and a stub resolver. No real DNS.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { createServerPilotClient } from '../../src/client/client.js';
import { unwrap } from '../../src/errors/index.js';
import { createServerPilotIntegration } from '../../src/integration/integration.js';
import type { IntegrationOptions } from '../../src/integration/options.js';
import { createHooks } from '../../src/sdk-hooks.js';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import {
  createSelfSignedCertificate,
  createStubResolver,
  createTestCertificateAuthority,
  type LoopbackTlsServer,
  loopbackLookup,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  startLoopbackTlsServer,
} from '../../src/testing/index.js';
import { type Served, simulatorTest } from '../simulator.js';

const ca = createTestCertificateAuthority();

const it = simulatorTest({ actionOpenMs: 5 }).extend<{ tls: LoopbackTlsServer }>({
  tls: async ({ task: _task }, use) => {
    const tls = await startLoopbackTlsServer({
      defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
    });
    await use(tls);
    await tls.close();
  },
});

const setup = (
  { api, tls }: { api: Served; tls: LoopbackTlsServer },
  records: Record<string, { A: string[]; AAAA?: string[] }>,
  extra: Partial<IntegrationOptions> = {},
) => {
  const hooks = createHooks();
  hooks.addFilter('ssl.retryDelayMs', 'test', () => 10);
  hooks.addFilter('ssl.maxTries', 'test', () => 3);
  const verifier = createSslVerifier({
    hooks,
    ca: ca.cert,
    port: tls.port,
    lookup: loopbackLookup,
    resolver: createStubResolver(records),
    timeoutMs: 2_000,
  });
  const client = createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: api.url });
  return {
    hooks,
    sp: createServerPilotIntegration({
      client,
      appId: SIMULATOR_IDS.appId,
      hooks,
      verifier,
      verifySsl: true,
      ...extra,
      actionWait: { intervalMs: 5 },
    }),
  };
};

describe('verifySsl', () => {
  it('verifies the added name and its twin against the server lastaddress, one certificate appearing later', async ({
    api,
    tls,
  }) => {
    tls.setCertificate('shop.test', ca.issue({ names: ['shop.test'] }));
    const { sp, hooks } = setup(
      { api, tls },
      {
        'shop.test': { A: ['127.0.0.1'] },
        'www.shop.test': { A: ['127.0.0.1'] },
      },
    );
    // The www certificate is "issued" while the verifier waits after its first failed attempt.
    hooks.addFilter('ssl.retryDelayMs', 'issuer', (ms, { domain, stage }) => {
      if (domain === 'www.shop.test' && stage === 'checking-ssl-cert') {
        tls.setCertificate('www.shop.test', ca.issue({ names: ['www.shop.test'] }));
      }
      return ms;
    });
    const report = await unwrap(sp.addDomain('shop.test'));
    const byName = new Map((report.ssl ?? []).map((v) => [v.domain, v]));
    expect(byName.get('shop.test')?.stage).toBe('done');
    expect(byName.get('shop.test')?.attempts.ssl).toBe(1);
    expect(byName.get('www.shop.test')?.stage).toBe('done');
    expect(byName.get('www.shop.test')?.attempts.ssl).toBe(2);
  });

  it('reports a verification that cannot run as a warning, keeping the applied change', async ({
    api,
    tls,
  }) => {
    const { sp, hooks } = setup({ api, tls }, { 'late.test': { A: ['127.0.0.1'] } });
    hooks.addAction('domain.stage', 'broken-ui', () => {
      throw new Error('render failed');
    });
    const report = await unwrap(sp.addDomain('late.test'));
    expect(report.plan.added).toContain('late.test');
    expect(report.domains).toContain('late.test');
    expect(report.ssl).toBeUndefined();
    expect(report.warnings).toMatchObject([{ _tag: 'HookError', namespace: 'broken-ui' }]);
  });

  it('reports DNS that does not point at the server as failed', async ({ api, tls }) => {
    const { sp } = setup({ api, tls }, { 'elsewhere.test': { A: ['192.0.2.1'] } });
    const report = await unwrap(sp.verifySsl('elsewhere.test'));
    expect(report.expectedIps).toEqual(['127.0.0.1']);
    expect(report.verification.stage).toBe('failed');
  });

  it('counts the expectedIps option as the server too (an IPv6 next to lastaddress)', async ({
    api,
    tls,
  }) => {
    const records = { 'dual.test': { A: ['127.0.0.1'], AAAA: ['2001:db8::7'] } };
    const without = await unwrap(setup({ api, tls }, records).sp.verifySsl('dual.test'));
    expect(without.verification.stage).toBe('failed');
    const { sp } = setup({ api, tls }, records, { expectedIps: ['2001:db8::7'] });
    const report = await unwrap(sp.verifySsl('dual.test'));
    expect(report.expectedIps).toEqual(['127.0.0.1', '2001:db8::7']);
    expect(report.verification.dns?.status).toBe('points-here');
  });

  it('rejects a bad name before any request', async ({ api, tls }) => {
    const { sp } = setup({ api, tls }, {});
    const result = await sp.verifySsl('https://x.test/')();
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidDomain');
  });
});
