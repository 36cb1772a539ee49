/**
 * Reading what a caller passed, whatever it is: any JavaScript value described without calling
 * into it (no `toString`, no proxy traps), long text cut with its length so an error message stays
 * short, and lists copied so a hostile array cannot throw later.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type InvalidOption, invalidOption, type SdkError } from '../errors/index.js';

/** Echoed text longer than this is cut. */
const ECHO_MAX = 64;

/** Above this a rejected string is stored cut in the error's `input`. */
export const INPUT_KEEP_MAX = 256;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** `text` quoted for a message; a long one is cut, with its length, so `"aaaa…" (1,048,576 characters)`. */
export const quote = (text: string): string =>
  text.length > ECHO_MAX
    ? `${JSON.stringify(cut(text, ECHO_MAX))} (${text.length.toLocaleString('en-US')} characters)`
    : JSON.stringify(text);

/** The `input` kept in an error: the text itself, or its start when it is long. */
export const keptInput = (text: string): string => cut(text, INPUT_KEEP_MAX);

/** What a value that is not a string is, for a message and for the error's `input`; never throws. */
export const describeValue = (value: unknown): { readonly input: string; readonly got: string } => {
  switch (typeof value) {
    case 'undefined':
      return { input: 'undefined', got: 'undefined' };
    case 'number':
    case 'boolean': {
      const text = String(value);
      return { input: text, got: `the ${typeof value} ${text}` };
    }
    case 'bigint': {
      const text = cut(`${value.toString()}n`, ECHO_MAX);
      return { input: text, got: `the BigInt ${text}` };
    }
    case 'symbol':
      return { input: cut(Symbol.prototype.toString.call(value), ECHO_MAX), got: 'a symbol' };
    case 'function':
      return { input: '[function]', got: 'a function' };
    case 'string':
      return { input: keptInput(value), got: 'a string' };
    default:
      break;
  }
  if (value === null) return { input: 'null', got: 'null' };
  // Array.isArray is the one question that cannot run user code, but a revoked proxy makes it throw.
  try {
    if (Array.isArray(value)) return { input: '[array]', got: 'an array (pass each name as its own string)' };
  } catch {
    return { input: '[proxy]', got: 'a revoked proxy' };
  }
  return { input: '[object]', got: 'an object' };
};

/**
 * A copy of a caller's list, or why it is not one. Reading a hostile array (a proxy whose traps
 * throw, a revoked one) is the only step that could throw; it is caught here, once.
 */
export const copyList = (
  value: unknown,
):
  | { readonly ok: true; readonly items: readonly unknown[] }
  | { readonly ok: false; readonly got: string } => {
  try {
    if (Array.isArray(value)) return { ok: true, items: Array.prototype.slice.call(value) };
  } catch {
    return { ok: false, got: 'an array that cannot be read' };
  }
  return { ok: false, got: describeValue(value).got };
};

/**
 * A caller's list of names, copied, or an `InvalidOption` naming `option`. The items are not
 * checked here: `normalizeDomain` turns each into a name or an `InvalidDomain`.
 *
 * @example
 * readNameList(null, 'add') // left(InvalidOption: must be an array of domain names, such as ["example.com"]; got null)
 */
export const readNameList = (value: unknown, option: string): E.Either<InvalidOption, readonly unknown[]> => {
  const list = copyList(value);
  return list.ok
    ? E.right(list.items)
    : E.left(
        invalidOption(option, `must be an array of domain names, such as ["example.com"]; got ${list.got}`),
      );
};

/**
 * Each of `names` through `parse`, without repeats, in the order given; the first failure ends it.
 *
 * @example
 * parseEach(['A.com', 'a.com.'], normalizeDomain) // right(['a.com'])
 */
export const parseEach = <A, N>(
  names: readonly A[],
  parse: (name: A) => E.Either<SdkError, N>,
): E.Either<SdkError, readonly N[]> => {
  const out: N[] = [];
  for (const name of names) {
    const parsed = parse(name);
    if (E.isLeft(parsed)) return parsed;
    if (!out.includes(parsed.right)) out.push(parsed.right);
  }
  return E.right(out);
};
