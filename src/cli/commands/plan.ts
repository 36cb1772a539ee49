import * as E from 'fp-ts/lib/Either.js';
import type { Context } from '../context.js';
import { checkNames } from '../names.js';
import { type Outcome, usageError } from '../outcome.js';
import { planOutcome } from './change.js';

export const run = async (ctx: Context): Promise<Outcome> => {
  const { add = [], remove = [] } = ctx.options;
  if (add.length === 0 && remove.length === 0) {
    return usageError('plan needs a change: pass --add <domain...> and/or --remove <domain...>.');
  }
  const adds = checkNames(add);
  if (E.isLeft(adds)) return usageError(adds.left);
  const removes = checkNames(remove);
  if (E.isLeft(removes)) return usageError(removes.left);
  return planOutcome(ctx, { add: adds.right, remove: removes.right }, 'Planning');
};
