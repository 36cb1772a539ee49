import { describe, expect } from 'vitest';
import {
  createServerPilotSimulator,
  defaultSeed,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';
import { data } from './api.js';
import { manualClock } from './fixture.js';

const it = simulatorTest();

describe('the default seed', () => {
  it('holds one server at 127.0.0.1, one sysuser and one app under the stable ids', () => {
    const sim = createServerPilotSimulator();
    expect([...sim.state.servers.keys()]).toEqual([SIMULATOR_IDS.serverId]);
    expect([...sim.state.sysusers.keys()]).toEqual([SIMULATOR_IDS.sysuserId]);
    expect([...sim.state.apps.keys()]).toEqual([SIMULATOR_IDS.appId]);
    expect(sim.state.servers.get(SIMULATOR_IDS.serverId)?.lastaddress).toBe('127.0.0.1');
    expect(sim.app()).toMatchObject({ sysuserid: SIMULATOR_IDS.sysuserId, serverid: SIMULATOR_IDS.serverId });
    expect(SIMULATOR_CREDENTIALS).toEqual({ clientId: 'sim-client-id', apiKey: 'sim-api-key' });
  });

  it('serves the server with lastaddress and without its own API key', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    const server = data(await call('GET', `/servers/${SIMULATOR_IDS.serverId}`));
    expect(server.lastaddress).toBe('127.0.0.1');
    expect(server).not.toHaveProperty('apikey');
  });
});

describe('a custom seed', () => {
  it('fills in missing fields and links to the first server and sysuser', () => {
    const sim = createServerPilotSimulator({
      seed: {
        servers: [{ id: 'srv', lastaddress: '198.51.100.7' }],
        sysusers: [{ id: 'usr' }],
        apps: [{ id: 'app', domains: ['a.test'] }],
        dbs: [{ id: 'db' }],
        sshkeys: [{ id: 'key' }],
      },
    });
    expect(sim.app('app')).toMatchObject({
      sysuserid: 'usr',
      serverid: 'srv',
      domains: ['a.test'],
      ssl: null,
    });
    expect(sim.state.dbs.get('db')).toMatchObject({ appid: 'app', serverid: 'srv' });
    expect(sim.state.sshkeys.has('key')).toBe(true);
    expect(() => sim.app('missing')).toThrow(/missing/);
  });

  it('extends the default seed when built from defaultSeed()', () => {
    const base = defaultSeed();
    const sim = createServerPilotSimulator({
      seed: { ...base, apps: [...(base.apps ?? []), { id: 'second' }] },
    });
    expect([...sim.state.apps.keys()]).toEqual([SIMULATOR_IDS.appId, 'second']);
  });

  it('never hands out an id that a seed entry names', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({
      seed: { ...defaultSeed(), apps: [{ name: 'first' }, { id: 'simA000000000001', name: 'named' }] },
    });
    expect(sim.state.apps.size).toBe(2);
    const created = await call('POST', '/apps', {
      body: { name: 'third', sysuserid: SIMULATOR_IDS.sysuserId, runtime: 'php8.2' },
    });
    expect(sim.state.apps.size).toBe(3);
    expect([...sim.state.apps.keys()]).toContain(data(created).id);
  });
});

describe('the request log', () => {
  it('records method, path, parsed body, time and status, and never the credentials', async ({
    startSimulator,
  }) => {
    const clock = manualClock(5_000);
    const { sim, call } = await startSimulator({ now: clock.now });
    await call('GET', '/apps');
    clock.advance(10);
    await call('POST', `/apps/${SIMULATOR_IDS.appId}`, { body: { domains: ['a.test'] } });
    expect(sim.requests).toEqual([
      { method: 'GET', path: '/apps', body: undefined, at: 5_000, status: 200 },
      {
        method: 'POST',
        path: `/apps/${SIMULATOR_IDS.appId}`,
        body: { domains: ['a.test'] },
        at: 5_010,
        status: 200,
      },
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain(SIMULATOR_CREDENTIALS.apiKey);
  });

  it('counts writes to an app with a filter on method and path', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    await call('GET', `/apps/${SIMULATOR_IDS.appId}`);
    await call('POST', `/apps/${SIMULATOR_IDS.appId}`, { body: { domains: ['a.test'] } });
    await call('POST', `/apps/${SIMULATOR_IDS.appId}/ssl`, { body: { auto: true } });
    await call('POST', `/apps/${SIMULATOR_IDS.appId}`, { body: { domains: ['b.test'] } });
    const writes = sim.requests.filter((r) => r.method === 'POST' && /\/apps\/[^/]+$/.test(r.path));
    expect(writes.map((w) => w.body)).toEqual([{ domains: ['a.test'] }, { domains: ['b.test'] }]);
  });

  it('is emptied by clearRequests()', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    await call('GET', '/apps');
    sim.clearRequests();
    expect(sim.requests).toEqual([]);
  });
});

describe('reset()', () => {
  it('restores the seed and ids and clears the log, the faults and failing actions', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator({ shuffle: false });
    const created = await call('POST', '/sshkeys', {
      body: { name: 'k', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== x' },
    });
    await call('POST', `/apps/${SIMULATOR_IDS.appId}`, { body: { domains: ['a.test'] } });
    sim.faults.add({ path: '/apps', fault: { kind: 'drop' } });
    sim.failNextActions(3);
    sim.reset();
    expect(sim.app().domains).toEqual(['example.com', 'www.example.com']);
    expect(sim.requests).toEqual([]);
    expect(sim.faults.active).toEqual([]);
    expect(sim.config.failNextActions).toBe(0);
    expect(sim.state.sshkeys.size).toBe(0);
    const again = await call('POST', '/sshkeys', {
      body: { name: 'k', public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== x' },
    });
    expect(data(again).id).toBe(data(created).id);
  });
});

describe('the msw handlers', () => {
  it('answer for the baseUrl option', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ baseUrl: 'https://sp.test/api/v1/' }, 'msw');
    expect(sim.baseUrl).toBe('https://sp.test/api/v1');
    const answer = await call('GET', `/apps/${SIMULATOR_IDS.appId}`);
    expect(answer.status).toBe(200);
    expect(sim.requests.map((r) => r.path)).toEqual([`/apps/${SIMULATOR_IDS.appId}`]);
  });
});

describe('listen()', () => {
  it('serves on 127.0.0.1 under /v1 and stops on close()', async () => {
    const sim = createServerPilotSimulator();
    const server = await sim.listen();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const outside = await fetch(server.url.replace(/\/v1$/, '/v2/apps'));
    expect(outside.status).toBe(404);
    await server.close();
    await expect(fetch(`${server.url}/apps`)).rejects.toThrow(TypeError);
  });
});
