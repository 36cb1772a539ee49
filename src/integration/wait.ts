/**
 * Waiting for a ServerPilot action, polling through `actions.get` so each poll passes the
 * operation's `onRequest` and is counted in that operation's report.
 */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { abortedError, type SdkError } from '../errors.js';
import type { ActionView, CallOptions, IntegrationClient } from './ports.js';

export interface WaitOptions {
  /**
   * Time between polls of an open action.
   * @default 1_000
   */
  readonly intervalMs?: number;
  /**
   * Give up (`ActionTimeout`) after this long.
   * @default 120_000
   */
  readonly timeoutMs?: number;
  /** How to wait between polls; tests pass a fake. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How to tell the time; tests pass a fake. */
  readonly now?: () => number;
}

export const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Poll until the action leaves `open`: `success` is Right, `error` is `ActionFailed`, too long is `ActionTimeout`. */
export const waitForAction =
  (
    client: IntegrationClient,
    actionId: string,
    options: WaitOptions,
    call: CallOptions,
  ): TE.TaskEither<SdkError, ActionView> =>
  async () => {
    const interval = options.intervalMs ?? 1_000;
    const timeout = options.timeoutMs ?? 120_000;
    const sleep = options.sleep ?? defaultSleep;
    const now = options.now ?? Date.now;
    const started = now();
    for (;;) {
      if (call.signal?.aborted === true)
        return { _tag: 'Left', left: abortedError('while waiting for an action') };
      const result = await client.actions.get(actionId, call)();
      if (result._tag === 'Left') return result;
      const action = result.right;
      if (action.status === 'success') return result;
      if (action.status === 'error') return { _tag: 'Left', left: { _tag: 'ActionFailed', actionId } };
      if (now() - started >= timeout) {
        return { _tag: 'Left', left: { _tag: 'ActionTimeout', actionId, timeoutMs: timeout } };
      }
      await sleep(interval, call.signal);
    }
  };
