/**
 * The `ssl.maxTries` and `ssl.retryDelayMs` filters, read at each try. A background try has no
 * caller to fail, so a filter that throws or returns nonsense is reported and the default used.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import type { Hooks, SslRetryStage } from '../sdk-hooks.js';
import { filterDefault, filteredNumber, type SslNumberFilter } from '../ssl/index.js';
import type { TryPolicy } from './advance.js';

export const filteredPolicy = (
  hooks: Hooks,
  domain: string,
  report: (error: SdkError) => void,
): TryPolicy => {
  const orDefault = (name: SslNumberFilter, result: E.Either<SdkError, number>): number => {
    if (E.isRight(result)) return result.right;
    const fallback = filterDefault(name);
    report(
      result.left._tag === 'InvalidOption'
        ? invalidOption(name, `${result.left.reason} (the default ${fallback} was used)`)
        : result.left,
    );
    return fallback;
  };
  return {
    budget: (stage: SslRetryStage) =>
      orDefault('ssl.maxTries', filteredNumber(hooks, 'ssl.maxTries', { domain, stage })),
    delay: (stage: SslRetryStage, attempt: number) =>
      orDefault('ssl.retryDelayMs', filteredNumber(hooks, 'ssl.retryDelayMs', { domain, stage, attempt })),
  };
};
