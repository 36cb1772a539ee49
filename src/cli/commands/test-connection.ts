import * as E from 'fp-ts/lib/Either.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import { EXIT, type Outcome } from '../outcome.js';

export const run = async (ctx: Context): Promise<Outcome> => {
  const result = await ctx.sp.testConnection({ signal: ctx.signal })();
  if (E.isLeft(result)) return sdkFailure(ctx, result.left);
  const r = result.right;
  return {
    exitCode: EXIT.ok,
    payload: { ...r },
    render: (io) =>
      io.out(
        `${io.style.green('Connected:')} app "${r.appName}" (${r.appId}) on server ${r.serverId}; ${r.domains} names; AutoSSL ${r.autoSslAvailable ? 'available' : 'not available'}.`,
      ),
  };
};
