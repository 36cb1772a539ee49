import * as E from 'fp-ts/lib/Either.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import { checkNames } from '../names.js';
import { EXIT, type Outcome, usageError } from '../outcome.js';
import { startProgress } from '../progress.js';

export const run = async (ctx: Context, positional: readonly unknown[]): Promise<Outcome> => {
  const given = positional[0];
  let domain: string | undefined;
  if (typeof given === 'string') {
    const checked = checkNames([given]);
    if (E.isLeft(checked)) return usageError(checked.left);
    domain = checked.right[0];
  }
  const progress = await startProgress(ctx.io, `Checking${domain === undefined ? '' : ` ${domain}`}…`);
  const result = await ctx.sp.doctor(domain, {
    ...(ctx.resolver === undefined ? {} : { resolver: ctx.resolver }),
    signal: ctx.signal,
  })();
  progress.stop();
  if (E.isLeft(result)) return sdkFailure(ctx, result.left);
  const report = result.right;
  return {
    exitCode: report.healthy ? EXIT.ok : EXIT.problems,
    payload: { ...report },
    render: (io) => {
      const s = io.style;
      const lines = report.checks.map((c) => {
        if (!io.tty) {
          return [c.ok ? 'ok' : c.skipped === true ? 'skipped' : 'FAIL', c.id, c.detail, c.fix ?? '']
            .join('\t')
            .trimEnd();
        }
        const mark = c.ok ? s.green('✔') : c.skipped === true ? s.dim('-') : s.red('✘');
        const head = `${mark} ${s.bold(c.id.padEnd(20))} ${c.skipped === true ? s.dim(c.detail) : c.detail}`;
        return c.fix === undefined ? head : `${head}\n  ${' '.repeat(20)} ${s.cyan('fix:')} ${c.fix}`;
      });
      io.out(lines.join('\n'));
      if (io.tty) {
        const failed = report.checks.filter((c) => !c.ok && c.skipped !== true).length;
        io.out(
          report.healthy ? `\n${s.green('All checks passed.')}` : `\n${s.red(`${failed} check(s) failed.`)}`,
        );
      }
    },
  };
};
