/**
 * The integration against the simulator over real HTTP on 127.0.0.1, with the real client.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { createServerPilotClient } from '../../src/client/client.js';
import { unwrap } from '../../src/errors/index.js';
import {
  createServerPilotIntegration,
  tryCreateServerPilotIntegration,
} from '../../src/integration/index.js';
import { createHooks } from '../../src/sdk-hooks.js';
import { appId, simulatorTest, undoingEveryWrite } from '../simulator.js';

const it = simulatorTest({ actionOpenMs: 15 });

describe('createServerPilotIntegration over HTTP', () => {
  it('adds a name with its www twin, waits for the action and reports the plan and request count', async ({
    api,
  }) => {
    const sp = api.integration();
    const report = await unwrap(sp.addDomain('Shop.Customer.COM'));
    expect(report.plan.added).toEqual(['shop.customer.com']);
    expect(report.writes).toBe(1);
    expect(report.action?.status).toBe('success');
    expect(new Set(api.domains())).toEqual(new Set(['example.com', 'www.example.com', 'shop.customer.com']));
    const apex = await unwrap(sp.addDomain('customer.com'));
    expect(apex.plan.added).toEqual(['customer.com', 'www.customer.com']);
    expect(apex.requests).toBeGreaterThanOrEqual(4);
  });

  it('makes one write for 50 addDomain calls issued at once, with all 50 names and twins and no duplicates', async ({
    api,
  }) => {
    const sp = api.integration();
    const names = Array.from({ length: 50 }, (_, i) => `customer${i}.com`);
    const reports = await Promise.all(names.map((n) => unwrap(sp.addDomain(n))));
    const list = api.domains();
    for (const n of names) {
      expect(list).toContain(n);
      expect(list).toContain(`www.${n}`);
    }
    expect(list.length).toBe(new Set(list).size);
    expect(list.length).toBe(2 + 100);
    expect(api.writes()).toBe(1);
    expect(reports.every((r) => r.batchSize === 50)).toBe(true);
    expect(sp.client.stats.requests).toBeLessThan(20);
  });

  it('coalesces changes issued while a write is in flight into the next single write', async ({
    startHeld,
  }) => {
    // The simulator holds the first write until told to go on: the batch is in flight for certain.
    const { api, onArrival: onWire, release } = await startHeld('POST', '/apps/:id');
    const sp = api.integration();
    const first = unwrap(sp.addDomain('first.com'));
    await onWire;
    const pending = Promise.all(['a.com', 'b.com', 'c.com'].map((n) => unwrap(sp.addDomain(n))));
    release();
    const later = await pending;
    await first;
    expect(api.writes()).toBe(2);
    expect(later.map((r) => r.batchSize)).toEqual([3, 3, 3]);
  });

  it('ends with all 50 names when two independent integrations add 25 each under the concurrent-writer fault', async ({
    api,
  }) => {
    const fast = { writeBackoff: { baseMs: 10, capMs: 40 } };
    const a = api.integration(fast);
    const b = api.integration(fast);
    // Another writer posts a stale list right after some of our writes, dropping what they added.
    api.sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      times: 2,
      fault: { kind: 'concurrent-writer', when: 'after-write', change: { add: ['intruder.com'] } },
    });
    const names = Array.from({ length: 50 }, (_, i) => `site${i}.org`);
    const reports = await Promise.all([
      ...names.slice(0, 25).map((n) => unwrap(a.addDomain(n))),
      ...names.slice(25).map((n) => unwrap(b.addDomain(n))),
    ]);
    const list = api.domains();
    for (const n of names) expect(list).toContain(n);
    expect(list.length).toBe(new Set(list).size);
    const maxWrites = Math.max(...reports.map((r) => r.writes));
    expect(maxWrites).toBeGreaterThan(1);
  });

  it('serializes two integrations on a shared lock, so neither has to undo the other', async ({ api }) => {
    let holders = 0;
    let maxHolders = 0;
    let tail = Promise.resolve();
    const lock = {
      acquire: async (): Promise<() => void> => {
        let release!: () => void;
        const previous = tail;
        tail = new Promise<void>((r) => {
          release = r;
        });
        await previous;
        holders++;
        maxHolders = Math.max(maxHolders, holders);
        return () => {
          holders--;
          release();
        };
      },
    };
    const a = api.integration({ lock });
    const b = api.integration({ lock });
    const reports = await Promise.all([
      ...['a1.com', 'a2.com'].map((n) => unwrap(a.addDomain(n))),
      ...['b1.com', 'b2.com'].map((n) => unwrap(b.addDomain(n))),
    ]);
    expect(maxHolders).toBe(1);
    expect(reports.every((r) => r.writes === 1)).toBe(true);
    expect(api.domains()).toEqual(expect.arrayContaining(['a1.com', 'a2.com', 'b1.com', 'b2.com']));
  });

  it('keeps every change of two racing integrations that add and remove with slow reads', async ({ api }) => {
    api.sim.faults.add({
      method: 'GET',
      path: '/apps/:id',
      times: Number.POSITIVE_INFINITY,
      fault: { kind: 'latency', ms: 8 },
    });
    const fast = { writeBackoff: { baseMs: 10, capMs: 40 } };
    const a = api.integration(fast);
    const b = api.integration(fast);
    await unwrap(b.addDomains(['old1.net', 'old2.net', 'old3.net']));
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      jobs.push(unwrap(a.addDomain(`a${i}.net`)));
      if (i < 3) jobs.push(unwrap(b.removeDomain(`old${i + 1}.net`)));
      jobs.push(unwrap(b.addDomain(`b${i}.net`)));
      await new Promise((r) => setTimeout(r, 3));
    }
    await Promise.all(jobs);
    const list = new Set(api.domains());
    for (let i = 0; i < 10; i++) {
      expect(list.has(`a${i}.net`) && list.has(`www.a${i}.net`)).toBe(true);
      expect(list.has(`b${i}.net`)).toBe(true);
    }
    for (const n of ['old1.net', 'www.old1.net', 'old2.net', 'old3.net']) expect(list.has(n)).toBe(false);
    expect(api.domains().length).toBe(list.size);
  });

  it('fails the batch with a LockError naming the app when the lock cannot be acquired, without writing', async ({
    api,
  }) => {
    const sp = api.integration({
      lock: {
        acquire: async () => {
          throw new Error('redis down');
        },
      },
    });
    const result = await sp.addDomain('x.com')();
    expect(E.isLeft(result) && result.left).toEqual({
      _tag: 'LockError',
      appId,
      cause: { name: 'Error', message: 'redis down' },
    });
    expect(api.sim.requests).toHaveLength(0);
  });

  it('fails with WriteConflict, naming the missing names, when another writer undoes every write', async ({
    api,
  }) => {
    const sp = api.integration({ maxWriteAttempts: 3, sleep: async () => {} });
    api.sim.faults.add(undoingEveryWrite('lost.com'));
    const result = await sp.addDomain('lost.com')();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'WriteConflict',
      attempts: 3,
      missing: ['lost.com', 'www.lost.com'],
    });
    expect(api.writes()).toBe(3);
  });

  it('removes a name and its twin, and removing then re-adding is idempotent', async ({ api }) => {
    const sp = api.integration();
    await unwrap(sp.addDomain('temp.com'));
    const removed = await unwrap(sp.removeDomain('temp.com'));
    expect(new Set(removed.plan.removed)).toEqual(new Set(['temp.com', 'www.temp.com']));
    const again = await unwrap(sp.removeDomain('temp.com'));
    expect(again.writes).toBe(0);
    await unwrap(sp.addDomain('temp.com'));
    const before = api.writes();
    const readd = await unwrap(sp.addDomain('temp.com'));
    expect(readd.writes).toBe(0);
    expect(api.writes()).toBe(before);
    expect(api.domains().filter((d) => d === 'temp.com')).toHaveLength(1);
  });

  it('never removes a protected name or an entry it did not understand', async ({ api }) => {
    api.sim.state.apps.get(appId)?.domains.push('under_score.example.com');
    const sp = api.integration({ protect: ['example.com'] });
    const refused = await sp.removeDomain('example.com')();
    expect(E.isLeft(refused) && refused.left).toEqual({ _tag: 'ProtectedDomain', domain: 'example.com' });
    const pruned = await unwrap(sp.syncDomains(['new.com'], { prune: true }));
    expect(new Set(api.domains())).toEqual(
      new Set(['example.com', 'under_score.example.com', 'new.com', 'www.new.com']),
    );
    expect(pruned.plan.removed).toEqual(['www.example.com']);
  });

  it('syncDomains without prune only adds', async ({ api }) => {
    const sp = api.integration();
    await unwrap(sp.syncDomains(['one.com']));
    expect(api.domains()).toEqual(expect.arrayContaining(['example.com', 'one.com', 'www.one.com']));
  });

  it('plans without writing', async ({ api }) => {
    const sp = api.integration();
    const report = await unwrap(sp.plan({ add: ['dry.com'], remove: ['example.com'] }));
    expect(report.plan.added).toEqual(['dry.com', 'www.dry.com']);
    expect(new Set(report.plan.removed)).toEqual(new Set(['example.com', 'www.example.com']));
    expect(api.sim.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('rejects a bad name alone, before any request, without failing the batch it was issued with', async ({
    api,
  }) => {
    const sp = api.integration();
    const [bad, good] = await Promise.all([sp.addDomain('https://bad.com/')(), sp.addDomain('good.com')()]);
    expect(E.isLeft(bad) && bad.left._tag).toBe('InvalidDomain');
    expect(E.isRight(good)).toBe(true);
    const none = api.integration();
    const before = api.sim.requests.length;
    await none.addDomain('bad domain')();
    expect(api.sim.requests.length).toBe(before);
  });

  it('keeps the report and still enables AutoSSL when an app.domainsUpdated callback throws after the write', async ({
    api,
  }) => {
    const sp = api.integration();
    sp.hooks.addAction('app.domainsUpdated', 'logger', () => {
      throw new Error('logger down');
    });
    const report = await unwrap(sp.addDomain('observed.com'));
    expect(report.plan.added).toEqual(['observed.com', 'www.observed.com']);
    expect(report.autoSsl.status).toBe('enabled');
    expect(report.warnings).toMatchObject([
      { _tag: 'HookError', hook: 'app.domainsUpdated', namespace: 'logger' },
    ]);
    expect(api.domains()).toContain('observed.com');
  });

  it('applies the domains.beforeUpdate filter and fires app.domainsUpdated once per write', async ({
    api,
  }) => {
    const hooks = createHooks();
    hooks.addFilter('domains.beforeUpdate', 'test', (list) => [...list, 'from-filter.com']);
    const events: string[] = [];
    hooks.addAction('app.domainsUpdated', 'test', (e) => events.push(`${e.appId}:${e.actionId ?? ''}`));
    const sp = api.integration({ hooks });
    const report = await unwrap(sp.addDomain('x.com'));
    expect(report.plan.added).toContain('from-filter.com');
    expect(api.domains()).toContain('from-filter.com');
    expect(events).toEqual([`${appId}:${report.action?.id}`]);
  });
});

describe('a write whose answer is lost', () => {
  it('reads back and reports success when the server applied the list before answering 502', async ({
    api,
  }) => {
    api.sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'status', status: 502, processed: true },
    });
    const report = await unwrap(api.integration().addDomain('landed.com'));
    expect(report.writes).toBe(1);
    expect(report.domains).toEqual(expect.arrayContaining(['landed.com', 'www.landed.com']));
    expect(api.writes()).toBe(1);
  });

  it('reads back after a dropped connection too, and keeps the error when the list did not land and no attempt is left', async ({
    api,
  }) => {
    api.sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop' } });
    const result = await api.integration({ maxWriteAttempts: 1 }).addDomain('lost.com')();
    expect(E.isLeft(result) && result.left._tag).toBe('NetworkError');
    expect(api.domains()).not.toContain('lost.com');
    expect(api.sim.requests.filter((r) => r.method === 'GET' && r.path === `/apps/${appId}`)).toHaveLength(2);
  });

  it('never reads a 4xx as possibly applied', async ({ api }) => {
    api.sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'status', status: 400, processed: true },
    });
    const result = await api.integration().addDomain('refused.com')();
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'HttpError', status: 400 });
  });
});

describe('AutoSSL', () => {
  it('does not enable AutoSSL while unavailable and reports the names not covered', async ({ api }) => {
    api.sim.config.pointsHere = () => false;
    const sp = api.integration();
    const report = await unwrap(sp.addDomain('pending.com'));
    expect(report.autoSsl).toMatchObject({ status: 'unavailable' });
    if (report.autoSsl.status === 'unavailable') {
      expect(report.autoSsl.uncovered).toEqual(expect.arrayContaining(['pending.com', 'www.pending.com']));
    }
    expect(api.sslPosts()).toHaveLength(0);
  });

  it('treats an app without the autossl field (a plan without AutoSSL) as unavailable and posts nothing', async ({
    api,
  }) => {
    api.sim.config.autoSslPlan = false;
    const sp = api.integration({ forceSsl: true });
    const report = await unwrap(sp.addDomain('free-plan.com'));
    expect(report.autoSsl).toMatchObject({ status: 'unavailable' });
    expect(report.forceSsl).toMatchObject({ status: 'skipped' });
    expect(api.domains()).toContain('free-plan.com');
    expect(api.sslPosts()).toHaveLength(0);
  });

  it('enables AutoSSL once and never re-posts it when already on', async ({ api }) => {
    const sp = api.integration();
    const first = await unwrap(sp.addDomain('a.com'));
    expect(first.autoSsl.status).toBe('enabled');
    const second = await unwrap(sp.addDomain('b.com'));
    expect(second.autoSsl.status).toBe('already-on');
    const third = await unwrap(sp.enableAutoSsl());
    expect(third.autoSsl.status).toBe('already-on');
    expect(api.sslPosts()).toHaveLength(1);
    expect(api.sslPosts()[0]?.body).toEqual({ auto: true });
  });

  it('sets ForceSSL in its own call after AutoSSL is on', async ({ api }) => {
    const sp = api.integration({ forceSsl: true });
    const report = await unwrap(sp.addDomain('secure.com'));
    expect(report.forceSsl).toMatchObject({ status: 'set', force: true });
    expect(api.sslPosts().map((r) => r.body)).toEqual([{ auto: true }, { force: true }]);
    const again = await unwrap(sp.enableAutoSsl());
    expect(again.forceSsl).toEqual({ status: 'already', force: true });
  });
});

describe('errors that name the cause', () => {
  it('turns a 401 into a ConfigError about the credentials', async ({ api }) => {
    const client = createServerPilotClient({
      clientId: 'wrong',
      apiKey: 'wrong-key',
      baseUrl: api.url,
    });
    const sp = createServerPilotIntegration({ client, appId });
    const result = await sp.testConnection()();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'ConfigError',
      invalid: [{ name: 'clientId/apiKey' }],
    });
    const add = await sp.addDomain('x.com')();
    expect(E.isLeft(add) && add.left).toMatchObject({ _tag: 'HttpError', status: 401 });
    expect(api.writes()).toBe(0);
  });

  it('turns a 404 into a ConfigError about the app id that lists the apps', async ({ api }) => {
    const sp = api.integration({ appId: 'noSuchApp' });
    const result = await sp.testConnection()();
    if (E.isRight(result) || result.left._tag !== 'ConfigError') throw new Error('expected a ConfigError');
    expect(result.left.invalid[0]?.name).toBe('appId');
    expect(result.left.invalid[0]?.reason).toContain(appId);
    const add = await sp.addDomain('x.com')();
    expect(E.isLeft(add) && add.left).toMatchObject({ _tag: 'HttpError', status: 404, kind: 'not-found' });
    expect(api.sim.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('fails every caller of a batch whose domain action ends in error', async ({ api }) => {
    api.sim.config.failNextActions = 1;
    const sp = api.integration();
    const results = await Promise.all([sp.addDomain('a.com')(), sp.addDomain('b.com')()]);
    for (const r of results) expect(E.isLeft(r) && r.left._tag).toBe('ActionFailed');
  });

  it('costs one request to re-add a name that is already there with AutoSSL on', async ({ api }) => {
    const sp = api.integration();
    await unwrap(sp.addDomain('here.com'));
    const again = await unwrap(sp.addDomain('here.com'));
    expect(again).toMatchObject({ writes: 0, requests: 1, autoSsl: { status: 'already-on' } });
  });

  it('reports a working connection', async ({ api }) => {
    const report = await unwrap(api.integration().testConnection());
    expect(report).toMatchObject({ appId, appName: 'wordpress', domains: 2 });
  });

  it('throws a ConfigError listing every missing option before any request', ({ api }) => {
    expect(() => createServerPilotIntegration({})).toThrow(/clientId, apiKey, appId/);
    expect(() => createServerPilotIntegration(undefined as never)).toThrow(/clientId, apiKey, appId/);
    const either = tryCreateServerPilotIntegration({ clientId: 'id', apiKey: 'key', appId: 'a/b' });
    expect(E.isLeft(either) && either.left).toMatchObject({
      _tag: 'ConfigError',
      invalid: [{ name: 'appId' }],
    });
    expect(api.sim.requests).toHaveLength(0);
    expect(() =>
      createServerPilotIntegration({ clientId: 'a', apiKey: 'b', appId: 'c', www: 'sometimes' as never }),
    ).toThrow(/www/);
  });

  it.for([
    [{ actionWait: { intervalMs: -1 } }, 'actionWait.intervalMs'],
    [{ actionWait: { timeoutMs: 0 } }, 'actionWait.timeoutMs'],
    [{ autoSsl: 'false' as never }, 'autoSsl'],
    [{ forceSsl: 'yes' as never }, 'forceSsl'],
    [{ verifySsl: 1 as never }, 'verifySsl'],
    [{ expectedIps: ['not-an-ip'] }, 'expectedIps'],
  ] as const)('rejects %j as InvalidOption before any request', ([options, option], { api }) => {
    const either = tryCreateServerPilotIntegration({ client: api.newClient(), appId, ...options });
    expect(E.isLeft(either) && either.left).toMatchObject({ _tag: 'InvalidOption', option });
    expect(api.sim.requests).toHaveLength(0);
  });
});
