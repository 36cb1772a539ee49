import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SdkError } from '../../src/errors/index.js';
import { createServerPilotClient, type ServerPilotClient } from '../../src/index.js';
import {
  API_KEY,
  actionJson,
  appAutoSslUnavailableJson,
  appDetailsJson,
  appListItemJson,
  appWithSslJson,
  autoSslJson,
  BASE,
  CLIENT_ID,
  createdAppJson,
  dbJson,
  forceSslJson,
  installedSslJson,
  newServerJson,
  serverJson,
  sshKeyJson,
  sshKeyWithUsersJson,
  sysuserJson,
} from './fixtures.js';

interface Seen {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
  contentType: string | null;
}

let seen: Seen[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };

const server = setupServer(
  http.all(`${BASE}/*`, async ({ request }) => {
    const text = await request.text();
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text === '' ? undefined : JSON.parse(text),
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
    });
    return HttpResponse.json(reply.body as Record<string, unknown>, { status: reply.status });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  seen = [];
});
afterAll(() => server.close());

const client = createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY, retry: { limit: 0 } });
const expectedAuth = `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`;

interface Case {
  readonly name: string;
  readonly call: (c: ServerPilotClient) => TE.TaskEither<SdkError, unknown>;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly response: unknown;
  readonly expected: unknown;
}

const withAction = (data: unknown, actionid: string) => ({ actionid, data });

