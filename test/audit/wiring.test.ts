/** sp.audit() and sp.doctor(): the integration's own verifier, hooks and expectedIps, over real HTTP and TLS. */
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerPilotClient } from '../../src/client/index.js';
import { createServerPilotIntegration } from '../../src/integration/index.js';
import { createSslVerifier } from '../../src/ssl/index.js';
import { createStubResolver, SIMULATOR_CREDENTIALS } from '../../src/testing/index.js';
import { CASES, startWorld, type World, worldLookup } from './fixtures.js';

let world: World;
beforeAll(async () => {
  world = await startWorld({ domains: [CASES.fresh, CASES.aging] });
});
afterAll(() => world.close());

const integration = () =>
  createServerPilotIntegration({
    client: createServerPilotClient({
      ...SIMULATOR_CREDENTIALS,
      baseUrl: world.api.url,
      retry: { limit: 0 },
    }),
    appId: world.appId,
    verifier: createSslVerifier({ ca: world.ca.cert, port: world.tls.port, lookup: worldLookup }),
    expectedIps: ['127.0.0.9'],
  });

describe('sp.audit and sp.doctor', () => {
  it('audits with the verifier the integration was given, and counts its expectedIps as the server', async () => {
    const resolver = createStubResolver({
      [CASES.fresh]: { A: ['127.0.0.9'] },
      [CASES.aging]: { A: ['127.0.0.1'] },
    });
    const report = await integration().audit({ resolver })();
    if (E.isLeft(report)) throw new Error(JSON.stringify(report.left));
    expect(report.right.expectedIps).toEqual(['127.0.0.1', '127.0.0.9']);
    expect(report.right.rows.map((r) => [r.domain, r.status, r.dns?.status])).toEqual([
      [CASES.fresh, 'ok', 'points-here'],
      [CASES.aging, 'warning', 'points-here'],
    ]);
  });

  it('runs the doctor for a domain', async () => {
    const report = await integration().doctor(CASES.fresh, {
      resolver: createStubResolver({ [CASES.fresh]: { A: ['127.0.0.9'] } }),
    })();
    if (E.isLeft(report)) throw new Error(JSON.stringify(report.left));
    expect(report.right.checks.find((c) => c.id === 'dns')?.ok).toBe(true);
    expect(report.right.checks.find((c) => c.id === 'certificate')?.detail).toContain('80 days left');
  });
});
