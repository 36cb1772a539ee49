/**
 * Undoing an answer's `Content-Encoding` for the `'node'` engine, by the rules Node's `fetch`
 * (undici) follows, so both transports read the same answers alike: `gzip` (`x-gzip`), `deflate`
 * (with or without its zlib header, told apart by the first byte) and `br`, several in the reverse
 * of the order listed (at most five), none for a 204 or 304, and nothing undone when any coding is
 * unknown (the body as sent). Decoders flush leniently, as undici's: an empty or cut-short body
 * ends the text instead of failing.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';

const MAX_CODINGS = 5;
const KNOWN = new Set(['gzip', 'x-gzip', 'deflate', 'br']);
const NO_BODY = new Set([204, 304]);

/** The first byte of `body`, left in place; undefined for an empty body. */
const firstByte = (body: Readable): Promise<number | undefined> =>
  new Promise((resolve, reject) => {
    const done = (value: number | undefined): void => {
      body.off('readable', onReadable);
      body.off('end', onEnd);
      body.off('close', onEnd);
      body.off('error', reject);
      resolve(value);
    };
    const onReadable = (): void => {
      const chunk: Buffer | null = body.read();
      if (chunk === null) return;
      body.unshift(chunk);
      done(chunk[0]);
    };
    const onEnd = (): void => done(undefined);
    body.on('readable', onReadable);
    body.once('end', onEnd);
    // Closed without an end or an error: nothing to peek; reading the body then says what happened.
    body.once('close', onEnd);
    body.once('error', reject);
  });

/** The decoded body of `response`: the response itself when there is nothing to undo. */
export const decodedBody = async (response: IncomingMessage): Promise<Readable> => {
  const header = response.headers['content-encoding'];
  if (header === undefined || NO_BODY.has(response.statusCode ?? 0)) return response;
  const codings = header
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0 || codings.length > MAX_CODINGS || !codings.every((c) => KNOWN.has(c))) {
    return response;
  }
  const zlib = process.getBuiltinModule('node:zlib');
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const decoders: Transform[] = [];
  for (const [index, coding] of [...codings].reverse().entries()) {
    if (coding === 'br') {
      decoders.push(
        zlib.createBrotliDecompress({
          flush: zlib.constants.BROTLI_OPERATION_FLUSH,
          finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        }),
      );
    } else if (coding === 'deflate') {
      // 0x?8 is a zlib header (RFC 1950); anything else is raw deflate (RFC 1951), as some servers send.
      const first = index === 0 ? await firstByte(response) : 0x78;
      if (first === undefined) return response;
      decoders.push((first & 0x0f) === 0x08 ? zlib.createInflate(lenient) : zlib.createInflateRaw(lenient));
    } else {
      decoders.push(zlib.createGunzip(lenient));
    }
  }
  // pipeline destroys every stage with any stage's error (a reset mid-body), and the response
  // when reading the last stage stops early (the size cap).
  const { pipeline } = process.getBuiltinModule('node:stream');
  return pipeline([response, ...decoders], () => undefined) as unknown as Readable;
};
