import { describe, expect } from 'vitest';
import { basicAuth, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';
import { data } from './api.js';
import { manualClock, seededRandom } from './fixture.js';

const { appId, serverId } = SIMULATOR_IDS;
const it = simulatorTest();
const errorShape = { error: { message: expect.any(String) } };

describe('authentication', () => {
  it('answers 401 with the API error body when credentials are missing', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    const answer = await call('GET', '/apps', { auth: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(errorShape);
  });

  it('answers 401 to a wrong API key and to a wrong client id', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    const wrongKey = basicAuth({ ...SIMULATOR_CREDENTIALS, apiKey: 'nope' });
    const wrongId = basicAuth({ ...SIMULATOR_CREDENTIALS, clientId: 'nope' });
    expect((await call('GET', '/apps', { auth: wrongKey })).status).toBe(401);
    expect((await call('GET', '/apps', { auth: wrongId })).status).toBe(401);
    expect((await call('GET', '/apps', { auth: 'Bearer sim-api-key' })).status).toBe(401);
    expect((await call('GET', '/apps')).status).toBe(200);
  });

  it('accepts the credentials it was given instead of the defaults', async ({ startSimulator }) => {
    const credentials = { clientId: 'mine', apiKey: 'secret' };
    const { call } = await startSimulator({ credentials });
    expect((await call('GET', '/apps')).status).toBe(401);
    expect((await call('GET', '/apps', { auth: basicAuth(credentials) })).status).toBe(200);
  });

  it('does not let a 401 change anything', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    await call('POST', `/apps/${appId}`, { auth: null, body: { domains: ['x.test'] } });
    expect(sim.app().domains).toEqual(['example.com', 'www.example.com']);
  });
});

describe('POST /apps/:id with domains', () => {
  it('replaces the whole list rather than adding to it', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ shuffle: false });
    const answer = await call('POST', `/apps/${appId}`, { body: { domains: ['only.test'] } });
    expect(answer.status).toBe(200);
    expect(data(answer).domains).toEqual(['only.test']);
    expect(data(await call('GET', `/apps/${appId}`)).domains).toEqual(['only.test']);
    expect(sim.app().domains).toEqual(['only.test']);
  });

  it('keeps duplicates as sent, as the real API does', async ({ startSimulator }) => {
    const { call } = await startSimulator({ shuffle: false });
    await call('POST', `/apps/${appId}`, { body: { domains: ['a.test', 'a.test'] } });
    expect(data(await call('GET', `/apps/${appId}`)).domains).toEqual(['a.test', 'a.test']);
  });

  it('accepts 300 domains and refuses 301 with a 400, leaving the list alone', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    const names = (n: number) => Array.from({ length: n }, (_, i) => `site${i}.test`);
    const tooMany = await call('POST', `/apps/${appId}`, { body: { domains: names(301) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual(errorShape);
    expect(sim.app().domains).toHaveLength(2);
    expect((await call('POST', `/apps/${appId}`, { body: { domains: names(300) } })).status).toBe(200);
    expect(sim.app().domains).toHaveLength(300);
  });

  it('refuses a JSON object where the array belongs (a re-keyed PHP array)', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    const answer = await call('POST', `/apps/${appId}`, { body: { domains: { 0: 'a.test', 2: 'c.test' } } });
    expect(answer.status).toBe(400);
    expect(sim.app().domains).toEqual(['example.com', 'www.example.com']);
  });

  it('refuses entries that are not domain strings', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    expect((await call('POST', `/apps/${appId}`, { body: { domains: [42] } })).status).toBe(400);
    expect((await call('POST', `/apps/${appId}`, { body: { domains: ['https://x.test/'] } })).status).toBe(
      400,
    );
  });

  it('answers 400 to a body that is not JSON', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    const answer = await call('POST', `/apps/${appId}`, { rawBody: 'domains=a.test' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorShape);
  });
});

