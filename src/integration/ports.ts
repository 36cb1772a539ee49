/**
 * The narrow part of the client the integration uses. The real `ServerPilotClient` satisfies it
 * structurally; tests may pass a fake.
 */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Mutation } from '../client/codecs.js';
import type { SdkError } from '../errors/index.js';

/** Per-call request options the integration passes (a subset of the client's `RequestOptions`). */
export interface CallOptions {
  /**
   * Aborts the request.
   * @default none
   * @example { signal: AbortSignal.timeout(30_000) }
   */
  readonly signal?: AbortSignal;
  /**
   * Called before every HTTP attempt (the integration counts requests for its reports).
   * @default none
   * @example { onRequest: ({ method, url, attempt }) => log(method, url, attempt) }
   */
  readonly onRequest?: (info: { method: string; url: string; attempt: number }) => void;
}

/** The fields of an app the integration reads. */
export interface AppView {
  readonly id: string;
  readonly name: string;
  readonly serverid: string;
  readonly domains: readonly string[];
  readonly ssl: { readonly auto: boolean; readonly force: boolean } | null;
  readonly autossl?: { readonly available: boolean; readonly domains?: readonly string[] };
}

/** The fields of an action the integration reads: its id and status. */
export interface ActionView {
  readonly id: string;
  readonly status: 'open' | 'success' | 'error';
}

/** The client methods the integration calls. */
export interface IntegrationClient {
  readonly apps: {
    /** `GET /apps/:id`: the app with its domains, SSL and `autossl`. */
    get(appId: string, options?: CallOptions): TE.TaskEither<SdkError, AppView>;
    /** `GET /apps`: every app of the account (to find a domain on another app). */
    list(options?: CallOptions): TE.TaskEither<SdkError, readonly AppView[]>;
    /** `POST /apps/:id` with the whole domain list. */
    update(
      appId: string,
      input: { readonly domains: readonly string[] },
      options?: CallOptions,
    ): TE.TaskEither<SdkError, Mutation<unknown>>;
  };
  readonly ssl: {
    /** `POST /apps/:id/ssl {"auto": true}`: turns AutoSSL on. */
    enableAuto(appId: string, options?: CallOptions): TE.TaskEither<SdkError, Mutation<unknown>>;
    /** `POST /apps/:id/ssl {"force": …}`: turns ForceSSL on or off. */
    setForce(
      appId: string,
      force: boolean,
      options?: CallOptions,
    ): TE.TaskEither<SdkError, Mutation<unknown>>;
  };
  readonly actions: {
    /** Polls `GET /actions/:id` until the action settles. */
    waitFor(
      actionId: string,
      options?: CallOptions & { readonly intervalMs?: number; readonly timeoutMs?: number },
    ): TE.TaskEither<SdkError, ActionView>;
  };
  readonly servers: {
    /** `GET /servers/:id`, for the server's `lastaddress`. */
    get(
      serverId: string,
      options?: CallOptions,
    ): TE.TaskEither<SdkError, { readonly lastaddress: string | null }>;
  };
}
