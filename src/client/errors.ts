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

/** {@link safeCause} bound to the client's secrets. */
export const safeCauseOf = (thrown: unknown, secrets: readonly string[]): SafeCause =>
  safeCause(thrown, secrets);

const MAX_MESSAGE = 300;

const clip = (text: string): string => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

/**
 * The most useful sentence in an error body: ServerPilot's `error.message` when the body is its
 * JSON, the `<title>` (or the text) of an HTML page from a proxy, else the start of the text.
 */
export const apiMessageFromBody = (body: string, secrets: readonly string[]): string | undefined => {
  const text = body.trim();
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error = (parsed as { error: unknown }).error;
      if (typeof error === 'string') return redact(clip(error), secrets);
      if (typeof error === 'object' && error !== null && 'message' in error) {
        const message = (error as { message: unknown }).message;
        if (typeof message === 'string') return redact(clip(message), secrets);
      }
    }
    return redact(clip(text.replace(/\s+/g, ' ')), secrets);
  } catch {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    const plain =
      title !== undefined && title !== ''
        ? title
        : text
            .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim();
    return plain === '' ? undefined : redact(clip(plain), secrets);
  }
};
