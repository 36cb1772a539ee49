import { describe, expect } from 'vitest';
import { type ClientOptions, createServerPilotClient, type ServerPilotClient } from '../../src/index.js';
import {
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type Simulator,
  type SimulatorOptions,
} from '../../src/testing/index.js';
import { runLeft, runRight } from '../helpers.js';
import { simulatorTest } from '../simulator.js';
import { manualClock } from './fixture.js';

// The SDK's real client against the simulator over real loopback HTTP: every endpoint, and every
// fault kind the simulator can inject.

const { appId, serverId, sysuserId } = SIMULATOR_IDS;
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxvb3BiYWNrLXRlc3Qta2V5LWJ5dGVz loopback@sim';

interface Setup {
  readonly sim: Simulator;
  readonly client: ServerPilotClient;
  /** Every retry wait the client asked for (it never really sleeps). */
  readonly waits: number[];
}

/** `start`: a simulator on loopback and a real client for it whose waits are recorded, not slept. */
const it = simulatorTest().extend<{
  start: (simOptions?: SimulatorOptions, clientOptions?: Partial<ClientOptions>) => Promise<Setup>;
}>({
  start: async ({ startSimulator }, use) => {
    await use(async (simOptions = {}, clientOptions = {}) => {
      const { sim, url } = await startSimulator(simOptions);
      const waits: number[] = [];
      const client = createServerPilotClient({
        ...SIMULATOR_CREDENTIALS,
        baseUrl: url,
        sleep: async (ms) => {
          waits.push(ms);
        },
        ...clientOptions,
      });
      return { sim, client, waits };
    });
  },
});

const sorted = (list: readonly string[]) => [...list].sort();

