/**
 * `createServerPilotIntegration`: the one import a panel needs. Every change to the app's domains
 * goes through one queue (coalesced read-plan-write), converges against other writers, then
 * turns AutoSSL on when ServerPilot allows it and, if asked, proves the certificate is served.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type DomainName, isIpLiteral, isWildcard } from '../domains/name.js';
import type { WwwPolicy } from '../domains/plan.js';
import { type DomainChange, type ReconcileOptions, reconcileDomains } from '../domains/reconcile.js';
import { configError, invalidOption, type SdkError, ServerPilotSdkError } from '../errors.js';
import { createHooks, type Hooks } from '../hooks/create-hooks.js';
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
import { checkConfig } from './config.js';
import { applyBeforeUpdate, type Converged, convergeBatch, type DomainLock } from './converge.js';
import { createClientFor } from './make-client.js';
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

/** Options of {@link createServerPilotIntegration}. */
export interface IntegrationOptions {
  /**
   * ServerPilot API Client ID. Not needed when `client` is passed.
   * @example process.env.SERVERPILOT_CLIENT_ID
   */
  readonly clientId?: string;
  /**
   * ServerPilot API key. Not needed when `client` is passed. Never printed.
   * @example process.env.SERVERPILOT_API_KEY
   */
  readonly apiKey?: string;
  /**
   * The app whose domains this integration manages.
   * @example 'nlcN0TwdZAyNEgdp'
   */
  readonly appId?: string;
  /**
   * API base URL for the client this integration creates (a simulator, a proxy).
   * @default 'https://api.serverpilot.io/v1'
   * @example { baseUrl: simulatorServer.url }
   */
  readonly baseUrl?: string;
  /**
   * A ready client (shares its retry and timeout settings); replaces `clientId`/`apiKey`/`baseUrl`.
   * @example { client: createServerPilotClient({ clientId, apiKey, timeoutMs: 10_000 }) }
   */
  readonly client?: IntegrationClient;
  /**
   * The SSL verifier `verifySsl` uses.
   * @default createSslVerifier({ hooks })
   * @example { verifier: createSslVerifier({ hooks, timeoutMs: 5_000 }) }
   */
  readonly verifier?: SslVerifier;
  /**
   * Filters and actions: `domains.beforeUpdate`, `domains.shouldAddWww`, `ssl.*`, `app.domainsUpdated`, `domain.stage`.
   * @default a new, empty registry (see `integration.hooks`)
   * @example { hooks } // with hooks.addFilter('ssl.retryDelayMs', 'my-panel', () => 60_000)
   */
  readonly hooks?: Hooks;
  /**
   * Which added names get a `www.` twin.
   * @default 'apex'
   * @example { www: 'never' } // the panel maps www names itself
   */
  readonly www?: WwwPolicy;
  /**
   * The most names the app may hold.
   * @default 300
   * @example { maxDomains: 100 }
   */
  readonly maxDomains?: number;
  /**
   * Names never removed (the network's main domain, say).
   * @example ['network.example.com']
   */
  readonly protect?: readonly string[];
  /**
   * After each change, turn AutoSSL on when ServerPilot says it is available and it is not on yet.
   * @default true
   * @example { autoSsl: false } // the panel installs its own certificates
   */
  readonly autoSsl?: boolean;
  /**
   * Set ForceSSL (HTTP to HTTPS redirects) to this once SSL is on, in its own call. Leave unset to not touch it.
   * @example true
   */
  readonly forceSsl?: boolean;
  /**
   * After each change that adds names, verify that each serves a valid certificate (DNS, then TLS).
   * With the default delays this can take a long time: use the `ssl.*` filters.
   * @default false
   * @example { verifySsl: true, verifier: createSslVerifier({ hooks, timeoutMs: 5_000 }) }
   */
  readonly verifySsl?: boolean;
  /**
   * A lock shared by several processes writing the same app; held for each read-plan-write-read-back.
   * @example { lock: { acquire: async (appId) => { await mutex.lock(appId); return () => mutex.unlock(appId); } } }
   */
  readonly lock?: DomainLock;
  /**
   * Writes per batch before giving up with `WriteConflict` while other writers keep undoing the change.
   * @default 5
   * @example { maxWriteAttempts: 10 }
   */
  readonly maxWriteAttempts?: number;
  /**
   * How to wait for ServerPilot actions (poll interval, timeout).
   * @default { intervalMs: 1_000, timeoutMs: 120_000 }
   * @example { actionWait: { intervalMs: 250 } }
   */
  readonly actionWait?: WaitOptions;
}

