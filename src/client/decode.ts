/**
 * io-ts failures rendered as one readable line each, such as
 * `data.domains.1: expected string, got 42`, instead of io-ts's nested context dumps.
 *
 * Built for hostile answers: the work is linear in the number of failures, values are shown
 * through a bounded preview that never recurses deeper than a few levels (a body nested 100 000
 * deep cannot overflow the stack), at most {@link MAX_LINES} lines come back, and each is cut
 * short only after secrets were redacted from the strings it shows.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { redact } from '../errors/index.js';
import { isMoreItems } from './bounded-array.js';

const MAX_LINES = 10;
const MAX_VALUE = 80;
const MAX_LINE = 240;
const MAX_DEPTH = 8;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * A JSON-like preview of at most about `budget` characters. Every string and key is redacted
 * whole before it is appended, so cutting the preview afterwards cannot expose part of a secret.
 */
const preview = (value: unknown, secrets: readonly string[], budget: number): string => {
  let out = '';
  const text = (s: string): string => JSON.stringify(redact(s, secrets).slice(0, budget));
  const walk = (v: unknown, depth: number): void => {
    if (out.length > budget) return;
    if (typeof v === 'string') out += text(v);
    else if (typeof v !== 'object' || v === null) out += String(v);
    else if (depth >= MAX_DEPTH) out += Array.isArray(v) ? '[…]' : '{…}';
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= budget; i++) {
        if (i > 0) out += ',';
        walk(v[i], depth + 1);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const key in v) {
        if (out.length > budget) break;
        if (!Object.hasOwn(v, key)) continue;
        out += `${first ? '' : ','}${text(key)}:`;
        first = false;
        walk((v as Record<string, unknown>)[key], depth + 1);
      }
      out += '}';
    }
  };
  walk(value, 0);
  return out;
};

const show = (value: unknown, secrets: readonly string[]): string =>
  value === undefined ? 'nothing (missing)' : cut(preview(value, secrets, MAX_VALUE), MAX_VALUE);

// Wrappers that validate through an inner codec without adding a context entry of their own.
const unwrap = (type: t.Decoder<unknown, unknown>): t.Decoder<unknown, unknown> => {
  let current = type;
  while (
    current instanceof t.ReadonlyType ||
    current instanceof t.ExactType ||
    current instanceof t.RefinementType
  ) {
    current = current.type as t.Decoder<unknown, unknown>;
  }
  return current;
};

// Unions and intersections add their member index to the context: it is not part of the path.
const isCombinator = (type: t.Decoder<unknown, unknown>): boolean => {
  const inner = unwrap(type);
  return inner instanceof t.UnionType || inner instanceof t.IntersectionType;
};

interface Mismatch {
  readonly path: string;
  /** Every proper prefix of `path`, shortest first. */
  readonly parents: readonly string[];
  readonly expected: string;
  readonly actual: unknown;
}

const toMismatch = (error: t.ValidationError): Mismatch => {
  const parents: string[] = [];
  let path = '';
  let expected = error.context[error.context.length - 1]?.type.name ?? 'unknown';
  for (let i = 1; i < error.context.length; i++) {
    const parent = error.context[i - 1];
    const entry = error.context[i];
    if (parent === undefined || entry === undefined || isCombinator(parent.type)) continue;
    if (path !== '') parents.push(path);
    path = path === '' ? entry.key : `${path}.${entry.key}`;
    expected = entry.type.name;
  }
  return { path: path === '' ? '(root)' : path, parents, expected, actual: error.value };
};

/**
 * One line per mismatch, at most ten (the tenth then says how many more there were; an array
 * element past the tenth failing one counts once, however many of its fields fail). When a
 * union fails both on a nested field and as a whole, only the deepest line is kept: it is the one
 * that says what changed. `secrets` are redacted from every value shown.
 */
export const formatValidationErrors = (
  errors: t.Errors,
  secrets: readonly string[] = [],
): readonly string[] => {
  let unchecked = 0;
  const mismatches: Mismatch[] = [];
  for (const error of errors) {
    if (isMoreItems(error)) unchecked += error.more;
    else mismatches.push(toMismatch(error));
  }
  const hasDeeper = new Set<string>();
  for (const m of mismatches) for (const p of m.parents) hasDeeper.add(p);
  const seen = new Set<string>();
  const kept: Mismatch[] = [];
  for (const m of mismatches) {
    if (hasDeeper.has(m.path)) continue;
    // One path holds one value, so path and type identify a line without rendering the value.
    const key = `${m.path}\u0000${m.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(m);
  }
  const total = kept.length + unchecked;
  const shown = total > MAX_LINES ? kept.slice(0, MAX_LINES - 1) : kept;
  const lines = shown.map((m) =>
    cut(redact(`${m.path}: expected ${m.expected}, got ${show(m.actual, secrets)}`, secrets), MAX_LINE),
  );
  return total > MAX_LINES ? [...lines, `… and ${total - shown.length} more`] : lines;
};

/** Decode with a codec and render failures readably. */
export const decodeReadable = <A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  secrets: readonly string[] = [],
): E.Either<readonly string[], A> =>
  pipe(
    codec.decode(value),
    // Either has no `mapError` in fp-ts 2.16: `mapLeft` is its name there.
    E.mapLeft((errors) => formatValidationErrors(errors, secrets)),
  );
