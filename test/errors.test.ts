import { inspect } from 'node:util';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  configError,
  describeSdkError,
  httpErrorKind,
  isServerPilotSdkError,
  redact,
  type SdkError,
  ServerPilotSdkError,
  safeCause,
  unwrap,
} from '../src/errors.js';

describe('unwrap', () => {
  it('resolves the Right value', async () => {
    await expect(unwrap(TE.right(42))).resolves.toBe(42);
  });

  it('rejects with ServerPilotSdkError carrying the tagged error', async () => {
    const error: SdkError = { _tag: 'TooManyDomains', count: 301, max: 300 };
    const rejection = await unwrap(TE.left(error)).catch((e: unknown) => e);
    expect(rejection).toBeInstanceOf(ServerPilotSdkError);
    expect(rejection).toBeInstanceOf(Error);
    expect(isServerPilotSdkError(rejection, 'TooManyDomains')).toBe(true);
    expect((rejection as ServerPilotSdkError).error).toBe(error);
    expect((rejection as Error).message).toContain('301 domains, more than the limit of 300');
  });
});

describe('describeSdkError', () => {
  it('lists every missing and invalid config name', () => {
    expect(
      describeSdkError(
        configError(
          ['SERVERPILOT_API_KEY', 'SERVERPILOT_APP_ID'],
          [{ name: 'timeoutMs', reason: 'not a number' }],
        ),
      ),
    ).toBe('Configuration error; missing SERVERPILOT_API_KEY, SERVERPILOT_APP_ID; timeoutMs: not a number');
  });

  it('names method, URL and the API message of an HTTP error', () => {
    const message = describeSdkError({
      _tag: 'HttpError',
      status: 404,
      kind: httpErrorKind(404),
      method: 'GET',
      url: 'https://api.serverpilot.io/v1/apps/nope',
      apiMessage: 'App not found.',
    });
    expect(message).toBe(
      'ServerPilot answered 404 (not-found) (GET https://api.serverpilot.io/v1/apps/nope): App not found.',
    );
  });
});

describe('httpErrorKind', () => {
  it.each([
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [402, 'payment-required'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [408, 'request-timeout'],
    [409, 'conflict'],
    [429, 'rate-limited'],
    [500, 'server-error'],
    [503, 'server-error'],
    [418, 'unexpected'],
  ])('maps %i to %s', (status, kind) => {
    expect(httpErrorKind(status)).toBe(kind);
  });
});

describe('redaction', () => {
  const key = 'sk_live_7f3a9c2e1b';

  it('removes secrets and Authorization values from text', () => {
    expect(redact(`key=${key} and again ${key}`, [key])).toBe('key=[REDACTED] and again [REDACTED]');
    expect(redact('Authorization: Basic Y2lkOnNlY3JldA==')).toBe('Authorization: [REDACTED]');
  });

  it('keeps only name, message and code of a cause, with secrets removed', () => {
    const thrown = Object.assign(new Error(`failed with ${key}`), {
      code: 'ECONNRESET',
      request: { headers: { authorization: `Basic ${key}` } },
    });
    const cause = safeCause(thrown, [key]);
    expect(cause).toEqual({ name: 'Error', message: 'failed with [REDACTED]', code: 'ECONNRESET' });
    const error = new ServerPilotSdkError({
      _tag: 'NetworkError',
      method: 'GET',
      url: 'https://x/v1/apps',
      cause,
    });
    for (const text of [
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String(error),
      error.stack ?? '',
    ]) {
      expect(text).not.toContain(key);
    }
  });
});
