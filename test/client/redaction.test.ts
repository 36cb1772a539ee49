import { inspect } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServerPilotClient,
  describeSdkError,
  type SdkError,
  ServerPilotSdkError,
  tryCreateServerPilotClient,
  unwrap,
} from '../../src/index.js';
import { freeLoopbackPort } from '../../src/testing/index.js';
import { API_KEY, appDetailsJson, CLIENT_ID } from './fixtures.js';
import { type Loopback, startLoopback } from './loopback.js';

const BASE = 'https://redaction.test/v1';
const credentials = Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64');
const SECRETS = [API_KEY, credentials];

// Bodies that echo the secret back, the way a misbehaving proxy or API might.
const server = setupServer(
  http.get(`${BASE}/apps/echo-json`, ({ request }) =>
    HttpResponse.json(
      { error: { message: `bad key ${API_KEY}; ${request.headers.get('authorization')}` } },
      { status: 401 },
    ),
  ),
  http.get(`${BASE}/apps/echo-html`, ({ request }) =>
    HttpResponse.html(`<html><body>Authorization: ${request.headers.get('authorization')}</body></html>`, {
      status: 500,
    }),
  ),
  http.get(`${BASE}/apps/echo-decode`, () =>
    HttpResponse.json({ data: { ...appDetailsJson, domains: [API_KEY, 1], name: { key: API_KEY } } }),
  ),
  http.get(`${BASE}/apps/echo-text`, () => new HttpResponse(`oops ${credentials}`, { status: 200 })),
  http.get(`${BASE}/apps/network`, () => HttpResponse.error()),
  http.get(`${BASE}/apps/ok`, () => HttpResponse.json({ data: appDetailsJson })),
);

let loopback: Loopback;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'bypass' });
  loopback = await startLoopback();
  loopback.handle = () => {};
});
afterAll(async () => {
  server.close();
  await loopback.close();
});

/** Every printable form of a value: the places a secret could leak into logs. */
const renderings = (value: unknown): string[] => [
  inspect(value, { depth: 20, showHidden: true, getters: true }),
  JSON.stringify(value) ?? '',
  String(value),
];

const assertNoSecret = (label: string, value: unknown): void => {
  for (const text of renderings(value)) {
    for (const secret of SECRETS) {
      if (text.includes(secret)) throw new Error(`${label} leaked a secret: ${text.slice(0, 400)}`);
    }
  }
};

describe('the API key never appears in printable output', () => {
  it('is absent from every error the client produces, in every rendering', async () => {
    const client = createServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      baseUrl: BASE,
      retry: { limit: 1 },
      sleep: async () => {},
    });
    const port = await freeLoopbackPort();
    const refused = createServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      retry: { limit: 0 },
    });
    const slow = createServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      baseUrl: loopback.url,
      timeoutMs: 50,
      retry: { limit: 0 },
    });
    const tasks: readonly TE.TaskEither<SdkError, unknown>[] = [
      client.apps.get('echo-json'),
      client.apps.get('echo-html'),
      client.apps.get('echo-decode'),
      client.apps.get('echo-text'),
      client.apps.get('network'),
      client.apps.get('ok', { signal: AbortSignal.abort(new Error(`cancelled ${API_KEY}`)) }),
      refused.apps.list(),
      slow.apps.list(),
      client.apps.update('ok', {}),
    ];
    const errors: SdkError[] = [];
    for (const task of tasks) {
      const result = await task();
      if (E.isRight(result)) throw new Error('expected every task to fail');
      errors.push(result.left);
    }
    expect(new Set(errors.map((e) => e._tag))).toEqual(
      new Set(['HttpError', 'DecodeError', 'NetworkError', 'AbortedError', 'TimeoutError', 'InvalidOption']),
    );
    for (const error of errors) {
      assertNoSecret(error._tag, error);
      assertNoSecret(`${error._tag} described`, describeSdkError(error));
      const thrown = new ServerPilotSdkError(error);
      assertNoSecret(`${error._tag} as Error`, thrown);
      assertNoSecret(`${error._tag} stack`, thrown.stack);
    }
    // And the ones async/await callers see.
    const rejected = await unwrap(client.apps.get('echo-json')).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ServerPilotSdkError);
    assertNoSecret('unwrap rejection', rejected);
  });

  it('is absent from the client itself, its resources and its stats', () => {
    const client = createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY });
    assertNoSecret('client', client);
    for (const [name, part] of Object.entries(client)) assertNoSecret(`client.${name}`, part);
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      clientId: CLIENT_ID,
      apiKey: '[REDACTED]',
      baseUrl: 'https://api.serverpilot.io/v1',
      timeoutMs: 30_000,
    });
    expect(inspect(client)).toContain("apiKey: '[REDACTED]'");
    expect(Object.values(client)).not.toContain(API_KEY);
  });

  it('is absent from the error for an invalid option', () => {
    const result = tryCreateServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      baseUrl: `https://${CLIENT_ID}:${API_KEY}@api.serverpilot.io/v1`,
    });
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidOption');
    assertNoSecret('invalid baseUrl', result);
    let thrown: unknown;
    try {
      createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY, baseUrl: `https://x:${API_KEY}@h/v1` });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ServerPilotSdkError);
    assertNoSecret('thrown invalid baseUrl', thrown);
  });

  it('the check itself catches a leak (it can fail)', () => {
    expect(() => assertNoSecret('planted', { nested: { value: `x${API_KEY}x` } })).toThrow(/leaked/);
    expect(() => assertNoSecret('planted', new Error(credentials))).toThrow(/leaked/);
  });
});
