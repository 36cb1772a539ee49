import { setTimeout as wait } from 'node:timers/promises';
import * as E from 'fp-ts/lib/Either.js';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ClientOptions, createServerPilotClient } from '../../src/index.js';
import { API_KEY, actionJson, appDetailsJson, BASE, CLIENT_ID, createdAppJson } from './fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serve the given responses in order, then repeat the last; count the requests. */
const sequence = (method: 'get' | 'post', path: string, responses: readonly (() => Response)[]) => {
  const state = { count: 0 };
  server.use(
    http[method](`${BASE}${path}`, () => {
      const respond = responses[Math.min(state.count, responses.length - 1)];
      state.count++;
      return respond?.() ?? HttpResponse.error();
    }),
  );
  return state;
};

const ok = () => HttpResponse.json({ data: appDetailsJson });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ error: { message: `status ${code}` } }, { status: code, headers });

/** A client whose waits are recorded, not slept. */
const fastClient = (extra: Partial<ClientOptions> = {}) => {
  const sleeps: number[] = [];
  const client = createServerPilotClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { client, sleeps };
};

describe('retries', () => {
  it('retries a 429 after its Retry-After of one second with the default sleep, on a fake clock', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(429, { 'Retry-After': '1' }), ok]);
    const client = createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = client.apps.get('nlcN0TwdZAyNEgdp')();
      // The answer arrives over real I/O; then the client's own wait is the one timer pending.
      const nextTimer = async () => {
        while (vi.getTimerCount() === 0) await new Promise((resolve) => setImmediate(resolve));
      };
      await nextTimer();
      await vi.advanceTimersByTimeAsync(0); // ky's own zero wait between attempts
      await nextTimer();
      await vi.advanceTimersByTimeAsync(999);
      expect(calls.count).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(E.isRight(await pending)).toBe(true);
      expect(calls.count).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits exactly the Retry-After of one second on an injected clock', async () => {
    sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(429, { 'Retry-After': '1' }), ok]);
    const { client, sleeps } = fastClient();
    expect(E.isRight(await client.apps.get('nlcN0TwdZAyNEgdp')())).toBe(true);
    expect(sleeps).toEqual([1_000]);
  });

  it('retries a 429 with an HTTP-date Retry-After for the time left until that date', async () => {
    const now = Date.UTC(2026, 0, 1);
    sequence('get', '/apps/nlcN0TwdZAyNEgdp', [
      status(429, { 'Retry-After': new Date(now + 4_000).toUTCString() }),
      ok,
    ]);
    const { client, sleeps } = fastClient({ now: () => now });
    expect(E.isRight(await client.apps.get('nlcN0TwdZAyNEgdp')())).toBe(true);
    expect(sleeps).toEqual([4_000]);
  });

  it('succeeds after a 503 twice then a 200, backing off exponentially', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(503), status(503), ok]);
    const { client, sleeps } = fastClient();
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(result).toEqual(E.right(appDetailsJson));
    expect(calls.count).toBe(3);
    // base 500 ms, equal jitter at random 0.5: 375 then 750
    expect(sleeps).toEqual([375, 750]);
    expect(client.stats.requests).toBe(3);
  });

  it.each([500, 502, 504, 408])('retries a %i on a read', async (code) => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(code), ok]);
    const { client } = fastClient();
    expect(E.isRight(await client.apps.get('nlcN0TwdZAyNEgdp')())).toBe(true);
    expect(calls.count).toBe(2);
  });

  it('gives up after the retry limit with the last HttpError', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(503)]);
    const { client, sleeps } = fastClient({ retry: { limit: 3 } });
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(calls.count).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HttpError',
      status: 503,
      kind: 'server-error',
      apiMessage: 'status 503',
      method: 'GET',
      url: `${BASE}/apps/nlcN0TwdZAyNEgdp`,
    });
  });

  it.each([
    [401, 'unauthorized'],
    [402, 'payment-required'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [400, 'bad-request'],
  ] as const)('does not retry a %i and reports it as %s', async (code, kind) => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(code), ok]);
    const { client, sleeps } = fastClient();
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(calls.count).toBe(1);
    expect(sleeps).toEqual([]);
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'HttpError', status: code, kind });
  });

  it('does not resend a create after a 500, which may mean it was created', async () => {
    const calls = sequence('post', '/apps', [status(500), () => HttpResponse.json({ data: createdAppJson })]);
    const { client } = fastClient();
    const result = await client.apps.create({
      name: 'gallery',
      sysuserid: 'RvnwAIfuENyjUVnl',
      runtime: 'php8.2',
    })();
    expect(calls.count).toBe(1);
    expect(E.isLeft(result) && result.left._tag).toBe('HttpError');
  });

  it('resends a create after a 429, which the server did not act on', async () => {
    const calls = sequence('post', '/apps', [
      status(429, { 'Retry-After': '0' }),
      () => HttpResponse.json({ actionid: 'a1', data: createdAppJson }),
    ]);
    const { client } = fastClient();
    const result = await client.apps.create({
      name: 'gallery',
      sysuserid: 'RvnwAIfuENyjUVnl',
      runtime: 'php8.2',
    })();
    expect(calls.count).toBe(2);
    expect(result).toEqual(E.right({ data: createdAppJson, actionId: 'a1' }));
  });

  it('stops when Retry-After asks for longer than maxDelayMs, and says how long', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(429, { 'Retry-After': '120' }), ok]);
    const { client, sleeps } = fastClient({ retry: { maxDelayMs: 10_000 } });
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(calls.count).toBe(1);
    expect(sleeps).toEqual([]);
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HttpError',
      kind: 'rate-limited',
      retryAfterMs: 120_000,
    });
  });

  it('retries network errors on reads', async () => {
    const calls = sequence('get', '/actions/g3kiiYzxPgAjbwcY', [
      () => HttpResponse.error(),
      () => HttpResponse.json({ data: actionJson('success') }),
    ]);
    const { client } = fastClient();
    expect(await client.actions.get('g3kiiYzxPgAjbwcY')()).toEqual(E.right(actionJson('success')));
    expect(calls.count).toBe(2);
  });

  it('reports a NetworkError when every attempt fails to connect', async () => {
    sequence('get', '/actions/g3kiiYzxPgAjbwcY', [() => HttpResponse.error()]);
    const { client } = fastClient({ retry: { limit: 1 } });
    const result = await client.actions.get('g3kiiYzxPgAjbwcY')();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'NetworkError',
      method: 'GET',
      url: `${BASE}/actions/g3kiiYzxPgAjbwcY`,
    });
  });

  it('lets one call turn retries off', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(503), ok]);
    const { client } = fastClient();
    const result = await client.apps.get('nlcN0TwdZAyNEgdp', { retry: { limit: 0 } })();
    expect(calls.count).toBe(1);
    expect(E.isLeft(result)).toBe(true);
  });

  it('calls onRequest for every attempt, retries included, and counts them in stats', async () => {
    sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(502), ok]);
    const clientSeen: number[] = [];
    const callSeen: string[] = [];
    const { client } = fastClient({ onRequest: (info) => clientSeen.push(info.attempt) });
    await client.apps.get('nlcN0TwdZAyNEgdp', {
      onRequest: (info) => callSeen.push(`${info.method} ${info.url} #${info.attempt}`),
    })();
    expect(clientSeen).toEqual([1, 2]);
    expect(callSeen).toEqual([
      `GET ${BASE}/apps/nlcN0TwdZAyNEgdp #1`,
      `GET ${BASE}/apps/nlcN0TwdZAyNEgdp #2`,
    ]);
    expect(client.stats.requests).toBe(2);
  });

  it('aborting during a retry wait surfaces AbortedError and stops retrying', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(503)]);
    const controller = new AbortController();
    const client = createServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      retry: { limit: 5 },
      sleep: async () => {
        controller.abort();
      },
    });
    const result = await client.apps.get('nlcN0TwdZAyNEgdp', { signal: controller.signal })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
    expect(calls.count).toBe(1);
  });

  it('aborting a real backoff wait ends it at once', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(429, { 'Retry-After': '20' })]);
    const client = createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY, retry: { limit: 5 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed cancel')), 50);
    const started = performance.now();
    const result = await client.apps.get('nlcN0TwdZAyNEgdp', { signal: controller.signal })();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(E.isLeft(result) && result.left).toEqual({ _tag: 'AbortedError', reason: 'user pressed cancel' });
    expect(calls.count).toBe(1);
  });

  it('turns an injected sleep that rejects on abort into AbortedError instead of a rejection', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [status(503)]);
    const client = createServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      retry: { limit: 5 },
      // Node's own abortable timer rejects with an AbortError.
      sleep: (ms, signal) => wait(ms, undefined, signal === undefined ? {} : { signal }),
    });
    const result = await client.apps.get('nlcN0TwdZAyNEgdp', { signal: AbortSignal.timeout(100) })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
    expect(calls.count).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const calls = sequence('get', '/apps/nlcN0TwdZAyNEgdp', [ok]);
    const { client } = fastClient();
    const result = await client.apps.get('nlcN0TwdZAyNEgdp', { signal: AbortSignal.abort() })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
    expect(calls.count).toBe(0);
    expect(client.stats.requests).toBe(0);
  });
});
