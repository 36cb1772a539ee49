import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type ClientOptions,
  createServerPilotClient,
  isServerPilotSdkError,
  tryCreateServerPilotClient,
} from '../../src/index.js';

const good = { clientId: 'cid', apiKey: 'key' };

const reasonFor = (options: ClientOptions): { option: string; reason: string } | undefined => {
  const result = tryCreateServerPilotClient(options);
  return E.isLeft(result) && result.left._tag === 'InvalidOption'
    ? { option: result.left.option, reason: result.left.reason }
    : undefined;
};

describe('client options', () => {
  it('accepts credentials alone and defaults the rest', () => {
    const client = createServerPilotClient(good);
    expect(client.baseUrl).toBe('https://api.serverpilot.io/v1');
    expect(client.clientId).toBe('cid');
    expect(client.stats.requests).toBe(0);
  });

  it('normalizes a base URL with a trailing slash', () => {
    expect(createServerPilotClient({ ...good, baseUrl: 'http://127.0.0.1:9/v1/' }).baseUrl).toBe(
      'http://127.0.0.1:9/v1',
    );
  });

  it.each<[string, ClientOptions, string, RegExp]>([
    ['an empty client id', { ...good, clientId: '' }, 'clientId', /SERVERPILOT_CLIENT_ID/],
    ['a client id with a colon', { ...good, clientId: 'a:b' }, 'clientId', /colons/],
    ['an empty API key', { ...good, apiKey: '  ' }, 'apiKey', /SERVERPILOT_API_KEY/],
    ['a relative base URL', { ...good, baseUrl: '/v1' }, 'baseUrl', /absolute URL/],
    ['an ftp base URL', { ...good, baseUrl: 'ftp://x/v1' }, 'baseUrl', /https/],
    [
      'credentials in the base URL',
      { ...good, baseUrl: 'https://u:p@x/v1' },
      'baseUrl',
      /clientId and apiKey/,
    ],
    ['a zero timeout', { ...good, timeoutMs: 0 }, 'timeoutMs', /milliseconds/],
    ['an infinite timeout', { ...good, timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs', /milliseconds/],
    ['a negative retry limit', { ...good, retry: { limit: -1 } }, 'retry.limit', /whole number/],
    [
      'a fractional max delay',
      { ...good, retry: { maxDelayMs: 1.5 } },
      'retry.maxDelayMs',
      /whole milliseconds/,
    ],
  ])('rejects %s with a reason that says what to pass', (_name, options, option, reason) => {
    const found = reasonFor(options);
    expect(found?.option).toBe(option);
    expect(found?.reason).toMatch(reason);
  });

  it('throws the same error as a ServerPilotSdkError from createServerPilotClient', () => {
    expect.assertions(2);
    try {
      createServerPilotClient({ ...good, apiKey: '' });
    } catch (error) {
      expect(isServerPilotSdkError(error, 'InvalidOption')).toBe(true);
      expect((error as Error).message).toMatch(/Invalid option `apiKey`/);
    }
  });

  it('reports a throwing onRequest as a CallbackError naming the option instead of throwing', async () => {
    const client = createServerPilotClient({
      ...good,
      baseUrl: 'http://127.0.0.1:9/v1',
      onRequest: () => {
        throw new Error('logger down');
      },
    });
    const result = await client.apps.list()();
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'CallbackError',
      option: 'client.onRequest',
      cause: { message: 'logger down' },
    });
  });

  it('calls a throwing onRequest once: the request is not retried', async () => {
    let calls = 0;
    const client = createServerPilotClient({
      ...good,
      baseUrl: 'http://127.0.0.1:9/v1',
      onRequest: () => {
        calls++;
        throw new Error('logger down');
      },
    });
    const result = await client.apps.list()();
    expect(E.isLeft(result) && result.left._tag).toBe('CallbackError');
    expect(calls).toBe(1);
  });

  it('names a throwing per-request onRequest as request.onRequest', async () => {
    const client = createServerPilotClient({ ...good, baseUrl: 'http://127.0.0.1:9/v1' });
    const result = await client.apps.list({
      onRequest: () => {
        throw new Error('tracer down');
      },
    })();
    expect(E.isLeft(result) && result.left).toEqual({
      _tag: 'CallbackError',
      option: 'request.onRequest',
      cause: { name: 'Error', message: 'tracer down' },
    });
  });
});