describe('the client against the simulator over loopback HTTP', () => {
  it('reads and changes servers', async ({ start }) => {
    const { client } = await start();
    expect((await runRight(client.servers.list())).map((s) => s.id)).toEqual([serverId]);
    expect((await runRight(client.servers.get(serverId))).lastaddress).toBe('127.0.0.1');
    const created = await runRight(client.servers.create({ name: 'www2' }));
    expect(created.data).toMatchObject({ name: 'www2', lastaddress: null, apikey: expect.any(String) });
    expect(created.actionId).toEqual(expect.any(String));
    const updated = await runRight(client.servers.update(created.data.id, { firewall: false }));
    expect(updated.data.firewall).toBe(false);
    await runRight(client.servers.delete(created.data.id));
    expect(await runLeft(client.servers.get(created.data.id))).toMatchObject({
      _tag: 'HttpError',
      status: 404,
    });
  });

  it('manages SSH keys and sysusers', async ({ start }) => {
    const { client } = await start();
    const key = (await runRight(client.sshkeys.create({ name: 'ci', public_key: PUBLIC_KEY }))).data;
    expect(key.sha256_fingerprint).toMatch(/^SHA256:/);
    expect((await runRight(client.sshkeys.list())).map((k) => k.id)).toEqual([key.id]);
    expect((await runRight(client.sshkeys.rename(key.id, 'ci key'))).data.name).toBe('ci key');
    const user = (
      await runRight(
        client.sysusers.create({ serverid: serverId, name: 'deploy', password: 'long-enough-1' }),
      )
    ).data;
    expect((await runRight(client.sysusers.list())).map((u) => u.id)).toEqual([sysuserId, user.id]);
    expect((await runRight(client.sysusers.get(user.id))).name).toBe('deploy');
    await runRight(client.sysusers.update(user.id, { password: 'long-enough-2' }));
    await runRight(client.sysusers.addSshKey(user.id, key.id));
    expect((await runRight(client.sysusers.listSshKeys(user.id))).map((k) => k.id)).toEqual([key.id]);
    expect((await runRight(client.sshkeys.get(key.id))).sysusers?.map((u) => u.id)).toEqual([user.id]);
    expect(await runLeft(client.sshkeys.delete(key.id))).toMatchObject({ _tag: 'HttpError', status: 400 });
    await runRight(client.sysusers.removeSshKey(user.id, key.id));
    await runRight(client.sshkeys.delete(key.id));
    await runRight(client.sysusers.delete(user.id));
    expect(await runLeft(client.sysusers.get(user.id))).toMatchObject({ status: 404, kind: 'not-found' });
  });

  it('manages apps, replacing the whole domain list', async ({ start }) => {
    const { sim, client } = await start();
    expect((await runRight(client.apps.list())).map((a) => a.id)).toEqual([appId]);
    const app = await runRight(client.apps.get(appId));
    expect(sorted(app.domains)).toEqual(['example.com', 'www.example.com']);
    expect(app.autossl).toEqual({ available: true, domains: expect.any(Array) });
    const updated = await runRight(client.apps.update(appId, { domains: ['a.test', 'www.a.test'] }));
    expect(sorted(updated.data.domains)).toEqual(['a.test', 'www.a.test']);
    expect(sorted(sim.app().domains)).toEqual(['a.test', 'www.a.test']);
    const created = await runRight(
      client.apps.create({ name: 'shop', sysuserid: sysuserId, runtime: 'php8.2', domains: ['shop.test'] }),
    );
    expect(created.data.domains).toEqual(['shop.test']);
    await runRight(client.apps.delete(created.data.id));
    expect(await runLeft(client.apps.get(created.data.id))).toMatchObject({ status: 404 });
    const tooMany = Array.from({ length: 301 }, (_, i) => `d${i}.test`);
    expect(await runLeft(client.apps.update(appId, { domains: tooMany }))).toMatchObject({
      _tag: 'HttpError',
      status: 400,
      apiMessage: expect.stringContaining('300'),
    });
  });

  it('walks AutoSSL, ForceSSL, removal and a custom certificate', async ({ start }) => {
    const { client } = await start();
    expect(await runLeft(client.ssl.setForce(appId, true))).toMatchObject({ status: 400 });
    expect((await runRight(client.ssl.enableAuto(appId))).data).toMatchObject({ auto: true, force: false });
    expect((await runRight(client.ssl.setForce(appId, true))).data.force).toBe(true);
    await runRight(client.ssl.remove(appId));
    expect((await runRight(client.apps.get(appId))).ssl).toBeNull();
    const installed = await runRight(client.ssl.install(appId, { key: 'KEY', cert: 'CERT', cacerts: null }));
    expect(installed.data).toMatchObject({ key: 'KEY', cert: 'CERT', cacerts: null });
    expect(await runLeft(client.ssl.enableAuto(appId))).toMatchObject({ _tag: 'HttpError', status: 400 });
  });

  it('refuses AutoSSL while no domain points at the server', async ({ start }) => {
    const { client } = await start({ pointsHere: () => false });
    expect((await runRight(client.apps.get(appId))).autossl).toEqual({ available: false });
    expect(await runLeft(client.ssl.enableAuto(appId))).toMatchObject({ status: 400, kind: 'bad-request' });
  });

  it('manages databases', async ({ start }) => {
    const { client } = await start();
    const db = (
      await runRight(
        client.dbs.create({ appid: appId, name: 'wpdb', user: { name: 'wp', password: 'db-password-1' } }),
      )
    ).data;
    expect((await runRight(client.dbs.list())).map((d) => d.id)).toEqual([db.id]);
    expect((await runRight(client.dbs.get(db.id))).user.name).toBe('wp');
    await runRight(client.dbs.update(db.id, { user: { id: db.user.id, password: 'db-password-2' } }));
    await runRight(client.dbs.delete(db.id));
    expect(await runLeft(client.dbs.get(db.id))).toMatchObject({ status: 404 });
  });

  it('waits for an action that stays open, on one clock shared with the simulator', async ({ start }) => {
    const clock = manualClock();
    const { client } = await start(
      { now: clock.now, actionOpenMs: 5_000 },
      {
        now: clock.now,
        sleep: async (ms) => clock.advance(ms),
      },
    );
    const { actionId } = await runRight(client.apps.update(appId, { domains: ['a.test'] }));
    expect((await runRight(client.actions.get(actionId ?? ''))).status).toBe('open');
    const polls: string[] = [];
    const done = await runRight(
      client.actions.waitFor(actionId ?? '', { intervalMs: 1_000, onPoll: (a) => polls.push(a.status) }),
    );
    expect(done.status).toBe('success');
    expect(polls).toEqual(['open', 'open', 'open', 'open', 'open', 'success']);
  });

  it('reports an action that ends in error, and one that never settles in time', async ({ start }) => {
    const clock = manualClock();
    const { sim, client } = await start(
      { now: clock.now },
      { now: clock.now, sleep: async (ms) => clock.advance(ms) },
    );
    sim.failNextActions(1);
    const failing = await runRight(client.apps.update(appId, { domains: ['a.test'] }));
    expect(await runLeft(client.actions.waitFor(failing.actionId ?? ''))).toMatchObject({
      _tag: 'ActionFailed',
    });
    sim.config.actionOpenMs = 60_000;
    const slow = await runRight(client.apps.update(appId, { domains: ['b.test'] }));
    expect(await runLeft(client.actions.waitFor(slow.actionId ?? '', { timeoutMs: 10_000 }))).toMatchObject({
      _tag: 'ActionTimeout',
    });
  });

  it('fails with 401 on wrong credentials, naming no secret', async ({ startSimulator }) => {
    const { url } = await startSimulator();
    const client = createServerPilotClient({
      clientId: 'sim-client-id',
      apiKey: 'wrong-key',
      baseUrl: url,
    });
    const error = await runLeft(client.apps.list());
    expect(error).toMatchObject({ _tag: 'HttpError', status: 401, kind: 'unauthorized' });
    expect(JSON.stringify(error)).not.toContain('wrong-key');
  });
});

