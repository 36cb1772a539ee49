/**
 * io-ts failures rendered as one readable line each, such as
 * `data.domains.1: expected string, got 42`, instead of io-ts's nested context dumps.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

const MAX_VALUE = 80;

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing (missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
};

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
  readonly expected: string;
  readonly actual: unknown;
}

const toMismatch = (error: t.ValidationError): Mismatch => {
  const keys: string[] = [];
  let expected = error.context[error.context.length - 1]?.type.name ?? 'unknown';
  for (let i = 1; i < error.context.length; i++) {
    const parent = error.context[i - 1];
    const entry = error.context[i];
    if (parent === undefined || entry === undefined || isCombinator(parent.type)) continue;
    keys.push(entry.key);
    expected = entry.type.name;
  }
  return { path: keys.length === 0 ? '(root)' : keys.join('.'), expected, actual: error.value };
};

/**
 * One line per mismatch. When a union fails both on a nested field and as a whole, only the
 * deepest line is kept: it is the one that says what changed.
 */
export const formatValidationErrors = (errors: t.Errors): readonly string[] => {
  const mismatches = errors.map(toMismatch);
  const paths = mismatches.map((m) => m.path);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const m of mismatches) {
    const hasDeeper = paths.some((p) => p !== m.path && p.startsWith(`${m.path}.`));
    if (hasDeeper) continue;
    const line = `${m.path}: expected ${m.expected}, got ${show(m.actual)}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  return lines;
};

/** Decode with a codec and render failures readably. */
export const decodeReadable = <A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
): E.Either<readonly string[], A> => E.mapLeft(formatValidationErrors)(codec.decode(value));
