import * as E from 'fp-ts/lib/Either.js';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCodec } from '../../src/client/codecs.js';
import { formatValidationErrors } from '../../src/client/decode.js';
import { createServerPilotClient, describeSdkError } from '../../src/index.js';
import { API_KEY, actionJson, appDetailsJson, BASE, CLIENT_ID } from './fixtures.js';

let body: unknown = {};
const server = setupServer(http.all(`${BASE}/*`, () => HttpResponse.json(body as Record<string, unknown>)));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const client = createServerPilotClient({ clientId: CLIENT_ID, apiKey: API_KEY, retry: { limit: 0 } });

describe('decoding when the API changes', () => {
  it('names the path and the value when a domain turns into a number', async () => {
    body = { data: { ...appDetailsJson, domains: ['www.example.com', 42] } };
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left).toEqual({
      _tag: 'DecodeError',
      method: 'GET',
      url: `${BASE}/apps/nlcN0TwdZAyNEgdp`,
      errors: ['data.domains.1: expected string, got 42'],
    });
    expect(E.isLeft(result) && describeSdkError(result.left)).toContain(
      'data.domains.1: expected string, got 42',
    );
  });

  it('names a missing field and a datecreated sent as a string', async () => {
    const { name: _name, ...withoutName } = appDetailsJson;
    body = { data: [{ ...withoutName, datecreated: '1403143012' }] };
    const result = await client.apps.list()();
    expect(E.isLeft(result) && result.left._tag === 'DecodeError' && result.left.errors).toEqual([
      'data.0.name: expected string, got nothing (missing)',
      'data.0.datecreated: expected number, got "1403143012"',
    ]);
  });

  it('reports an unknown action status with the allowed ones', async () => {
    body = { data: { ...actionJson('open'), status: 'pending' } };
    const result = await client.actions.get('g3kiiYzxPgAjbwcY')();
    expect(E.isLeft(result) && result.left._tag === 'DecodeError' && result.left.errors).toEqual([
      'data.status: expected ActionStatus, got "pending"',
    ]);
  });

  it('points inside a nullable ssl object rather than at the union', async () => {
    body = { data: { ...appDetailsJson, ssl: { ...appDetailsJson.ssl, force: 'yes' } } };
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left._tag === 'DecodeError' && result.left.errors).toEqual([
      'data.ssl.force: expected boolean, got "yes"',
    ]);
  });

  it('names autossl.domains when it is not a list', async () => {
    body = { data: { ...appDetailsJson, autossl: { available: true, domains: 'example.com' } } };
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left._tag === 'DecodeError' && result.left.errors).toEqual([
      'data.autossl.domains: expected ReadonlyArray<string>, got "example.com"',
    ]);
  });

  it('reports a body without data', async () => {
    body = { result: appDetailsJson };
    const result = await client.apps.get('nlcN0TwdZAyNEgdp')();
    expect(E.isLeft(result) && result.left._tag === 'DecodeError' && result.left.errors[0]).toMatch(
      /^data: expected App, got nothing \(missing\)$/,
    );
  });

  it('rejects an actionid that is not a string', async () => {
    body = { data: appDetailsJson, actionid: 7 };
    const result = await client.apps.update('nlcN0TwdZAyNEgdp', { runtime: 'php8.2' })();
    expect(E.isLeft(result) && result.left._tag === 'DecodeError' && result.left.errors).toEqual([
      'actionid: expected string, got 7',
    ]);
  });

  it('formats errors of any codec, shortening long values', () => {
    const decoded = AppCodec.decode({ ...appDetailsJson, runtime: 'x'.repeat(200), id: undefined });
    expect(E.isLeft(decoded) && formatValidationErrors(decoded.left)).toEqual([
      'id: expected string, got nothing (missing)',
    ]);
    const long = AppCodec.decode({ ...appDetailsJson, runtime: { blob: 'x'.repeat(200) } });
    const lines = E.isLeft(long) ? formatValidationErrors(long.left) : [];
    expect(lines[0]?.startsWith('runtime: expected string, got {"blob":"xxx')).toBe(true);
    expect(lines[0]?.endsWith('…')).toBe(true);
  });
});
