/**
 * What the tries need from ServerPilot: the server's address (DNS must point at it) and AutoSSL
 * turned on. Both are per app, not per name, so a thousand names passing DNS together make one
 * lookup and one AutoSSL call, not a thousand; answers are kept for a minute.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SdkError } from '../errors/index.js';
import type { LifecycleIntegration } from './tries.js';

const KEEP_MS = 60_000;

export interface AppFacts {
  /** The server's `lastaddress` plus the configured extra addresses. */
  expectedIps(): Promise<E.Either<SdkError, readonly string[]>>;
  /**
   * Turn AutoSSL on if available and not on; a Left, or `unavailable` (ServerPilot often sets
   * `autossl.available` only some time after DNS passes), means it must be tried again.
   */
  enableAutoSsl(): Promise<E.Either<SdkError, string>>;
}

/** Share one call among concurrent callers, and keep a good answer for `KEEP_MS`. */
const shared = <A>(
  now: () => number,
  call: () => Promise<E.Either<SdkError, A>>,
  keep: (a: A) => boolean,
): (() => Promise<E.Either<SdkError, A>>) => {
  let inFlight: Promise<E.Either<SdkError, A>> | undefined;
  let kept: { value: A; until: number } | undefined;
  return () => {
    if (kept !== undefined && now() < kept.until) return Promise.resolve(E.right(kept.value));
    inFlight ??= call().then((result) => {
      inFlight = undefined;
      if (E.isRight(result) && keep(result.right)) kept = { value: result.right, until: now() + KEEP_MS };
      return result;
    });
    return inFlight;
  };
};

export const appFacts = (
  integration: LifecycleIntegration,
  extraIps: readonly string[],
  now: () => number,
): AppFacts => {
  // Not tied to one try's signal: the call is shared by every try waiting for it.
  const ips = shared(
    now,
    async (): Promise<E.Either<SdkError, readonly string[]>> => {
      const app = await integration.client.apps.get(integration.appId)();
      if (E.isLeft(app)) return app;
      const server = await integration.client.servers.get(app.right.serverid)();
      if (E.isLeft(server)) return server;
      const own = server.right.lastaddress;
      return E.right([...new Set([...(own === null ? [] : [own]), ...extraIps])]);
    },
    () => true,
  );
  const autoSsl = shared(
    now,
    async (): Promise<E.Either<SdkError, string>> => {
      const report = await integration.enableAutoSsl()();
      if (E.isLeft(report)) return report;
      const { status, error } = report.right.autoSsl;
      // `failed`: the enable call itself failed (the change before it holds): try again later.
      return status === 'failed' && error !== undefined ? E.left(error) : E.right(status);
    },
    (status) => status === 'enabled' || status === 'already-on',
  );
  return { expectedIps: ips, enableAutoSsl: autoSsl };
};
