import type * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChangeReport,
  IntegrationOptions,
  SdkError,
  ServerPilotClient,
  ServerPilotIntegration,
  SslVerification,
  SslVerifier,
} from '../../src/index.js';

describe('integration types', () => {
  it('accepts the real client and verifier as options', () => {
    expectTypeOf<ServerPilotClient>().toMatchTypeOf<NonNullable<IntegrationOptions['client']>>();
    expectTypeOf<SslVerifier>().toEqualTypeOf<NonNullable<IntegrationOptions['verifier']>>();
  });

  it('returns TaskEithers of reports typed with the SSL verification', () => {
    expectTypeOf<ServerPilotIntegration['addDomain']>().returns.toEqualTypeOf<
      TE.TaskEither<SdkError, ChangeReport<SslVerification>>
    >();
    expectTypeOf<ChangeReport<SslVerification>['ssl']>().toEqualTypeOf<
      readonly SslVerification[] | undefined
    >();
  });

  it('rejects an unknown www policy at compile time', () => {
    // @ts-expect-error 'sometimes' is not a WwwPolicy
    const options: IntegrationOptions = { www: 'sometimes' };
    void options;
  });
});
