/**
 * Secrets are redacted before any text is cut short, and a value equal to the API key is never
 * printed, whichever option it was passed as. Keys are placed to straddle every cut the client
 * makes, at every offset, over real HTTP on 127.0.0.1.
 */
import { inspect } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServerPilotClient,
  createServerPilotIntegration,
  describeSdkError,
  type RequestInfo,
  type SdkError,
  ServerPilotSdkError,
  tryCreateServerPilotIntegration,
} from '../../src/index.js';
import { freeLoopbackPort } from '../../src/testing/index.js';
import { API_KEY, appDetailsJson, appListItemJson, CLIENT_ID } from './fixtures.js';
import { type Loopback, startLoopback } from './loopback.js';

const CREDENTIALS = Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64');
// Not a character of either secret, so any run of a secret's characters in the output is a leak.
const FILL = '-';

let loopback: Loopback;
let requests = 0;
beforeAll(async () => {
  loopback = await startLoopback();
});
afterAll(() => loopback.close());

const client = (onRequest?: (info: RequestInfo) => void) =>
  createServerPilotClient({
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    baseUrl: loopback.url,
    timeoutMs: 2_000,
    retry: { limit: 0 },
    ...(onRequest === undefined ? {} : { onRequest }),
  });

const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
  loopback.handle = (_req, res) => {
    requests++;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  };
};

/** Every way an error may be printed. */
const printed = (error: SdkError): string => {
  const thrown = new ServerPilotSdkError(error);
  return [JSON.stringify(error), describeSdkError(error), inspect(error, { depth: 10 }), thrown.message].join(
    '\n',
  );
};

/** No run of two or more leading characters of a secret, where it would sit had the cut come first. */
const expectNoPrefix = (text: string, secret: string, kept: number): void => {
  if (kept >= 2) expect(text).not.toContain(secret.slice(0, kept));
  expect(text).not.toContain(secret);
};

const leftOf = async (task: () => Promise<E.Either<SdkError, unknown>>): Promise<SdkError> => {
  const result = await task();
  if (E.isRight(result)) throw new Error('expected a Left');
  return result.left;
};

/**
 * For each cut: the body (and headers) that put the first `kept` characters of `secret` just
 * before the cut, and the call that reads it.
 */
const CUTS: readonly {
  readonly name: string;
  readonly serve: (secret: string, kept: number) => void;
}[] = [
  {
    name: 'the 80-character excerpt of a body that is not JSON',
    serve: (secret, kept) =>
      answer(200, `${FILL.repeat(80 - kept)}${secret}${FILL.repeat(40)}`, { 'content-type': 'text/plain' }),
  },
  {
    name: "the 300-character cut of ServerPilot's error.message",
    serve: (secret, kept) =>
      answer(
        500,
        JSON.stringify({ error: { message: `${FILL.repeat(300 - kept)}${secret}${FILL.repeat(40)}` } }),
      ),
  },
  {
    name: 'the 300-character cut of a plain-text error page',
    serve: (secret, kept) =>
      answer(502, `${FILL.repeat(300 - kept)}${secret}${FILL.repeat(40)}`, { 'content-type': 'text/plain' }),
  },
  {
    name: 'the 300-character cut of a JSON error body without error.message',
    serve: (secret, kept) => answer(500, `{"x":"${FILL.repeat(300 - 6 - kept)}${secret}${FILL.repeat(40)}"}`),
  },
  {
    name: 'the 16 KB scanned of an HTML error page made of tags',
    serve: (secret, kept) => {
      // Tags only up to the key, so the key would be the first visible text.
      const before = 16_384 - kept;
      const body = `${'<b>'.repeat(Math.floor(before / 3))}${FILL.repeat(before % 3)}${secret}</b>`;
      answer(502, body, { 'content-type': 'text/html' });
    },
  },
  {
    name: 'the 80-character preview of a value in a decode error',
    serve: (secret, kept) =>
      answer(
        200,
        JSON.stringify({
          data: { ...appDetailsJson, datecreated: `${FILL.repeat(79 - kept)}${secret}${FILL}` },
        }),
      ),
  },
  {
    name: 'the 240-character cut of a redirect Location',
    serve: (secret, kept) =>
      answer(302, '', {
        location: `https://x.test/${FILL.repeat(240 - 15 - kept)}${secret}${FILL.repeat(40)}`,
      }),
  },
];

