/**
 * PURE: read `define('NAME', 'value')` and `const NAME = 'value';` from PHP source without
 * running it. A small lexer that knows what PHP skips (inline HTML, comments, strings) finds the
 * real defines; only values written as string literals (or literals joined with `.`) are taken.
 */

type Token =
  | { readonly t: 'id'; readonly v: string }
  | { readonly t: 'var' }
  | { readonly t: 'str'; readonly v: string; readonly literal: boolean }
  | { readonly t: 'punc'; readonly v: string }
  | { readonly t: 'other' };

/** A constant as written: a value known without running PHP, or an expression that needs PHP. */
export type PhpDefine = { readonly _tag: 'Literal'; readonly value: string } | { readonly _tag: 'Computed' };

const ID_START = /[A-Za-z_\x80-\uffff]/;
const ID_PART = /[A-Za-z0-9_\x80-\uffff]/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  v: '\v',
  e: '\x1b',
  f: '\f',
  '\\': '\\',
  $: '$',
  '"': '"',
};

/** A double-quoted string from `start` (the opening quote): its value and whether it interpolates. */
const doubleQuoted = (s: string, start: number): { end: number; v: string; literal: boolean } => {
  let v = '';
  let literal = true;
  let i = start + 1;
  while (i < s.length && s[i] !== '"') {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1] as string;
      const simple = SIMPLE_ESCAPES[n];
      if (simple !== undefined) {
        v += simple;
        i += 2;
        continue;
      }
      const octal = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4));
      if (octal !== null) {
        v += String.fromCharCode(Number.parseInt(octal[0], 8) & 0xff);
        i += 1 + octal[0].length;
        continue;
      }
      const hex = /^x([0-9A-Fa-f]{1,2})/.exec(s.slice(i + 1, i + 4));
      if (hex !== null) {
        v += String.fromCharCode(Number.parseInt(hex[1] as string, 16));
        i += 1 + hex[0].length;
        continue;
      }
      const unicode = /^u\{([0-9A-Fa-f]+)\}/.exec(s.slice(i + 1, i + 12));
      if (unicode !== null) {
        const code = Number.parseInt(unicode[1] as string, 16);
        v += code <= 0x10ffff ? String.fromCodePoint(code) : '';
        i += 1 + unicode[0].length;
        continue;
      }
      v += c;
      i++;
      continue;
    }
    // `$name`, `${...}` and `{$...}` interpolate: the value depends on running PHP.
    if ((c === '$' && /[A-Za-z_{\x80-\uffff]/.test(s[i + 1] ?? '')) || (c === '{' && s[i + 1] === '$')) {
      literal = false;
    }
    v += c;
    i++;
  }
  return { end: i + 1, v, literal };
};

const singleQuoted = (s: string, start: number): { end: number; v: string } => {
  let v = '';
  let i = start + 1;
  while (i < s.length && s[i] !== "'") {
    if (s[i] === '\\' && (s[i + 1] === "'" || s[i + 1] === '\\')) {
      v += s[i + 1];
      i += 2;
    } else {
      v += s[i];
      i++;
    }
  }
  return { end: i + 1, v };
};

