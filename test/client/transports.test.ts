/**
 * The two transports side by side over real HTTP on 127.0.0.1: `'fetch'` (ky over fetch) and
 * `'node'` (Node's http). The suites under test/client and test/integration run once per
 * transport (the `node-http` project); this file holds what only a choice of transport can show.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerPilotClient, tryCreateServerPilotClient } from '../../src/index.js';
import { API_KEY, appDetailsJson, CLIENT_ID } from './fixtures.js';
import { type Loopback, startLoopback } from './loopback.js';

let loopback: Loopback;
let seen: {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}[];
beforeAll(async () => {
  loopback = await startLoopback();
});
afterAll(() => loopback.close());

const TRANSPORTS = ['fetch', 'node'] as const;

const client = (transport: (typeof TRANSPORTS)[number]) =>
  createServerPilotClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    baseUrl: loopback.url,
    transport,
    retry: { limit: 0 },
    timeoutMs: 5_000,
  });

const ENCODERS = {
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
  identity: (b: Buffer) => b,
} as const;

/** Answers every request with `body` as JSON, compressed with `encoding`, and records the request. */
const answer = (body: unknown, encoding: keyof typeof ENCODERS = 'identity') => {
  seen = [];
  loopback.handle = (req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString('utf8');
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text });
      const bytes = ENCODERS[encoding](Buffer.from(JSON.stringify(body), 'utf8'));
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(bytes.byteLength),
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      });
      res.end(bytes);
    });
  };
};

describe.each(TRANSPORTS)("transport: '%s'", (transport) => {
  it.each(Object.keys(ENCODERS) as (keyof typeof ENCODERS)[])('decodes a %s answer', async (encoding) => {
    answer({ data: appDetailsJson }, encoding);
    expect(await client(transport).apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
  });

  /** Answers with exactly these bytes and headers. */
  const raw = (status: number, headers: Record<string, string>, bytes: Buffer) => {
    seen = [];
    loopback.handle = (req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(bytes);
    };
  };
  const appBytes = () => Buffer.from(JSON.stringify({ data: appDetailsJson }), 'utf8');

  it('reads raw deflate (no zlib header), gzip twice over, and gzip without its trailer, as fetch does', async () => {
    raw(200, { 'content-encoding': 'deflate' }, deflateRawSync(appBytes()));
    expect(await client(transport).apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
    raw(200, { 'content-encoding': 'gzip, gzip' }, gzipSync(gzipSync(appBytes())));
    expect(await client(transport).apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
    const whole = gzipSync(appBytes());
    raw(200, { 'content-encoding': 'gzip' }, whole.subarray(0, whole.length - 8));
    expect(await client(transport).apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
  });

  it('keeps the status of an empty answer that says it is gzip', async () => {
    raw(502, { 'content-encoding': 'gzip', 'content-length': '0' }, Buffer.alloc(0));
    const failed = await client(transport).apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(failed) && failed.left).toMatchObject({ _tag: 'HttpError', status: 502 });
    raw(200, { 'content-encoding': 'gzip', 'content-length': '0' }, Buffer.alloc(0));
    const empty = await client(transport).apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(empty) && empty.left._tag).toBe('DecodeError');
    expect(seen).toHaveLength(1);
  });

  it('passes a body with an unknown coding through as sent', async () => {
    raw(200, { 'content-encoding': 'zstd-unknown' }, appBytes());
    expect(await client(transport).apps.get('nlcN0TwdZAyNEgdp')()).toEqual(E.right(appDetailsJson));
  });

  it('sends Basic auth, asks for JSON, and sends a body as JSON with its length', async () => {
    answer({ data: appDetailsJson, actionid: 'a1' });
    const result = await client(transport).apps.update('nlcN0TwdZAyNEgdp', { domains: ['é.example.com'] })();
    expect(E.isRight(result)).toBe(true);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/apps/nlcN0TwdZAyNEgdp');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`,
    );
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ domains: ['é.example.com'] });
    expect(Number(request?.headers['content-length'])).toBe(Buffer.byteLength(request?.body ?? ''));
  });
});

describe('the transport option', () => {
  it('refuses a transport it does not know, before any request', () => {
    answer({ data: appDetailsJson });
    const made = tryCreateServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      baseUrl: loopback.url,
      transport: 'http2' as never,
    });
    expect(E.isLeft(made) && made.left).toEqual({
      _tag: 'InvalidOption',
      option: 'transport',
      reason: `must be 'fetch' or 'node', not "http2"; pass 'node' for Node's http module, or leave it out for fetch`,
    });
    expect(seen).toEqual([]);
  });

  it("refuses a fetch with transport: 'node', which would never call it", () => {
    const made = tryCreateServerPilotClient({
      clientId: CLIENT_ID,
      apiKey: API_KEY,
      transport: 'node',
      fetch: globalThis.fetch,
    });
    expect(E.isLeft(made) && made.left).toMatchObject({ _tag: 'InvalidOption', option: 'fetch' });
  });
});

describe('what each transport loads in a process of its own', () => {
  const root = resolve(import.meta.dirname, '../..');

  /** Runs one listing in a fresh Node process (the sources, through tsx) and says what it loaded. */
  const loadsOf = (transport: string): Promise<{ ok: boolean; undici: boolean }> =>
    new Promise((done, fail) => {
      const script = `
        import { createServerPilotClient } from ${JSON.stringify(join(root, 'src/index.ts'))};
        const client = createServerPilotClient({ clientId: 'c', apiKey: 'k', baseUrl: process.env.BASE_URL, transport: process.env.TRANSPORT, retry: { limit: 0 } });
        const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
        process.stdout.write(JSON.stringify({
          ok: result._tag === 'Right',
          undici: process.moduleLoadList.some((m) => m.includes('undici')),
        }));
      `;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', BASE_URL: loopback.url, TRANSPORT: transport },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
      });
      child.on('error', fail);
      child.on('close', () => done(JSON.parse(out)));
    });

  it("'node' never loads Node's fetch (undici); 'fetch' does", async () => {
    answer({ data: appDetailsJson });
    const [node, fetch] = await Promise.all([loadsOf('node'), loadsOf('fetch')]);
    expect(node).toMatchObject({ ok: true, undici: false });
    expect(fetch).toMatchObject({ ok: true, undici: true });
  }, 60_000);
});
