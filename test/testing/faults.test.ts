import { describe, expect } from 'vitest';
import { SIMULATOR_IDS } from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';
import { data } from './api.js';
import { TRANSPORTS } from './transports.js';

const { appId } = SIMULATOR_IDS;
const it = simulatorTest();
const appPath = `/apps/${appId}`;

describe.each(TRANSPORTS)('faults over %s', (transport) => {
  it('delays a matching request by the latency given', async ({ startSimulator }) => {
    const waits: number[] = [];
    const { sim, call } = await startSimulator({ sleep: async (ms) => void waits.push(ms) }, transport);
    sim.faults.add({ method: 'GET', path: '/apps/:id', fault: { kind: 'latency', ms: 750 } });
    expect((await call('GET', appPath)).status).toBe(200);
    expect((await call('GET', appPath)).status).toBe(200);
    expect(waits).toEqual([750]);
  });

  it('really waits with the default sleep', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({}, transport);
    sim.faults.add({ path: '/apps', fault: { kind: 'latency', ms: 60 } });
    const t0 = performance.now();
    await call('GET', '/apps');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('answers 429 with Retry-After for as many requests as asked, then recovers', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator({}, transport);
    const fault = sim.faults.add({
      method: 'GET',
      path: '/apps/:id',
      times: 2,
      fault: { kind: 'status', status: 429, retryAfter: 3 },
    });
    const answers = [await call('GET', appPath), await call('GET', appPath), await call('GET', appPath)];
    expect(answers.map((a) => [a.status, a.retryAfter])).toEqual([
      [429, '3'],
      [429, '3'],
      [200, null],
    ]);
    expect(answers[0]?.body).toEqual({ error: { message: expect.any(String) } });
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);
  });

  it.for([500, 502, 503])('answers %i with the API error body', async (status, { startSimulator }) => {
    const { sim, call } = await startSimulator({}, transport);
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'status', status } });
    const answer = await call('GET', appPath);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: { message: expect.any(String) } });
    expect((await call('GET', appPath)).status).toBe(200);
  });

  it('drops the connection without an answer, and the write does not land', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop' } });
    await expect(call('POST', appPath, { body: { domains: ['lost.test'] } })).rejects.toThrow(TypeError);
    expect(sim.app().domains).toEqual(['example.com', 'www.example.com']);
    expect(sim.requests.at(-1)?.status).toBe('drop');
    expect((await call('GET', appPath)).status).toBe(200);
  });

  it('drops the answer after applying the write when processed is set', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'drop', processed: true } });
    await expect(call('POST', appPath, { body: { domains: ['landed.test'] } })).rejects.toThrow(TypeError);
    expect(sim.app().domains).toEqual(['landed.test']);
  });

  it('answers a 502 after applying the write when processed is set', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'status', status: 502, processed: true },
    });
    expect((await call('POST', appPath, { body: { domains: ['landed.test'] } })).status).toBe(502);
    expect(sim.app().domains).toEqual(['landed.test']);
  });

  it('answers with a body that is not JSON', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({}, transport);
    sim.faults.add({ path: '/apps/:id', fault: { kind: 'non-json', status: 200 } });
    const answer = await call('GET', appPath);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/text\/html/);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it('gives data.domains the wrong type by default', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({}, transport);
    sim.faults.add({ method: 'GET', path: '/apps/:id', fault: { kind: 'wrong-type' } });
    expect(data(await call('GET', appPath)).domains).toBe('not-an-array');
    expect(Array.isArray(data(await call('GET', appPath)).domains)).toBe(true);
  });

  it('gives a chosen field a chosen value', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({}, transport);
    const write = await call('POST', appPath, { body: { runtime: 'php8.3' } });
    const actionPath = `/actions/${(write.body as { actionid: string }).actionid}`;
    sim.faults.add({ path: '/actions/:id', fault: { kind: 'wrong-type', field: 'data.status', value: 7 } });
    expect(data(await call('GET', actionPath)).status).toBe(7);
    expect(data(await call('GET', actionPath)).status).toBe('success');
  });

  it('lets another writer change the domains between a read and a write (after-read)', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    sim.faults.add({
      method: 'GET',
      path: '/apps/:id',
      fault: { kind: 'concurrent-writer', change: { add: ['theirs.test'] } },
    });
    // A naive read-modify-write ...
    const read: string[] = data(await call('GET', appPath)).domains;
    expect(read).not.toContain('theirs.test');
    expect(sim.app().domains).toContain('theirs.test');
    await call('POST', appPath, { body: { domains: [...read, 'mine.test'] } });
    // ... silently loses the other writer's name.
    const after: string[] = data(await call('GET', appPath)).domains;
    expect(after).toContain('mine.test');
    expect(after).not.toContain('theirs.test');
  });

  it('lets another writer change the domains just before a write lands (before-write)', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    const sawBeforeWrite: string[][] = [];
    sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      times: 2,
      fault: {
        kind: 'concurrent-writer',
        change: (domains) => {
          sawBeforeWrite.push([...domains]);
          return [...domains, 'theirs.test'];
        },
      },
    });
    // A write that leaves domains alone shows the other writer's name in its own answer ...
    expect(data(await call('POST', appPath, { body: { runtime: 'php8.3' } })).domains).toContain(
      'theirs.test',
    );
    // ... and a whole-list write made from an older read overwrites it.
    await call('POST', appPath, { body: { domains: ['example.com', 'mine.test'] } });
    expect(sawBeforeWrite[1]).toContain('theirs.test');
    expect(sim.app().domains).toEqual(['example.com', 'mine.test']);
    const writes = sim.requests.filter((r) => r.method === 'POST' && /\/apps\/[^/]+$/.test(r.path));
    expect(writes).toHaveLength(2);
  });

  it('lets another writer post a stale list right after the write (after-write)', async ({
    startSimulator,
  }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'concurrent-writer', when: 'after-write', change: { add: ['theirs.test'] } },
    });
    const answer = await call('POST', appPath, {
      body: { domains: ['example.com', 'www.example.com', 'mine.test'] },
    });
    // The write itself succeeded and says so ...
    expect(data(answer).domains).toContain('mine.test');
    // ... but the stale writer's list replaced it: the client's name is gone.
    const after: string[] = data(await call('GET', appPath)).domains;
    expect(after).toEqual(['example.com', 'www.example.com', 'theirs.test']);
  });

  it('takes a function as the other writer’s change', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator({ shuffle: false }, transport);
    sim.faults.add({
      method: 'GET',
      path: '/apps/:id',
      fault: { kind: 'concurrent-writer', change: (domains) => domains.filter((d) => d.startsWith('www.')) },
    });
    await call('GET', appPath);
    expect(sim.app().domains).toEqual(['www.example.com']);
  });
});