describe('a secret straddling a cut', () => {
  for (const cut of CUTS) {
    it(`never shows a prefix in ${cut.name}, at any offset`, async () => {
      for (const secret of [API_KEY, CREDENTIALS]) {
        for (let kept = 1; kept < secret.length; kept++) {
          cut.serve(secret, kept);
          const error = await leftOf(client().apps.get('nlcN0TwdZAyNEgdp'));
          expectNoPrefix(printed(error), secret, kept);
        }
      }
    });
  }
});

describe('an API key passed as the app id', () => {
  it('is redacted from the URL of every error and of onRequest', async () => {
    const urls: string[] = [];
    const errors: SdkError[] = [];
    const keyed = client((info) => urls.push(info.url));
    answer(404, JSON.stringify({ error: { message: 'No such app.' } }));
    errors.push(await leftOf(keyed.apps.get(API_KEY)));
    answer(200, '{"data": 1}');
    errors.push(await leftOf(keyed.apps.get(API_KEY)));
    answer(200, 'oops', { 'content-type': 'text/plain' });
    errors.push(await leftOf(keyed.apps.update(API_KEY, { domains: ['a.com'] })));
    loopback.handle = () => {};
    errors.push(
      await leftOf(
        createServerPilotClient({
          clientId: CLIENT_ID,
          apiKey: API_KEY,
          baseUrl: loopback.url,
          timeoutMs: 50,
        }).ssl.enableAuto(API_KEY),
      ),
    );
    const port = await freeLoopbackPort();
    errors.push(
      await leftOf(
        createServerPilotClient({
          clientId: CLIENT_ID,
          apiKey: API_KEY,
          baseUrl: `http://127.0.0.1:${port}/v1`,
          retry: { limit: 0 },
        }).apps.get(API_KEY),
      ),
    );
    expect(errors.map((e) => e._tag)).toEqual([
      'HttpError',
      'DecodeError',
      'DecodeError',
      'TimeoutError',
      'NetworkError',
    ]);
    for (const error of errors) {
      expect(printed(error)).toContain('/apps/[REDACTED]');
      expectNoPrefix(printed(error), API_KEY, 0);
    }
    expect(urls).toEqual([
      `${loopback.url}/apps/[REDACTED]`,
      `${loopback.url}/apps/[REDACTED]`,
      `${loopback.url}/apps/[REDACTED]`,
    ]);
  });

  it('is refused by the integration before any request, without echoing it', () => {
    requests = 0;
    answer(200, JSON.stringify({ data: appDetailsJson }));
    const options = { clientId: CLIENT_ID, apiKey: API_KEY, appId: API_KEY, baseUrl: loopback.url };
    const either = tryCreateServerPilotIntegration(options);
    expect(E.isLeft(either) && either.left).toMatchObject({
      _tag: 'ConfigError',
      invalid: [{ name: 'appId', reason: expect.stringMatching(/is the API key; pass the app's id/) }],
    });
    if (E.isLeft(either)) expectNoPrefix(printed(either.left), API_KEY, 0);
    expect(() => createServerPilotIntegration({ ...options, appId: ` ${API_KEY} ` })).toThrow(
      ServerPilotSdkError,
    );
    expect(requests).toBe(0);
  });

  it('is shown as [REDACTED] when testConnection explains a 404 through a ready client', async () => {
    loopback.handle = (req, res) => {
      const body =
        req.url === '/v1/apps'
          ? JSON.stringify({ data: [appListItemJson] })
          : JSON.stringify({ error: { message: 'No such app.' } });
      res.writeHead(req.url === '/v1/apps' ? 200 : 404, { 'content-type': 'application/json' }).end(body);
    };
    const sp = createServerPilotIntegration({ client: client(), appId: API_KEY });
    const error = await leftOf(sp.testConnection());
    expect(error).toMatchObject({ _tag: 'ConfigError', invalid: [{ name: 'appId' }] });
    expect(describeSdkError(error)).toContain('no app "[REDACTED]"');
    expectNoPrefix(printed(error), API_KEY, 0);
  });
});
