/**
 * Waiting for a ServerPilot action through the client's `actions.waitFor`, passing the
 * operation's `onRequest` so every poll is counted in that operation's report.
 */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import type { ActionView, CallOptions, IntegrationClient } from './ports.js';

/** How the integration waits for the action a domain write started. */
export interface WaitOptions {
  /**
   * Time between polls of an open action.
   * @default 2_000
   * @example { intervalMs: 500 }
   */
  readonly intervalMs?: number;
  /**
   * Give up (`ActionTimeout`) after this long.
   * @default 180_000
   * @example { timeoutMs: 600_000 } // a slow server
   */
  readonly timeoutMs?: number;
}

/** `success` is Right; `error` is `ActionFailed`; still open after the timeout is `ActionTimeout`. */
export const waitForAction = (
  client: IntegrationClient,
  actionId: string,
  options: WaitOptions,
  call: CallOptions,
): TE.TaskEither<SdkError, ActionView> =>
  client.actions.waitFor(actionId, {
    ...call,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
