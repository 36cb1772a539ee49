/** add, remove and sync share this: check the names, dry-run as a plan, or apply and report. */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ChangeReport, PlanChange, PlanReport, SdkError } from '../../index.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import { EXIT, type ExitCode, type Outcome } from '../outcome.js';
import { renderChange, renderPlan } from '../render.js';

/** Problems after the change held: a warning, AutoSSL or ForceSSL failing, a verification not done. */
export const changeExit = (report: ChangeReport): ExitCode =>
  report.warnings.length > 0 ||
  report.autoSsl.status === 'failed' ||
  report.forceSsl.status === 'failed' ||
  (report.ssl ?? []).some((v) => v.stage !== 'done')
    ? EXIT.problems
    : EXIT.ok;

export const planOutcome = async (ctx: Context, change: PlanChange, what: string): Promise<Outcome> => {
  const plan = await ctx.sp.plan(change, { signal: ctx.signal })();
  if (E.isLeft(plan)) return sdkFailure(ctx, plan.left);
  return {
    exitCode: EXIT.ok,
    payload: { dryRun: true, ...(plan.right satisfies PlanReport) },
    render: (io) => renderPlan(io, plan.right, what),
  };
};

export const applyOutcome = async (
  ctx: Context,
  apply: TE.TaskEither<SdkError, ChangeReport>,
): Promise<Outcome> => {
  const result = await apply();
  if (E.isLeft(result)) return sdkFailure(ctx, result.left);
  return {
    exitCode: changeExit(result.right),
    payload: { dryRun: false, ...result.right },
    render: (io) => renderChange(io, result.right),
  };
};
