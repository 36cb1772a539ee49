import * as E from 'fp-ts/lib/Either.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import { EXIT, type ExitCode, type Outcome } from '../outcome.js';
import { autoSslLine, forceSslLine } from '../render.js';

type Decision = 'would-enable' | 'already-on' | 'unavailable' | 'custom-certificate';

const SENTENCE: Readonly<Record<Decision, string>> = {
  'would-enable': 'AutoSSL would be enabled',
  'already-on': 'AutoSSL is already on',
  unavailable: 'AutoSSL is not available yet: ServerPilot sees no name of the app pointing at the server',
  'custom-certificate': 'a custom certificate is installed, so AutoSSL cannot be enabled',
};

export const run = async (ctx: Context): Promise<Outcome> => {
  if (ctx.options.dryRun === true) {
    const app = await ctx.sp.client.apps.get(ctx.sp.appId, { signal: ctx.signal })();
    if (E.isLeft(app)) return sdkFailure(ctx, app.left);
    const { ssl, autossl } = app.right;
    const decision: Decision =
      ssl?.auto === true
        ? 'already-on'
        : ssl !== null
          ? 'custom-certificate'
          : autossl?.available === true
            ? 'would-enable'
            : 'unavailable';
    const fine = decision === 'would-enable' || decision === 'already-on';
    return {
      exitCode: fine ? EXIT.ok : EXIT.problems,
      payload: { dryRun: true, appId: ctx.sp.appId, decision },
      render: (io) => io.out(`${SENTENCE[decision]} (dry run, nothing written).`),
    };
  }
  const result = await ctx.sp.enableAutoSsl({ signal: ctx.signal })();
  if (E.isLeft(result)) return sdkFailure(ctx, result.left);
  const r = result.right;
  const exitCode: ExitCode =
    r.autoSsl.status === 'failed' || r.forceSsl.status === 'failed'
      ? EXIT.failed
      : r.autoSsl.status === 'enabled' || r.autoSsl.status === 'already-on'
        ? EXIT.ok
        : EXIT.problems;
  return {
    exitCode,
    payload: { dryRun: false, ...r },
    render: (io) => {
      const force = forceSslLine(io, r.forceSsl);
      io.out([autoSslLine(io, r.autoSsl), ...(force === undefined ? [] : [force])].join('\n'));
    },
  };
};
