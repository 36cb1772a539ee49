/** An SDK error as printed, with the exit code it means. */
import { describeSdkError, type SdkError } from '../index.js';
import type { Context } from './context.js';
import { EXIT, failure, type Outcome } from './outcome.js';

/** Errors the library reports before sending anything, when the caller passed something wrong. */
const USAGE_TAGS = new Set<SdkError['_tag']>([
  'InvalidDomain',
  'ProtectedDomain',
  'InvalidOption',
  'ConfigError',
  'TooManyDomains',
]);

/** An SDK error as printed: the tagged value (never secret-bearing) plus its sentence. */
export const sdkFailure = (ctx: Context, error: SdkError): Outcome => {
  const before = ctx.requestsSent() === 0 && USAGE_TAGS.has(error._tag);
  const needsDoctor =
    (error._tag === 'HttpError' && [401, 402, 403, 404].includes(error.status)) ||
    error._tag === 'ConfigError';
  // Name options as the user set them (`--app-id`, `WU_SERVER_PILOT_APP_ID in wp-config.php`).
  const sentence =
    error._tag === 'ConfigError'
      ? [
          ...error.missing.map((m) => `${ctx.labelFor(m)} is missing`),
          ...error.invalid.map((i) => `${ctx.labelFor(i.name)}: ${i.reason}`),
        ].join('; ')
      : error._tag === 'InvalidOption'
        ? `${ctx.labelFor(error.option)}: ${error.reason}`
        : describeSdkError(error);
  return failure(
    before ? EXIT.usage : EXIT.failed,
    { ...error, message: `${sentence}${before ? '. Nothing was sent' : ''}` },
    needsDoctor && !before ? 'Run `serverpilot-domains doctor` to find out what is wrong.' : undefined,
  );
};
