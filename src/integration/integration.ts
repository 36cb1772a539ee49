/**
 * `createServerPilotIntegration`: the one import a panel needs. Every change to the app's domains
 * goes through one queue (coalesced read-plan-write), converges against other writers, then
 * turns AutoSSL on when ServerPilot allows it and, if asked, proves the certificate is served.
 *
 * This file only assembles: options are checked in `options.ts` and `backoff.ts`, the shared
 * context is built in `context.ts`, the queue's worker is `batch.ts`, and each operation is a
 * function of the context in `operations/`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  type AuditOptions,
  type AuditReport,
  auditApp,
  type DoctorOptions,
  type DoctorReport,
  doctorApp,
} from '../audit/index.js';
import type { ServerPilotClient } from '../client/client.js';
import { type SdkError, ServerPilotSdkError } from '../errors/index.js';
import { createDomainLifecycle, type DomainLifecycle } from '../lifecycle/index.js';
import type { Hooks } from '../sdk-hooks.js';
import { checkConvergence } from './backoff.js';
import { createBatchRunner, type MemberResult } from './batch.js';
import { changeOf, type QueuedChange, syncOf } from './changes.js';
import { createContext, type IntegrationContext } from './context.js';
import { submitChange } from './operations/change.js';
import { enableAutoSslOperation } from './operations/enable-auto-ssl.js';
import { listDomainsOperation } from './operations/list-domains.js';
import { planOperation } from './operations/plan.js';
import { testConnectionOperation } from './operations/test-connection.js';
import { verifySslOperation } from './operations/verify-ssl.js';
import {
  checkOptions,
  type IntegrationOptions,
  type OperationOptions,
  type PlanChange,
  type SyncOptions,
} from './options.js';
import type { IntegrationClient } from './ports.js';
import { createChangeQueue } from './queue.js';
import type {
  AutoSslOperationReport,
  ChangeReport,
  ConnectionReport,
  DomainListReport,
  PlanReport,
  VerifyReport,
} from './report.js';

/**
 * The integration. Every method returns a `TaskEither`; wrap in `unwrap()` for async/await.
 * `C` is the client's type: the real `ServerPilotClient` unless a narrower one was passed.
 */
export interface ServerPilotIntegration<C extends IntegrationClient = ServerPilotClient> {
  readonly appId: string;
  /** The hook registry in use (the one passed, or a new one). */
  readonly hooks: Hooks;
  /** The client in use (the one passed, or the one made from the credentials). */
  readonly client: C;
  /** Add one name (and its www twin, by the policy). */
  addDomain(domain: string, options?: OperationOptions): TE.TaskEither<SdkError, ChangeReport>;
  /** Add several names (and their www twins) in one read-plan-write. */
  addDomains(domains: readonly string[], options?: OperationOptions): TE.TaskEither<SdkError, ChangeReport>;
  /** Remove one name (and its www twin when the policy would have added it). Never removes protected names. */
  removeDomain(domain: string, options?: OperationOptions): TE.TaskEither<SdkError, ChangeReport>;
  /** Remove several names (and their www twins) in one read-plan-write; never removes protected names. */
  removeDomains(
    domains: readonly string[],
    options?: OperationOptions,
  ): TE.TaskEither<SdkError, ChangeReport>;
  /** Make the app hold `desired`: adds only, unless `prune`. */
  syncDomains(desired: readonly string[], options?: SyncOptions): TE.TaskEither<SdkError, ChangeReport>;
  /** Dry run: read the app and plan the change; writes nothing. */
  plan(change: PlanChange, options?: OperationOptions): TE.TaskEither<SdkError, PlanReport>;
  /** The app's domain list as the server holds it, and the names this library could not parse. */
  listDomains(options?: OperationOptions): TE.TaskEither<SdkError, DomainListReport>;
  /** Enable AutoSSL if available and not on (and ForceSSL if configured). */
  enableAutoSsl(options?: OperationOptions): TE.TaskEither<SdkError, AutoSslOperationReport>;
  /** Verify one name serves a valid certificate, expecting DNS to point at the app's server. */
  verifySsl(domain: string, options?: OperationOptions): TE.TaskEither<SdkError, VerifyReport>;
  /** Check credentials and app id; a `ConfigError` says which one is wrong. */
  testConnection(options?: OperationOptions): TE.TaskEither<SdkError, ConnectionReport>;
  /** Resolves once every queued change has been applied. */
  idle(): Promise<void>;
  /** One graded row per domain: DNS, AutoSSL coverage, the certificate served and its days left. Reads only. */
  audit(options?: AuditOptions): TE.TaskEither<SdkError, AuditReport>;
  /** The troubleshooting checks for the app and, if given, one domain; each ok or what to do. Reads only. */
  doctor(domain?: string, options?: DoctorOptions): TE.TaskEither<SdkError, DoctorReport>;
  /** The lifecycle tracking added names, when the `lifecycle` option is set. */
  readonly lifecycle?: DomainLifecycle;
}

