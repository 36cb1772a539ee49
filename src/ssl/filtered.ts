/**
 * The numbers the `ssl.maxTries` and `ssl.retryDelayMs` filters return, read at each try and
 * checked by the same rules as options of their kind: the verifier and the lifecycle share them.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import { count, durationMs, type Rule } from '../internal/validate.js';
import type { SslFilterMap, SslHooks } from './hooks.js';
import { SSL_DEFAULTS } from './types.js';

/** The SSL filters that return a number. */
export type SslNumberFilter = keyof SslFilterMap;

const DEFAULTS: Readonly<Record<SslNumberFilter, number>> = {
  'ssl.maxTries': SSL_DEFAULTS.maxTries,
  'ssl.retryDelayMs': SSL_DEFAULTS.retryDelayMs,
};

const RULES: Readonly<Record<SslNumberFilter, Rule<number>>> = {
  'ssl.maxTries': count({ min: 1, example: SSL_DEFAULTS.maxTries }),
  // The wait feeds a timer: past 2^31 - 1 ms it would fire at once and retry in a tight loop.
  'ssl.retryDelayMs': durationMs({ min: 0, example: SSL_DEFAULTS.retryDelayMs }),
};

/**
 * The filtered value of `name` (the default without hooks), or why it cannot be used: a
 * `HookError` when a callback threw, an `InvalidOption` when the value breaks the option's rule.
 */
export const filteredNumber = <N extends SslNumberFilter>(
  hooks: SslHooks | undefined,
  name: N,
  context: SslFilterMap[N]['context'],
): E.Either<SdkError, number> =>
  pipe(
    hooks === undefined
      ? E.right<SdkError, number>(DEFAULTS[name])
      : hooks.tryApplyFilters<SslNumberFilter>(name, DEFAULTS[name], context),
    E.flatMap((n) =>
      pipe(
        RULES[name](name, n),
        // Either has no `mapError` in fp-ts 2.16: `mapLeft` is its name there.
        E.mapLeft((error) =>
          error._tag === 'InvalidOption'
            ? invalidOption(name, `${error.reason} (a filter returned it)`)
            : error,
        ),
      ),
    ),
  );

/** The default of a filtered number, used when a background try cannot use what a filter gave. */
export const filterDefault = (name: SslNumberFilter): number => DEFAULTS[name];
