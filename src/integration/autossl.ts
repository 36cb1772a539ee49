/**
 * AutoSSL: decide from the app as read (pure), then enable it only when ServerPilot says it is
 * available and it is not already on, and set ForceSSL in its own call once SSL is on.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { isIpLiteral, isWildcard, normalizeDomain } from '../domains/name.js';
import type { SdkError } from '../errors/index.js';
import type { AppView, CallOptions, IntegrationClient } from './ports.js';
import type { AutoSslReport, Coverage, ForceSslReport } from './report.js';
import { type WaitOptions, waitForAction } from './wait.js';

/** What to do about AutoSSL, decided from the app alone. */
export type AutoSslDecision =
  | { readonly kind: 'enable' }
  | { readonly kind: 'already-on' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'custom-certificate' };

/** AutoSSL is enabled only when available and not already on, and never over a custom certificate. */
export const decideAutoSsl = (app: AppView): AutoSslDecision => {
  if (app.ssl?.auto === true) return { kind: 'already-on' };
  if (app.ssl !== null) return { kind: 'custom-certificate' };
  if (app.autossl?.available !== true) return { kind: 'unavailable' };
  return { kind: 'enable' };
};

/** Names AutoSSL can never cover: wildcards and IP literals (Let's Encrypt HTTP validation cannot). */
export const notCoverable = (domains: readonly string[]): readonly string[] =>
  domains.filter((d) => isWildcard(d) || isIpLiteral(d));

/**
 * App names the AutoSSL certificate does not (yet) cover: with `autossl.domains` known, the
 * coverable names missing from it; while AutoSSL is unavailable, every coverable name.
 */
export const uncoveredDomains = (app: AppView): readonly string[] => {
  const covered = new Set(
    (app.autossl?.domains ?? []).map((d) => {
      const n = normalizeDomain(d);
      return E.isRight(n) ? n.right : d;
    }),
  );
  return app.domains.filter((raw) => {
    const n = normalizeDomain(raw);
    if (E.isLeft(n)) return false;
    if (isWildcard(n.right) || isIpLiteral(n.right)) return false;
    return !covered.has(n.right);
  });
};

const describe = (app: AppView): Coverage => ({
  uncovered: uncoveredDomains(app),
  notCoverable: notCoverable(app.domains),
});

export interface AutoSslDeps {
  readonly client: IntegrationClient;
  readonly appId: string;
  readonly call: CallOptions;
  readonly wait: WaitOptions;
  /** Set ForceSSL to this once SSL is on; leave undefined to not touch it. */
  readonly forceSsl?: boolean;
}

/** What {@link applyAutoSsl} did: never a failure, since the domain change before it holds. */
export interface AutoSslOutcome {
  readonly autoSsl: AutoSslReport;
  readonly forceSsl: ForceSslReport;
}

const setForce = (deps: AutoSslDeps, app: AppView, sslOn: boolean): T.Task<ForceSslReport> => {
  const want = deps.forceSsl;
  if (want === undefined) return T.of({ status: 'not-requested' });
  if (!sslOn) return T.of({ status: 'skipped', reason: 'SSL is not on yet; ForceSSL needs it' });
  if (app.ssl !== null && app.ssl.force === want) return T.of({ status: 'already', force: want });
  return pipe(
    deps.client.ssl.setForce(deps.appId, want, deps.call),
    TE.flatMap(
      (m): TE.TaskEither<SdkError, ForceSslReport> =>
        m.actionId === undefined
          ? TE.right({ status: 'set', force: want })
          : pipe(
              waitForAction(deps.client, m.actionId, deps.wait, deps.call),
              TE.map(() => ({ status: 'set', force: want, actionId: m.actionId as string })),
            ),
    ),
    TE.getOrElse((error) => T.of<ForceSslReport>({ status: 'failed', error })),
  );
};

const enable = (deps: AutoSslDeps, app: AppView): T.Task<AutoSslReport> =>
  pipe(
    deps.client.ssl.enableAuto(deps.appId, deps.call),
    TE.flatMap((m) =>
      m.actionId === undefined
        ? TE.right<SdkError, string | undefined>(undefined)
        : pipe(
            waitForAction(deps.client, m.actionId, deps.wait, deps.call),
            TE.map(() => m.actionId),
          ),
    ),
    TE.map(
      (actionId): AutoSslReport => ({
        status: 'enabled',
        ...(actionId === undefined ? {} : { actionId }),
        ...describe(app),
      }),
    ),
    TE.getOrElse((error) => T.of<AutoSslReport>({ status: 'failed', error, ...describe(app) })),
  );

/**
 * Apply the AutoSSL decision for `app` (as just read): enable once, never over a custom
 * certificate, never while unavailable; then ForceSSL when asked. Failures of these calls are
 * reported in the result rather than failing the domain change that preceded them.
 */
export const applyAutoSsl = (deps: AutoSslDeps, app: AppView): T.Task<AutoSslOutcome> => {
  const decision = decideAutoSsl(app);
  if (decision.kind !== 'enable') {
    // Nothing to enable: report why, and set ForceSSL only where SSL is already on.
    const autoSsl: AutoSslReport = { status: decision.kind, ...describe(app) };
    return pipe(
      setForce(deps, app, decision.kind !== 'unavailable'),
      T.map((forceSsl) => ({ autoSsl, forceSsl })),
    );
  }
  return pipe(
    enable(deps, app),
    T.flatMap((autoSsl) =>
      pipe(
        // ForceSSL after a fresh enable: the app as read had no SSL, so `force` is off.
        setForce(deps, { ...app, ssl: { auto: true, force: false } }, autoSsl.status === 'enabled'),
        T.map((forceSsl) => ({ autoSsl, forceSsl })),
      ),
    ),
  );
};
