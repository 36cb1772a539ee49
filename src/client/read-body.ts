/**
 * Reading an answer's body with a size cap, by hand: neither fetch, ky nor `node:http` can stop a
 * body at a byte count, and `response.text()` would inflate a gzip bomb whole before anyone could
 * look.
 */

/** The body as text, or `too-large` once it passed `limitBytes` (reading stopped there). */
export type CappedBody = { readonly _tag: 'text'; readonly text: string } | { readonly _tag: 'too-large' };

/** An answer as either transport receives it: fetch's `Response` or `node:http`'s `IncomingMessage`. */
export interface AnswerSource {
  readonly status: number;
  /** A header's value, or `null` when the answer has none. */
  readonly header: (name: string) => string | null;
  /** The decoded (decompressed) body, or `null` for none. */
  readonly body: AsyncIterable<Uint8Array> | null;
  /** Frees a body that will not be read. */
  readonly discard: () => void;
}

const TOO_LARGE: CappedBody = { _tag: 'too-large' };

/**
 * Read `source`'s body, at most `limitBytes` of it. A `Content-Length` above the limit (the
 * compressed size, when the body is compressed) stops before reading anything; otherwise the
 * decoded bytes are counted as they stream in, and the stream is closed as soon as they pass
 * the limit, so a small gzip bomb never inflates past it.
 * Deflate never grows data by more than a few bytes per 16 KB block, so the decoded count also
 * bounds the bytes on the wire. Rejects like the stream does (abort, timeout, connection reset).
 */
export const readCappedBody = async (source: AnswerSource, limitBytes: number): Promise<CappedBody> => {
  const declared = source.header('content-length');
  if (declared !== null && Number(declared) > limitBytes) {
    source.discard();
    return TOO_LARGE;
  }
  if (source.body === null) return { _tag: 'text', text: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = source.body[Symbol.asyncIterator]();
  for (;;) {
    const { done, value } = await reader.next();
    if (done === true) break;
    size += value.byteLength;
    if (size > limitBytes) {
      // Closed without waiting: a fetch body's cancel may only settle once the sender stops.
      reader.return?.().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  return { _tag: 'text', text: new TextDecoder().decode(Buffer.concat(chunks)) };
};
