/**
 * One HTTP answer, read whole (up to the size cap) while its attempt's timeout still runs, and
 * what it means: the decoded `data` of a 2xx, or the `HttpError` of anything else. Only the
 * status, two headers and the text are kept: never the `Response` or its `Request`
 * (or, over `node:http`, the `IncomingMessage`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeError, httpError, redact, type SdkError } from '../errors/index.js';
import { envelopeCodec, type Mutation } from './codecs.js';
import { decodeReadable } from './decode.js';
import { apiMessageFromBody } from './error-text.js';
import { type AnswerSource, readCappedBody } from './read-body.js';
import { parseRetryAfter } from './retry-policy.js';

export interface Answer {
  readonly status: number;
  readonly text: string;
  /** From `Retry-After`, when the answer had a readable one. */
  readonly retryAfterMs: number | undefined;
  readonly location: string | null;
}

/** The answer of `source`, or `undefined` when its body passed `limitBytes`. */
export const readAnswer = async (
  source: AnswerSource,
  limitBytes: number,
  now: () => number,
): Promise<Answer | undefined> => {
  const body = await readCappedBody(source, limitBytes);
  if (body._tag === 'too-large') return undefined;
  return {
    status: source.status,
    text: body.text,
    retryAfterMs: parseRetryAfter(source.header('retry-after'), now()),
    location: source.header('location'),
  };
};

const MAX_SHOWN = 80;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** What a call resolves to, given its answer. `url` is already redacted. */
export const resultOf = <A>(
  endpoint: { readonly method: string; readonly codec: t.Decoder<unknown, A> },
  url: string,
  answer: Answer,
  secrets: readonly string[],
): E.Either<SdkError, Mutation<A>> => {
  const { method } = endpoint;
  if (answer.status < 200 || answer.status >= 300) {
    return E.left(
      httpError({
        status: answer.status,
        method,
        url,
        apiMessage: apiMessageFromBody(answer.text, secrets),
        retryAfterMs: answer.retryAfterMs,
        location: answer.location === null ? undefined : cut(redact(answer.location, secrets), MAX_SHOWN * 3),
      }),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    // Redacted whole before it is cut short: a key straddling the cut never shows a prefix.
    const shown = JSON.stringify(cut(redact(answer.text, secrets), MAX_SHOWN));
    return E.left(decodeError([`(body): expected JSON, got ${shown}`], method, url));
  }
  const decoded = decodeReadable(envelopeCodec(endpoint.codec), json, secrets);
  if (E.isLeft(decoded)) return E.left(decodeError(decoded.left, method, url));
  const { data, actionid } = decoded.right;
  return E.right(actionid === undefined ? { data } : { data, actionId: actionid });
};
