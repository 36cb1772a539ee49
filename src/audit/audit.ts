/**
 * `auditApp`: one row per domain of the app, each graded from a DNS check against the server's
 * address, the certificate actually served and AutoSSL's coverage. Reads the app and its server
 * (two API requests), then checks the domains with bounded concurrency. Writes nothing.
 */
import { setMaxListeners } from 'node:events';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { classify, normalizeDomain } from '../domains/index.js';
import {
  abortedError,
  hookError,
  invalidOption,
  type SdkError,
  ServerPilotSdkError,
} from '../errors/index.js';
import { count, days, ipList, mapPool, struct, withDefault } from '../internal/index.js';
import { checkDns, type DnsResolver, defaultResolver, type SslVerifier } from '../ssl/index.js';
import { gradeDomain } from './grade.js';
import { counted, serverAddresses } from './shared.js';
import type {
  AuditApp,
  AuditIntegration,
  AuditOptions,
  AuditReport,
  AuditRow,
  AuditSummary,
} from './types.js';

/** The defaults of {@link AuditOptions}. */
export const AUDIT_DEFAULTS = { warnDays: 20, critDays: 15, concurrency: 16 } as const;

const checkAuditFields = struct(
  {
    warnDays: withDefault(days(AUDIT_DEFAULTS.warnDays), AUDIT_DEFAULTS.warnDays),
    critDays: withDefault(days(AUDIT_DEFAULTS.critDays), AUDIT_DEFAULTS.critDays),
    concurrency: withDefault(
      count({ min: 1, example: AUDIT_DEFAULTS.concurrency }),
      AUDIT_DEFAULTS.concurrency,
    ),
    expectedIps: withDefault(ipList, []),
  },
  '{ warnDays: 20, critDays: 15 }',
);

/** The critical threshold must not be above the warning one: a row would skip `warning`. */
const checkAuditOptions = (options: AuditOptions) =>
  pipe(
    checkAuditFields('', options),
    E.flatMap((checked) =>
      checked.critDays > checked.warnDays
        ? E.left(
            invalidOption(
              'critDays',
              `must be at most warnDays (${checked.warnDays}), not ${checked.critDays}; pass a critical threshold at or below the warning one, such as 15 and 20`,
            ),
          )
        : E.right(checked),
    ),
  );

/** A row for an entry no TLS check can judge, with the reason. */
const uncheckable = (domain: string, reason: string, covers: boolean): AuditRow => ({
  domain,
  status: 'unknown',
  reasons: [reason],
  autoSslCovers: covers,
  checkable: false,
});

const whyUncheckable = (raw: string): { domain: string; reason?: string } => {
  const name = normalizeDomain(raw);
  if (E.isLeft(name)) {
    return {
      domain: raw,
      reason: `${JSON.stringify(raw)} is not a domain name this library understands; it is kept on the app as it is`,
    };
  }
  const kind = classify(name.right);
  if (kind === 'wildcard') {
    return {
      domain: name.right,
      reason: `${name.right} is a wildcard: AutoSSL validates names over HTTP, which cannot cover wildcards, so no certificate check applies; install a DNS-validated certificate`,
    };
  }
  if (kind === 'ip') {
    return {
      domain: name.right,
      reason: `${name.right} is an IP address: AutoSSL (Let's Encrypt) issues certificates for domain names only`,
    };
  }
  return { domain: name.right };
};

const coveredSet = (app: AuditApp): ReadonlySet<string> =>
  new Set(
    (app.autossl?.domains ?? []).map((d) => {
      const n = normalizeDomain(d);
      return E.isRight(n) ? n.right : d;
    }),
  );

const summarize = (rows: readonly AuditRow[]): AuditSummary => ({
  ok: rows.filter((r) => r.status === 'ok').length,
  warning: rows.filter((r) => r.status === 'warning').length,
  critical: rows.filter((r) => r.status === 'critical').length,
  unknown: rows.filter((r) => r.status === 'unknown').length,
});