describe('fault matching', () => {
  it('hits only the method and path it names', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'status', status: 503 } });
    expect((await call('GET', appPath)).status).toBe(200);
    expect((await call('GET', '/apps')).status).toBe(200);
    expect((await call('POST', appPath, { body: {} })).status).toBe(503);
  });

  it('matches a RegExp path and repeats without limit when times is Infinity', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    const fault = sim.faults.add({
      path: /^\/actions\//,
      times: Number.POSITIVE_INFINITY,
      fault: { kind: 'status', status: 500 },
    });
    for (let i = 0; i < 4; i++) expect((await call('GET', '/actions/any')).status).toBe(500);
    expect(fault.hits).toBe(4);
    fault.remove();
    expect((await call('GET', '/actions/any')).status).toBe(404);
  });

  it('applies faults in the order added and lists the active ones', async ({ startSimulator }) => {
    const { sim, call } = await startSimulator();
    sim.faults.add({ path: '/apps', fault: { kind: 'status', status: 500 } });
    sim.faults.add({ path: '/apps', fault: { kind: 'status', status: 503 } });
    expect(sim.faults.active).toHaveLength(2);
    expect((await call('GET', '/apps')).status).toBe(500);
    expect((await call('GET', '/apps')).status).toBe(503);
    expect(sim.faults.active).toHaveLength(0);
  });

  it('refuses a fault with no hits to give', async ({ startSimulator }) => {
    const { sim } = await startSimulator();
    expect(() => sim.faults.add({ path: '/apps', times: 0, fault: { kind: 'drop' } })).toThrow(RangeError);
  });
});
