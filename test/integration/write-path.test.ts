/**
 * The write path end to end over real HTTP on 127.0.0.1: a whole-list write whose answer is an
 * error after it may have landed is never resent by the client; the integration reads back and
 * plans from what the server holds, so a name another writer added in between survives.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import {
  createServerPilotClient,
  createServerPilotIntegration,
  describeSdkError,
  type RequestInfo,
} from '../../src/index.js';
import { type Fault, SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { type Served, simulatorTest } from '../simulator.js';

const appId = SIMULATOR_IDS.appId;
const it = simulatorTest();

const appReads = ({ sim }: Served) =>
  sim.requests.filter((r) => r.method === 'GET' && r.path === `/apps/${appId}`);

/**
 * Another writer adds `theirs.com` right after our first domain write reached the server: before
 * whatever request the client sends next (a resend of the stale list, or the read-back).
 */
const otherWriterAfterFirstWrite = ({ sim }: Served) => {
  let wrote = false;
  let done = false;
  return ({ method, url }: RequestInfo): void => {
    if (wrote && !done) {
      sim.app(appId).domains.push('theirs.com');
      done = true;
    }
    if (method === 'POST' && url.endsWith(`/apps/${appId}`)) wrote = true;
  };
};

/** The client's own defaults (two retries), with waits recorded instead of slept. */
const integrationWithRetries = (api: Served, baseUrl = api.url) => {
  const client = createServerPilotClient({
    ...SIMULATOR_CREDENTIALS,
    baseUrl,
    sleep: async () => {},
    onRequest: otherWriterAfterFirstWrite(api),
  });
  return createServerPilotIntegration({ client, appId, actionWait: { intervalMs: 1 } });
};

describe('a domain write that lands and then answers an error', () => {
  it.for<[string, Fault]>([
    ['500', { kind: 'status', status: 500, processed: true }],
    ['a reset connection', { kind: 'drop', processed: true }],
    ['503 with Retry-After', { kind: 'status', status: 503, retryAfter: 1, processed: true }],
  ])(
    'is not resent after %s: the name another writer added in between survives',
    async ([, fault], { api }) => {
      api.sim.faults.add({ method: 'POST', path: '/apps/:id', fault });
      const result = await integrationWithRetries(api).addDomain('landed.com')();
      expect(E.isRight(result)).toBe(true);
      expect(api.writes()).toBe(1);
      expect(api.sim.app(appId).domains).toEqual(
        expect.arrayContaining(['example.com', 'landed.com', 'www.landed.com', 'theirs.com']),
      );
      if (E.isRight(result)) expect(result.right.domains).toContain('theirs.com');
    },
  );
});

interface Proxy {
  readonly url: string;
  readonly seen: string[];
  close(): Promise<void>;
}

const bodyOf = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A proxy in front of the simulator that answers the first domain write with a 303 to the app
 * (the way a misconfigured front end would), after passing it on when `forward` is set.
 */
const redirectingProxy = async (api: Served, forward: boolean): Promise<Proxy> => {
  const seen: string[] = [];
  let redirected = false;
  const target = api.url.replace(/\/v1$/, '');
  const proxy: Server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      seen.push(`${req.method} ${req.url}`);
      const isDomainWrite = req.method === 'POST' && req.url === `/v1/apps/${appId}`;
      if (isDomainWrite && !redirected) {
        redirected = true;
        if (forward) await passOn(req, body);
        res.writeHead(303, { location: `/v1/apps/${appId}` }).end();
        return;
      }
      const answer = await passOn(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    })();
  });
  const passOn = (req: IncomingMessage, body: string) =>
    fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
      ...(body === '' ? {} : { body }),
    });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
};

describe('a redirect in answer to a domain write', () => {
  it('is read back, not followed, and succeeds when the write landed', async ({ api }) => {
    const proxy = await redirectingProxy(api, true);
    try {
      const result = await integrationWithRetries(api, proxy.url).addDomain('landed.com')();
      expect(E.isRight(result)).toBe(true);
      expect(api.sim.app(appId).domains).toEqual(expect.arrayContaining(['landed.com', 'theirs.com']));
      // One read to plan, one read-back: the 303 was never followed as a GET.
      expect(proxy.seen.filter((s) => s === `GET /v1/apps/${appId}`)).toHaveLength(2);
      expect(api.writes()).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('is a redirect error pointing at the base URL when the write did not land, not a success or a WriteConflict', async ({
    api,
  }) => {
    const proxy = await redirectingProxy(api, false);
    try {
      const result = await integrationWithRetries(api, proxy.url).addDomain('lost.com')();
      expect(E.isLeft(result) && result.left).toMatchObject({
        _tag: 'HttpError',
        status: 303,
        kind: 'redirect',
        location: `/v1/apps/${appId}`,
      });
      expect(E.isLeft(result) && describeSdkError(result.left)).toMatch(/never redirects.*base URL/);
      expect(api.sim.app(appId).domains).not.toContain('lost.com');
      expect(proxy.seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
      expect(appReads(api)).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});

describe('a domain write whose answer is lost and which did not land', () => {
  const integration = (api: Served, waits: number[], maxWriteAttempts = 5) =>
    api.integration({
      actionWait: { intervalMs: 1 },
      maxWriteAttempts,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

  it.for<[string, Fault]>([
    ['a 503', { kind: 'status', status: 503, processed: false }],
    ['a reset connection', { kind: 'drop', processed: false }],
    ['a 429', { kind: 'status', status: 429, retryAfter: 0, processed: false }],
  ])(
    'is planned again on a fresh read and sent once more after %s, losing nothing',
    async ([, fault], { api }) => {
      api.sim.faults.add({ method: 'POST', path: '/apps/:id', fault });
      const result = await integration(api, []).addDomain('second.com')();
      expect(E.isRight(result)).toBe(true);
      expect(api.writes()).toBe(2);
      expect(api.domains()).toEqual(expect.arrayContaining(['example.com', 'second.com', 'www.second.com']));
    },
  );

  it('waits out the Retry-After of a 503 before sending again', async ({ api }) => {
    api.sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      fault: { kind: 'status', status: 503, retryAfter: 7 },
    });
    const waits: number[] = [];
    const result = await integration(api, waits).addDomain('later.com')();
    expect(E.isRight(result)).toBe(true);
    expect(waits).toContain(7_000);
    expect(api.writes()).toBe(2);
  });

  it('keeps the error once the write attempts run out', async ({ api }) => {
    api.sim.faults.add({
      method: 'POST',
      path: '/apps/:id',
      times: Number.POSITIVE_INFINITY,
      fault: { kind: 'status', status: 503, processed: false },
    });
    const result = await integration(api, [], 3).addDomain('never.com')();
    expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'HttpError', status: 503 });
    expect(api.writes()).toBe(3);
    expect(api.domains()).not.toContain('never.com');
  });
});
