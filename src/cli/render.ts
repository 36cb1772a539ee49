/** Human renderings shared by several commands. */
import type { AutoSslReport, ChangeReport, ForceSslReport, PlanReport } from '../index.js';
import type { Io } from './io.js';

const names = (list: readonly string[]): string => (list.length === 0 ? 'none' : list.join(', '));

export const autoSslLine = (io: Io, report: AutoSslReport): string => {
  const s = io.style;
  switch (report.status) {
    case 'enabled':
      return `AutoSSL: ${s.green('enabled')}${report.actionId === undefined ? '' : ` (action ${report.actionId})`}`;
    case 'already-on':
      return `AutoSSL: ${s.green('already on')}${report.uncovered.length > 0 ? `; not covered yet: ${names(report.uncovered)}` : ''}`;
    case 'unavailable':
      return `AutoSSL: ${s.yellow('not available yet')} (ServerPilot sees no name pointing at the server); not covered: ${names(report.uncovered)}`;
    case 'custom-certificate':
      return `AutoSSL: ${s.yellow('off')} (a custom certificate is installed)`;
    case 'failed':
      return `AutoSSL: ${s.red('failed')} (${report.error._tag})`;
    case 'not-requested':
      return 'AutoSSL: not touched';
  }
};

export const forceSslLine = (io: Io, report: ForceSslReport): string | undefined => {
  switch (report.status) {
    case 'not-requested':
      return undefined;
    case 'set':
      return `ForceSSL: ${io.style.green(report.force ? 'on' : 'off')}`;
    case 'already':
      return `ForceSSL: already ${report.force ? 'on' : 'off'}`;
    case 'skipped':
      return `ForceSSL: ${io.style.yellow('skipped')} (${report.reason})`;
    case 'failed':
      return `ForceSSL: ${io.style.red('failed')} (${report.error._tag})`;
  }
};

export const renderPlan = (io: Io, plan: PlanReport, what: string): void => {
  const p = plan.plan;
  io.out(
    [
      `${what} on app ${plan.appId} (dry run, nothing written):`,
      `  would add:    ${names(p.added)}`,
      `  would remove: ${names(p.removed)}`,
      `  ${p.changed ? `the app would hold ${p.next.length} names` : 'no change'}`,
    ].join('\n'),
  );
};

export const renderChange = (io: Io, report: ChangeReport): void => {
  const s = io.style;
  const lines = [
    report.plan.changed
      ? `App ${report.appId}: added ${names(report.plan.added)}; removed ${names(report.plan.removed)} (${report.writes} write${report.writes === 1 ? '' : 's'}${report.action === undefined ? '' : `, action ${report.action.id} ${report.action.status}`}).`
      : `App ${report.appId}: no change, the list already holds what was asked.`,
    autoSslLine(io, report.autoSsl),
  ];
  const force = forceSslLine(io, report.forceSsl);
  if (force !== undefined) lines.push(force);
  for (const v of report.ssl ?? []) {
    lines.push(`SSL ${v.domain}: ${v.stage === 'done' ? s.green('done') : s.red(v.stage)}: ${v.reason}`);
  }
  for (const w of report.warnings) lines.push(`${s.yellow('Warning:')} ${w._tag}`);
  lines.push(s.dim(`${report.requests} API requests; the app holds ${report.domains.length} names.`));
  io.out(lines.join('\n'));
};
