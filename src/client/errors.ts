/**
 * Constructors for the transport members of {@link SdkError}. Each takes only what is safe to
 * keep: method, URL (never with credentials), status and texts already passed through `redact`.
 */
import {
  type HttpErrorKind,
  httpErrorKind,
  redact,
  type SafeCause,
  type SdkError,
  safeCause,
} from '../errors.js';

export const httpError = (input: {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly apiMessage?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly location?: string | undefined;
}): SdkError => {
  const kind: HttpErrorKind = httpErrorKind(input.status);
  return {
    _tag: 'HttpError',
    status: input.status,
    kind,
    method: input.method,
    url: input.url,
    ...(input.apiMessage === undefined ? {} : { apiMessage: input.apiMessage }),
    ...(input.retryAfterMs === undefined ? {} : { retryAfterMs: input.retryAfterMs }),
    ...(input.location === undefined ? {} : { location: input.location }),
  };
};

export const networkError = (method: string, url: string, cause: SafeCause): SdkError => ({
  _tag: 'NetworkError',
  method,
  url,
  cause,
});

export const timeoutError = (timeoutMs: number, method?: string, url?: string): SdkError => ({
  _tag: 'TimeoutError',
  timeoutMs,
  ...(method === undefined ? {} : { method }),
  ...(url === undefined ? {} : { url }),
});

export const decodeError = (errors: readonly string[], method?: string, url?: string): SdkError => ({
  _tag: 'DecodeError',
  errors,
  ...(method === undefined ? {} : { method }),
  ...(url === undefined ? {} : { url }),
});

export const actionFailed = (actionId: string): SdkError => ({ _tag: 'ActionFailed', actionId });

export const actionTimeout = (actionId: string, timeoutMs: number): SdkError => ({
  _tag: 'ActionTimeout',
  actionId,
  timeoutMs,
});

/**
 * {@link safeCause} for a failed `fetch`, whose own message is only "fetch failed": the messages
 * and first code of its `cause` chain are folded in ("fetch failed: connect ECONNREFUSED …").
 */
export const networkCause = (thrown: unknown, secrets: readonly string[]): SafeCause => {
  const top = safeCause(thrown, secrets);
  const messages = [top.message];
  let code = top.code;
  let current: unknown = thrown instanceof Error ? thrown.cause : undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const message = current.message.trim();
    if (message !== '' && !messages.some((m) => m.includes(message))) messages.push(message);
    const nested = (current as { code?: unknown }).code;
    if (code === undefined && typeof nested === 'string') code = nested;
    current = current.cause;
  }
  return {
    name: top.name,
    message: redact(messages.join(': '), secrets),
    ...(code === undefined ? {} : { code }),
  };
};

const MAX_MESSAGE = 300;
/** HTML is only searched this far: enough for any title, and the tag patterns stay fast. */
const MAX_SCANNED = 16 * 1024;

const clip = (text: string): string => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

/** Redact the whole text first, then cut it: a secret straddling the cut is never half-shown. */
const shown = (text: string, secrets: readonly string[]): string => clip(redact(text, secrets));

/**
 * The most useful sentence in an error body: ServerPilot's `error.message` when the body is its
 * JSON, the `<title>` (or the text) of an HTML page from a proxy, else the start of the text.
 */
export const apiMessageFromBody = (body: string, secrets: readonly string[]): string | undefined => {
  const text = body.trim();
  if (text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const head = redact(text, secrets).slice(0, MAX_SCANNED);
    const title = /<title[^<>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim();
    const plain =
      title !== undefined && title !== ''
        ? title
        : head
            .replace(/<(script|style)[^<>]*>[\s\S]*?<\/\1>/gi, ' ')
            .replace(/<[^<>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim();
    return plain === '' ? undefined : clip(plain);
  }
  if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
    const error = (parsed as { error: unknown }).error;
    if (typeof error === 'string') return shown(error, secrets);
    if (typeof error === 'object' && error !== null && 'message' in error) {
      const message = (error as { message: unknown }).message;
      if (typeof message === 'string') return shown(message, secrets);
    }
  }
  return clip(redact(text, secrets).replace(/\s+/g, ' '));
};