/** Options of one operation. */
export interface OperationOptions {
  /** Abort while waiting in the queue or verifying; a write already sent still completes. */
  readonly signal?: AbortSignal;
}

export interface SyncOptions extends OperationOptions {
  /**
   * Also remove every name not in `desired` (protected and unrecognized entries are kept).
   * Without it, `syncDomains` only adds.
   * @default false
   */
  readonly prune?: boolean;
}

/** What `plan()` can dry-run: a change, or a sync. */
export type PlanChange = DomainChange | { readonly sync: readonly string[]; readonly prune?: boolean };

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

const checkOptions = (
  options: IntegrationOptions,
): E.Either<SdkError, { client: IntegrationClient; appId: string; reconcile: ReconcileOptions }> => {
  const hasClient = options.client !== undefined;
  const checked = checkConfig({
    ...(hasClient ? {} : { clientId: { name: 'clientId', value: options.clientId } }),
    ...(hasClient ? {} : { apiKey: { name: 'apiKey', value: options.apiKey } }),
    appId: { name: 'appId', value: options.appId },
    ...(hasClient || options.baseUrl === undefined
      ? {}
      : { baseUrl: { name: 'baseUrl', value: options.baseUrl } }),
  });
  if (E.isLeft(checked)) return checked;
  const reconcile: ReconcileOptions = {
    ...(options.www === undefined ? {} : { www: options.www }),
    ...(options.maxDomains === undefined ? {} : { maxDomains: options.maxDomains }),
    ...(options.protect === undefined ? {} : { protect: options.protect }),
  };
  // The planner checks www, maxDomains and every protected name with its own messages.
  const probe = reconcileDomains([], {}, reconcile);
  if (E.isLeft(probe)) return probe;
  const attempts = options.maxWriteAttempts;
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1)) {
    return E.left(invalidOption('maxWriteAttempts', `${String(attempts)} is not a positive integer; pass 5`));
  }
  const { clientId, apiKey, appId, baseUrl } = checked.right;
  const client =
    options.client === undefined
      ? createClientFor({
          clientId: clientId ?? '',
          apiKey: apiKey ?? '',
          ...(baseUrl === undefined ? {} : { baseUrl }),
        })
      : E.right(options.client);
  return E.map((c: IntegrationClient) => ({ client: c, appId, reconcile }))(client);
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
    return E.map((s: { readonly lastaddress: string | null }) =>
      s.lastaddress === null ? [] : [s.lastaddress],
    )(server);
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
      const base: ChangeReport<SslVerification> = {
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
      };
      if (options.verifySsl !== true) return E.right(base);
      const withTwins = verifiableAdds(change, converged.app.domains, twinOf);
      if (withTwins.length === 0) return E.right({ ...base, ssl: [] });
      const own = counter(signal);
      const ips = await serverIps(converged.app.serverid, own.call);
      if (E.isLeft(ips)) return ips;
      const verified = await getVerifier().verifyMany(withTwins, {
        expectedIps: ips.right,
        ...(signal === undefined ? {} : { signal }),
      })();
      if (E.isLeft(verified)) return verified;
      return E.right({ ...base, ssl: verified.right, requests: requests + own.count() });
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
        const error = app.left;
        if (error._tag !== 'HttpError') return app;
        if (error.status === 401) {
          return E.left(
            configError(
              [],
              [
                {
                  name: 'clientId/apiKey',
                  reason:
                    'ServerPilot rejected the credentials (401): the Client ID and API key do not match; copy both from Account Settings > API',
                },
              ],
            ),
          );
        }
        if (error.status === 404) {
          // The credentials work (else 401): the app id is what is wrong. Name the apps that exist.
          const apps = await client.apps.list(call)();
          const known = E.isRight(apps)
            ? apps.right
                .slice(0, 10)
                .map((a) => `${a.name} (${a.id})`)
                .join(', ')
            : '';
          return E.left(
            configError(
              [],
              [
                {
                  name: 'appId',
                  reason: `the credentials work, but there is no app "${appId}" on this account${known === '' ? '' : `; its apps are: ${known}`}`,
                },
              ],
            ),
          );
        }
        return app;
      },
    idle: () => queue.idle(),
  };
  return E.right(integration);
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
