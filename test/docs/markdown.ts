/**
 * The fenced code blocks of a markdown page, with the snippet marker written before each one.
 *
 * A marker is an HTML comment on the last non-blank line before the fence (invisible on GitHub
 * and npm): `<!-- snippet: run -->`, `<!-- snippet: fragment (why) -->`, `<!-- snippet: continues -->`,
 * `<!-- snippet: esm (why) -->`, or flags together (`<!-- snippet: continues run -->`). Text in parentheses is a note for readers.
 * An unknown flag is an error, so a typo never silently turns a check off.
 */

/** What a marker can ask of the checker. */
export type SnippetFlag =
  /** Also run it (as an ES module and as CommonJS) against the simulator on 127.0.0.1. */
  | 'run'
  /** A fragment on purpose (a shape, a table in code form): not compiled. */
  | 'fragment'
  /** Continues the page's previous TypeScript block: checked (and run) appended to it. */
  | 'continues'
  /** An ES module only (a vitest test file, say): checked (and run) as an ES module, not as CommonJS. */
  | 'esm';

const FLAGS: ReadonlySet<string> = new Set<SnippetFlag>(['run', 'fragment', 'continues', 'esm']);

export interface Fence {
  /** The page, as given (a path relative to the repository). */
  readonly file: string;
  /** 1-based line of the first line of code (the line after the opening fence). */
  readonly line: number;
  /** The first word of the info string (`ts`, `sh`, ...), or '' when there is none. */
  readonly lang: string;
  /** The block's text, with the fence's indentation removed; ends without a newline. */
  readonly code: string;
  readonly flags: ReadonlySet<SnippetFlag>;
  /** The marker's note in parentheses, if any. */
  readonly note?: string;
}

const OPENING = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const MARKER = /^\s*<!--\s*snippet:\s*([^(]*?)\s*(?:\((.*)\))?\s*-->\s*$/;

/** Parses a marker line; `undefined` when the line is not one. Throws on an unknown flag. */
export const parseMarker = (
  line: string,
  where: string,
): { flags: ReadonlySet<SnippetFlag>; note?: string } | undefined => {
  const match = MARKER.exec(line);
  if (match === null) return undefined;
  const words = (match[1] ?? '').split(/[\s,]+/).filter((w) => w !== '');
  const unknown = words.filter((w) => !FLAGS.has(w));
  if (words.length === 0 || unknown.length > 0) {
    throw new Error(
      `${where}: unknown snippet marker ${JSON.stringify(line.trim())}; flags are ${[...FLAGS].join(', ')}`,
    );
  }
  const flags = new Set(words as SnippetFlag[]);
  if (flags.has('fragment') && flags.size > 1) {
    throw new Error(`${where}: a fragment is not compiled, so it cannot also be ${[...flags].join(' ')}`);
  }
  const note = match[2]?.trim();
  return note === undefined || note === '' ? { flags } : { flags, note };
};

const removeIndent = (line: string, indent: number): string => {
  let i = 0;
  while (i < indent && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
};

/** Every fenced block of the page, in order. An unclosed fence runs to the end, as CommonMark has it. */
export const extractFences = (markdown: string, file: string): Fence[] => {
  const lines = markdown.split(/\r?\n/);
  const fences: Fence[] = [];
  let i = 0;
  while (i < lines.length) {
    const opening = OPENING.exec(lines[i] ?? '');
    if (opening === null) {
      i++;
      continue;
    }
    const indent = (opening[1] ?? '').length;
    const marker = opening[2] ?? '```';
    const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let previous = i - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous--;
    const parsed = previous >= 0 ? parseMarker(lines[previous] ?? '', `${file}:${previous + 1}`) : undefined;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !closing.test(lines[end] ?? '')) end++;
    fences.push({
      file,
      line: start + 1,
      lang: (opening[3] ?? '').toLowerCase(),
      code: lines
        .slice(start, end)
        .map((l) => removeIndent(l, indent))
        .join('\n'),
      flags: parsed?.flags ?? new Set(),
      ...(parsed?.note === undefined ? {} : { note: parsed.note }),
    });
    i = end + 1;
  }
  return fences;
};

export const isTypeScript = (fence: Fence): boolean => fence.lang === 'ts' || fence.lang === 'typescript';

/** Where a line of a compiled unit came from. */
export interface Origin {
  readonly file: string;
  readonly line: number;
}

/** One compiled snippet: a TypeScript block, or a block and the ones it continues. */
export interface Unit {
  /** The page and line of the block it ends with: its name in test titles. */
  readonly id: string;
  readonly code: string;
  /** For each line of `code`, the page line it was written on. */
  readonly origins: readonly Origin[];
  readonly run: boolean;
  /** Checked and run as an ES module only. */
  readonly esmOnly: boolean;
}

/**
 * The units of one page: every TypeScript block that is not a fragment, each appended to the one
 * before when marked `continues`. A fragment in between breaks a chain (it is an error to continue it).
 */
export const unitsOf = (fences: readonly Fence[]): Unit[] => {
  const units: Unit[] = [];
  let previous: Unit | undefined;
  let previousWasFragment = false;
  for (const fence of fences.filter(isTypeScript)) {
    if (fence.flags.has('fragment')) {
      previous = undefined;
      previousWasFragment = true;
      continue;
    }
    const origins = fence.code.split('\n').map((_, k) => ({ file: fence.file, line: fence.line + k }));
    let unit: Unit = {
      id: `${fence.file}:${fence.line}`,
      code: fence.code,
      origins,
      run: fence.flags.has('run'),
      esmOnly: fence.flags.has('esm'),
    };
    if (fence.flags.has('continues')) {
      if (previous === undefined) {
        throw new Error(
          `${unit.id}: marked "continues" but ${previousWasFragment ? 'the block before is a fragment' : 'no TypeScript block comes before it'}`,
        );
      }
      unit = { ...unit, code: `${previous.code}\n${fence.code}`, origins: [...previous.origins, ...origins] };
    }
    units.push(unit);
    previous = unit;
    previousWasFragment = false;
  }
  return units;
};
