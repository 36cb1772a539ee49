/**
 * Issue 9, point 9, end to end: a server list holding two spellings of one name is written back
 * with the normalized spelling, and the report lists the spelling it dropped.
 */
import { describe, expect } from 'vitest';
import { createServerPilotClient } from '../../src/client/client.js';
import { unwrap } from '../../src/errors/index.js';
import { createServerPilotIntegration } from '../../src/integration/index.js';
import { defaultSeed, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';

const seed = defaultSeed();
const it = simulatorTest({
  actionOpenMs: 0,
  shuffle: false,
  seed: {
    ...seed,
    apps: (seed.apps ?? []).map((app) => ({
      ...app,
      domains: [' padded.example.com ', 'kept.example.com', 'padded.example.com'],
    })),
  },
});

describe('duplicate spellings on the server, over HTTP', () => {
  it('writes the normalized spelling back and reports the padded one as removed', async ({ api }) => {
    const sp = createServerPilotIntegration({
      client: createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: api.url, retry: { limit: 0 } }),
      appId: SIMULATOR_IDS.appId,
      actionWait: { intervalMs: 1 },
    });
    const report = await unwrap(sp.addDomain('new.example.org'));
    expect(api.sim.state.apps.get(SIMULATOR_IDS.appId)?.domains).toEqual([
      'kept.example.com',
      'padded.example.com',
      'new.example.org',
    ]);
    expect(report.plan.removed).toEqual([' padded.example.com ']);
    expect(report.plan.added).toEqual(['new.example.org']);
  });
});
