/** `listDomains()`: the app's list, with the entries this library does not understand set apart. */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { reconcileDomains } from '../../domains/reconcile.js';
import type { SdkError } from '../../errors/index.js';
import { type IntegrationContext, withApp } from '../context.js';
import type { OperationOptions } from '../options.js';
import type { DomainListReport } from '../report.js';

export const listDomainsOperation =
  (ctx: IntegrationContext) =>
  (options: OperationOptions = {}): TE.TaskEither<SdkError, DomainListReport> =>
    withApp(ctx, options.signal, (app, { requests }) => {
      const planned = reconcileDomains(app.domains, {}, ctx.reconcile);
      return TE.right({
        appId: ctx.appId,
        domains: app.domains,
        unrecognized: E.isRight(planned) ? planned.right.unrecognized : [],
        ...(app.autossl === undefined ? {} : { autoSsl: app.autossl }),
        sslOn: app.ssl !== null,
        requests: requests(),
      });
    });
