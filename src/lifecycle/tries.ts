/**
 * One try of each stage, as separate calls: the verifier's `verify` runs whole stages with their
 * waits, but a scheduled lifecycle needs exactly one DNS check or one probe per job.
 */
import type * as T from 'fp-ts/lib/Task.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import type { Hooks, SslProbe } from '../sdk-hooks.js';
import { checkDns, type DnsCheck, type DnsResolver, type SslVerifier } from '../ssl/index.js';

/** One DNS check against the expected addresses. */
export interface DnsTry {
  /** One DNS check of `domain` against `expectedIps`. */
  checkDns(
    domain: string,
    options: { readonly expectedIps: readonly string[]; readonly signal?: AbortSignal },
  ): T.Task<DnsCheck>;
}

/**
 * What the lifecycle needs from a verifier: `probe` (one TLS handshake), and optionally `checkDns`
 * (one DNS check with the verifier's own resolver). Any `SslVerifier` fits; one without
 * `checkDns` gets its DNS checks from the lifecycle's `resolver`.
 */
export type LifecycleVerifier = Pick<SslVerifier, 'probe'> & Partial<DnsTry>;

/** The parts of `ServerPilotIntegration` the lifecycle uses: any integration fits. */
export interface LifecycleIntegration {
  readonly appId: string;
  readonly hooks: Hooks;
  readonly client: {
    readonly apps: {
      /** Reads the app, for its `serverid`. */
      get(
        appId: string,
        options?: { readonly signal?: AbortSignal },
      ): TE.TaskEither<SdkError, { readonly serverid: string }>;
    };
    readonly servers: {
      /** Reads the server, for its `lastaddress`. */
      get(
        serverId: string,
        options?: { readonly signal?: AbortSignal },
      ): TE.TaskEither<SdkError, { readonly lastaddress: string | null }>;
    };
  };
  /** Turns AutoSSL on when it is available and off (the integration's `enableAutoSsl`). */
  enableAutoSsl(options?: {
    readonly signal?: AbortSignal;
  }): TE.TaskEither<SdkError, { readonly autoSsl: { readonly status: string; readonly error?: SdkError } }>;
}

/** The two tries, bound to a verifier and a resolver. */
export interface StageTries {
  dns(domain: string, expectedIps: readonly string[], signal: AbortSignal): Promise<DnsCheck>;
  probe(domain: string, signal: AbortSignal): Promise<SslProbe>;
}

/**
 * `resolver` is the lifecycle's own when one was given: it wins over the verifier's `checkDns`,
 * which is used otherwise (so a resolver set on the verifier is followed), then the system's.
 */
export const stageTries = (
  verifier: LifecycleVerifier,
  resolver: DnsResolver | undefined,
  fallback: () => DnsResolver,
  now: () => number,
): StageTries => ({
  dns: (domain, expectedIps, signal) =>
    resolver === undefined && verifier.checkDns !== undefined
      ? verifier.checkDns(domain, { expectedIps, signal })()
      : checkDns(domain, { resolver: resolver ?? fallback(), expectedIps, now, signal }),
  probe: (domain, signal) => verifier.probe(domain, { signal })(),
});
