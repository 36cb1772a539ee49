import { isIP } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { type DomainListReport, normalizeDomain } from '../../index.js';
import type { Context } from '../context.js';
import { sdkFailure } from '../failure.js';
import { EXIT, type Outcome } from '../outcome.js';
import { renderTable } from '../table.js';

/** How AutoSSL stands for one entry of the list. */
type Coverage = 'covered' | 'not-covered' | 'never' | 'unrecognized';

const coverageOf = (report: DomainListReport): { domain: string; autoSsl: Coverage }[] => {
  const covered = new Set(
    (report.autoSsl?.domains ?? []).map((d) => {
      const n = normalizeDomain(d);
      return E.isRight(n) ? n.right : d;
    }),
  );
  return report.domains.map((domain) => {
    const n = normalizeDomain(domain);
    if (E.isLeft(n)) return { domain, autoSsl: 'unrecognized' };
    // What `classify` calls 'wildcard' or 'ip', without asking the Public Suffix List (apex or
    // subdomain does not matter here, and loading the list would cost this command 12 ms).
    if (n.right.startsWith('*.') || isIP(n.right) !== 0) return { domain, autoSsl: 'never' };
    return { domain, autoSsl: covered.has(n.right) ? 'covered' : 'not-covered' };
  });
};

export const run = async (ctx: Context): Promise<Outcome> => {
  const listed = await ctx.sp.listDomains({ signal: ctx.signal })();
  if (E.isLeft(listed)) return sdkFailure(ctx, listed.left);
  const report = listed.right;
  const rows = coverageOf(report);
  return {
    exitCode: EXIT.ok,
    payload: { ...report, coverage: rows },
    render: (io) => {
      const s = io.style;
      const paint = { covered: s.green, 'not-covered': s.yellow, never: s.dim, unrecognized: s.red } as const;
      const autoSsl =
        report.autoSsl === undefined
          ? 'not on this plan'
          : report.autoSsl.available
            ? 'available'
            : 'not available yet';
      if (io.tty) {
        io.out(
          `App ${report.appId}: ${report.domains.length} names; SSL ${report.sslOn ? 'on' : 'off'}; AutoSSL ${autoSsl}`,
        );
      }
      io.out(
        renderTable(
          io,
          ['DOMAIN', 'AUTOSSL'],
          rows.map((r) => [r.domain, { text: r.autoSsl, paint: paint[r.autoSsl] }]),
        ),
      );
    },
  };
};
