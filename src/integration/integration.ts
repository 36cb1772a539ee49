/**
 * `createServerPilotIntegration`: the one import a panel needs. Every change to the app's domains
 * goes through one queue (coalesced read-plan-write), converges against other writers, then
 * turns AutoSSL on when ServerPilot allows it and, if asked, proves the certificate is served.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type DomainName, isIpLiteral, isWildcard } from '../domains/name.js';
import { type ReconcileOptions, reconcileDomains } from '../domains/reconcile.js';
import { invalidOption, type SdkError, ServerPilotSdkError } from '../errors.js';
import { createDomainLifecycle, type DomainLifecycle } from '../lifecycle/index.js';
import { createHooks, type Hooks } from '../sdk-hooks.js';
import { createSslVerifier, type SslVerification, type SslVerifier } from '../ssl/verifier.js';
import { applyAutoSsl } from './autossl.js';
import {
  effectivePlan,
  keysOf,
  type NormalizedChange,
  normalizeNames,
  planBatch,
  type QueuedChange,
  toQueuedChange,
  twinResolver,
} from './changes.js';
import { explainConnectionFailure } from './connection.js';
import { applyBeforeUpdate, type Converged, convergeBatch } from './converge.js';
import {
  checkOptions,
  type IntegrationOptions,
  type OperationOptions,
  type PlanChange,
  type SyncOptions,
} from './options.js';
import type { CallOptions, IntegrationClient } from './ports.js';
import { createChangeQueue } from './queue.js';
import type {
  AutoSslOperationReport,
  AutoSslReport,
  ChangeReport,
  ConnectionReport,
  DomainListReport,
  ForceSslReport,
  PlanReport,
  VerifyReport,
} from './report.js';
import type { WaitOptions } from './wait.js';

/** The integration. Every method returns a `TaskEither`; wrap in `unwrap()` for async/await. */
export interface ServerPilotIntegration {
  readonly appId: string;
  /** The hook registry in use (the one passed, or a new one). */
  readonly hooks: Hooks;
  readonly client: IntegrationClient;
  /** Add one name (and its www twin, by the policy). */
  addDomain(
    domain: string,
    options?: OperationOptions,
  ): TE.TaskEither<SdkError, ChangeReport<SslVerification>>;
  addDomains(
    domains: readonly string[],
    options?: OperationOptions,
  ): TE.TaskEither<SdkError, ChangeReport<SslVerification>>;
  /** Remove one name (and its www twin when the policy would have added it). Never removes protected names. */
  removeDomain(
    domain: string,
    options?: OperationOptions,
  ): TE.TaskEither<SdkError, ChangeReport<SslVerification>>;
  removeDomains(
    domains: readonly string[],
    options?: OperationOptions,
  ): TE.TaskEither<SdkError, ChangeReport<SslVerification>>;
  /** Make the app hold `desired`: adds only, unless `prune`. */
  syncDomains(
    desired: readonly string[],
    options?: SyncOptions,
  ): TE.TaskEither<SdkError, ChangeReport<SslVerification>>;
  /** Dry run: read the app and plan the change; writes nothing. */
  plan(change: PlanChange, options?: OperationOptions): TE.TaskEither<SdkError, PlanReport>;
  listDomains(options?: OperationOptions): TE.TaskEither<SdkError, DomainListReport>;
  /** Enable AutoSSL if available and not on (and ForceSSL if configured). */
  enableAutoSsl(options?: OperationOptions): TE.TaskEither<SdkError, AutoSslOperationReport>;
  /** Verify one name serves a valid certificate, expecting DNS to point at the app's server. */
  verifySsl(
    domain: string,
    options?: OperationOptions,
  ): TE.TaskEither<SdkError, VerifyReport<SslVerification>>;
  /** Check credentials and app id; a `ConfigError` says which one is wrong. */
  testConnection(options?: OperationOptions): TE.TaskEither<SdkError, ConnectionReport>;
  /** Resolves once every queued change has been applied. */
  idle(): Promise<void>;
  /** The lifecycle tracking added names, when the `lifecycle` option is set. */
  readonly lifecycle?: DomainLifecycle;
}

/** A queued item. Requests are counted per batch, not per item: the batch makes them. */
interface QueueItem {
  readonly change: QueuedChange;
}