describe('the client under every simulator fault, over loopback HTTP', () => {
  it('rides out latency below its timeout', async ({ start }) => {
    const { sim, client } = await start({}, { timeoutMs: 2_000 });
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'latency', ms: 100 } });
    expect((await runRight(client.apps.get(appId))).id).toBe(appId);
  });

  it('times out on latency beyond its timeout', async ({ start }) => {
    const { sim, client } = await start({}, { timeoutMs: 50, retry: { limit: 0 } });
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'latency', ms: 300 } });
    expect(await runLeft(client.apps.get(appId))).toMatchObject({ _tag: 'TimeoutError' });
  });

  it('retries a 429 after its Retry-After', async ({ start }) => {
    const { sim, client, waits } = await start();
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'status', status: 429, retryAfter: 2 } });
    expect((await runRight(client.apps.get(appId))).id).toBe(appId);
    expect(waits).toEqual([2_000]);
    expect(client.stats.requests).toBe(2);
  });

  it.for([500, 502, 503])('retries a %i and succeeds', async (status, { start }) => {
    const { sim, client } = await start();
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'status', status } });
    expect((await runRight(client.apps.get(appId))).id).toBe(appId);
    expect(sim.requests.map((r) => r.status)).toEqual([status, 200]);
  });

  it('gives up with the HttpError after its retry limit', async ({ start }) => {
    const { sim, client } = await start({}, { retry: { limit: 2 } });
    sim.faults.add({ path: '/apps/:id', times: 5, fault: { kind: 'status', status: 503 } });
    expect(await runLeft(client.apps.get(appId))).toMatchObject({
      _tag: 'HttpError',
      status: 503,
      kind: 'server-error',
    });
    expect(client.stats.requests).toBe(3);
  });

  it('retries a dropped connection on an idempotent call', async ({ start }) => {
    const { sim, client } = await start({ shuffle: false });
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop', processed: true } });
    expect((await runRight(client.apps.update(appId, { runtime: 'php8.1' }))).data.runtime).toBe('php8.1');
    expect(sim.requests.map((r) => r.status)).toEqual(['drop', 200]);
  });

  it('does not resend a domain list after a dropped answer: it may have landed', async ({ start }) => {
    const { sim, client } = await start({ shuffle: false });
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop', processed: true } });
    expect(await runLeft(client.apps.update(appId, { domains: ['a.test'] }))).toMatchObject({
      _tag: 'NetworkError',
    });
    expect(sim.requests.map((r) => r.status)).toEqual(['drop']);
    expect(sim.app(appId).domains).toEqual(['a.test']);
  });

  it('reports a NetworkError when connections keep dropping', async ({ start }) => {
    const { sim, client } = await start({}, { retry: { limit: 1 } });
    sim.faults.add({ path: '/apps', times: 2, fault: { kind: 'drop' } });
    expect(await runLeft(client.apps.list())).toMatchObject({ _tag: 'NetworkError' });
  });

  it('does not resend a create after a dropped answer', async ({ start }) => {
    const { sim, client } = await start();
    sim.faults.add({ method: 'POST', path: '/apps', fault: { kind: 'drop', processed: true } });
    const error = await runLeft(
      client.apps.create({ name: 'once', sysuserid: sysuserId, runtime: 'php8.2' }),
    );
    expect(error).toMatchObject({ _tag: 'NetworkError' });
    expect([...sim.state.apps.values()].filter((a) => a.name === 'once')).toHaveLength(1);
  });

  it('reports a DecodeError for a body that is not JSON', async ({ start }) => {
    const { sim, client } = await start();
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'non-json' } });
    expect(await runLeft(client.apps.get(appId))).toMatchObject({ _tag: 'DecodeError' });
  });

  it('reports a DecodeError naming a field of the wrong type', async ({ start }) => {
    const { sim, client } = await start();
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'wrong-type' } });
    const error = await runLeft(client.apps.get(appId));
    expect(error._tag).toBe('DecodeError');
    expect(JSON.stringify(error)).toContain('domains');
  });

  it('shows a naive read-modify-write silently dropping a concurrent writer’s domain', async ({ start }) => {
    const { sim, client } = await start();
    sim.faults.add({
      method: 'GET',
      path: '/apps/:id',
      fault: { kind: 'concurrent-writer', change: { add: ['theirs.test'] } },
    });
    const read = await runRight(client.apps.get(appId));
    await runRight(client.apps.update(appId, { domains: [...read.domains, 'mine.test'] }));
    const back = await runRight(client.apps.get(appId));
    expect(back.domains).toContain('mine.test');
    expect(back.domains).not.toContain('theirs.test');
  });

  it('lets a read-back catch a stale writer that overwrote the client’s write', async ({ start }) => {
    const { sim, client } = await start();
    sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'concurrent-writer', when: 'after-write', change: { add: ['theirs.test'] } },
    });
    const read = await runRight(client.apps.get(appId));
    const written = await runRight(client.apps.update(appId, { domains: [...read.domains, 'mine.test'] }));
    expect(written.data.domains).toContain('mine.test');
    const back = await runRight(client.apps.get(appId));
    expect(back.domains).not.toContain('mine.test');
    expect(back.domains).toContain('theirs.test');
  });
});

describe('the client through the msw handlers', () => {
  it('reaches the simulator at the default base URL without a socket', async ({ startSimulator }) => {
    const { sim } = await startSimulator({ shuffle: false }, 'msw');
    const client = createServerPilotClient({ ...SIMULATOR_CREDENTIALS, sleep: async () => {} });
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop' } });
    const written = await runRight(client.apps.update(appId, { runtime: 'php8.1' }));
    expect(written.data.runtime).toBe('php8.1');
    expect(sim.requests.map((r) => r.status)).toEqual(['drop', 200]);
    expect(await runRight(client.apps.update(appId, { domains: ['msw.test'] }))).toMatchObject({
      data: { domains: ['msw.test'] },
    });
  });
});
