/**
 * `testConnection` blames what the evidence points at, against the simulator over real HTTP on
 * 127.0.0.1: a 404 on the app is the app id only when listing the apps works.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { createServerPilotIntegration, describeSdkError, type SdkError } from '../../src/index.js';
import { SIMULATOR_CREDENTIALS, SIMULATOR_IDS } from '../../src/testing/index.js';
import { simulatorTest } from '../simulator.js';

const appId = SIMULATOR_IDS.appId;
const it = simulatorTest();

const WRONG = { clientId: 'wrong-id', apiKey: 'wrong-key' };
const withoutV1 = (url: string) => url.replace(/\/v1$/, '');

const failure = async (options: {
  clientId: string;
  apiKey: string;
  baseUrl: string;
  appId?: string;
}): Promise<SdkError> => {
  const sp = createServerPilotIntegration({ appId, ...options });
  const result = await sp.testConnection()();
  if (E.isRight(result)) throw new Error('expected testConnection to fail');
  return result.left;
};

describe('testConnection', () => {
  it('blames the base URL, not the app id, when wrong credentials meet a base URL without /v1', async ({
    api,
  }) => {
    const error = await failure({ ...WRONG, baseUrl: withoutV1(api.url) });
    expect(error).toMatchObject({ _tag: 'ConfigError', invalid: [{ name: 'baseUrl' }] });
    const text = describeSdkError(error);
    expect(text).toContain('does not end in /v1');
    expect(text).toContain('listing the apps answered 404');
    expect(text).toContain('credentials could not be checked');
    expect(text).not.toContain('the credentials work');
  });

  it('blames the base URL with the right credentials too', async ({ api }) => {
    const error = await failure({ ...SIMULATOR_CREDENTIALS, baseUrl: withoutV1(api.url) });
    expect(error).toMatchObject({ _tag: 'ConfigError', invalid: [{ name: 'baseUrl' }] });
  });

  it('blames the credentials when the base URL is right', async ({ api }) => {
    const error = await failure({ ...WRONG, baseUrl: api.url, appId: 'noSuchApp' });
    expect(error).toMatchObject({ _tag: 'ConfigError', invalid: [{ name: 'clientId/apiKey' }] });
  });

  it('blames the app id only when listing the apps works, and names the apps there are', async ({ api }) => {
    const error = await failure({ ...SIMULATOR_CREDENTIALS, baseUrl: api.url, appId: 'noSuchApp' });
    expect(error).toMatchObject({ _tag: 'ConfigError', invalid: [{ name: 'appId' }] });
    expect(describeSdkError(error)).toMatch(
      /the credentials work, but there is no app "noSuchApp".*wordpress/,
    );
  });

  it('blames the base URL when it redirects', async () => {
    const redirecting = createServer((_req, res) => {
      res.writeHead(301, { location: 'https://example.test/v1/apps' }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const error = await failure({ ...SIMULATOR_CREDENTIALS, baseUrl: `http://127.0.0.1:${port}/v1` });
      expect(error).toMatchObject({ _tag: 'ConfigError', invalid: [{ name: 'baseUrl' }] });
      expect(describeSdkError(error)).toMatch(/answered 301 \(a redirect\)/);
    } finally {
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    }
  });
});
