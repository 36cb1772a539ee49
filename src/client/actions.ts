/** `/actions/:id`, and `waitFor`: poll an action until the server has applied it. */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { abortedError, actionFailed, actionTimeout, callbackError, type SdkError } from '../errors/index.js';
import { sleepUnlessAborted } from '../internal/sleep.js';
import { durationMs, optional, struct, withDefault } from '../internal/validate.js';
import { type Action, ActionCodec } from './codecs.js';
import { type RequestOptions, validateTimeout } from './options.js';
import { getById } from './resource.js';
import type { Transport } from './transport.js';

/** Defaults of {@link WaitForOptions}. */
export const WAIT_DEFAULTS = { intervalMs: 2_000, timeoutMs: 180_000 } as const;

/** How `actions.waitFor` polls: interval, total wait, per-poll time limit and a callback per poll. */
export interface WaitForOptions extends Omit<RequestOptions, 'timeoutMs'> {
  /**
   * Wait between polls, in milliseconds.
   * @default 2000
   * @example { intervalMs: 5_000 }
   */
  readonly intervalMs?: number | undefined;
  /**
   * The whole wait, in milliseconds; still `open` after it is an `ActionTimeout`.
   * @default 180000
   * @example { timeoutMs: 600_000 }
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Time limit of each poll request.
   * @default the client's `timeoutMs`
   * @example { requestTimeoutMs: 10_000 }
   */
  readonly requestTimeoutMs?: number | undefined;
  /**
   * Called with every polled state, `open` ones included. One that throws ends the wait with a
   * `CallbackError` (`waitFor.onPoll`).
   * @default none
   * @example { onPoll: (action) => console.log(action.status) }
   */
  readonly onPoll?: ((action: Action) => void) | undefined;
}

/** `client.actions`: read an action, or poll it until it settles. */
export interface ActionsResource {
  /** `GET /actions/:id`. */
  readonly get: (actionId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Action>;
  /**
   * Poll `GET /actions/:id` until `success` (Right) or `error` (Left `ActionFailed`). Still open
   * after `timeoutMs` is `ActionTimeout`; the signal firing is `AbortedError`.
   */
  readonly waitFor: (actionId: string, options?: WaitForOptions) => TE.TaskEither<SdkError, Action>;
}

/** The poll's own waits; each poll request's options are checked like any call's. */
const checkWaitOptions = struct(
  {
    intervalMs: withDefault(durationMs({ min: 0, example: 2_000 }), WAIT_DEFAULTS.intervalMs),
    timeoutMs: withDefault(validateTimeout, WAIT_DEFAULTS.timeoutMs),
    // Checked here too, so a bad value is named as passed rather than as the poll's `timeoutMs`.
    requestTimeoutMs: optional(validateTimeout),
  },
  '{ intervalMs: 2000, timeoutMs: 180000 }',
);

export const createActionsResource = (transport: Transport): ActionsResource => {
  const get: ActionsResource['get'] = getById(transport, 'actionId', (id) => `actions/${id}`, ActionCodec);

  const waitFor: ActionsResource['waitFor'] =
    (actionId, options = {}) =>
    async () => {
      const checked = checkWaitOptions('', options);
      if (E.isLeft(checked)) return checked;
      const { intervalMs, timeoutMs } = checked.right;
      const { signal } = options;
      const pollOptions: RequestOptions = {
        ...(signal === undefined ? {} : { signal }),
        ...(options.retry === undefined ? {} : { retry: options.retry }),
        ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
        ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
      };
      const started = transport.now();
      for (;;) {
        const polled = await get(actionId, pollOptions)();
        if (E.isLeft(polled)) return polled;
        const action = polled.right;
        try {
          options.onPoll?.(action);
        } catch (thrown) {
          return E.left(callbackError('waitFor.onPoll', thrown));
        }
        if (action.status === 'success') return E.right(action);
        if (action.status === 'error') return E.left(actionFailed(action.id));
        const elapsed = transport.now() - started;
        if (elapsed >= timeoutMs) return E.left(actionTimeout(actionId, timeoutMs));
        // Sleep at most until the deadline, so the last poll happens right at it.
        // An injected sleep may reject on abort: that must end as AbortedError, not escape the TaskEither.
        await sleepUnlessAborted(transport.sleep, Math.min(intervalMs, timeoutMs - elapsed), signal);
        if (signal?.aborted === true) {
          const reason: unknown = signal.reason;
          return E.left(abortedError(reason instanceof Error ? reason.message : undefined));
        }
      }
    };

  return { get, waitFor };
};
