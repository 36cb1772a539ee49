/** `plan(change)`: read the app and plan the change as a batch of one would; writes nothing. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../../errors/index.js';
import { planBatch, planChangeOf, type QueuedChange } from '../changes.js';
import { type IntegrationContext, withApp } from '../context.js';
import type { OperationOptions, PlanChange } from '../options.js';
import { effectivePlan } from '../read-back.js';
import type { PlanReport } from '../report.js';
import { applyBeforeUpdate } from '../write-plan.js';

const dryRun = (
  ctx: IntegrationContext,
  current: readonly string[],
  queued: QueuedChange,
): E.Either<SdkError, Omit<PlanReport, 'requests'>> =>
  pipe(
    planBatch(current, [queued], ctx.reconcile, ctx.twinOf),
    // A change the batch would refuse fails the dry run the same way.
    E.tap((batch) => batch.members[0] ?? E.right(undefined)),
    E.flatMap((batch) =>
      pipe(
        applyBeforeUpdate(ctx.hooks, ctx.appId, current, batch.plan),
        E.map((list) => ({ appId: ctx.appId, current, plan: effectivePlan(current, batch.plan, list) })),
      ),
    ),
  );

export const planOperation =
  (ctx: IntegrationContext) =>
  (change: PlanChange, options: OperationOptions = {}): TE.TaskEither<SdkError, PlanReport> =>
    pipe(
      TE.fromEither(planChangeOf(change, ctx.reconcile)),
      TE.flatMap((queued) =>
        withApp(ctx, options.signal, (app, { requests }) =>
          pipe(
            TE.fromEither(dryRun(ctx, app.domains, queued)),
            TE.map((report) => ({ ...report, requests: requests() })),
          ),
        ),
      ),
    );
