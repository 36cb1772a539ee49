import { setTimeout as wait } from 'node:timers/promises';
import * as E from 'fp-ts/lib/Either.js';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ActionStatus, createServerPilotClient } from '../../src/index.js';
import { API_KEY, actionJson, BASE, CLIENT_ID } from './fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The action goes through the given statuses, one per poll, then stays at the last. */
const statuses = (list: readonly ActionStatus[]) => {
  const state = { polls: 0 };
  server.use(
    http.get(`${BASE}/actions/:id`, ({ params }) => {
      const status = list[Math.min(state.polls, list.length - 1)] ?? 'open';
      state.polls++;
      return HttpResponse.json({ data: actionJson(status, String(params.id)) });
    }),
  );
  return state;
};

/** A client on a fake clock that advances by exactly what it sleeps. */
const clocked = () => {
  const clock = { now: 1_000_000, sleeps: [] as number[] };
  const client = createServerPilotClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  });
  return { client, clock };
};

describe('actions.waitFor', () => {
  it('polls until success and returns the action', async () => {
    const state = statuses(['open', 'open', 'success']);
    const { client, clock } = clocked();
    const result = await client.actions.waitFor('nnpgQoNzSK11fuTe', { intervalMs: 1_000 })();
    expect(result).toEqual(E.right(actionJson('success', 'nnpgQoNzSK11fuTe')));
    expect(state.polls).toBe(3);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  it('returns at once when the action has already succeeded', async () => {
    const state = statuses(['success']);
    const { client, clock } = clocked();
    expect(E.isRight(await client.actions.waitFor('a1')())).toBe(true);
    expect(state.polls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('fails with ActionFailed when the action ends in error', async () => {
    statuses(['open', 'error']);
    const { client } = clocked();
    const result = await client.actions.waitFor('a1')();
    expect(result).toEqual(E.left({ _tag: 'ActionFailed', actionId: 'a1' }));
  });

  it('fails with ActionTimeout when still open at the deadline, polling one last time at it', async () => {
    const state = statuses(['open']);
    const { client, clock } = clocked();
    const result = await client.actions.waitFor('a1', { intervalMs: 2_000, timeoutMs: 5_000 })();
    expect(result).toEqual(E.left({ _tag: 'ActionTimeout', actionId: 'a1', timeoutMs: 5_000 }));
    expect(clock.sleeps).toEqual([2_000, 2_000, 1_000]);
    expect(state.polls).toBe(4);
  });

  it('reports every polled state to onPoll', async () => {
    statuses(['open', 'open', 'success']);
    const { client } = clocked();
    const seen: string[] = [];
    await client.actions.waitFor('a1', { onPoll: (a) => seen.push(a.status) })();
    expect(seen).toEqual(['open', 'open', 'success']);
  });

  it('ends with a CallbackError naming waitFor.onPoll when onPoll throws, polling no more', async () => {
    const state = statuses(['open', 'open', 'success']);
    const { client } = clocked();
    const result = await client.actions.waitFor('a1', {
      onPoll: () => {
        throw new Error('dashboard down');
      },
    })();
    expect(result).toEqual(
      E.left({
        _tag: 'CallbackError',
        option: 'waitFor.onPoll',
        cause: { name: 'Error', message: 'dashboard down' },
      }),
    );
    expect(state.polls).toBe(1);
  });

  it('stops with AbortedError when the signal fires during a wait, on real timers', async () => {
    const state = statuses(['open']);
    const client = createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const result = await client.actions.waitFor('a1', { intervalMs: 10_000, signal: controller.signal })();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
    expect(state.polls).toBe(1);
  });

  it('stops with AbortedError when an injected sleep rejects on abort', async () => {
    statuses(['open']);
    const client = createServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      sleep: (ms, signal) => wait(ms, undefined, signal === undefined ? {} : { signal }),
    });
    const result = await client.actions.waitFor('a1', {
      intervalMs: 10_000,
      signal: AbortSignal.timeout(50),
    })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
  });

  it('passes a polling failure through unchanged', async () => {
    server.use(
      http.get(`${BASE}/actions/:id`, () =>
        HttpResponse.json({ error: { message: 'No such action' } }, { status: 404 }),
      ),
    );
    const { client } = clocked();
    const result = await client.actions.waitFor('missing')();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HttpError',
      kind: 'not-found',
      apiMessage: 'No such action',
    });
  });

  it('rejects a negative interval before polling', async () => {
    const state = statuses(['success']);
    const { client } = clocked();
    const result = await client.actions.waitFor('a1', { intervalMs: -5 })();
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidOption');
    expect(state.polls).toBe(0);
  });
});
