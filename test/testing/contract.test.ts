import { describe, expect, it } from 'vitest';
import { createServerPilotSimulator, SIMULATOR_IDS, type SimulatorOptions } from '../../src/testing/index.js';
import { type Answer, type Call, data } from './api.js';
import { serve, type TransportName } from './transports.js';

// The same scenario runs against the msw handlers and the node:http server, each on a fresh
// simulator with a fixed clock; the two transcripts must be identical.

const FIXED: SimulatorOptions = { shuffle: false, now: () => 1_700_000_000_000 };
const { appId, serverId, sysuserId } = SIMULATOR_IDS;
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNvbnRyYWN0LXRlc3Qta2V5LWJ5dGVz test@sim';

type Step = (call: Call, previous: readonly Answer[]) => Promise<Answer>;

const transcript = async (name: TransportName, steps: readonly Step[], options: SimulatorOptions = FIXED) => {
  const sim = createServerPilotSimulator(options);
  const transport = await serve(sim, name);
  try {
    const answers: Answer[] = [];
    for (const step of steps) answers.push(await step(transport.call, answers));
    return answers.map(({ status, retryAfter, body }) => ({ status, retryAfter, body }));
  } finally {
    await transport.close();
  }
};

const actionOf = (answer: Answer | undefined): string =>
  (answer?.body as { actionid?: string } | undefined)?.actionid ?? 'missing-actionid';

const scenarios: Record<string, { steps: readonly Step[]; statuses: readonly number[] }> = {
  'reads the seeded server, sysuser and app': {
    steps: [
      (call) => call('GET', '/servers'),
      (call) => call('GET', `/servers/${serverId}`),
      (call) => call('GET', '/sysusers'),
      (call) => call('GET', `/sysusers/${sysuserId}`),
      (call) => call('GET', '/apps'),
      (call) => call('GET', `/apps/${appId}`),
    ],
    statuses: [200, 200, 200, 200, 200, 200],
  },
  'replaces the domain list and tracks the action': {
    steps: [
      (call) => call('POST', `/apps/${appId}`, { body: { domains: ['a.test', 'www.a.test'] } }),
      (call) => call('GET', `/apps/${appId}`),
      (call, prev) => call('GET', `/actions/${actionOf(prev[0])}`),
    ],
    statuses: [200, 200, 200],
  },
  'walks the SSL lifecycle: AutoSSL, ForceSSL, delete': {
    steps: [
      (call) => call('POST', `/apps/${appId}/ssl`, { body: { force: true } }),
      (call) => call('POST', `/apps/${appId}/ssl`, { body: { auto: true } }),
      (call) => call('POST', `/apps/${appId}/ssl`, { body: { force: true } }),
      (call) => call('GET', `/apps/${appId}`),
      (call) => call('DELETE', `/apps/${appId}/ssl`),
      (call) => call('GET', `/apps/${appId}`),
    ],
    statuses: [400, 200, 200, 200, 200, 200],
  },
  'answers errors with the API error body': {
    steps: [
      (call) => call('GET', '/apps', { auth: null }),
      (call) => call('GET', '/apps/nope'),
      (call) =>
        call('POST', `/apps/${appId}`, {
          body: { domains: Array.from({ length: 301 }, (_, i) => `d${i}.test`) },
        }),
      (call) => call('POST', `/apps/${appId}`, { rawBody: '{"domains": [' }),
      (call) => call('POST', `/apps/${appId}`, { body: { domains: { 0: 'a.test', 2: 'b.test' } } }),
    ],
    statuses: [401, 404, 400, 400, 400],
  },
  'creates, changes and deletes every kind of resource': {
    steps: [
      (call) => call('POST', '/sshkeys', { body: { name: 'ci key', public_key: PUBLIC_KEY } }),
      (call, prev) =>
        call('POST', '/sysusers', {
          body: {
            serverid: serverId,
            name: 'deploy',
            password: 'long-enough-1',
            sshkey_id: data(prev[0] as Answer).id,
          },
        }),
      (call, prev) =>
        call('POST', '/apps', {
          body: {
            name: 'shop',
            sysuserid: data(prev[1] as Answer).id,
            runtime: 'php8.2',
            domains: ['shop.test'],
          },
        }),
      (call, prev) =>
        call('POST', '/dbs', {
          body: {
            appid: data(prev[2] as Answer).id,
            name: 'shopdb',
            user: { name: 'shop', password: 'db-password-1' },
          },
        }),
      (call, prev) => {
        const db = data(prev[3] as Answer);
        return call('POST', `/dbs/${db.id}`, {
          body: { user: { id: db.user.id, password: 'db-password-2' } },
        });
      },
      (call, prev) => call('GET', `/sysusers/${data(prev[1] as Answer).id}/sshkeys`),
      (call, prev) => call('GET', `/sshkeys/${data(prev[0] as Answer).id}`),
      (call, prev) => call('DELETE', `/sshkeys/${data(prev[0] as Answer).id}`),
      (call, prev) => call('DELETE', `/dbs/${data(prev[3] as Answer).id}`),
      (call, prev) => call('DELETE', `/apps/${data(prev[2] as Answer).id}`),
      (call, prev) => call('DELETE', `/sysusers/${data(prev[1] as Answer).id}`),
      (call, prev) => call('GET', `/sysusers/${data(prev[1] as Answer).id}`),
      (call) => call('GET', '/dbs'),
    ],
    statuses: [200, 200, 200, 200, 200, 200, 200, 400, 200, 200, 200, 404, 200],
  },
};

describe('the msw handlers and the HTTP server', () => {
  for (const [title, { steps, statuses }] of Object.entries(scenarios)) {
    it(`give the same answers when a client ${title.replace(/^./, (c) => c.toLowerCase())}`, async () => {
      // One after the other: an active msw server intercepts every fetch in the process.
      const viaMsw = await transcript('msw', steps);
      const viaHttp = await transcript('http', steps);
      expect(viaMsw).toEqual(viaHttp);
      expect(viaHttp.map((a) => a.status)).toEqual(statuses);
    });
  }

  it('give the same answers under a scripted 429 and 503', async () => {
    const run = async (name: TransportName) => {
      const sim = createServerPilotSimulator(FIXED);
      sim.faults.add({
        method: 'GET',
        path: '/apps/:id',
        fault: { kind: 'status', status: 429, retryAfter: 2 },
      });
      sim.faults.add({ method: 'GET', path: '/apps/:id', fault: { kind: 'status', status: 503 } });
      const transport = await serve(sim, name);
      try {
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await transport.call('GET', `/apps/${appId}`));
        return answers.map(({ status, retryAfter, body }) => ({ status, retryAfter, body }));
      } finally {
        await transport.close();
      }
    };
    const viaMsw = await run('msw');
    const viaHttp = await run('http');
    expect(viaMsw).toEqual(viaHttp);
    expect(viaHttp.map((a) => [a.status, a.retryAfter])).toEqual([
      [429, '2'],
      [503, null],
      [200, null],
    ]);
  });

  it('share one state: a write through msw is read back over HTTP', async () => {
    const sim = createServerPilotSimulator(FIXED);
    const msw = await serve(sim, 'msw');
    await msw.call('POST', `/apps/${appId}`, { body: { domains: ['shared.test'] } });
    await msw.close();
    const http = await serve(sim, 'http');
    try {
      expect(data(await http.call('GET', `/apps/${appId}`)).domains).toEqual(['shared.test']);
    } finally {
      await http.close();
    }
  });
});
