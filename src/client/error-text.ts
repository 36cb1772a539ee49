/**
 * What the client's errors may say, made safe first: the secrets to redact (from the
 * credentials), a redacted abort reason, a failed fetch's cause, and the sentence worth keeping
 * from an error body. The errors themselves are built by the constructors of `errors/`.
 */
import { redact, type SafeCause, safeCause } from '../errors/index.js';

/** The forms a secret takes in text: as is, percent-encoded in a URL, escaped inside JSON. */
const spellings = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  JSON.stringify(secret).slice(1, -1),
];

/**
 * The Authorization header for the credentials, and every text that must never be printed:
 * the header, its base64 and the key in each spelling, longest first so a redaction never
 * leaves a tail.
 */
export const basicAuth = (
  clientId: string,
  apiKey: string,
): { readonly authorization: string; readonly secrets: readonly string[] } => {
  const credentials = Buffer.from(`${clientId}:${apiKey}`, 'utf8').toString('base64');
  const authorization = `Basic ${credentials}`;
  const secrets = [...new Set([authorization, credentials, ...spellings(apiKey)])];
  return { authorization, secrets: secrets.sort((a, b) => b.length - a.length) };
};

/** Why the caller aborted, as text fit to print. */
export const abortReason = (
  signal: AbortSignal | undefined,
  secrets: readonly string[],
): string | undefined => {
  const reason: unknown = signal?.reason;
  if (reason === undefined) return undefined;
  return redact(reason instanceof Error ? reason.message : String(reason), secrets);
};

/** The first error code along a thrown value's `cause` chain, such as `ECONNREFUSED`. */
export const errorCode = (thrown: unknown): string | undefined => {
  let current: unknown = thrown;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
};

/**
 * {@link safeCause} for a failed `fetch`, whose own message is only "fetch failed": the messages
 * and first code of its `cause` chain are folded in ("fetch failed: connect ECONNREFUSED …").
 */
export const networkCause = (thrown: unknown, secrets: readonly string[]): SafeCause => {
  const top = safeCause(thrown, secrets);
  const messages = [top.message];
  let current: unknown = thrown instanceof Error ? thrown.cause : undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const message = current.message.trim();
    if (message !== '' && !messages.some((m) => m.includes(message))) messages.push(message);
    current = current.cause;
  }
  const code = errorCode(thrown);
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
