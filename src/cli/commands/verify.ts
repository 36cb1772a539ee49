import * as E from 'fp-ts/lib/Either.js';
import type { SslVerification } from '../../index.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import { checkNames } from '../names.js';
import { EXIT, type Outcome, usageError } from '../outcome.js';
import { startProgress } from '../progress.js';
import { renderTable } from '../table.js';

const NAMESPACE = 'serverpilot-domains-cli-progress';

const seconds = (ms: number): string =>
  ms >= 60_000 ? `${Math.round(ms / 6_000) / 10}m` : `${Math.round(ms / 100) / 10}s`;

export const run = async (ctx: Context, positional: readonly unknown[]): Promise<Outcome> => {
  const names = checkNames((positional[0] as readonly unknown[] | undefined) ?? []);
  if (E.isLeft(names)) return usageError(names.left);
  const call = { signal: ctx.signal };
  // DNS must point at the app's server: its address is the one to expect.
  const app = await ctx.sp.client.apps.get(ctx.sp.appId, call)();
  if (E.isLeft(app)) return sdkFailure(ctx, app.left);
  const server = await ctx.sp.client.servers.get(app.right.serverid, call)();
  if (E.isLeft(server)) return sdkFailure(ctx, server.left);
  const expectedIps = server.right.lastaddress === null ? [] : [server.right.lastaddress];

  const progress = await startProgress(ctx.io, `Verifying ${names.right.length} name(s)…`);
  let done = 0;
  ctx.hooks.addAction('domain.stage', NAMESPACE, (stage) => {
    if (
      stage.to === 'done' ||
      stage.to === 'failed' ||
      stage.to === 'ssl-failed' ||
      stage.to === 'not-verifiable'
    )
      done++;
    progress.update(`${done}/${names.right.length} verified; ${stage.domain}: ${stage.to}`);
  });
  ctx.waits.onWait = (ms) =>
    progress.update(`${done}/${names.right.length} verified; waiting ${seconds(ms)} before the next try`);
  const result = await ctx.verifier().verifyMany(names.right, {
    expectedIps,
    concurrency: ctx.options.concurrency ?? 8,
    signal: ctx.signal,
  })();
  progress.stop();
  if (E.isLeft(result)) return sdkFailure(ctx, result.left);
  const verifications: readonly SslVerification[] = result.right;
  const allDone = verifications.every((v) => v.stage === 'done');
  return {
    exitCode: allDone ? EXIT.ok : EXIT.problems,
    payload: { appId: ctx.sp.appId, expectedIps, verifications },
    render: (io) => {
      const s = io.style;
      io.out(
        renderTable(
          io,
          ['DOMAIN', 'RESULT', 'CERTIFICATE', 'DAYS', 'TRIES', 'REASON'],
          verifications.map((v) => [
            v.domain,
            { text: v.stage, paint: v.stage === 'done' ? s.green : s.red },
            v.probe?.status ?? '-',
            v.probe?.certificate === undefined ? '-' : String(v.probe.certificate.daysRemaining),
            `${v.attempts.dns}+${v.attempts.ssl}`,
            v.reason,
          ]),
        ),
      );
    },
  };
};
