import * as E from 'fp-ts/lib/Either.js';
import type { Context } from '../context.js';
import { checkNames, readNameList } from '../names.js';
import { type Outcome, usageError } from '../outcome.js';
import { applyOutcome, planOutcome } from './change.js';

export const run = async (ctx: Context, positional: readonly unknown[]): Promise<Outcome> => {
  const listed = await readNameList(String(positional[0]), ctx.stdin);
  if (E.isLeft(listed)) return usageError(listed.left);
  const names = checkNames(listed.right);
  if (E.isLeft(names)) return usageError(names.left);
  const prune = ctx.options.prune === true;
  if (ctx.options.dryRun === true) {
    return planOutcome(ctx, { sync: names.right, prune }, prune ? 'Syncing (with --prune)' : 'Syncing');
  }
  return applyOutcome(ctx, ctx.sp.syncDomains(names.right, { prune, signal: ctx.signal }));
};
