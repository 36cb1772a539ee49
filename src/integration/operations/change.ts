/**
 * `addDomain(s)`, `removeDomain(s)`, `syncDomains`: queue the change, report what its batch did,
 * and with `verifySsl` prove that the names it added serve a valid certificate.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { isIpLiteral, isWildcard } from '../../domains/name.js';
import type { SdkError } from '../../errors.js';
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

/** Submit a parsed change to the app's queue. */
export type SubmitChange = (
  queued: E.Either<SdkError, QueuedChange>,
  signal: AbortSignal | undefined,
) => TE.TaskEither<SdkError, ChangeReport>;

export const submitChange =
  (ctx: IntegrationContext, queue: ChangeQueue<QueuedChange, MemberResult>): SubmitChange =>
  (queued, signal) =>
    pipe(
      // Bad input fails here, alone, before any request and without touching the queue.
      TE.fromEither(queued),
      TE.flatMap((change) => () => queue.submit(change, signal)),
      TE.flatMap((result) => TE.fromTask(verifyAdds(ctx, result, toReport(ctx.appId, result), signal))),
      // Plug-in point: with a lifecycle, track the names this change added and list them in the report.
    );