/** What the queue hands each member back. */
interface MemberResult {
  readonly change: NormalizedChange;
  readonly converged: Converged;
  readonly batchSize: number;
  readonly autoSsl: AutoSslReport;
  readonly forceSsl: ForceSslReport;
  readonly requests: number;
}

const counter = (signal?: AbortSignal): { call: CallOptions; count: () => number } => {
  let n = 0;
  const onRequest = (): void => {
    n++;
  };
  return { call: signal === undefined ? { onRequest } : { onRequest, signal }, count: () => n };
};

/** Names of a change worth SSL-verifying: its adds and their twins, present, neither wildcard nor IP. */
const verifiableAdds = (
  change: NormalizedChange,
  domains: readonly string[],
  twinOf: (name: DomainName) => DomainName | undefined,
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

/**
 * {@link createServerPilotIntegration} that returns a `ConfigError`/`InvalidOption` instead of throwing.
 */
export const tryCreateServerPilotIntegration = (
  options: IntegrationOptions,
): E.Either<SdkError, ServerPilotIntegration> => {
  // Plain JavaScript callers may pass nothing at all: that is a ConfigError, not a TypeError.
  options = options ?? {};
  const checked = checkOptions(options);
  if (E.isLeft(checked)) return checked;
  const { client, appId, reconcile: baseReconcile } = checked.right;
  const hooks = options.hooks ?? createHooks();
  const reconcile: ReconcileOptions = { ...baseReconcile, hooks };
  const twinOf = twinResolver(reconcile);
  const wait: WaitOptions = options.actionWait ?? {};
  const maxWriteAttempts = options.maxWriteAttempts ?? 5;
  let verifier: SslVerifier | undefined = options.verifier;
  const getVerifier = (): SslVerifier => {
    verifier ??= createSslVerifier({ hooks });
    return verifier;
  };

  const queue = createChangeQueue<QueueItem, MemberResult>(async (items) => {
    const { call, count } = counter();
    const converged = await convergeBatch(
      {
        client,
        appId,
        call,
        wait,
        reconcile,
        twinOf,
        maxWriteAttempts,
        hooks,
        ...(options.lock === undefined ? {} : { lock: options.lock }),
      },
      items.map((i) => i.change),
    )();
    if (E.isLeft(converged)) return items.map(() => converged);
    const anyAccepted = converged.right.members.some(E.isRight);
    const notRequested = {
      autoSsl: { status: 'not-requested' as const },
      forceSsl: { status: 'not-requested' as const },
    };
    const sslOutcome =
      options.autoSsl === false || !anyAccepted
        ? undefined
        : await applyAutoSsl(
            {
              client,
              appId,
              call,
              wait,
              ...(options.forceSsl === undefined ? {} : { forceSsl: options.forceSsl }),
            },
            converged.right.app,
          )();
    // applyAutoSsl never fails (its failures are reported inside), so the Left branch is unreachable.
    const sslResult = sslOutcome === undefined || E.isLeft(sslOutcome) ? notRequested : sslOutcome.right;
    const requests = count();
    return converged.right.members.map((member) =>
      E.map(
        (change: NormalizedChange): MemberResult => ({
          change,
          converged: converged.right,
          batchSize: items.length,
          autoSsl: sslResult.autoSsl,
          forceSsl: sslResult.forceSsl,
          requests,
        }),
      )(member),
    );
  });

  const serverIps = async (serverId: string, call: CallOptions): Promise<E.Either<SdkError, string[]>> => {
    const server = await client.servers.get(serverId, call)();
    return E.map((s: { readonly lastaddress: string | null }) => [
      ...new Set([...(s.lastaddress === null ? [] : [s.lastaddress]), ...(options.expectedIps ?? [])]),
    ])(server);
  };

  const submit =
    (
      queued: E.Either<SdkError, QueuedChange>,
      signal: AbortSignal | undefined,
    ): TE.TaskEither<SdkError, ChangeReport<SslVerification>> =>
    async () => {
      // Bad input fails here, alone, before any request and without touching the queue.
      if (E.isLeft(queued)) return queued;
      const result = await queue.submit({ change: queued.right }, signal);
      if (E.isLeft(result)) return result;
      const { change, converged, batchSize, autoSsl, forceSsl, requests } = result.right;
      const plain: ChangeReport<SslVerification> = {
        appId,
        change,
        plan: converged.plan,
        batchSize,
        writes: converged.writes,
        ...(converged.action === undefined ? {} : { action: converged.action }),
        domains: converged.app.domains,
        autoSsl,
        forceSsl,
        requests,
        warnings: converged.warnings,
      };
      const base = await trackChange(change, converged.app.domains, plain);
      if (options.verifySsl !== true) return E.right(base);
      const withTwins = verifiableAdds(change, converged.app.domains, twinOf);
      if (withTwins.length === 0) return E.right({ ...base, ssl: [] });
      // The change is applied: a verification that cannot run (server lookup, abort, a throwing
      // `domain.stage` callback) becomes a warning on the report, never a failed change.
      const own = counter(signal);
      const ips = await serverIps(converged.app.serverid, own.call);
      const verified = E.isLeft(ips)
        ? ips
        : await getVerifier().verifyMany(withTwins, {
            expectedIps: ips.right,
            ...(signal === undefined ? {} : { signal }),
          })();
      const counted = { ...base, requests: requests + own.count() };
      return E.right(
        E.isLeft(verified)
          ? { ...counted, warnings: [...base.warnings, verified.left] }
          : { ...counted, ssl: verified.right },
      );
    };

  /** The change holds: track the names it added, untrack those it removed; a failure is a warning. */
  const trackChange = async (
    change: NormalizedChange,
    domains: readonly string[],
    report: ChangeReport<SslVerification>,
  ): Promise<ChangeReport<SslVerification>> => {
    if (lifecycle === undefined) return report;
    const present = keysOf(domains);
    const gone = change.remove.flatMap((d) => [d, twinOf(d) ?? d]).filter((d) => !present.has(d));
    const untracked = await Promise.all([...new Set(gone)].map((d) => lifecycle.untrack(d)()));
    const tracked = await lifecycle.track(verifiableAdds(change, domains, twinOf))();
    const failed = [...untracked, tracked].flatMap((r) => (E.isLeft(r) ? [r.left] : []));
    return {
      ...report,
      ...(E.isRight(tracked) ? { tracked: tracked.right } : {}),
      warnings: [...report.warnings, ...failed],
    };
  };

  const asArray = (value: unknown, option: string): E.Either<SdkError, readonly string[]> =>
    Array.isArray(value)
      ? E.right(value as readonly string[])
      : E.left(invalidOption(option, 'must be an array of domain names, such as ["example.com"]'));

  const changeOf = (add: unknown, remove: unknown): E.Either<SdkError, QueuedChange> =>
    E.flatMap((a: readonly string[]) =>
      E.flatMap((r: readonly string[]) => toQueuedChange({ add: a, remove: r }, reconcile))(
        asArray(remove, 'domains'),
      ),
    )(asArray(add, 'domains'));

  const syncOf = (desired: unknown): E.Either<SdkError, QueuedChange> =>
    E.flatMap((names: readonly string[]) =>
      E.map((d: readonly DomainName[]) => ({ kind: 'sync' as const, desired: d }))(normalizeNames(names)),
    )(asArray(desired, 'desired'));

  const plan = (change: PlanChange, opts: OperationOptions = {}): TE.TaskEither<SdkError, PlanReport> => {
    const queued =
      change !== null && typeof change === 'object' && 'sync' in change
        ? change.prune === true
          ? syncOf(change.sync)
          : changeOf(change.sync, [])
        : changeOf(change?.add ?? [], change?.remove ?? []);
    return async () => {
      if (E.isLeft(queued)) return queued;
      const { call, count } = counter(opts.signal);
      const app = await client.apps.get(appId, call)();
      if (E.isLeft(app)) return app;
      const current = app.right.domains;
      const batch = planBatch(current, [queued.right], reconcile, twinOf);
      if (E.isLeft(batch)) return batch;
      const member = batch.right.members[0];
      if (member !== undefined && E.isLeft(member)) return member;
      const list = applyBeforeUpdate(hooks, appId, current, batch.right.plan);
      if (E.isLeft(list)) return list;
      return E.right({
        appId,
        current,
        plan: effectivePlan(current, batch.right.plan, list.right),
        requests: count(),
      });
    };
  };

  const integration: ServerPilotIntegration = {
    appId,
    hooks,
    client,
    addDomain: (domain, opts = {}) => submit(changeOf([domain], []), opts.signal),
    addDomains: (domains, opts = {}) => submit(changeOf(domains, []), opts.signal),
    removeDomain: (domain, opts = {}) => submit(changeOf([], [domain]), opts.signal),
    removeDomains: (domains, opts = {}) => submit(changeOf([], domains), opts.signal),
    syncDomains: (desired, opts = {}) =>
      submit(opts.prune === true ? syncOf(desired) : changeOf(desired, []), opts.signal),
    plan,
    listDomains:
      (opts = {}) =>
      async () => {
        const { call, count } = counter(opts.signal);
        const app = await client.apps.get(appId, call)();
        if (E.isLeft(app)) return app;
        const planned = reconcileDomains(app.right.domains, {}, reconcile);
        return E.right({
          appId,
          domains: app.right.domains,
          unrecognized: E.isRight(planned) ? planned.right.unrecognized : [],
          ...(app.right.autossl === undefined ? {} : { autoSsl: app.right.autossl }),
          sslOn: app.right.ssl !== null,
          requests: count(),
        });
      },
    enableAutoSsl:
      (opts = {}) =>
      async () => {
        const { call, count } = counter(opts.signal);
        const app = await client.apps.get(appId, call)();
        if (E.isLeft(app)) return app;
        const outcome = await applyAutoSsl(
          {
            client,
            appId,
            call,
            wait,
            ...(options.forceSsl === undefined ? {} : { forceSsl: options.forceSsl }),
          },
          app.right,
        )();
        if (E.isLeft(outcome)) return outcome;
        return E.right({ appId, ...outcome.right, requests: count() });
      },
    verifySsl:
      (domain, opts = {}) =>
      async () => {
        const names = normalizeNames([domain]);
        if (E.isLeft(names)) return names;
        const name = names.right[0] ?? '';
        const { call, count } = counter(opts.signal);
        const app = await client.apps.get(appId, call)();
        if (E.isLeft(app)) return app;
        const ips = await serverIps(app.right.serverid, call);
        if (E.isLeft(ips)) return ips;
        const verification = await getVerifier().verify(name, {
          expectedIps: ips.right,
          ...(opts.signal === undefined ? {} : { signal: opts.signal }),
        })();
        if (E.isLeft(verification)) return verification;
        return E.right({
          appId,
          expectedIps: ips.right,
          verification: verification.right,
          requests: count(),
        });
      },
    testConnection:
      (opts = {}) =>
      async () => {
        const { call, count } = counter(opts.signal);
        const app = await client.apps.get(appId, call)();
        if (E.isRight(app)) {
          return E.right({
            appId,
            appName: app.right.name,
            serverId: app.right.serverid,
            domains: app.right.domains.length,
            autoSslAvailable: app.right.autossl?.available === true,
            requests: count(),
          });
        }
        return E.left(await explainConnectionFailure(client, appId, call, app.left));
      },
    idle: () => queue.idle(),
  };
  const lifecycle: DomainLifecycle | undefined =
    options.lifecycle === undefined
      ? undefined
      : createDomainLifecycle({
          integration,
          ...(options.lifecycle === 'memory' ? {} : { scheduler: options.lifecycle }),
          ...(options.verifier === undefined ? {} : { verifier: options.verifier }),
          ...(options.expectedIps === undefined ? {} : { expectedIps: options.expectedIps }),
          ...(options.autoSsl === undefined ? {} : { autoSsl: options.autoSsl }),
        });
  return E.right(lifecycle === undefined ? integration : Object.assign(integration, { lifecycle }));
};

/**
 * Create the integration. Throws `ServerPilotSdkError` (`ConfigError` listing every missing name,
 * or `InvalidOption`/`InvalidDomain` for a bad option) before any request.
 *
 * @example
 * const sp = createServerPilotIntegration({ clientId, apiKey, appId, protect: ['network.example.com'] });
 * const report = await unwrap(sp.addDomain('customer.com'));
 * console.log(report.plan.added, report.autoSsl.status, report.requests);
 */
export const createServerPilotIntegration = (options: IntegrationOptions): ServerPilotIntegration => {
  const created = tryCreateServerPilotIntegration(options);
  if (E.isLeft(created)) throw new ServerPilotSdkError(created.left);
  return created.right;
};
