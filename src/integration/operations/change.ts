/**
 * `addDomain(s)`, `removeDomain(s)`, `syncDomains`: queue the change, report what its batch did,
 * and with `verifySsl` prove that the names it added serve a valid certificate.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { isIpLiteral, isWildcard } from '../../domains/name.js';
import type { SdkError } from '../../errors/index.js';
import type { DomainLifecycle } from '../../lifecycle/index.js';
import type { MemberResult } from '../batch.js';
import type { NormalizedChange, QueuedChange, TwinOf } from '../changes.js';
import { countRequests, type IntegrationContext, serverIps } from '../context.js';
import type { ChangeQueue } from '../queue.js';
import { keysOf } from '../read-back.js';
import type { ChangeReport } from '../report.js';

/** Names of a change worth SSL-verifying: its adds and their twins, present, neither wildcard nor IP. */
const verifiableAdds = (
  change: NormalizedChange,
  domains: readonly string[],
  twinOf: TwinOf,
): readonly string[] => {
  const present = keysOf(domains);
  const out: string[] = [];
  for (const name of change.add) {
    const twin = twinOf(name);
    for (const n of twin === undefined ? [name] : [name, twin]) {
      if (present.has(n) && !isWildcard(n) && !isIpLiteral(n) && !out.includes(n)) out.push(n);
    }
  }
  return out;
};

const toReport = (appId: string, result: MemberResult): ChangeReport => {
  const { change, converged, batchSize, ssl, requests } = result;
  return {
    appId,
    change,
    plan: converged.plan,
    batchSize,
    writes: converged.writes,
    ...(converged.action === undefined ? {} : { action: converged.action }),
    domains: converged.app.domains,
    autoSsl: ssl.autoSsl,
    forceSsl: ssl.forceSsl,
    requests,
    warnings: converged.warnings,
  };
};

/**
 * The change is applied: a verification that cannot run (server lookup, abort, a throwing
 * `domain.stage` callback) becomes a warning on the report, never a failed change.
 */
const verifyAdds = (
  ctx: IntegrationContext,
  result: MemberResult,
  report: ChangeReport,
  signal: AbortSignal | undefined,
): T.Task<ChangeReport> => {
  if (ctx.options.verifySsl !== true) return T.of(report);
  const names = verifiableAdds(result.change, report.domains, ctx.twinOf);
  if (names.length === 0) return T.of({ ...report, ssl: [] });
  return () => {
    const own = countRequests(signal);
    return pipe(
      serverIps(ctx, result.converged.app.serverid, own.call),
      TE.flatMap((expectedIps) =>
        ctx
          .verifier()
          .verifyMany(names, { expectedIps: [...expectedIps], ...(signal === undefined ? {} : { signal }) }),
      ),
      T.map(
        (verified): ChangeReport => ({
          ...report,
          requests: report.requests + own.requests(),
          ...(E.isLeft(verified)
            ? { warnings: [...report.warnings, verified.left] }
            : { ssl: verified.right }),
        }),
      ),
    )();
  };
};

/** The change holds: track the names it added, untrack those it removed; a failure is a warning. */
const trackChange = (
  lifecycle: DomainLifecycle | undefined,
  twinOf: TwinOf,
  change: NormalizedChange,
  report: ChangeReport,
): T.Task<ChangeReport> => {
  if (lifecycle === undefined) return T.of(report);
  return async () => {
    const present = keysOf(report.domains);
    const gone = change.remove.flatMap((d) => [d, twinOf(d) ?? d]).filter((d) => !present.has(d));
    const untracked = await Promise.all([...new Set(gone)].map((d) => lifecycle.untrack(d)()));
    const tracked = await lifecycle.track(verifiableAdds(change, report.domains, twinOf))();
    const failed = [...untracked, tracked].flatMap((r) => (E.isLeft(r) ? [r.left] : []));
    return {
      ...report,
      ...(E.isRight(tracked) ? { tracked: tracked.right } : {}),
      warnings: [...report.warnings, ...failed],
    };
  };
};

/** Submit a parsed change to the app's queue. */
export type SubmitChange = (
  queued: E.Either<SdkError, QueuedChange>,
  signal: AbortSignal | undefined,
) => TE.TaskEither<SdkError, ChangeReport>;

export const submitChange =
  (
    ctx: IntegrationContext,
    queue: ChangeQueue<QueuedChange, MemberResult>,
    lifecycle: () => DomainLifecycle | undefined,
  ): SubmitChange =>
  (queued, signal) =>
    pipe(
      // Bad input fails here, alone, before any request and without touching the queue.
      TE.fromEither(queued),
      TE.flatMap((change) => () => queue.submit(change, signal)),
      TE.flatMap((result) =>
        pipe(
          trackChange(lifecycle(), ctx.twinOf, result.change, toReport(ctx.appId, result)),
          T.flatMap((report) => verifyAdds(ctx, result, report, signal)),
          TE.fromTask,
        ),
      ),
    );
