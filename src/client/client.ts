/**
 * `createServerPilotClient`: the typed client for the whole ServerPilot v1 API.
 *
 * The API key lives only inside the transport's closure (as the Authorization header): the
 * client object has no property holding it, and its `toJSON` and `util.inspect` show a redacted
 * summary instead of the ky instance.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidOption, type SdkError, ServerPilotSdkError } from '../errors/index.js';
import { realSleep } from '../internal/sleep.js';
import { type ActionsResource, createActionsResource } from './actions.js';
import { type AppsResource, createAppsResource } from './apps.js';
import { createDbsResource, type DbsResource } from './dbs.js';
import {
  CLIENT_DEFAULTS,
  type ClientOptions,
  DEFAULT_BASE_URL,
  resolveRetry,
  validateBaseUrl,
  validateByteLimit,
  validateCredential,
  validateTimeout,
  validateTransport,
} from './options.js';
import { createServersResource, type ServersResource } from './servers.js';
import { createSshKeysResource, type SshKeysResource } from './sshkeys.js';
import { createSslResource, type SslResource } from './ssl.js';
import { createSysusersResource, type SysusersResource } from './sysusers.js';
import { createTransport } from './transport.js';

/** Counters of one client. */
export interface ClientStats {
  /** Total HTTP attempts made by this client, retries included. */
  readonly requests: number;
}

/** What `JSON.stringify` and `util.inspect` show of a client: never the API key. */
export interface ClientSummary {
  readonly clientId: string;
  readonly apiKey: '[REDACTED]';
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** The typed ServerPilot v1 client. Every method returns a lazy `TaskEither<SdkError, A>`. */
export interface ServerPilotClient {
  readonly apps: AppsResource;
  readonly ssl: SslResource;
  readonly actions: ActionsResource;
  readonly servers: ServersResource;
  readonly sysusers: SysusersResource;
  readonly dbs: DbsResource;
  readonly sshkeys: SshKeysResource;
  readonly stats: ClientStats;
  readonly clientId: string;
  readonly baseUrl: string;
  /** What `JSON.stringify(client)` shows: the client id and base URL, never the API key. */
  toJSON(): ClientSummary;
  /** What `util.inspect(client)` and `console.log(client)` show: the same redacted summary. */
  [inspectSymbol](): ClientSummary;
}

/**
 * Like {@link createServerPilotClient}, but an invalid option is a `Left` instead of a throw.
 *
 * @example
 * const client = tryCreateServerPilotClient({ clientId, apiKey }); // Either<SdkError, ServerPilotClient>
 */
export const tryCreateServerPilotClient = (options: ClientOptions): E.Either<SdkError, ServerPilotClient> => {
  if (typeof options !== 'object' || options === null) {
    return E.left(
      invalidOption(
        'options',
        'pass { clientId, apiKey }, for example from SERVERPILOT_CLIENT_ID and SERVERPILOT_API_KEY',
      ),
    );
  }
  const clientId = validateCredential('clientId', options.clientId);
  if (E.isLeft(clientId)) return clientId;
  const apiKey = validateCredential('apiKey', options.apiKey);
  if (E.isLeft(apiKey)) return apiKey;
  const baseUrl = validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  if (E.isLeft(baseUrl)) return baseUrl;
  const timeoutMs = validateTimeout('timeoutMs', options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs);
  if (E.isLeft(timeoutMs)) return timeoutMs;
  const maxResponseBytes = validateByteLimit(
    'maxResponseBytes',
    options.maxResponseBytes ?? CLIENT_DEFAULTS.maxResponseBytes,
  );
  if (E.isLeft(maxResponseBytes)) return maxResponseBytes;
  const retry = resolveRetry(
    'retry',
    {
      limit: CLIENT_DEFAULTS.retryLimit,
      baseDelayMs: CLIENT_DEFAULTS.retryBaseDelayMs,
      maxDelayMs: CLIENT_DEFAULTS.retryMaxDelayMs,
    },
    options.retry,
  );
  if (E.isLeft(retry)) return retry;
  const transportName = validateTransport(options.transport, options.fetch !== undefined);
  if (E.isLeft(transportName)) return transportName;

  const transport = createTransport({
    baseUrl: baseUrl.right,
    clientId: clientId.right,
    apiKey: apiKey.right,
    timeoutMs: timeoutMs.right,
    maxResponseBytes: maxResponseBytes.right,
    retry: retry.right,
    transport: transportName.right,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
    sleep: options.sleep ?? realSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  });

  const summary = (): ClientSummary => ({
    clientId: clientId.right,
    apiKey: '[REDACTED]',
    baseUrl: baseUrl.right,
    timeoutMs: timeoutMs.right,
  });
  const stats: ClientStats = Object.freeze({
    get requests() {
      return transport.requests();
    },
  });

  return E.right(
    Object.freeze({
      apps: createAppsResource(transport),
      ssl: createSslResource(transport),
      actions: createActionsResource(transport),
      servers: createServersResource(transport),
      sysusers: createSysusersResource(transport),
      dbs: createDbsResource(transport),
      sshkeys: createSshKeysResource(transport),
      stats,
      clientId: clientId.right,
      baseUrl: baseUrl.right,
      toJSON: summary,
      [inspectSymbol]: summary,
    }),
  );
};

/**
 * Create a ServerPilot v1 client. Throws a `ServerPilotSdkError` (tag `InvalidOption`) for an
 * option it cannot use, before any request: a programming error, not a runtime condition. Use
 * {@link tryCreateServerPilotClient} to get it as a value instead.
 *
 * @example
 * const client = createServerPilotClient({
 *   clientId: process.env.SERVERPILOT_CLIENT_ID ?? '',
 *   apiKey: process.env.SERVERPILOT_API_KEY ?? '',
 * });
 * const app = await unwrap(client.apps.get('nlcN0TwdZAyNEgdp'));
 */
export const createServerPilotClient = (options: ClientOptions): ServerPilotClient => {
  const client = tryCreateServerPilotClient(options);
  if (E.isLeft(client)) throw new ServerPilotSdkError(client.left);
  return client.right;
};
