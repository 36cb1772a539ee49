/**
 * The `ssl.maxTries` and `ssl.retryDelayMs` filters, read at each try. A background try has no
 * caller to fail, so a filter that throws or returns nonsense is reported and the default used.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import type { Hooks, SslRetryStage } from '../sdk-hooks.js';
import { SSL_DEFAULTS } from '../ssl/index.js';
import type { TryPolicy } from './advance.js';

export const filteredPolicy = (
  hooks: Hooks,
  domain: string,
  report: (error: SdkError) => void,
): TryPolicy => {
  const checked = (
    result: E.Either<SdkError, number>,
    name: 'ssl.maxTries' | 'ssl.retryDelayMs',
    fallback: number,
  ): number => {
    if (E.isLeft(result)) {
      report(result.left);
      return fallback;
    }
    const n = result.right;
    const ok = name === 'ssl.maxTries' ? Number.isInteger(n) && n >= 1 : Number.isFinite(n) && n >= 0;
    if (ok) return n;
    report(
      invalidOption(
        name,
        `a filter returned ${String(n)}; return ${name === 'ssl.maxTries' ? 'an integer of at least 1' : 'milliseconds, 0 or more'} (the default ${fallback} was used)`,
      ),
    );
    return fallback;
  };
  return {
    budget: (stage: SslRetryStage) =>
      checked(
        hooks.tryApplyFilters('ssl.maxTries', SSL_DEFAULTS.maxTries, { domain, stage }),
        'ssl.maxTries',
        SSL_DEFAULTS.maxTries,
      ),
    delay: (stage: SslRetryStage, attempt: number) =>
      checked(
        hooks.tryApplyFilters('ssl.retryDelayMs', SSL_DEFAULTS.retryDelayMs, { domain, stage, attempt }),
        'ssl.retryDelayMs',
        SSL_DEFAULTS.retryDelayMs,
      ),
  };
};
