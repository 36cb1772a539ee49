/**
 * Why `testConnection` failed, in terms of the configuration, from the evidence alone: a 401
 * means the credentials; a 404 on the app means the app id only when listing the apps works (so
 * the base URL and the credentials do); a 404 on the list too means the base URL is wrong; a
 * redirect means the base URL points somewhere other than the API.
 */
import * as E from 'fp-ts/lib/Either.js';
import { configError, type HttpError, type SdkError } from '../errors/index.js';
import type { CallOptions, IntegrationClient } from './ports.js';

const API_BASE = 'https://api.serverpilot.io/v1';

const credentialsRejected = (): SdkError =>
  configError(
    [],
    [
      {
        name: 'clientId/apiKey',
        reason:
          'ServerPilot rejected the credentials (401): the Client ID and API key do not match; copy both from Account Settings > API',
      },
    ],
  );

/** The base URL a request went to: its URL up to the resource path. */
const baseOf = (url: string, resource: string): string => {
  const at = url.lastIndexOf(`/${resource}`);
  return at < 0 ? url : url.slice(0, at);
};

const wrongBaseUrl = (error: HttpError, what: string): SdkError => {
  const base = baseOf(error.url, 'apps');
  const hint = /\/v1\/?$/.test(base) ? '' : ` (it does not end in /v1)`;
  return configError(
    [],
    [
      {
        name: 'baseUrl',
        reason: `${base} does not look like the ServerPilot API${hint}: ${what}; pass ${API_BASE}. The credentials could not be checked`,
      },
    ],
  );
};

export const explainConnectionFailure = async (
  client: IntegrationClient,
  appId: string,
  call: CallOptions,
  error: SdkError,
): Promise<SdkError> => {
  if (error._tag !== 'HttpError') return error;
  if (error.status === 401) return credentialsRejected();
  if (error.kind === 'redirect')
    return wrongBaseUrl(error, `GET ${error.url} answered ${error.status} (a redirect)`);
  if (error.status !== 404) return error;
  // A 404 alone does not say which part is wrong: listing the apps tells the base URL and the
  // credentials apart from the app id.
  const apps = await client.apps.list(call)();
  if (E.isLeft(apps)) {
    const listed = apps.left;
    if (listed._tag !== 'HttpError') return listed;
    if (listed.status === 401) return credentialsRejected();
    if (listed.status === 404 || listed.kind === 'redirect') {
      return wrongBaseUrl(listed, `listing the apps answered ${listed.status} as well as reading the app`);
    }
    return listed;
  }
  const known = apps.right
    .slice(0, 10)
    .map((a) => `${a.name} (${a.id})`)
    .join(', ');
  // The transport redacts the API key from URLs: an app id that did not survive there is the key.
  const shownId = error.url.includes(encodeURIComponent(appId)) ? appId : '[REDACTED]';
  return configError(
    [],
    [
      {
        name: 'appId',
        reason: `the credentials work, but there is no app "${shownId}" on this account${known === '' ? '' : `; its apps are: ${known}`}`,
      },
    ],
  );
};
