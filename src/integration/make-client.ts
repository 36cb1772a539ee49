/** The client an integration builds from credentials when it is not given one. */
import type * as E from 'fp-ts/lib/Either.js';
import { createServerPilotClientEither } from '../client/client.js';
import type { SdkError } from '../errors.js';
import type { IntegrationClient } from './ports.js';

export const createClientFor = (options: {
  readonly clientId: string;
  readonly apiKey: string;
  readonly baseUrl?: string;
}): E.Either<SdkError, IntegrationClient> => createServerPilotClientEither(options);