const cases: readonly Case[] = [
  // servers
  {
    name: 'servers.list',
    call: (c) => c.servers.list(),
    method: 'GET',
    path: '/v1/servers',
    response: { data: [serverJson] },
    expected: [serverJson],
  },
  {
    name: 'servers.create',
    call: (c) => c.servers.create({ name: 'www2' }),
    method: 'POST',
    path: '/v1/servers',
    body: { name: 'www2' },
    response: withAction(newServerJson, 'tW2fu4hjHnsix6Rn'),
    expected: { data: newServerJson, actionId: 'tW2fu4hjHnsix6Rn' },
  },
  {
    name: 'servers.get',
    call: (c) => c.servers.get('UXOSIYrdtL4cSGp3'),
    method: 'GET',
    path: '/v1/servers/UXOSIYrdtL4cSGp3',
    response: { data: serverJson },
    expected: serverJson,
  },
  {
    name: 'servers.update',
    call: (c) => c.servers.update('UXOSIYrdtL4cSGp3', { firewall: false, deny_unknown_domains: true }),
    method: 'POST',
    path: '/v1/servers/UXOSIYrdtL4cSGp3',
    body: { firewall: false, deny_unknown_domains: true },
    response: withAction({ ...serverJson, firewall: false }, 'g3kiiYzxPgAjbwcY'),
    expected: { data: { ...serverJson, firewall: false }, actionId: 'g3kiiYzxPgAjbwcY' },
  },
  {
    name: 'servers.delete (no actionid)',
    call: (c) => c.servers.delete('4zGDDO2xg30yEeum'),
    method: 'DELETE',
    path: '/v1/servers/4zGDDO2xg30yEeum',
    response: { data: {} },
    expected: { data: {} },
  },
  // sshkeys
  {
    name: 'sshkeys.list',
    call: (c) => c.sshkeys.list(),
    method: 'GET',
    path: '/v1/sshkeys',
    response: { data: [sshKeyJson] },
    expected: [sshKeyJson],
  },
  {
    name: 'sshkeys.create',
    call: (c) => c.sshkeys.create({ name: "joe's key", public_key: 'ssh-rsa ...' }),
    method: 'POST',
    path: '/v1/sshkeys',
    body: { name: "joe's key", public_key: 'ssh-rsa ...' },
    response: { data: sshKeyJson },
    expected: { data: sshKeyJson },
  },
  {
    name: 'sshkeys.get (with its sysusers)',
    call: (c) => c.sshkeys.get('aUAG0Z3p0F3xmc6R'),
    method: 'GET',
    path: '/v1/sshkeys/aUAG0Z3p0F3xmc6R',
    response: { data: sshKeyWithUsersJson },
    expected: sshKeyWithUsersJson,
  },
  {
    name: 'sshkeys.rename',
    call: (c) => c.sshkeys.rename('aUAG0Z3p0F3xmc6R', 'new name'),
    method: 'POST',
    path: '/v1/sshkeys/aUAG0Z3p0F3xmc6R',
    body: { name: 'new name' },
    response: { data: { ...sshKeyJson, name: 'new name' } },
    expected: { data: { ...sshKeyJson, name: 'new name' } },
  },
  {
    name: 'sshkeys.delete',
    call: (c) => c.sshkeys.delete('aUAG0Z3p0F3xmc6R'),
    method: 'DELETE',
    path: '/v1/sshkeys/aUAG0Z3p0F3xmc6R',
    response: { data: {} },
    expected: { data: {} },
  },
  // sysusers
  {
    name: 'sysusers.list',
    call: (c) => c.sysusers.list(),
    method: 'GET',
    path: '/v1/sysusers',
    response: { data: [sysuserJson] },
    expected: [sysuserJson],
  },
  {
    name: 'sysusers.create',
    call: (c) => c.sysusers.create({ serverid: 'FqHWrrcUfRI18F0l', name: 'derek', password: 'hlZkUk12' }),
    method: 'POST',
    path: '/v1/sysusers',
    body: { serverid: 'FqHWrrcUfRI18F0l', name: 'derek', password: 'hlZkUk12' },
    response: withAction(sysuserJson, 'nnpgQoNzSK11fuTe'),
    expected: { data: sysuserJson, actionId: 'nnpgQoNzSK11fuTe' },
  },
  {
    name: 'sysusers.get',
    call: (c) => c.sysusers.get('PPkfc1NECzvwiEBI'),
    method: 'GET',
    path: '/v1/sysusers/PPkfc1NECzvwiEBI',
    response: { data: sysuserJson },
    expected: sysuserJson,
  },
  {
    name: 'sysusers.update',
    call: (c) => c.sysusers.update('RvnwAIfuENyjUVnl', { password: 'mRak7S12' }),
    method: 'POST',
    path: '/v1/sysusers/RvnwAIfuENyjUVnl',
    body: { password: 'mRak7S12' },
    response: withAction(sysuserJson, 'OF42xCWkKcaX3qG2'),
    expected: { data: sysuserJson, actionId: 'OF42xCWkKcaX3qG2' },
  },
  {
    name: 'sysusers.delete',
    call: (c) => c.sysusers.delete('PPkfc1NECzvwiEBI'),
    method: 'DELETE',
    path: '/v1/sysusers/PPkfc1NECzvwiEBI',
    response: withAction({}, '9tvygrrXZulYuizz'),
    expected: { data: {}, actionId: '9tvygrrXZulYuizz' },
  },
  {
    name: 'sysusers.listSshKeys',
    call: (c) => c.sysusers.listSshKeys('RvnwAIfuENyjUVnl'),
    method: 'GET',
    path: '/v1/sysusers/RvnwAIfuENyjUVnl/sshkeys',
    response: { data: [sshKeyJson] },
    expected: [sshKeyJson],
  },
  {
    name: 'sysusers.addSshKey',
    call: (c) => c.sysusers.addSshKey('RvnwAIfuENyjUVnl', 'aUAG0Z3p0F3xmc6R'),
    method: 'POST',
    path: '/v1/sysusers/RvnwAIfuENyjUVnl/sshkeys',
    body: { sshkey_id: 'aUAG0Z3p0F3xmc6R' },
    response: withAction({}, 'OF42xCWkKcaX3qG2'),
    expected: { data: {}, actionId: 'OF42xCWkKcaX3qG2' },
  },
  {
    name: 'sysusers.removeSshKey',
    call: (c) => c.sysusers.removeSshKey('RvnwAIfuENyjUVnl', 'aUAG0Z3p0F3xmc6R'),
    method: 'DELETE',
    path: '/v1/sysusers/RvnwAIfuENyjUVnl/sshkeys/aUAG0Z3p0F3xmc6R',
    response: withAction({}, 'OF42xCWkKcaX3qG2'),
    expected: { data: {}, actionId: 'OF42xCWkKcaX3qG2' },
  },
  // apps
  {
    name: 'apps.list (ssl null and a custom certificate, no autossl)',
    call: (c) => c.apps.list(),
    method: 'GET',
    path: '/v1/apps',
    response: { data: [appListItemJson, appWithSslJson] },
    expected: [appListItemJson, appWithSslJson],
  },
  {
    name: 'apps.create',
    call: (c) =>
      c.apps.create({
        name: 'gallery',
        sysuserid: 'RvnwAIfuENyjUVnl',
        runtime: 'php7.0',
        domains: ['example.com', 'www.example.com'],
      }),
    method: 'POST',
    path: '/v1/apps',
    body: {
      name: 'gallery',
      sysuserid: 'RvnwAIfuENyjUVnl',
      runtime: 'php7.0',
      domains: ['example.com', 'www.example.com'],
    },
    response: withAction(createdAppJson, 'dIrCNoWunW92lPjw'),
    expected: { data: createdAppJson, actionId: 'dIrCNoWunW92lPjw' },
  },
  {
    name: 'apps.get (autossl available, with its domains)',
    call: (c) => c.apps.get('nlcN0TwdZAyNEgdp'),
    method: 'GET',
    path: '/v1/apps/nlcN0TwdZAyNEgdp',
    response: { data: appDetailsJson },
    expected: appDetailsJson,
  },
  {
    name: 'apps.get (autossl unavailable, no domains)',
    call: (c) => c.apps.get('nlcN0TwdZAyNEgdp'),
    method: 'GET',
    path: '/v1/apps/nlcN0TwdZAyNEgdp',
    response: { data: appAutoSslUnavailableJson },
    expected: appAutoSslUnavailableJson,
  },
  {
    name: 'apps.update (domains)',
    call: (c) => c.apps.update('nlcN0TwdZAyNEgdp', { domains: ['example.com', 'www.example.com'] }),
    method: 'POST',
    path: '/v1/apps/nlcN0TwdZAyNEgdp',
    body: { domains: ['example.com', 'www.example.com'] },
    response: withAction(createdAppJson, 'KlsNzLikw3BRvShc'),
    expected: { data: createdAppJson, actionId: 'KlsNzLikw3BRvShc' },
  },
  {
    name: 'apps.update (runtime)',
    call: (c) => c.apps.update('nlcN0TwdZAyNEgdp', { runtime: 'php5.6' }),
    method: 'POST',
    path: '/v1/apps/nlcN0TwdZAyNEgdp',
    body: { runtime: 'php5.6' },
    response: withAction({ ...createdAppJson, runtime: 'php5.6' }, 'KlsNzLikw3BRvShc'),
    expected: { data: { ...createdAppJson, runtime: 'php5.6' }, actionId: 'KlsNzLikw3BRvShc' },
  },
  {
    name: 'apps.delete',
    call: (c) => c.apps.delete('B1w7yc1tfUPQLIKS'),
    method: 'DELETE',
    path: '/v1/apps/B1w7yc1tfUPQLIKS',
    response: withAction({}, '88Ypexhx28Y63eyA'),
    expected: { data: {}, actionId: '88Ypexhx28Y63eyA' },
  },
  // ssl
  {
    name: 'ssl.install',
    call: (c) => c.ssl.install('nlcN0TwdZAyNEgdp', installedSslJson),
    method: 'POST',
    path: '/v1/apps/nlcN0TwdZAyNEgdp/ssl',
    body: installedSslJson,
    response: withAction(installedSslJson, 'BzcMNZ9sdBY62vTd'),
    expected: { data: installedSslJson, actionId: 'BzcMNZ9sdBY62vTd' },
  },
  {
    name: 'ssl.enableAuto',
    call: (c) => c.ssl.enableAuto('nlcN0TwdZAyNEgdp'),
    method: 'POST',
    path: '/v1/apps/nlcN0TwdZAyNEgdp/ssl',
    body: { auto: true },
    response: withAction(autoSslJson, 'pneQJGaAwIyIojW8'),
    expected: { data: autoSslJson, actionId: 'pneQJGaAwIyIojW8' },
  },
  {
    name: 'ssl.setForce',
    call: (c) => c.ssl.setForce('nlcN0TwdZAyNEgdp', true),
    method: 'POST',
    path: '/v1/apps/nlcN0TwdZAyNEgdp/ssl',
    body: { force: true },
    response: withAction(forceSslJson, 'S8zEaeSMrD5gSt9A'),
    expected: { data: forceSslJson, actionId: 'S8zEaeSMrD5gSt9A' },
  },
  {
    name: 'ssl.remove',
    call: (c) => c.ssl.remove('nlcN0TwdZAyNEgdp'),
    method: 'DELETE',
    path: '/v1/apps/nlcN0TwdZAyNEgdp/ssl',
    response: withAction({}, 'I1nUHIUR0yzBLESI'),
    expected: { data: {}, actionId: 'I1nUHIUR0yzBLESI' },
  },
  // dbs
  {
    name: 'dbs.list',
    call: (c) => c.dbs.list(),
    method: 'GET',
    path: '/v1/dbs',
    response: { data: [dbJson] },
    expected: [dbJson],
  },
  {
    name: 'dbs.create',
    call: (c) =>
      c.dbs.create({
        appid: 'nlcN0TwdZAyNEgdp',
        name: 'gallerydb',
        user: { name: 'arturo', password: '8apNPT12' },
      }),
    method: 'POST',
    path: '/v1/dbs',
    body: { appid: 'nlcN0TwdZAyNEgdp', name: 'gallerydb', user: { name: 'arturo', password: '8apNPT12' } },
    response: withAction(dbJson, 'gPFiWP9hFNUxvT70'),
    expected: { data: dbJson, actionId: 'gPFiWP9hFNUxvT70' },
  },
  {
    name: 'dbs.get',
    call: (c) => c.dbs.get('8PV1OIAlAW3jbGmM'),
    method: 'GET',
    path: '/v1/dbs/8PV1OIAlAW3jbGmM',
    response: { data: dbJson },
    expected: dbJson,
  },
  {
    name: 'dbs.update',
    call: (c) => c.dbs.update('8PV1OIAlAW3jbGmM', { user: { id: 'k2HWtU33mpUsfOdA', password: '8aTWa7xx' } }),
    method: 'POST',
    path: '/v1/dbs/8PV1OIAlAW3jbGmM',
    body: { user: { id: 'k2HWtU33mpUsfOdA', password: '8aTWa7xx' } },
    response: withAction(dbJson, 'VfH12ukDJFv0RZAO'),
    expected: { data: dbJson, actionId: 'VfH12ukDJFv0RZAO' },
  },
  {
    name: 'dbs.delete',
    call: (c) => c.dbs.delete('8PV1OIAlAW3jbGmM'),
    method: 'DELETE',
    path: '/v1/dbs/8PV1OIAlAW3jbGmM',
    response: withAction({}, 'AtzNxxz4fZv3zJ9D'),
    expected: { data: {}, actionId: 'AtzNxxz4fZv3zJ9D' },
  },
  // actions, in each status
  ...(['open', 'success', 'error'] as const).map(
    (status): Case => ({
      name: `actions.get (${status})`,
      call: (c) => c.actions.get('g3kiiYzxPgAjbwcY'),
      method: 'GET',
      path: '/v1/actions/g3kiiYzxPgAjbwcY',
      response: { data: actionJson(status) },
      expected: actionJson(status),
    }),
  ),
];

