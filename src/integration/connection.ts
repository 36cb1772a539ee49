/**
 * Why `testConnection` failed, in terms of the configuration: a 401 means the credentials, a 404
 * (with working credentials) the app id, listing the apps the account does have.
 */
import * as E from 'fp-ts/lib/Either.js';
import { configError, type SdkError } from '../errors.js';
import type { CallOptions, IntegrationClient } from './ports.js';

export const explainConnectionFailure = async (
  client: IntegrationClient,
  appId: string,
  call: CallOptions,
  error: SdkError,
): Promise<SdkError> => {
  if (error._tag !== 'HttpError') return error;
  if (error.status === 401) {
    return configError(
      [],
      [
        {
          name: 'clientId/apiKey',
          reason:
            'ServerPilot rejected the credentials (401): the Client ID and API key do not match; copy both from Account Settings > API',
        },
      ],
    );
  }
  if (error.status === 404) {
    // The credentials work (else 401): the app id is what is wrong. Name the apps that exist.
    const apps = await client.apps.list(call)();
    const known = E.isRight(apps)
      ? apps.right
          .slice(0, 10)
          .map((a) => `${a.name} (${a.id})`)
          .join(', ')
      : '';
    return configError(
      [],
      [
        {
          name: 'appId',
          reason: `the credentials work, but there is no app "${appId}" on this account${known === '' ? '' : `; its apps are: ${known}`}`,
        },
      ],
    );
  }
  return error;
};
