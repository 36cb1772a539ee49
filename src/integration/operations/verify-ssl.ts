/** `verifySsl(domain)`: prove one name serves a valid certificate, expecting DNS to point at the app's server. */
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../../errors/index.js';
import { normalizeNames } from '../changes.js';
import { type IntegrationContext, serverIps, withApp } from '../context.js';
import type { OperationOptions } from '../options.js';
import type { VerifyReport } from '../report.js';

export const verifySslOperation =
  (ctx: IntegrationContext) =>
  (domain: string, options: OperationOptions = {}): TE.TaskEither<SdkError, VerifyReport> =>
    pipe(
      TE.fromIOEither(() => normalizeNames([domain])),
      TE.flatMap(([name = '']) =>
        withApp(ctx, options.signal, (app, { call, requests }) =>
          pipe(
            serverIps(ctx, app.serverid, call),
            TE.flatMap((expectedIps) =>
              pipe(
                ctx.verifier().verify(name, {
                  expectedIps: [...expectedIps],
                  ...(options.signal === undefined ? {} : { signal: options.signal }),
                }),
                TE.map((verification) => ({
                  appId: ctx.appId,
                  expectedIps,
                  verification,
                  requests: requests(),
                })),
              ),
            ),
          ),
        ),
      ),
    );
