/**
 * The `Error` side of the tagged union, for async/await callers: {@link unwrap} rejects with a
 * {@link ServerPilotSdkError} whose `.error` is the same tagged value, so `switch (e.error._tag)`
 * still works.
 */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { describeSdkError } from './describe.js';
import type { SdkError, SdkErrorTag } from './types.js';

/** Marks every `ServerPilotSdkError`, whichever copy of this module made it (see `Symbol.hasInstance`). */
const BRAND = Symbol.for('serverpilot-domains.ServerPilotSdkError');

/** The `Error` that {@link unwrap} rejects with. `.error` is the tagged {@link SdkError}. */
export class ServerPilotSdkError extends Error {
  override readonly name = 'ServerPilotSdkError';
  readonly error: SdkError;

  constructor(error: SdkError) {
    super(describeSdkError(error));
    this.error = error;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * The CommonJS builds of the subpath entries (`./redis`, `./testing`) each carry their own copy of
   * this class; the brand makes `instanceof` true for an error thrown by any of them.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The `_tag` of the wrapped `error`, for a `switch` without reaching into it. */
  get tag(): SdkErrorTag {
    return this.error._tag;
  }

  /** Name, message and the (already redacted) `SdkError`, for logs that serialize errors. */
  toJSON(): { name: string; message: string; error: SdkError } {
    return { name: this.name, message: this.message, error: this.error };
  }
}

/**
 * True when `value` is a {@link ServerPilotSdkError}, optionally of one tag; with a tag, `.error`
 * is narrowed to that member.
 *
 * @example
 * if (isServerPilotSdkError(e, 'HttpError')) console.log(e.error.status);
 */
export const isServerPilotSdkError = <T extends SdkErrorTag = SdkErrorTag>(
  value: unknown,
  tag?: T,
): value is ServerPilotSdkError & { readonly error: Extract<SdkError, { _tag: T }> } =>
  value instanceof ServerPilotSdkError && (tag === undefined || value.error._tag === tag);

/**
 * Run a TaskEither and return a Promise of its value, rejecting with {@link ServerPilotSdkError}.
 *
 * @example
 * const app = await unwrap(client.apps.get('abc123'));
 */
export const unwrap = async <A>(task: TE.TaskEither<SdkError, A>): Promise<A> => {
  const result = await task();
  if (result._tag === 'Left') throw new ServerPilotSdkError(result.left);
  return result.right;
};
