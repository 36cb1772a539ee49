/**
 * PURE: option values from the command line, checked. Each parser throws commander's
 * `InvalidArgumentError` with what to pass instead, so a bad value stops the command (exit 2)
 * before anything is loaded or sent. No library code here: `--help` must stay light.
 */
import { isIP } from 'node:net';
import { InvalidArgumentError } from 'commander';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `30s`, `5m`, `1h`, `1m30s`, `250ms`, or a bare number of seconds, to milliseconds. */
export const parseDuration = (text: string): number => {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1_000);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) {
    throw new InvalidArgumentError('pass a duration such as 30s, 5m, 1h or 1m30s.');
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * (UNITS[p[2] as string] ?? 0), 0));
};

const integer = (text: string, min: number, max: number, example: string): number => {
  const value = text.trim();
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidArgumentError(`pass a whole number from ${min} to ${max}, such as ${example}.`);
  }
  return Number(value);
};

export const parsePort = (text: string): number => integer(text, 1, 65_535, '443');
export const parseTries = (text: string): number => integer(text, 1, 1_000, '5');
export const parseConcurrency = (text: string): number => integer(text, 1, 256, '16');
export const parseDays = (text: string): number => integer(text, 0, 3_650, '20');

/** One `--resolve` entry: every name (`*`) or one name, sent to `address`. */
export interface ResolveEntry {
  readonly name: string;
  readonly address: string;
  /** The port of curl's `name:port:address` form, when given. */
  readonly port?: number;
}

const resolveHelp =
  'pass name:address, such as shop.example.com:203.0.113.10 (curl\'s name:port:address form and "*" for every name work too).';

/**
 * `name:address`, curl's `name:port:address`, with IPv6 addresses bare or in brackets
 * (`shop.test:[2001:db8::1]`). Repeatable: commander passes the list so far.
 */
export const parseResolve = (text: string, previous: readonly ResolveEntry[] = []): ResolveEntry[] => {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new InvalidArgumentError(resolveHelp);
  const name = text.slice(0, colon).trim().toLowerCase().replace(/\.$/, '');
  let rest = text.slice(colon + 1).trim();
  let port: number | undefined;
  const curl = /^(\d{1,5}):(.+)$/.exec(rest);
  if (curl !== null && isIP(rest) === 0) {
    port = Number(curl[1]);
    rest = curl[2] as string;
  }
  const address = rest.replace(/^\[(.*)\]$/, '$1');
  if (
    name === '' ||
    /\s/.test(name) ||
    isIP(address) === 0 ||
    (port !== undefined && (port < 1 || port > 65_535))
  ) {
    throw new InvalidArgumentError(resolveHelp);
  }
  return [...previous, { name, address, ...(port === undefined ? {} : { port }) }];
};

/** Repeatable string options (`--protect a --protect b`), also comma-separated. */
export const collect = (text: string, previous: readonly string[] = []): string[] => [
  ...previous,
  ...text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
];

/**
 * The www policies, checked here so a typo stops before anything loads. Ultimate Multisite's own
 * setting names work too: its `main_only` is `apex`.
 */
export const parseWww = (text: string): 'apex' | 'always' | 'never' => {
  const value = text.trim().toLowerCase().replace(/-/g, '_');
  if (value === 'apex' || value === 'always' || value === 'never') return value;
  if (value === 'main_only') return 'apex';
  throw new InvalidArgumentError('pass apex, always or never (main_only means apex).');
};
