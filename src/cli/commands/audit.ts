import * as E from 'fp-ts/lib/Either.js';
import type { AuditRow, AuditStatus } from '../../index.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import type { Io } from '../io.js';
import { EXIT, type Outcome } from '../outcome.js';
import { startProgress } from '../progress.js';
import { renderTable } from '../table.js';

const paintOf = (io: Io, status: AuditStatus): ((s: string) => string) =>
  status === 'ok'
    ? io.style.green
    : status === 'warning'
      ? io.style.yellow
      : status === 'critical'
        ? io.style.red
        : io.style.dim;

const issuerOf = (row: AuditRow): string => {
  const issuer = row.probe?.certificate?.issuer;
  if (issuer === undefined) return '-';
  // `C=US, O=Let's Encrypt, CN=R11`: the organization says most in a narrow column.
  return /(?:^|, )O=([^,]+)/.exec(issuer)?.[1] ?? /(?:^|, )CN=([^,]+)/.exec(issuer)?.[1] ?? issuer;
};

export const run = async (ctx: Context): Promise<Outcome> => {
  const progress = await startProgress(ctx.io, 'Auditing: reading the app…');
  const result = await ctx.sp.audit({
    ...(ctx.options.warnDays === undefined ? {} : { warnDays: ctx.options.warnDays }),
    ...(ctx.options.critDays === undefined ? {} : { critDays: ctx.options.critDays }),
    ...(ctx.options.concurrency === undefined ? {} : { concurrency: ctx.options.concurrency }),
    ...(ctx.resolver === undefined ? {} : { resolver: ctx.resolver }),
    signal: ctx.signal,
    onRow: (row, done, total) =>
      progress.update(`Auditing: ${done}/${total} domains checked (${row.domain})`),
  })();
  progress.stop();
  if (E.isLeft(result)) return sdkFailure(ctx, result.left);
  const report = result.right;
  return {
    exitCode: report.healthy ? EXIT.ok : EXIT.problems,
    payload: { ...report },
    render: (io) => {
      const { ok, warning, critical, unknown } = report.summary;
      const table = renderTable(
        io,
        ['DOMAIN', 'STATUS', 'DAYS', 'ISSUER', 'DNS', 'AUTOSSL', 'REASONS'],
        report.rows.map((row) => [
          row.domain,
          { text: row.status, paint: paintOf(io, row.status) },
          row.daysLeft === undefined ? '-' : String(row.daysLeft),
          issuerOf(row),
          row.dns?.status ?? '-',
          row.autoSslCovers ? 'covered' : 'no',
          row.reasons.join('; '),
        ]),
      );
      io.out(table);
      if (io.tty) {
        io.out(
          `\n${report.rows.length} domains of app "${report.appName}" (${report.appId}), server ${report.expectedIps.join(', ') || 'address unknown'}: ` +
            `${io.style.green(`${ok} ok`)}, ${io.style.yellow(`${warning} warning`)}, ${io.style.red(`${critical} critical`)}, ${unknown} unknown` +
            ` (warning under ${report.warnDays} days, critical under ${report.critDays}).`,
        );
      }
    },
  };
};
