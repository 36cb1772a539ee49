/** `enableAutoSsl()`: enable AutoSSL if ServerPilot allows it and it is not on (and ForceSSL if configured). */
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../../errors/index.js';
import { autoSslOn, type IntegrationContext, withApp } from '../context.js';
import type { OperationOptions } from '../options.js';
import type { AutoSslOperationReport } from '../report.js';

export const enableAutoSslOperation =
  (ctx: IntegrationContext) =>
  (options: OperationOptions = {}): TE.TaskEither<SdkError, AutoSslOperationReport> =>
    withApp(ctx, options.signal, (app, { call, requests }) =>
      pipe(
        TE.fromTask(autoSslOn(ctx, call, app)),
        TE.map((outcome) => ({ appId: ctx.appId, ...outcome, requests: requests() })),
      ),
    );
