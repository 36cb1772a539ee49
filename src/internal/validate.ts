/**
 * Every option check of the SDK, one rule per kind of value, as ky checks its options in one
 * place (`validateAndMerge`). A rule takes the option's name and the value as passed and returns
 * the value to use or an `InvalidOption` whose reason reads `must be …, not …; pass … such as …`.
 * Rules never echo a string the caller passed: an option may hold the API key by mistake.
 */
import { isIP } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { invalidOption, type SdkError, ServerPilotSdkError } from '../errors/index.js';

/** A check of one option: the value to use, or why it cannot be used. */
export type Rule<A> = (option: string, value: unknown) => E.Either<SdkError, A>;

/** The longest wait a Node timer holds (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** What the caller passed, for a message: numbers and booleans as they are, anything else by its kind. */
const shown = (value: unknown): string => {
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'function') return 'a function';
  try {
    if (Array.isArray(value)) return 'an array';
  } catch {
    // A revoked proxy makes even Array.isArray throw.
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

/** The one message form: `must be <what>, not <got>; pass <advice>`. */
const refuse = <A>(option: string, what: string, got: string, advice: string): E.Either<SdkError, A> =>
  E.left(invalidOption(option, `must be ${what}, not ${got}; pass ${advice}`));

interface NumberRule {
  /** The smallest value allowed. */
  readonly min: number;
  /** The largest value allowed; none when left out. */
  readonly max?: number;
  /** A good value for the message. */
  readonly example: number | string;
}

const range = (min: number, max: number | undefined): string =>
  max === undefined ? `of at least ${min}` : `between ${min} and ${max}`;

/** A whole number in a range: the shape of counts, durations, sizes and ports. */
const wholeNumber =
  (noun: string, { min, max, example }: NumberRule): Rule<number> =>
  (option, value) =>
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    (max === undefined || value <= max)
      ? E.right(value)
      : refuse(option, `${noun} ${range(min, max)}`, shown(value), `one such as ${example}`);

/**
 * How many of something: tries, workers, names.
 * @example count({ min: 1, example: 8 })('concurrency', 0) // must be a whole number of at least 1, not 0; pass one such as 8
 */
export const count = (rule: NumberRule): Rule<number> => wholeNumber('a whole number', rule);

/** A time in milliseconds that feeds a timer: whole, and at most {@link MAX_TIMER_MS}. */
export const durationMs = (rule: Omit<NumberRule, 'max'>): Rule<number> =>
  wholeNumber('whole milliseconds', { ...rule, max: MAX_TIMER_MS });

/** A size in bytes, from 1 to `max`. */
export const byteSize = (rule: Omit<NumberRule, 'min'>): Rule<number> =>
  wholeNumber('a whole number of bytes', { ...rule, min: 1 });

/** A TCP port. */
export const port: Rule<number> = wholeNumber('a TCP port', { min: 1, max: 65_535, example: 443 });

/** A number of days, fractions allowed (certificate lifetimes are counted in fractional days). */
export const days =
  (example: number): Rule<number> =>
  (option, value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER
      ? E.right(value)
      : refuse(option, 'a number of days of at least 0', shown(value), `one such as ${example}`);

/**
 * A value of a kind no number rule covers (a scheduler, a client, a connection), named by `what`.
 * @example matching('a function', (v) => typeof v === 'function', 'one such as () => Date.now()')
 */
export const matching =
  <A>(what: string, test: (value: unknown) => boolean, advice: string): Rule<A> =>
  (option, value) =>
    test(value) ? E.right(value as A) : refuse(option, what, shown(value), advice);

/** `true` or `false`: config files and environments give strings, and `'false'` must not mean true. */
export const flag: Rule<boolean> = matching(
  'true or false',
  (v) => typeof v === 'boolean',
  'a boolean such as false',
);

/** A function to inject (a clock, a sleep, a random source). */
export const fn = <F>(example: string): Rule<F> =>
  matching(
    'a function',
    (v) => typeof v === 'function',
    `one such as ${example}, or leave it out for the default`,
  );

const IP_ADVICE = 'the server\'s IPv4 or IPv6 address, such as "203.0.113.10" (its `lastaddress`)';

const LIST_ADVICE =
  'an array such as ["203.0.113.10", "2001:db8::7"] (the server\'s `lastaddress` and any other address it answers on)';

/** Text that is not an address is not echoed either: it may be a secret passed in the wrong place. */
const notIp = (value: unknown): string => (typeof value === 'string' ? 'other text' : shown(value));

/** One IPv4 or IPv6 address. */
export const ipAddress: Rule<string> = (option, value) =>
  typeof value === 'string' && isIP(value) !== 0
    ? E.right(value)
    : refuse(option, 'an IP address', notIp(value), IP_ADVICE);

/** A list of IPv4 or IPv6 addresses, copied so a caller's later change cannot reach it. */
export const ipList: Rule<readonly string[]> = (option, value) => {
  let items: readonly unknown[];
  try {
    if (!Array.isArray(value)) return refuse(option, 'an array of IP addresses', shown(value), LIST_ADVICE);
    items = Array.prototype.slice.call(value);
  } catch {
    return refuse(option, 'an array of IP addresses', 'an array that cannot be read', LIST_ADVICE);
  }
  const bad = items.findIndex((ip) => typeof ip !== 'string' || isIP(ip) === 0);
  return bad === -1
    ? E.right(items as readonly string[])
    : refuse(
        option,
        'an array of IP addresses',
        `one whose entry ${bad} is ${notIp(items[bad])}`,
        LIST_ADVICE,
      );
};

/**
 * An http(s) URL without credentials, query or fragment, returned without trailing slashes.
 * The URL is never echoed: it may hold a password.
 */
export const baseUrl =
  (example: string): Rule<string> =>
  (option, value) => {
    const advice = `the API's base URL, such as '${example}'`;
    if (typeof value !== 'string' || value.trim() === '')
      return refuse(option, 'a URL', shown(value), advice);
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      return refuse(option, 'an absolute URL', 'a relative or malformed one', advice);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return refuse(
        option,
        'an https:// URL (or http:// for a local simulator)',
        `a ${url.protocol} one`,
        advice,
      );
    }
    if (url.username !== '' || url.password !== '') {
      return refuse(
        option,
        'a URL without credentials',
        'one with a user name or password',
        `them as clientId and apiKey, such as { clientId, apiKey, baseUrl: '${example}' }`,
      );
    }
    if (url.search !== '' || url.hash !== '') {
      return refuse(option, 'a URL without query or fragment', 'one with them', advice);
    }
    return E.right(url.href.replace(/\/+$/, ''));
  };

/** A rule that lets `undefined` through, for options without a default. */
export const optional =
  <A>(rule: Rule<A>): Rule<A | undefined> =>
  (option, value) =>
    value === undefined ? E.right(undefined) : rule(option, value);

/** A rule that puts `fallback` for `undefined`, and checks it like a passed value. */
export const withDefault =
  <A>(rule: Rule<A>, fallback: unknown): Rule<A> =>
  (option, value) =>
    rule(option, value === undefined ? fallback : value);

type Checked<R> = { readonly [K in keyof R]: R[K] extends Rule<infer A> ? A : never };

/**
 * The rules of an options object, run in order; the first option that cannot be used is the error.
 * `undefined` counts as `{}`; anything else that is not an object is refused with `example`.
 * A nested object's options are named with a dot, such as `retry.limit`.
 *
 * @example
 * const check = struct({ limit: withDefault(count({ min: 0, max: 100, example: 2 }), 2) }, '{ limit: 2 }');
 * check('retry', { limit: -1 }) // left(InvalidOption retry.limit: must be a whole number between 0 and 100, not -1; …)
 */
export const struct =
  <R extends Readonly<Record<string, Rule<unknown>>>>(rules: R, example: string): Rule<Checked<R>> =>
  (option, value) => {
    if (value !== undefined && (typeof value !== 'object' || value === null)) {
      return refuse(option === '' ? 'options' : option, 'an object', shown(value), `one such as ${example}`);
    }
    const given = (value ?? {}) as Readonly<Record<string, unknown>>;
    const out: Record<string, unknown> = {};
    for (const [key, rule] of Object.entries(rules)) {
      const checked = rule(option === '' ? key : `${option}.${key}`, given[key]);
      if (E.isLeft(checked)) return checked;
      out[key] = checked.right;
    }
    return E.right(out as Checked<R>);
  };

/** Throw `error` as a `ServerPilotSdkError`: for factories that throw, and code that turns it back into a Left at its edge. */
export const fail = (error: SdkError): never => {
  throw new ServerPilotSdkError(error);
};

/** The checked value, or the error thrown as a `ServerPilotSdkError`. */
export const orThrow = <A>(checked: E.Either<SdkError, A>): A =>
  E.isLeft(checked) ? fail(checked.left) : checked.right;
