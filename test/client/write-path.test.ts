/**
 * The client's half of "the write path never loses what it did not plan to remove", over real
 * HTTP on 127.0.0.1: a whole domain list is resent only when it provably never left this machine.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { createServerPilotClient, type ServerPilotClient } from '../../src/index.js';
import {
  type Fault,
  freeLoopbackPort,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type Simulator,
} from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';

const appId = SIMULATOR_IDS.appId;
/** `start`: a simulator on loopback and a client with three retries whose waits are not slept. */
const it = simulatorTest({ shuffle: false }).extend<{
  start: (timeoutMs?: number) => Promise<{ sim: Simulator; client: ServerPilotClient }>;
}>({
  start: async ({ startSimulator }, use) => {
    await use(async (timeoutMs = 5_000) => {
      const { sim, url } = await startSimulator();
      const client = createServerPilotClient({
        ...SIMULATOR_CREDENTIALS,
        baseUrl: url,
        timeoutMs,
        retry: { limit: 3 },
        sleep: async () => {},
      });
      return { sim, client };
    });
  },
});

describe('a whole domain list', () => {
  it.for<[string, Fault, string]>([
    ['500', { kind: 'status', status: 500, processed: true }, 'HttpError'],
    ['502', { kind: 'status', status: 502, processed: true }, 'HttpError'],
    ['503 with Retry-After', { kind: 'status', status: 503, retryAfter: 1, processed: true }, 'HttpError'],
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: 1, processed: true }, 'HttpError'],
    ['a reset connection', { kind: 'drop', processed: true }, 'NetworkError'],
  ])('is sent once when the answer is %s, even with retries left', async ([, fault, tag], { start }) => {
    const { sim, client } = await start();
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault });
    const result = await client.apps.update(appId, { domains: ['mine.com'] })();
    expect(E.isLeft(result) && result.left._tag).toBe(tag);
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(client.stats.requests).toBe(1);
  });

  it('is sent once when the answer times out', async ({ start }) => {
    const { sim, client } = await start(150);
    sim.faults.add({ method: 'POST', path: '/apps/:id', fault: { kind: 'latency', ms: 1_000 } });
    const result = await client.apps.update(appId, { domains: ['mine.com'] })();
    expect(E.isLeft(result) && result.left._tag).toBe('TimeoutError');
    expect(client.stats.requests).toBe(1);
  });

  it('is resent as it was when the connection was refused, which proves it never left', async () => {
    const port = await freeLoopbackPort();
    const client = createServerPilotClient({
      ...SIMULATOR_CREDENTIALS,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      retry: { limit: 2 },
      sleep: async () => {},
    });
    const result = await client.apps.update(appId, { domains: ['mine.com'] })();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'NetworkError',
      cause: { code: 'ECONNREFUSED' },
    });
    expect(client.stats.requests).toBe(3);
  });

  it('still lets a runtime change, which sets one value, be retried after a 500', async ({ start }) => {
    const { sim, client } = await start();
    sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'status', status: 500, processed: true },
    });
    const result = await client.apps.update(appId, { runtime: 'php8.1' })();
    expect(E.isRight(result) && result.right.data.runtime).toBe('php8.1');
    expect(sim.requests.map((r) => r.status)).toEqual([500, 200]);
  });
});