/** Build every operation over one context and one queue. */
const assemble = <C extends IntegrationClient>(
  ctx: IntegrationContext,
  client: C,
): ServerPilotIntegration<C> => {
  const queue = createChangeQueue<QueuedChange, MemberResult>(createBatchRunner(ctx));
  let lifecycle: DomainLifecycle | undefined;
  const submit = submitChange(ctx, queue, () => lifecycle);
  const { reconcile, options } = ctx;
  const integration: ServerPilotIntegration<C> = {
    appId: ctx.appId,
    hooks: ctx.hooks,
    client,
    addDomain: (domain, opts = {}) => submit(changeOf([domain], [], reconcile), opts.signal),
    addDomains: (domains, opts = {}) => submit(changeOf(domains, [], reconcile), opts.signal),
    removeDomain: (domain, opts = {}) => submit(changeOf([], [domain], reconcile), opts.signal),
    removeDomains: (domains, opts = {}) => submit(changeOf([], domains, reconcile), opts.signal),
    syncDomains: (desired, opts = {}) => submit(syncOf(desired, opts.prune === true, reconcile), opts.signal),
    plan: planOperation(ctx),
    listDomains: listDomainsOperation(ctx),
    enableAutoSsl: enableAutoSslOperation(ctx),
    verifySsl: verifySslOperation(ctx),
    testConnection: testConnectionOperation(ctx),
    idle: () => queue.idle(),
    audit: (opts = {}) =>
      auditApp(integration, ctx.verifier(), { expectedIps: options.expectedIps ?? [], ...opts }),
    doctor: (domain, opts = {}) =>
      doctorApp(integration, ctx.verifier(), domain, { expectedIps: options.expectedIps ?? [], ...opts }),
  };
  if (options.lifecycle === undefined) return integration;
  // Made after the integration it reads through; changes reach it through `submit`'s getter.
  lifecycle = createDomainLifecycle({
    integration,
    ...(options.lifecycle === 'memory' ? {} : { scheduler: options.lifecycle }),
    ...(options.verifier === undefined ? {} : { verifier: options.verifier }),
    ...(options.expectedIps === undefined ? {} : { expectedIps: options.expectedIps }),
    ...(options.autoSsl === undefined ? {} : { autoSsl: options.autoSsl }),
  });
  return Object.assign(integration, { lifecycle });
};

/**
 * {@link createServerPilotIntegration} that returns a `ConfigError`/`InvalidOption` instead of throwing.
 */
export const tryCreateServerPilotIntegration = <C extends IntegrationClient = ServerPilotClient>(
  options: IntegrationOptions & { readonly client?: C },
): E.Either<SdkError, ServerPilotIntegration<C>> => {
  // Plain JavaScript callers may pass nothing at all: that is a ConfigError, not a TypeError.
  const given: IntegrationOptions = options ?? {};
  return pipe(
    E.Do,
    E.apS('checked', checkOptions(given)),
    E.apS('convergence', checkConvergence(given)),
    E.flatMap(({ checked, convergence }) =>
      // Making the lifecycle can still throw (a scheduler that already serves another one).
      E.tryCatch(
        () => {
          const ctx = createContext(given, checked, convergence);
          // The client is the one passed (a `C`) or, with none passed, a real one: the default `C`.
          return assemble(ctx, ctx.client as C);
        },
        (thrown): SdkError => {
          if (thrown instanceof ServerPilotSdkError) return thrown.error;
          throw thrown;
        },
      ),
    ),
  );
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
export const createServerPilotIntegration = <C extends IntegrationClient = ServerPilotClient>(
  options: IntegrationOptions & { readonly client?: C },
): ServerPilotIntegration<C> => {
  const created = tryCreateServerPilotIntegration(options);
  if (E.isLeft(created)) throw new ServerPilotSdkError(created.left);
  return created.right;
};
