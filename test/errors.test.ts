import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  callbackError,
  configError,
  describeSdkError,
  httpErrorKind,
  isServerPilotSdkError,
  lockError,
  redact,
  type SdkError,
  type SdkErrorTag,
  ServerPilotSdkError,
  safeCause,
  schedulerError,
  unwrap,
} from '../src/errors/index.js';

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

describe('the tags of lock, scheduler and callback failures', () => {
  it('says whose lock could not be had, and that nothing was written', () => {
    expect(describeSdkError(lockError('app1', new Error('connect ECONNREFUSED 127.0.0.1:6379')))).toBe(
      'Could not take the lock of app app1: its acquire failed: connect ECONNREFUSED 127.0.0.1:6379; nothing was written',
    );
  });

  it('names the lifecycle call a failing scheduler met', () => {
    expect(describeSdkError(schedulerError('track', new Error('READONLY')))).toBe(
      "The lifecycle's scheduler failed during track: READONLY",
    );
  });

  it('names the option whose function threw, and keeps no more of the thrown value than is safe', () => {
    const thrown = Object.assign(new Error('logger down'), {
      request: { headers: { authorization: 'Basic x' } },
    });
    const error = callbackError('client.onRequest', thrown);
    expect(error).toEqual({
      _tag: 'CallbackError',
      option: 'client.onRequest',
      cause: { name: 'Error', message: 'logger down' },
    });
    expect(describeSdkError(error)).toBe('The function passed as `client.onRequest` threw: logger down');
  });
});

describe('errors built in one place', () => {
  // Typed as a record of every tag, so a new member of SdkError must be listed here to compile.
  const tags: Record<SdkErrorTag, true> = {
    InvalidDomain: true,
    ProtectedDomain: true,
    TooManyDomains: true,
    InvalidOption: true,
    ConfigError: true,
    HttpError: true,
    NetworkError: true,
    TimeoutError: true,
    AbortedError: true,
    DecodeError: true,
    ResponseTooLarge: true,
    ActionFailed: true,
    ActionTimeout: true,
    WriteConflict: true,
    HookError: true,
    LockTimeout: true,
    LockError: true,
    SchedulerError: true,
    CallbackError: true,
    QueueError: true,
  };

  it('builds no SdkError member as a literal outside src/errors/', () => {
    const src = resolve(import.meta.dirname, '../src');
    const literal = new RegExp(`_tag:\\s*'(${Object.keys(tags).join('|')})'`);
    const offenders = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('errors/'))
      .flatMap((file) =>
        readFileSync(join(src, file), 'utf8')
          .split('\n')
          // TSDoc examples show results; only code builds errors.
          .filter((line) => literal.test(line) && !/^\s*(\*|\/\/)/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
    expect(literal.test("E.left({ _tag: 'WriteConflict', appId })")).toBe(true);
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