describe('domain order', () => {
  const ten = Array.from({ length: 10 }, (_, i) => `n${i}.test`);

  it('comes back shuffled by default, always the same set', async ({ startSimulator }) => {
    const { call } = await startSimulator({ random: seededRandom(7), seed: { ...sameSeed(ten) } });
    const orders = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const domains: string[] = data(await call('GET', `/apps/${appId}`)).domains;
      expect([...domains].sort()).toEqual([...ten].sort());
      orders.add(domains.join(','));
    }
    expect([...orders].some((order) => order !== ten.join(','))).toBe(true);
  });

  it('comes back in stored order when shuffle is off', async ({ startSimulator }) => {
    const { call } = await startSimulator({ shuffle: false, random: seededRandom(7), seed: sameSeed(ten) });
    for (let i = 0; i < 5; i++) expect(data(await call('GET', `/apps/${appId}`)).domains).toEqual(ten);
    expect(data(await call('GET', '/apps'))[0].domains).toEqual(ten);
  });
});

describe('actions', () => {
  it('returns an actionid on every mutation, and the action reports success', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    const write = await call('POST', `/apps/${appId}`, { body: { runtime: 'php8.3' } });
    const actionid = (write.body as { actionid: string }).actionid;
    expect(actionid).toMatch(/^\w{16}$/);
    const action = data(await call('GET', `/actions/${actionid}`));
    expect(action).toEqual({
      id: actionid,
      serverid: serverId,
      status: 'success',
      datecreated: expect.any(Number),
    });
  });

  it('stays open for actionOpenMs on the simulator clock, then succeeds', async ({ startSimulator }) => {
    const clock = manualClock();
    const { call } = await startSimulator({ now: clock.now, actionOpenMs: 5_000 });
    const write = await call('POST', `/apps/${appId}`, { body: { domains: ['a.test'] } });
    const path = `/actions/${(write.body as { actionid: string }).actionid}`;
    expect(data(await call('GET', path)).status).toBe('open');
    clock.advance(4_999);
    expect(data(await call('GET', path)).status).toBe('open');
    clock.advance(1);
    expect(data(await call('GET', path)).status).toBe('success');
  });

  it('ends the next N actions in error when told to fail, then succeeds again', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator();
    sim.failNextActions(2);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const write = await call('POST', `/apps/${appId}`, { body: { domains: [`a${i}.test`] } });
      statuses.push(
        data(await call('GET', `/actions/${(write.body as { actionid: string }).actionid}`)).status,
      );
    }
    expect(statuses).toEqual(['error', 'error', 'success']);
  });

  it('settles every open action at once on settleActions()', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ actionOpenMs: 60_000 });
    const write = await call('POST', `/apps/${appId}`, { body: { domains: ['a.test'] } });
    const path = `/actions/${(write.body as { actionid: string }).actionid}`;
    expect(data(await call('GET', path)).status).toBe('open');
    sim.settleActions();
    expect(data(await call('GET', path)).status).toBe('success');
  });
});

describe('autossl', () => {
  it('lists exactly the domains that point at the server', async ({ startSimulator }) => {
    const { call } = await startSimulator({
      shuffle: false,
      pointsHere: (d) => d !== 'www.example.com',
    });
    const app = data(await call('GET', `/apps/${appId}`));
    expect(app.autossl).toEqual({ available: true, domains: ['example.com'] });
  });

  it('is unavailable, with no domains key, when nothing points at the server', async ({ startSimulator }) => {
    const { call } = await startSimulator({ pointsHere: () => false });
    expect(data(await call('GET', `/apps/${appId}`)).autossl).toEqual({ available: false });
  });

  it('never covers wildcards or IP addresses', async ({ startSimulator }) => {
    const { call } = await startSimulator({ shuffle: false });
    await call('POST', `/apps/${appId}`, { body: { domains: ['*.w.test', '203.0.113.9', 'ok.test'] } });
    expect(data(await call('GET', `/apps/${appId}`)).autossl).toEqual({
      available: true,
      domains: ['ok.test'],
    });
  });

  it('appears on GET /apps/:id only, not in the list or in write answers', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    expect(data(await call('GET', '/apps'))[0]).not.toHaveProperty('autossl');
    expect(data(await call('POST', `/apps/${appId}`, { body: { runtime: 'php8.3' } }))).not.toHaveProperty(
      'autossl',
    );
  });

  it('is absent from GET /apps/:id, and {"auto": true} is a 400, on a plan without AutoSSL', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator({ autoSslPlan: false });
    expect(data(await call('GET', `/apps/${appId}`))).not.toHaveProperty('autossl');
    const answer = await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { message: "AutoSSL is not available on this account's plan." } });
    expect(sim.app().ssl).toBeNull();
  });

  it('follows a predicate changed mid-test through config', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ pointsHere: () => false });
    expect(data(await call('GET', `/apps/${appId}`)).autossl.available).toBe(false);
    sim.config.pointsHere = () => true;
    expect(data(await call('GET', `/apps/${appId}`)).autossl.available).toBe(true);
  });
});

