import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerPilotClient, describeSdkError } from '../../src/index.js';
import { freeLoopbackPort } from '../../src/testing/index.js';
import { API_KEY, appDetailsJson, CLIENT_ID } from './fixtures.js';
import { type Loopback, startLoopback } from './loopback.js';

let loopback: Loopback;
beforeAll(async () => {
  loopback = await startLoopback();
});
afterAll(() => loopback.close());

const client = (extra: { timeoutMs?: number; retryLimit?: number } = {}) =>
  createServerPilotClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    baseUrl: loopback.url,
    timeoutMs: extra.timeoutMs ?? 5_000,
    retry: { limit: extra.retryLimit ?? 0 },
    sleep: async () => {},
  });

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (loopback.handle = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  });

describe('transport over real HTTP on 127.0.0.1', () => {
  it('reads an app through a real socket', async () => {
    json(200, { data: appDetailsJson });
    expect(await client().apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
  });

  it('surfaces a server that never answers as a TimeoutError naming the request', async () => {
    loopback.handle = () => {};
    const started = performance.now();
    const result = await client({ timeoutMs: 150 }).apps.get('nlcN0TwdZAyNEgdp')();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(E.isLeft(result) && result.left).toEqual({
      _tag: 'TimeoutError',
      timeoutMs: 150,
      method: 'GET',
      url: `${loopback.url}/apps/nlcN0TwdZAyNEgdp`,
    });
  });

  it('does not repeat an attempt that timed out, even with retries left', async () => {
    let attempts = 0;
    loopback.handle = () => {
      attempts++;
    };
    const c = client({ timeoutMs: 100, retryLimit: 3 });
    const result = await c.apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left._tag).toBe('TimeoutError');
    expect(attempts).toBe(1);
    expect(c.stats.requests).toBe(1);
  });

  it('times out a body that stalls after the headers', async () => {
    loopback.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": {');
    };
    const result = await client({ timeoutMs: 150 }).apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left._tag).toBe('TimeoutError');
  });

  it('retries a read whose body is cut off mid-way, and never a domain list', async () => {
    let attempts = 0;
    loopback.handle = (_req, res) => {
      attempts++;
      const body = JSON.stringify({ data: appDetailsJson });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      if (attempts === 1) res.write(body.slice(0, 20), () => res.socket?.destroy());
      else res.end(body);
    };
    expect(await client({ retryLimit: 2 }).apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
    expect(attempts).toBe(2);
    attempts = 0;
    const write = await client({ retryLimit: 2 }).apps.update('nlcN0TwdZAyNEgdp', { domains: ['a.com'] })();
    expect(E.isLeft(write) && write.left._tag).toBe('NetworkError');
    expect(attempts).toBe(1);
  });

  it('a per-call timeoutMs overrides the client default', async () => {
    loopback.handle = () => {};
    const result = await client({ timeoutMs: 10_000 }).apps.get('nlcN0TwdZAyNEgdp', { timeoutMs: 100 })();
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'TimeoutError', timeoutMs: 100 });
  });

  it('aborting mid-request surfaces AbortedError', async () => {
    loopback.handle = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await client({ retryLimit: 3 }).apps.get('nlcN0TwdZAyNEgdp', {
      signal: controller.signal,
    })();
    expect(E.isLeft(result) && result.left._tag).toBe('AbortedError');
  });

  it.each([
    ['fetch', /^fetch failed: .*connect ECONNREFUSED 127\.0\.0\.1:\d+/],
    ['node', /^connect ECONNREFUSED 127\.0\.0\.1:\d+$/],
  ] as const)(
    'reports a refused connection as a NetworkError with its code (transport %s)',
    async (transport, message) => {
      const port = await freeLoopbackPort();
      const c = createServerPilotClient({
        clientId: CLIENT_ID,
        apiKey: API_KEY,
        baseUrl: `http://127.0.0.1:${port}/v1`,
        retry: { limit: 0 },
        transport,
      });
      const result = await c.apps.list()();
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'NetworkError',
        method: 'GET',
        url: `http://127.0.0.1:${port}/v1/apps`,
        cause: { code: 'ECONNREFUSED' },
      });
      // fetch's own message is only "fetch failed": its cause's text is folded in. Node's http says
      // "connect ECONNREFUSED 127.0.0.1:PORT" itself.
      expect(E.isLeft(result) && result.left._tag === 'NetworkError' && result.left.cause.message).toMatch(
        message,
      );
    },
  );

  it("turns ServerPilot's JSON error into apiMessage", async () => {
    json(400, { error: { message: 'Password must be at least 8 characters.' } });
    const result = await client().sysusers.update('RvnwAIfuENyjUVnl', { password: 'short' })();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HttpError',
      status: 400,
      kind: 'bad-request',
      apiMessage: 'Password must be at least 8 characters.',
      method: 'POST',
    });
  });

  it("still gives a useful error for a proxy's HTML error page", async () => {
    loopback.handle = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>');
    };
    const result = await client().apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'HttpError',
      status: 502,
      kind: 'server-error',
      apiMessage: '502 Bad Gateway',
    });
    expect(E.isLeft(result) && describeSdkError(result.left)).toBe(
      `ServerPilot answered 502 (server-error) (GET ${loopback.url}/apps/nlcN0TwdZAyNEgdp): 502 Bad Gateway`,
    );
  });

  it('gives a plain-text error body as the message, and none for an empty one', async () => {
    loopback.handle = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('upstream exploded\n');
    };
    const text = await client().apps.list()();
    expect(E.isLeft(text) && text.left).toMatchObject({ status: 500, apiMessage: 'upstream exploded' });
    loopback.handle = (_req, res) => {
      res.writeHead(503);
      res.end();
    };
    const empty = await client().apps.list()();
    expect(E.isLeft(empty) && empty.left).toEqual({
      _tag: 'HttpError',
      status: 503,
      kind: 'server-error',
      method: 'GET',
      url: `${loopback.url}/apps`,
    });
  });

  it('reports a 200 that is not JSON as a DecodeError showing what came back', async () => {
    loopback.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    };
    const result = await client().apps.list()();
    expect(E.isLeft(result) && result.left).toEqual({
      _tag: 'DecodeError',
      method: 'GET',
      url: `${loopback.url}/apps`,
      errors: ['(body): expected JSON, got "<html>maintenance</html>"'],
    });
  });
});
