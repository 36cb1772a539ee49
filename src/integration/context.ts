/**
 * What every operation of one integration shares, built once from its checked options, and the
 * one helper the read operations are written over: count the requests, read the app, go on.
 * A new operation (the lifecycle's tracking, audit, doctor) is a function of this context.
 */
import { pipe } from 'fp-ts/lib/function.js';
import type * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ReconcileOptions } from '../domains/reconcile.js';
import type { SdkError } from '../errors/index.js';
import { createHooks, type Hooks } from '../sdk-hooks.js';
import { createSslVerifier, type SslVerifier } from '../ssl/verifier.js';
import { type AutoSslOutcome, applyAutoSsl } from './autossl.js';
import type { Convergence } from './backoff.js';
import { type TwinOf, twinResolver } from './changes.js';
import type { IntegrationOptions } from './options.js';
import type { AppView, CallOptions, IntegrationClient } from './ports.js';
import type { WaitOptions } from './wait.js';

export interface IntegrationContext {
  readonly appId: string;
  readonly client: IntegrationClient;
  readonly hooks: Hooks;
  /** Planning options, with the hooks. */
  readonly reconcile: ReconcileOptions;
  readonly twinOf: TwinOf;
  readonly wait: WaitOptions;
  readonly maxWriteAttempts: number;
  readonly convergence: Convergence;
  /** The options as passed (checked): flags, `lock`, `forceSsl`, `expectedIps`. */
  readonly options: IntegrationOptions;
  /** The verifier passed, or one made on first use. */
  readonly verifier: () => SslVerifier;
  // Plug-in point: the `lifecycle` option (src/lifecycle/) becomes one more field here, built once
  // in `createContext`; `operations/change.ts` hands it the names each change added.
}

export const createContext = (
  options: IntegrationOptions,
  checked: {
    readonly client: IntegrationClient;
    readonly appId: string;
    readonly reconcile: ReconcileOptions;
  },
  convergence: Convergence,
): IntegrationContext => {
  const hooks = options.hooks ?? createHooks();
  const reconcile: ReconcileOptions = { ...checked.reconcile, hooks };
  let verifier = options.verifier;
  return {
    appId: checked.appId,
    client: checked.client,
    hooks,
    reconcile,
    twinOf: twinResolver(reconcile),
    wait: options.actionWait ?? {},
    maxWriteAttempts: options.maxWriteAttempts ?? 5,
    convergence,
    options,
    verifier: () => {
      verifier ??= createSslVerifier({ hooks });
      return verifier;
    },
  };
};

/** Request options that count one operation's requests (retries and polls included). */
export interface Counted {
  readonly call: CallOptions;
  readonly onRequest: NonNullable<CallOptions['onRequest']>;
  readonly requests: () => number;
}

export const countRequests = (signal?: AbortSignal): Counted => {
  let n = 0;
  const onRequest = (): void => {
    n++;
  };
  return {
    call: signal === undefined ? { onRequest } : { onRequest, signal },
    onRequest,
    requests: () => n,
  };
};

/** AutoSSL (and ForceSSL, when asked) on the app as read, with the operation's request options. */
export const autoSslOn = (
  ctx: IntegrationContext,
  call: CallOptions,
  app: AppView,
): T.Task<AutoSslOutcome> => {
  const { forceSsl } = ctx.options;
  return applyAutoSsl(
    {
      client: ctx.client,
      appId: ctx.appId,
      call,
      wait: ctx.wait,
      ...(forceSsl === undefined ? {} : { forceSsl }),
    },
    app,
  );
};

/** Read the app, then go on with it: the first step of every operation that is not a change. */
export const withApp =
  <A>(
    ctx: IntegrationContext,
    signal: AbortSignal | undefined,
    next: (app: AppView, counted: Counted) => TE.TaskEither<SdkError, A>,
  ): TE.TaskEither<SdkError, A> =>
  () => {
    // A counter per run, so running the same TaskEither twice counts each run alone.
    const counted = countRequests(signal);
    return pipe(
      ctx.client.apps.get(ctx.appId, counted.call),
      TE.flatMap((app) => next(app, counted)),
    )();
  };

/** The addresses that count as the app's server: its `lastaddress` and the `expectedIps` option. */
export const serverIps = (
  ctx: IntegrationContext,
  serverId: string,
  call: CallOptions,
): TE.TaskEither<SdkError, readonly string[]> =>
  pipe(
    ctx.client.servers.get(serverId, call),
    TE.map((s) => [
      ...new Set([...(s.lastaddress === null ? [] : [s.lastaddress]), ...(ctx.options.expectedIps ?? [])]),
    ]),
  );