describe('every v1 endpoint', () => {
  it.each(cases)(
    '$name sends the documented method, path, body and Basic auth, and decodes the documented answer',
    async (c) => {
      reply = { status: 200, body: c.response };
      const result = await c.call(client)();
      expect(result).toEqual(E.right(c.expected));
      expect(seen).toHaveLength(1);
      const [request] = seen;
      expect(request?.method).toBe(c.method);
      expect(request?.path).toBe(c.path);
      expect(request?.body).toEqual(c.body);
      expect(request?.authorization).toBe(expectedAuth);
      expect(request?.contentType).toBe(c.body === undefined ? null : 'application/json');
    },
  );

  it('covers every method of every resource', () => {
    const methods = Object.entries(client)
      .filter(
        ([, v]) =>
          typeof v === 'object' && v !== null && Object.values(v).every((f) => typeof f === 'function'),
      )
      .flatMap(([resource, v]) => Object.keys(v as object).map((m) => `${resource}.${m}`));
    const covered = new Set(cases.map((c) => c.name.split(' ')[0]));
    // waitFor is a polling loop over actions.get, tested in actions.test.ts.
    expect(methods.filter((m) => !covered.has(m) && m !== 'actions.waitFor')).toEqual([]);
  });

  it('keeps fields the API adds later instead of failing', async () => {
    reply = { status: 200, body: { data: { ...appDetailsJson, php_fpm_pool: 'gallery' }, extra: 1 } };
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isRight(result) && (result.right as Record<string, unknown>).php_fpm_pool).toBe('gallery');
  });

  it('encodes ids as one path segment', async () => {
    reply = { status: 200, body: { data: appDetailsJson } };
    await client.apps.get('a/b?c')();
    expect(seen[0]?.path).toBe('/v1/apps/a%2Fb%3Fc');
  });

  it('rejects bad arguments with InvalidOption before any request', async () => {
    const results = await Promise.all([
      client.apps.get('')(),
      client.apps.update('nlcN0TwdZAyNEgdp', {})(),
      client.apps.update('nlcN0TwdZAyNEgdp', { domains: { 0: 'a.com' } as unknown as string[] })(),
      client.ssl.setForce('nlcN0TwdZAyNEgdp', 'yes' as unknown as boolean)(),
      client.servers.update('UXOSIYrdtL4cSGp3', {})(),
      client.apps.get('x', { timeoutMs: -1 })(),
      client.apps.get('x', { retry: { limit: 1.5 } })(),
    ]);
    for (const result of results) {
      expect(E.isLeft(result) && result.left._tag).toBe('InvalidOption');
    }
    expect(seen).toEqual([]);
    const domains = results[2];
    expect(E.isLeft(domains) && domains.left._tag === 'InvalidOption' && domains.left.reason).toMatch(
      /array/,
    );
  });
});
