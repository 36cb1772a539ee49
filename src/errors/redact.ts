/**
 * Keeping secrets out of every error: text is redacted before it is stored, and a thrown value is
 * reduced to the parts that are safe to keep (never the request, its headers or body).
 */
import type { SafeCause } from './types.js';

const SECRET_PATTERNS: readonly RegExp[] = [/(authorization\s*[:=]\s*)(basic|bearer)\s+[^\s,;"']+/gi];

/** Replace every occurrence of the given secrets (and any Authorization value) with `[REDACTED]`. */
export const redact = (text: string, secrets: readonly string[] = []): string => {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[REDACTED]');
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '$1[REDACTED]');
  return out;
};

/** Reduce any thrown value to {@link SafeCause}, redacting the given secrets from its message. */
export const safeCause = (thrown: unknown, secrets: readonly string[] = []): SafeCause => {
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    const nested = (thrown as { cause?: { code?: unknown } }).cause?.code;
    const found = typeof code === 'string' ? code : typeof nested === 'string' ? nested : undefined;
    return {
      name: thrown.name,
      message: redact(thrown.message, secrets),
      ...(found === undefined ? {} : { code: found }),
    };
  }
  return { name: 'NonError', message: redact(String(thrown), secrets) };
};