/** Skip a heredoc/nowdoc body from `start` (at `<<<`); returns where code resumes. */
const skipHeredoc = (s: string, start: number): number => {
  const head = /^<<<[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1\r?\n/.exec(s.slice(start));
  if (head === null) return start + 3;
  const label = head[2] as string;
  const closing = new RegExp(`\\n[ \\t]*${label}\\b`, 'g');
  closing.lastIndex = start + head[0].length - 1;
  const found = closing.exec(s);
  return found === null ? s.length : found.index + found[0].length;
};

/** Tokens of the PHP code in `s`; inline HTML and comments produce none. */
const tokenize = (s: string): Token[] => {
  const out: Token[] = [];
  let i = 0;
  let inCode = false;
  while (i < s.length) {
    if (!inCode) {
      const open = s.indexOf('<?', i);
      if (open < 0) break;
      inCode = true;
      i =
        s.slice(open, open + 5).toLowerCase() === '<?php'
          ? open + 5
          : s[open + 2] === '='
            ? open + 3
            : open + 2;
      continue;
    }
    const c = s[i] as string;
    if (c === '?' && s[i + 1] === '>') {
      inCode = false;
      out.push({ t: 'punc', v: ';' });
      i += 2;
    } else if (/\s/.test(c)) {
      i++;
    } else if ((c === '/' && s[i + 1] === '/') || (c === '#' && s[i + 1] !== '[')) {
      // A line comment ends at the newline, or at `?>`, which leaves PHP mode.
      while (i < s.length && s[i] !== '\n' && !(s[i] === '?' && s[i + 1] === '>')) i++;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
    } else if (c === "'") {
      const str = singleQuoted(s, i);
      out.push({ t: 'str', v: str.v, literal: true });
      i = str.end;
    } else if (c === '"') {
      const str = doubleQuoted(s, i);
      out.push({ t: 'str', v: str.v, literal: str.literal });
      i = str.end;
    } else if (c === '<' && s.startsWith('<<<', i)) {
      out.push({ t: 'other' });
      i = skipHeredoc(s, i);
    } else if (c === '$' && ID_START.test(s[i + 1] ?? '')) {
      i++;
      while (i < s.length && ID_PART.test(s[i] as string)) i++;
      out.push({ t: 'var' });
    } else if (ID_START.test(c)) {
      const from = i;
      while (i < s.length && ID_PART.test(s[i] as string)) i++;
      out.push({ t: 'id', v: s.slice(from, i) });
    } else if (/[0-9]/.test(c)) {
      while (i < s.length && /[0-9A-Za-z_.]/.test(s[i] as string)) i++;
      out.push({ t: 'other' });
    } else if ((c === '-' && s[i + 1] === '>') || (c === ':' && s[i + 1] === ':')) {
      out.push({ t: 'punc', v: c + (s[i + 1] as string) });
      i += 2;
    } else if (c === '?' && s[i + 1] === '-' && s[i + 2] === '>') {
      out.push({ t: 'punc', v: '?->' });
      i += 3;
    } else {
      out.push({ t: 'punc', v: c });
      i++;
    }
  }
  return out;
};

/** The value of an expression made only of string literals joined by `.`, or undefined. */
const literalValue = (tokens: readonly Token[]): string | undefined => {
  if (tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  let value = '';
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (k % 2 === 0) {
      if (token.t !== 'str' || !token.literal) return undefined;
      value += token.v;
    } else if (!(token.t === 'punc' && token.v === '.')) return undefined;
  }
  return value;
};

/** Split the tokens after an opening parenthesis into top-level arguments, up to its closing one. */
const callArguments = (tokens: readonly Token[], open: number): Token[][] | undefined => {
  const args: Token[][] = [[]];
  let depth = 0;
  for (let k = open + 1; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (token.t === 'punc' && (token.v === '(' || token.v === '[')) depth++;
    if (token.t === 'punc' && (token.v === ')' || token.v === ']')) {
      if (depth === 0) return args;
      depth--;
    }
    if (token.t === 'punc' && token.v === ',' && depth === 0) args.push([]);
    else args[args.length - 1]?.push(token);
  }
  return undefined;
};

const NOT_A_CALL = new Set(['->', '?->', '::', '\\function', 'function', 'new', 'const']);

const previousWord = (tokens: readonly Token[], k: number): string | undefined => {
  const prev = tokens[k - 1];
  if (prev === undefined) return undefined;
  if (prev.t === 'punc') return prev.v;
  if (prev.t === 'id') return prev.v.toLowerCase();
  return undefined;
};

/**
 * Every constant the PHP source defines with `define('NAME', ...)` or a top-level
 * `const NAME = ...;`, by name; the first definition wins, as in PHP. Never runs the code.
 *
 * @example
 * parsePhpDefines("<?php define( 'WU_SERVER_PILOT_APP_ID' , \"abc\" );").get('WU_SERVER_PILOT_APP_ID');
 * // { _tag: 'Literal', value: 'abc' }
 */
export const parsePhpDefines = (source: string): ReadonlyMap<string, PhpDefine> => {
  const found = new Map<string, PhpDefine>();
  const tokens = tokenize(String(source));
  const record = (name: string, expression: readonly Token[]): void => {
    if (found.has(name)) return;
    const value = literalValue(expression);
    found.set(name, value === undefined ? { _tag: 'Computed' } : { _tag: 'Literal', value });
  };
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (token.t !== 'id') continue;
    const word = token.v.toLowerCase();
    const prev = previousWord(tokens, k);
    if (word === 'define' && !NOT_A_CALL.has(prev ?? '')) {
      const next = tokens[k + 1];
      if (next?.t !== 'punc' || next.v !== '(') continue;
      const args = callArguments(tokens, k + 1);
      const nameToken = args?.[0];
      if (args === undefined || nameToken === undefined || args.length < 2) continue;
      const name = literalValue(nameToken);
      if (name !== undefined) record(name, args[1] ?? []);
    } else if (word === 'const' && prev !== '::' && prev !== '->') {
      // `const A = 'x', B = 'y';`. Class constants match too: braces are not tracked, and a
      // wp-config.php holds no class constant named like the settings read here.
      let m = k + 1;
      for (;;) {
        const nameToken = tokens[m];
        const eq = tokens[m + 1];
        if (nameToken?.t !== 'id' || eq?.t !== 'punc' || eq.v !== '=') break;
        const expression: Token[] = [];
        let n = m + 2;
        let depth = 0;
        for (; n < tokens.length; n++) {
          const t = tokens[n] as Token;
          if (t.t === 'punc' && (t.v === '(' || t.v === '[')) depth++;
          if (t.t === 'punc' && (t.v === ')' || t.v === ']')) depth--;
          if (t.t === 'punc' && (t.v === ';' || t.v === ',') && depth <= 0) break;
          expression.push(t);
        }
        record(nameToken.v, expression);
        const end = tokens[n];
        if (end?.t === 'punc' && end.v === ',') m = n + 1;
        else break;
      }
    }
  }
  return found;
};
