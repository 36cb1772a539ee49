/** Domain names from arguments, files and stdin, checked before any request. */
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { describeSdkError, normalizeDomain } from '../index.js';

/** Every name checked; the first bad one is one sentence saying what to pass instead. */
export const checkNames = (names: readonly unknown[]): E.Either<string, readonly string[]> => {
  const out: string[] = [];
  for (const name of names) {
    const checked = normalizeDomain(name as string);
    if (E.isLeft(checked)) {
      return E.left(`${describeSdkError(checked.left)}. Nothing was sent.`);
    }
    out.push(checked.right);
  }
  return E.right(out);
};

/**
 * A list of names: a JSON array of strings, or one name per line (blank lines and `#` comments
 * skipped, so `wp site list --field=domain` output works as it is).
 */
export const parseNameList = (text: string, source: string): E.Either<string, readonly string[]> => {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return E.left(
        `${source} starts with "[" but is not valid JSON: pass a JSON array of names, or one name per line.`,
      );
    }
    if (!Array.isArray(parsed) || !parsed.every((n) => typeof n === 'string')) {
      return E.left(
        `${source} must be a JSON array of strings, such as ["shop.example.com"], or one name per line.`,
      );
    }
    return E.right(parsed as string[]);
  }
  return E.right(
    body
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line.length > 0),
  );
};

const readStdin = async (stdin: NodeJS.ReadStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/** `-` reads stdin; anything else is a file path. */
export const readNameList = async (
  source: string,
  stdin: NodeJS.ReadStream,
): Promise<E.Either<string, readonly string[]>> => {
  if (source === '-') {
    if (stdin.isTTY === true) {
      return E.left(
        'sync - reads the names from stdin: pipe them in, such as `cat domains.txt | serverpilot-domains sync -`.',
      );
    }
    return parseNameList(await readStdin(stdin), 'stdin');
  }
  try {
    return parseNameList(await readFile(source, 'utf8'), source);
  } catch (thrown) {
    const code = (thrown as { code?: unknown } | null)?.code;
    return E.left(
      `cannot read ${source} (${typeof code === 'string' ? code : 'error'}): pass a file with one name per line or a JSON array, or "-" for stdin.`,
    );
  }
};
