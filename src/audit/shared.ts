/** What audit and doctor share: request counting and the server's addresses. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SdkError } from '../errors/index.js';
import type { AuditIntegration } from './types.js';

/** Per-call options for the integration's client, counting every request made. */
export interface Counted {
  readonly call: {
    readonly signal?: AbortSignal;
    readonly onRequest: () => void;
  };
  readonly count: () => number;
}

export const counted = (signal: AbortSignal | undefined): Counted => {
  let n = 0;
  const onRequest = (): void => {
    n++;
  };
  return { call: signal === undefined ? { onRequest } : { onRequest, signal }, count: () => n };
};

/** The addresses DNS must point at: the server's `lastaddress` (when known) and the extra ones. */
export const serverAddresses = async (
  integration: AuditIntegration,
  serverId: string,
  extra: readonly string[],
  call: Counted['call'],
): Promise<E.Either<SdkError, readonly string[]>> => {
  const server = await integration.client.servers.get(serverId, call)();
  return pipe(
    server,
    E.map((s) => [...new Set([...(s.lastaddress === null ? [] : [s.lastaddress]), ...extra])]),
  );
};
