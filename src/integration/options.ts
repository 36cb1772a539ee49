/** The options of the integration and of its operations, and their validation. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { tryCreateServerPilotClient } from '../client/client.js';
import { validateTimeout } from '../client/options.js';
import { type DomainChange, type ReconcileOptions, reconcileDomains } from '../domains/reconcile.js';
import type { WwwPolicy } from '../domains/www.js';
import { configError, type SdkError } from '../errors/index.js';
import { count, durationMs, flag, ipList, matching, optional, struct } from '../internal/validate.js';
import type { LifecycleScheduler } from '../lifecycle/index.js';
import type { Hooks } from '../sdk-hooks.js';
import type { SslVerifier } from '../ssl/verifier.js';
import type { ConvergenceOptions } from './backoff.js';
import { checkConfig } from './config.js';
import type { DomainLock } from './lock.js';
import type { IntegrationClient } from './ports.js';
import type { WaitOptions } from './wait.js';

/** Options of {@link createServerPilotIntegration}. */
export interface IntegrationOptions extends ConvergenceOptions {
  /**
   * ServerPilot API Client ID. Not needed when `client` is passed.
   * @default none: required unless `client` is passed
   * @example process.env.SERVERPILOT_CLIENT_ID
   */
  readonly clientId?: string;
  /**
   * ServerPilot API key. Not needed when `client` is passed. Never printed.
   * @default none: required unless `client` is passed
   * @example process.env.SERVERPILOT_API_KEY
   */
  readonly apiKey?: string;
  /**
   * The app whose domains this integration manages.
   * @default none: required
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
   * @default a client made from `clientId`, `apiKey` and `baseUrl`
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
   * @default []
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
   * @default none: ForceSSL is left as it is
   * @example { forceSsl: true }
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
   * A lock whose `acquire` throws fails the change with `LockError` (or the `SdkError` it threw).
   * @default none: changes are serialized within this process only
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
   * @default { intervalMs: 2_000, timeoutMs: 180_000 }
   * @example { actionWait: { intervalMs: 250 } }
   */
  readonly actionWait?: WaitOptions;
  /**
   * More addresses that count as "the server" for SSL verification, besides the server's
   * `lastaddress` (ServerPilot reports one IPv4): its IPv6 address, or a proxy in front of it.
   * @default []
   * @example { expectedIps: ['2001:db8::7'] }
   */
  readonly expectedIps?: readonly string[];
  /**
   * Track the SSL stages of every name a change adds (and its www twin) once the write holds, as
   * scheduled tries: `'memory'` (in-process timers, state lost on exit) or a scheduler such as
   * `createBullMqScheduler` from `serverpilot-domains/redis`. Reports list the statuses in `tracked`;
   * names a change removes are untracked; `integration.lifecycle` reads them. Call
   * `integration.lifecycle.close()` on shutdown.
   * @default none: names are not tracked
   * @example { lifecycle: 'memory' }
   * @example { lifecycle: createBullMqScheduler({ connection: { host: '127.0.0.1', port: 6379 }, worker: false }) }
   */
  readonly lifecycle?: 'memory' | LifecycleScheduler;
}

/** Options of one operation. */
export interface OperationOptions {
  /**
   * Abort the operation: a change stops wherever it is (waiting in the queue or for the lock,
   * reading, between attempts, waiting for the action) with `AbortedError`, and nothing more is
   * written for it. A write already on the wire is not cut: the error then says it may have landed.
   * @default none: the operation runs to its end
   * @example { signal: AbortSignal.timeout(30_000) }
   */
  readonly signal?: AbortSignal;
}

export interface SyncOptions extends OperationOptions {
  /**
   * Also remove every name not in `desired` (protected and unrecognized entries are kept).
   * Without it, `syncDomains` only adds.
   * @default false
   * @example sp.syncDomains(panelDomains, { prune: true })
   */
  readonly prune?: boolean;
}

/** What `plan()` can dry-run: a change, or a sync. */
export type PlanChange = DomainChange | { readonly sync: readonly string[]; readonly prune?: boolean };

/**
 * The integration's own options, checked before any request. The action wait is used after the
 * write: a bad value found then would fail a change already made. Booleans from config files and
 * environments arrive as strings: `'false'` must not mean true.
 */
const checkOwnOptions = struct(
  {
    autoSsl: optional(flag),
    forceSsl: optional(flag),
    verifySsl: optional(flag),
    actionWait: optional(
      struct(
        {
          intervalMs: optional(durationMs({ min: 0, example: 2_000 })),
          timeoutMs: optional(validateTimeout),
        },
        '{ intervalMs: 2000, timeoutMs: 180000 }',
      ),
    ),
    expectedIps: optional(ipList),
    maxWriteAttempts: optional(count({ min: 1, example: 5 })),
    maxDomains: optional(count({ min: 1, example: 300 })),
    lifecycle: optional(
      matching<'memory' | LifecycleScheduler>(
        "'memory' or a scheduler",
        (v) => v === 'memory' || typeof (v as Partial<LifecycleScheduler> | null)?.schedule === 'function',
        'one such as createBullMqScheduler({ connection }), or the string "memory"',
      ),
    ),
  },
  '{ clientId, apiKey, appId }',
);

/**
 * The API key passed as the app id would be sent in every URL and printed in every error that
 * names the app: refuse it before anything else looks at (and might echo) the value.
 */
const keyPassedAsAppId = (options: IntegrationOptions): E.Either<SdkError, void> => {
  const { appId, apiKey } = options as { appId?: unknown; apiKey?: unknown };
  return typeof appId === 'string' &&
    typeof apiKey === 'string' &&
    appId.trim() !== '' &&
    appId.trim() === apiKey.trim()
    ? E.left(
        configError(
          [],
          [
            {
              name: 'appId',
              reason:
                'is the API key; pass the app\'s id, shown in the app\'s URL in the ServerPilot dashboard (such as "nlcN0TwdZAyNEgdp")',
            },
          ],
        ),
      )
    : E.right(undefined);
};

/** Check every option before any request; build the client when credentials were given. */
export const checkOptions = (
  options: IntegrationOptions,
): E.Either<SdkError, { client: IntegrationClient; appId: string; reconcile: ReconcileOptions }> => {
  const hasClient = options.client !== undefined;
  const keyAsAppId = keyPassedAsAppId(options);
  if (E.isLeft(keyAsAppId)) return keyAsAppId;
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
  const own = checkOwnOptions('', options);
  if (E.isLeft(own)) return own;
  // The planner checks www and every protected name with its own messages.
  const probe = reconcileDomains([], {}, reconcile);
  if (E.isLeft(probe)) return probe;
  const { clientId, apiKey, appId, baseUrl } = checked.right;
  const client =
    options.client === undefined
      ? tryCreateServerPilotClient({
          clientId: clientId ?? '',
          apiKey: apiKey ?? '',
          ...(baseUrl === undefined ? {} : { baseUrl }),
        })
      : E.right(options.client);
  return pipe(
    client,
    E.map((c: IntegrationClient) => ({ client: c, appId, reconcile })),
  );
};
