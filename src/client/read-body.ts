/**
 * Reading an answer's body with a size cap, by hand: neither fetch nor ky can stop a body at a
 * byte count, and `response.text()` would inflate a gzip bomb whole before anyone could look.
 */

/** The body as text, or `too-large` once it passed `limitBytes` (reading stopped there). */
export type CappedBody = { readonly _tag: 'text'; readonly text: string } | { readonly _tag: 'too-large' };

const TOO_LARGE: CappedBody = { _tag: 'too-large' };

const discard = (body: ReadableStream<Uint8Array> | null): void => {
  // A cancel that fails (the stream already errored) has nothing left to free.
  body?.cancel().catch(() => undefined);
};

/**
 * Read `response`'s body, at most `limitBytes` of it. A `Content-Length` above the limit (the
 * compressed size, when the body is compressed) stops before reading anything; otherwise the
 * decoded bytes are counted as they stream in, and the stream is cancelled as soon as they pass
 * the limit, so a small gzip bomb never inflates past it. Deflate never grows data by more than
 * a few bytes per 16 KB block, so the decoded count also bounds the bytes on the wire.
 * Rejects like the stream does (abort, timeout, connection reset).
 */
export const readCappedBody = async (response: Response, limitBytes: number): Promise<CappedBody> => {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limitBytes) {
    discard(response.body);
    return TOO_LARGE;
  }
  if (response.body === null) return { _tag: 'text', text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      reader.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  return { _tag: 'text', text: new TextDecoder().decode(Buffer.concat(chunks)) };
};
