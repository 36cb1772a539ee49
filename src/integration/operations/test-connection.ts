/** `testConnection()`: check the credentials and the app id; a `ConfigError` says which one is wrong. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../../errors/index.js';
import { explainConnectionFailure } from '../connection.js';
import { countRequests, type IntegrationContext } from '../context.js';
import type { OperationOptions } from '../options.js';
import type { ConnectionReport } from '../report.js';

export const testConnectionOperation =
  (ctx: IntegrationContext) =>
  (options: OperationOptions = {}): TE.TaskEither<SdkError, ConnectionReport> =>
  () => {
    const { call, requests } = countRequests(options.signal);
    return pipe(
      ctx.client.apps.get(ctx.appId, call),
      TE.map((app) => ({
        appId: ctx.appId,
        appName: app.name,
        serverId: app.serverid,
        domains: app.domains.length,
        autoSslAvailable: app.autossl?.available === true,
        requests: requests(),
      })),
      TE.orElse(
        (error): TE.TaskEither<SdkError, ConnectionReport> =>
          () =>
            explainConnectionFailure(ctx.client, ctx.appId, call, error).then(E.left),
      ),
    )();
  };
