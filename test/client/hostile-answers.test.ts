/**
 * Answers no real ServerPilot gives but a wrong base URL, a proxy or an attacker can: huge decode
 * failures, oversized and compressed bodies, deep nesting, redirects. Every one ends as a typed
 * `Left`, over real HTTP on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DEFAULTS } from '../../src/client/options.js';
import {
  createServerPilotClient,
  describeSdkError,
  type SdkError,
  ServerPilotSdkError,
  tryCreateServerPilotClient,
  unwrap,
} from '../../src/index.js';
import { API_KEY, appDetailsJson, CLIENT_ID } from './fixtures.js';
import { type Loopback, startLoopback } from './loopback.js';

let loopback: Loopback;
beforeAll(async () => {
  loopback = await startLoopback();
});
afterAll(() => loopback.close());

const client = (extra: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
  createServerPilotClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    baseUrl: loopback.url,
    timeoutMs: extra.timeoutMs ?? 5_000,
    retry: { limit: 0 },
    ...(extra.maxResponseBytes === undefined ? {} : { maxResponseBytes: extra.maxResponseBytes }),
  });

const serve = (status: number, body: string | Buffer, headers: Record<string, string | number> = {}) => {
  loopback.handle = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
};

const leftOf = <A>(result: E.Either<SdkError, A>): SdkError => {
  if (E.isRight(result)) throw new Error('expected a Left');
  return result.left;
};

describe('decode errors', () => {
  it('lists ten lines for 100 000 non-string domains, the last saying how many more', async () => {
    const domains = Array.from({ length: 100_000 }, (_, i) => i);
    serve(200, JSON.stringify({ data: { ...appDetailsJson, domains } }));
    const error = leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')());
    expect(error).toMatchObject({ _tag: 'DecodeError' });
    if (error._tag !== 'DecodeError') return;
    expect(error.errors).toHaveLength(10);
    expect(error.errors[0]).toBe('data.domains.0: expected string, got 0');
    expect(error.errors[9]).toBe('… and 99991 more');
    expect(describeSdkError(error).length).toBeLessThan(1_500);
  });

  it('lists ten lines for a list of 100 000 wrong apps, counting each further one once', async () => {
    serve(200, JSON.stringify({ data: Array.from({ length: 100_000 }, (_, i) => ({ n: i })) }));
    const error = leftOf(await client().apps.list()());
    if (error._tag !== 'DecodeError') throw new Error(`expected a DecodeError, got ${error._tag}`);
    expect(error.errors).toHaveLength(10);
    expect(error.errors[0]).toBe('data.0.id: expected string, got nothing (missing)');
    const more = Number(/^… and (\d+) more$/.exec(error.errors[9] ?? '')?.[1]);
    expect(more).toBeGreaterThanOrEqual(99_990);
  });

  it('cuts each line short, however long the value', async () => {
    serve(200, JSON.stringify({ data: { ...appDetailsJson, name: { blob: 'x'.repeat(1_000_000) } } }));
    const error = leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')());
    if (error._tag !== 'DecodeError') throw new Error(`expected a DecodeError, got ${error._tag}`);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.length).toBeLessThan(300);
    expect(error.errors[0]).toMatch(/^data\.name: expected string, got \{"blob":"x+…$/);
  });
});

describe('deep nesting', () => {
  const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
  const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it.each([5_000, 100_000])(
    'turns data nested %i deep into a DecodeError, never a RangeError',
    async (depth) => {
      serve(200, `{"data":${nested(depth)}}`);
      const result = await client().apps.get('nlcN0TwdZAyNEgdp')();
      const error = leftOf(result);
      expect(error).toMatchObject({ _tag: 'DecodeError' });
      expect(describeSdkError(error)).toContain('data: expected App, got [[[');
      const rejected = await unwrap(client().apps.get('nlcN0TwdZAyNEgdp')).catch((e: unknown) => e);
      expect(rejected).toBeInstanceOf(ServerPilotSdkError);
    },
  );

  it.each([5_000, 100_000])('handles %i-deep values inside fields and inside error bodies', async (depth) => {
    serve(200, `{"data":{"id":"a","name":${nestedObject(depth)},"domains":[${nested(depth)}]}}`);
    const inField = leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')());
    expect(inField._tag).toBe('DecodeError');
    expect(describeSdkError(inField)).toMatch(/name: expected string, got \{"a":\{"a":/);
    serve(500, `{"error":{"message":${nestedObject(depth)}}}`);
    const inError = leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')());
    expect(inError).toMatchObject({ _tag: 'HttpError', status: 500 });
    expect(describeSdkError(inError).length).toBeLessThan(600);
    serve(200, `{"data":${nested(depth, '"x"')}`);
    expect(leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')())._tag).toBe('DecodeError');
  });
});

describe('maxResponseBytes', () => {
  it('is 10 MB by default', () => {
    expect(CLIENT_DEFAULTS.maxResponseBytes).toBe(10 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    let bytesWritten = -1;
    loopback.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5_000_000 });
      res.write('{"data":');
      res.on('close', () => {
        bytesWritten = res.socket?.bytesWritten ?? 0;
      });
    };
    const error = leftOf(await client({ maxResponseBytes: 1_000_000 }).apps.get('nlcN0TwdZAyNEgdp')());
    expect(error).toEqual({
      _tag: 'ResponseTooLarge',
      method: 'GET',
      url: `${loopback.url}/apps/nlcN0TwdZAyNEgdp`,
      limitBytes: 1_000_000,
    });
    expect(describeSdkError(error)).toMatch(/larger than maxResponseBytes \(1000000 bytes\)/);
    expect(bytesWritten).toBeLessThan(1_000);
  });

  it('counts a chunked body without Content-Length and stops at the limit', async () => {
    serve(200, `{"data":${JSON.stringify({ ...appDetailsJson, name: 'x'.repeat(2_000) })}}`);
    const small = leftOf(await client({ maxResponseBytes: 1_000 }).apps.get('nlcN0TwdZAyNEgdp')());
    expect(small._tag).toBe('ResponseTooLarge');
    const body = JSON.stringify({ data: appDetailsJson });
    loopback.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.end(body);
    };
    const exact = await client({ maxResponseBytes: Buffer.byteLength(body) }).apps.get('nlcN0TwdZAyNEgdp')();
    expect(exact).toEqual(E.right(appDetailsJson));
    const under = await client({ maxResponseBytes: Buffer.byteLength(body) - 1 }).apps.get(
      'nlcN0TwdZAyNEgdp',
    )();
    expect(leftOf(under)._tag).toBe('ResponseTooLarge');
  });

  it('stops a 1 MB gzip bomb at the limit instead of inflating it to 1 GB', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    loopback.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      // Sixteen copies of a 64 MB member: one gzip stream of 1 GB, about 1 MB on the wire.
      for (let i = 0; i < 16; i++) res.write(bomb);
      res.end();
    };
    const error = leftOf(await client({ timeoutMs: 20_000 }).apps.get('nlcN0TwdZAyNEgdp')());
    expect(error).toMatchObject({ _tag: 'ResponseTooLarge', limitBytes: 10 * 1024 * 1024 });
  });

  it('cancels an endless compressed body as soon as it passes the limit', async () => {
    let sent = 0;
    let closed = false;
    loopback.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      // Incompressible, so what sits in socket buffers is about what was produced.
      const noise = randomBytes(1024 * 1024);
      const pump = (): void => {
        let more = true;
        while (!closed && more) {
          sent += noise.length;
          more = gzip.write(noise);
        }
        if (!closed) gzip.once('drain', pump);
      };
      res.on('close', () => {
        closed = true;
        gzip.destroy();
      });
      pump();
    };
    const error = leftOf(await client({ timeoutMs: 20_000 }).apps.get('nlcN0TwdZAyNEgdp')());
    expect(error._tag).toBe('ResponseTooLarge');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    // The 10 MB read plus what socket buffers held when the client hung up: far from endless.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '10'])(
    'rejects maxResponseBytes %s with a message saying what to pass',
    (value) => {
      const result = tryCreateServerPilotClient({
        clientId: CLIENT_ID,
        apiKey: API_KEY,
        maxResponseBytes: value as number,
      });
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'InvalidOption',
        option: 'maxResponseBytes',
        reason: expect.stringMatching(/whole number of bytes between 1 and/),
      });
    },
  );
});

describe('redirects', () => {
  let elsewhere: Server;
  let elsewhereUrl = '';
  let elsewhereHits = 0;
  beforeAll(async () => {
    elsewhere = createServer((_req, res) => {
      elsewhereHits++;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: appDetailsJson }));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

  it.each([301, 302, 303, 307, 308])(
    'does not follow a %i and says the API never redirects',
    async (status) => {
      elsewhereHits = 0;
      serve(status, '', { location: `${elsewhereUrl}/v1/apps/nlcN0TwdZAyNEgdp` });
      const error = leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')());
      expect(error).toEqual({
        _tag: 'HttpError',
        status,
        kind: 'redirect',
        method: 'GET',
        url: `${loopback.url}/apps/nlcN0TwdZAyNEgdp`,
        location: `${elsewhereUrl}/v1/apps/nlcN0TwdZAyNEgdp`,
      });
      expect(describeSdkError(error)).toMatch(/never redirects.*check the base URL/);
      expect(elsewhereHits).toBe(0);
    },
  );

  it('does not turn a 303 to a domain write into a successful GET, and sends the write once', async () => {
    elsewhereHits = 0;
    let posts = 0;
    loopback.handle = (req, res) => {
      if (req.method === 'POST') posts++;
      res.writeHead(303, { location: `${elsewhereUrl}/v1/apps/nlcN0TwdZAyNEgdp` }).end();
    };
    const error = leftOf(
      await createServerPilotClient({
        clientId: CLIENT_ID,
        apiKey: API_KEY,
        baseUrl: loopback.url,
        sleep: async () => {},
      }).apps.update('nlcN0TwdZAyNEgdp', { domains: ['a.com'] })(),
    );
    expect(error).toMatchObject({ _tag: 'HttpError', status: 303, kind: 'redirect', method: 'POST' });
    expect(posts).toBe(1);
    expect(elsewhereHits).toBe(0);
  });

  it('redacts the API key from the Location it reports', async () => {
    serve(302, '', { location: `https://elsewhere.test/login?key=${API_KEY}` });
    const error = leftOf(await client().apps.get('nlcN0TwdZAyNEgdp')());
    expect(error).toMatchObject({ location: 'https://elsewhere.test/login?key=[REDACTED]' });
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });
});
