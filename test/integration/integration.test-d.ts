import type * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChangeReport,
  createServerPilotIntegration,
  type IntegrationClient,
  type IntegrationOptions,
  type SdkError,
  type ServerPilotClient,
  type ServerPilotIntegration,
  type SslVerification,
  type SslVerifier,
} from '../../src/index.js';

describe('integration types', () => {
  it('accepts the real client and verifier as options', () => {
    expectTypeOf<ServerPilotClient>().toMatchTypeOf<NonNullable<IntegrationOptions['client']>>();
    expectTypeOf<SslVerifier>().toEqualTypeOf<NonNullable<IntegrationOptions['verifier']>>();
  });

  it('returns TaskEithers of reports typed with the SSL verification', () => {
    expectTypeOf<ServerPilotIntegration['addDomain']>().returns.toEqualTypeOf<
      TE.TaskEither<SdkError, ChangeReport>
    >();
    expectTypeOf<ChangeReport['ssl']>().toEqualTypeOf<readonly SslVerification[] | undefined>();
  });

  it('types the integration client as the client passed, the real one by default', () => {
    expectTypeOf<ServerPilotIntegration['client']>().toEqualTypeOf<ServerPilotClient>();
    const sp = createServerPilotIntegration({ clientId: 'id', apiKey: 'key', appId: 'app' });
    expectTypeOf(sp.client).toEqualTypeOf<ServerPilotClient>();
    expectTypeOf(sp.client.stats.requests).toEqualTypeOf<number>();
    const narrow = {} as IntegrationClient;
    expectTypeOf(
      createServerPilotIntegration({ client: narrow, appId: 'app' }).client,
    ).toEqualTypeOf<IntegrationClient>();
  });

  it('rejects an unknown www policy at compile time', () => {
    // @ts-expect-error 'sometimes' is not a WwwPolicy
    const options: IntegrationOptions = { www: 'sometimes' };
    void options;
  });
});
