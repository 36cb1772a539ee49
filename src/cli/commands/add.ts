import * as E from 'fp-ts/lib/Either.js';
import type { Context } from '../context.js';
import { checkNames } from '../names.js';
import { type Outcome, usageError } from '../outcome.js';
import { applyOutcome, planOutcome } from './change.js';

export const run = async (ctx: Context, positional: readonly unknown[]): Promise<Outcome> => {
  const names = checkNames((positional[0] as readonly unknown[] | undefined) ?? []);
  if (E.isLeft(names)) return usageError(names.left);
  if (ctx.options.dryRun === true) return planOutcome(ctx, { add: names.right }, 'Adding');
  return applyOutcome(ctx, ctx.sp.addDomains(names.right, { signal: ctx.signal }));
};