/**
 * Audit every domain of the integration's app: DNS against the server's `lastaddress` (and
 * `expectedIps`), the certificate served (status, issuer, days left) and AutoSSL's coverage,
 * graded `ok` / `warning` / `critical` / `unknown` with reasons. Fails only when the app or its
 * server cannot be read, an option is bad (before any request), or the signal aborts.
 *
 * @example
 * const report = await unwrap(auditApp(sp, createSslVerifier(), { warnDays: 20, critDays: 15 }));
 * for (const row of report.rows) if (row.status !== 'ok') console.log(row.domain, row.reasons);
 */
export const auditApp =
  (
    integration: AuditIntegration,
    verifier: SslVerifier,
    options: AuditOptions = {},
  ): TE.TaskEither<SdkError, AuditReport> =>
  async () => {
    const checked = checkAuditOptions(options ?? {});
    if (E.isLeft(checked)) return checked;
    const { warnDays, critDays, concurrency, expectedIps: extra } = checked.right;
    const now = options.now ?? Date.now;
    const started = now();
    const { call, count } = counted(options.signal);
    const app = await integration.client.apps.get(integration.appId, call)();
    if (E.isLeft(app)) return app;
    const ips = await serverAddresses(integration, app.right.serverid, extra, call);
    if (E.isLeft(ips)) return ips;
    const resolver: DnsResolver = options.resolver ?? defaultResolver();
    const covered = coveredSet(app.right);
    const enabled = app.right.ssl?.auto === true;
    const entries = [...new Set(app.right.domains)];
    let done = 0;
    // A throwing `onRow` ends the audit with a Left (it stops the checks still to run), never a rejection.
    let failure: SdkError | undefined;
    const finish = (row: AuditRow): AuditRow => {
      done++;
      try {
        options.onRow?.(row, done, entries.length);
      } catch (thrown) {
        failure ??=
          thrown instanceof ServerPilotSdkError ? thrown.error : hookError('audit.onRow', 'unknown', thrown);
        controller.abort();
      }
      return row;
    };
    // One signal for the audit: every probe and DNS check in flight listens on it, by design.
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const outer = options.signal;
    const forward = (): void => controller.abort();
    if (outer?.aborted === true) forward();
    outer?.addEventListener('abort', forward, { once: true });
    const signal = controller.signal;
    const rows = await mapPool(
      entries,
      concurrency,
      async (raw): Promise<AuditRow> => {
        const { domain, reason } = whyUncheckable(raw);
        const covers = covered.has(domain);
        if (reason !== undefined) return finish(uncheckable(domain, reason, covers));
        const [dns, probe] = await Promise.all([
          checkDns(domain, { resolver, expectedIps: ips.right, now, signal }),
          verifier.probe(domain, { signal })(),
        ]);
        const grade = gradeDomain({ dns, probe, autoSsl: { enabled, covers }, warnDays, critDays });
        return finish({
          domain,
          status: grade.status,
          reasons: grade.reasons,
          dns,
          probe,
          ...(grade.daysLeft === undefined ? {} : { daysLeft: grade.daysLeft }),
          autoSslCovers: covers,
          checkable: true,
        });
      },
      () => signal.aborted,
    ).finally(() => outer?.removeEventListener('abort', forward));
    if (failure !== undefined) return E.left(failure);
    if (signal.aborted) return E.left(abortedError());
    const all = rows.filter((r): r is AuditRow => r !== undefined);
    const summary = summarize(all);
    return E.right({
      appId: integration.appId,
      appName: app.right.name,
      expectedIps: ips.right,
      autoSsl: {
        ...(app.right.autossl === undefined ? {} : { available: app.right.autossl.available }),
        enabled,
        customCertificate: app.right.ssl !== null && !enabled,
      },
      rows: all,
      summary,
      healthy: all.every((r) => r.status === 'ok' || (r.status === 'unknown' && !r.checkable)),
      warnDays,
      critDays,
      checkedAt: new Date(started).toISOString(),
      elapsedMs: Math.max(0, now() - started),
      requests: count(),
    });
  };