describe('SSL', () => {
  const custom = { key: '-----BEGIN PRIVATE KEY-----x', cert: '-----BEGIN CERTIFICATE-----y', cacerts: null };

  it('refuses {"auto": true} with a 400 while AutoSSL is unavailable', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ pointsHere: () => false });
    const answer = await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorShape);
    expect(sim.app().ssl).toBeNull();
  });

  it('enables AutoSSL once it is available', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    const answer = await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    expect(answer.status).toBe(200);
    expect(data(answer)).toMatchObject({ auto: true, force: false });
    expect(data(await call('GET', `/apps/${appId}`)).ssl).toMatchObject({ auto: true });
    expect(sim.app().ssl?.auto).toBe(true);
  });

  it('refuses {"auto": true} while a custom certificate is installed', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    expect((await call('POST', `/apps/${appId}/ssl`, { body: custom })).status).toBe(200);
    const answer = await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    expect(answer.status).toBe(400);
    expect(data(await call('GET', `/apps/${appId}`)).ssl).toMatchObject({ auto: false, cert: custom.cert });
  });

  it('refuses a custom certificate while AutoSSL is on', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    expect((await call('POST', `/apps/${appId}/ssl`, { body: custom })).status).toBe(400);
  });

  it('refuses ForceSSL before SSL is on, and accepts it after', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    const early = await call('POST', `/apps/${appId}/ssl`, { body: { force: true } });
    expect(early.status).toBe(400);
    expect(early.body).toEqual(errorShape);
    await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    const later = await call('POST', `/apps/${appId}/ssl`, { body: { force: true } });
    expect(later.status).toBe(200);
    expect(data(later)).toMatchObject({ auto: true, force: true });
  });

  it('refuses ForceSSL in the same call as enabling AutoSSL', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    expect((await call('POST', `/apps/${appId}/ssl`, { body: { auto: true, force: true } })).status).toBe(
      400,
    );
    expect(sim.app().ssl).toBeNull();
  });

  it('clears SSL and ForceSSL on DELETE /apps/:id/ssl', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    await call('POST', `/apps/${appId}/ssl`, { body: { auto: true } });
    await call('POST', `/apps/${appId}/ssl`, { body: { force: true } });
    const answer = await call('DELETE', `/apps/${appId}/ssl`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ actionid: expect.any(String), data: {} });
    expect(data(await call('GET', `/apps/${appId}`)).ssl).toBeNull();
    // ForceSSL went with it: turning it on again needs SSL first.
    expect((await call('POST', `/apps/${appId}/ssl`, { body: { force: true } })).status).toBe(400);
  });
});

describe('unknown ids', () => {
  it.for([
    ['GET', '/servers/nope'],
    ['POST', '/servers/nope'],
    ['GET', '/sysusers/nope'],
    ['GET', '/apps/nope'],
    ['POST', '/apps/nope'],
    ['DELETE', '/apps/nope'],
    ['POST', '/apps/nope/ssl'],
    ['DELETE', '/apps/nope/ssl'],
    ['GET', '/dbs/nope'],
    ['GET', '/sshkeys/nope'],
    ['GET', '/actions/nope'],
  ] as const)('answer 404 with the API error body: %s %s', async ([method, path], { startSimulator }) => {
    const { call } = await startSimulator();
    const answer = await call(method, path, method === 'POST' ? { body: { auto: true } } : {});
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(errorShape);
  });

  it('answer 404 for a path the API does not have', async ({ startSimulator }) => {
    const { call } = await startSimulator();
    expect((await call('GET', '/nothing-here')).status).toBe(404);
  });
});

/** The default seed with the app's domains replaced. */
function sameSeed(domains: readonly string[]) {
  return {
    servers: [{ id: serverId, lastaddress: '127.0.0.1' }],
    sysusers: [{ id: SIMULATOR_IDS.sysuserId }],
    apps: [{ id: appId, domains: [...domains] }],
  };
}
