import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { type InvalidDomain, invalidDomain } from '../errors/index.js';
import { describeValue, keptInput, quote } from './input.js';
import { publicSuffixList } from './public-suffix.js';

declare const DomainNameBrand: unique symbol;

/** A host name in the one form ServerPilot and this SDK compare: trimmed, lowercase, punycode, no trailing dot. */
export type DomainName = string & { readonly [DomainNameBrand]: true };

/** What kind of name it is: apex/subdomain by the Public Suffix List (see `classify`), wildcard, or IP literal. */
export type DomainKind = 'apex' | 'subdomain' | 'wildcard' | 'ip';

const MAX_NAME = 253;
const MAX_LABEL = 63;
/** Longer input is refused before any other check: no rule below then sees (or echoes) megabytes. */
const MAX_INPUT = 1_024;
const LABEL_CHARS = /^[a-z0-9-]+$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const HOST_PORT = /^(.*):(\d*)$/;
/** Already-normal LDH names (the bulk of any server list): labels of 1-63, no edge hyphens, alphabetic TLD. */
const PLAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

type Check = E.Either<string, string>;

const reject = (reason: string): Check => E.left(reason);

/** A URL: say which host name to pass instead. */
const fromUrl = (input: string): string => {
  // The URL parser would percent-decode the host: suggesting that would decode on the caller's behalf.
  const authority = input.slice(input.indexOf('//') + 2).split(/[/?#]/)[0] ?? '';
  if (authority.includes('%')) {
    return 'looks like a URL with percent-encoding in its host; pass only the host name, as plain text';
  }
  try {
    const host = new URL(input).hostname;
    return host.length > 0
      ? `looks like a URL; pass the host name ${quote(host)}`
      : 'looks like a URL without a host; pass a host name such as "example.com"';
  } catch {
    return 'looks like a URL; pass only its host name, such as "example.com"';
  }
};

const checkLabels = (ascii: string, original: string): Check => {
  if (ascii.length > MAX_NAME) {
    return reject(`is ${ascii.length} characters long; a domain name holds at most ${MAX_NAME}`);
  }
  const labels = ascii.split('.');
  if (labels.length < 2) return reject(singleLabel(ascii, original));
  for (const label of labels) {
    if (label.length === 0) return reject('has an empty label (two dots in a row, or a leading dot)');
    if (label.length > MAX_LABEL) {
      return reject(
        `has a label of ${label.length} characters (${JSON.stringify(`${label.slice(0, 12)}…`)}); labels hold at most ${MAX_LABEL}`,
      );
    }
    if (!LABEL_CHARS.test(label)) {
      const bad = [...label].find((c) => !/[a-z0-9-]/.test(c)) ?? '';
      return reject(
        `contains ${JSON.stringify(bad)}; host names hold only letters, digits, hyphens and dots`,
      );
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      return reject(`has a label that starts or ends with a hyphen (${quote(label)})`);
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return reject('ends in a numeric label; pass a full IPv4 address or a name with a real top-level domain');
  }
  return E.right(ascii);
};

/** Lowercase ASCII (punycode) of a name, or '' when domainToASCII cannot encode it (bad punycode, forbidden code points). */
const asciiOf = (name: string): string =>
  // Any case of `xn--` goes through domainToASCII, which checks the punycode ('XN--' is punycode too).
  /^[\x20-\x7e]*$/.test(name) && !/xn--/i.test(name) ? name.toLowerCase() : domainToASCII(name);

/** `com` is a top-level domain nobody can hold; `localhost` just lacks one. */
const singleLabel = (ascii: string, original: string): string =>
  publicSuffixList().parse(ascii).isIcann === true
    ? `is the top-level domain ${quote(ascii)} alone; pass a name under it, such as ${JSON.stringify(`example.${ascii}`)}`
    : `is a single label; pass a fully qualified name such as ${quote(`${original}.com`)}`;

/** `%` never belongs in a host name: an IPv6 zone id (`fe80::1%eth0`) or percent-encoding, never decoded. */
const percentReason = (trimmed: string): string => {
  const bare = /^\[(.*)\]$/.exec(trimmed)?.[1] ?? trimmed;
  const at = bare.indexOf('%');
  const address = bare.slice(0, at);
  if (isIPv6(address)) {
    return `is an IPv6 address with a zone id (${quote(bare.slice(at))}), which names a network interface of one machine; pass the address without it, such as ${quote(address)}`;
  }
  const encoded = /%[0-9a-f]{0,2}/i.exec(trimmed)?.[0] ?? '%';
  return `contains percent-encoding (${JSON.stringify(encoded)}); pass the name as plain text, not URL-encoded`;
};

/** A wildcard must sit under a registrable domain: `*.com` or `*.co.uk` would claim a whole suffix. */
const wildcardReason = (rest: string): string | undefined => {
  const ascii = asciiOf(rest);
  if (ascii.length === 0 || isIPv4(ascii) || publicSuffixList().getDomain(ascii) !== null) return undefined;
  return publicSuffixList().parse(ascii).publicSuffix === ascii
    ? `is a wildcard over the public suffix ${quote(ascii)}, under which nobody can hold every name; pass a wildcard under a registrable domain, such as "*.example.com"`
    : undefined;
};

/** Unicode or punycode to checked lowercase ASCII. */
const toAscii = (name: string): Check => {
  const ascii = asciiOf(name);
  if (ascii.length === 0) return reject('is not a valid internationalized domain name');
  return checkLabels(ascii, name);
};

const normalizeString = (raw: string): Check => {
  const trimmed = raw.trim();
  // Fast path; punycode labels still go the long way, where domainToASCII checks them.
  if (trimmed.length <= MAX_NAME && PLAIN.test(trimmed) && !trimmed.includes('xn--')) return E.right(trimmed);
  if (trimmed.length === 0) return reject('is empty; pass a host name such as "example.com"');
  if (trimmed.length > MAX_INPUT) {
    return reject(`is far too long for a host name; a domain name holds at most ${MAX_NAME} characters`);
  }
  if (URL_SCHEME.test(trimmed)) return reject(fromUrl(trimmed));
  if (trimmed.includes('%')) return reject(percentReason(trimmed));
  if (/\s/.test(trimmed)) return reject('contains spaces; pass one host name per entry');
  if (trimmed.includes('@'))
    return reject('contains "@"; pass only the host name, without a user or e-mail part');
  const slash = trimmed.indexOf('/');
  if (slash >= 0) {
    const host = trimmed.slice(0, slash);
    return reject(
      `contains a path (${quote(trimmed.slice(slash))}); pass only the host name${host.length > 0 ? ` ${quote(host)}` : ''}`,
    );
  }
  if (/[?#]/.test(trimmed)) return reject('contains a query or fragment; pass only the host name');

  const bracketed = /^\[(.+)\]$/.exec(trimmed);
  const v6 = bracketed?.[1] ?? trimmed;
  if (isIPv6(v6)) return E.right(v6.toLowerCase());
  if (bracketed !== null) return reject('is in brackets but is not an IPv6 address');

  const port = HOST_PORT.exec(trimmed);
  if (port !== null) {
    const host = port[1] ?? '';
    return reject(
      `includes a port (${quote(`:${port[2] ?? ''}`)}); pass the host name ${quote(host)} alone: ServerPilot serves domains on ports 80 and 443`,
    );
  }

  const name = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  if (isIPv4(name)) return E.right(name);
  if (name.startsWith('*.')) {
    const rest = name.slice(2);
    if (rest.includes('*')) return reject('has more than one "*"; only one leading "*." is allowed');
    const overSuffix = wildcardReason(rest);
    if (overSuffix !== undefined) return reject(overSuffix);
    return pipe(
      toAscii(rest),
      E.map((ascii) => `*.${ascii}`),
    );
  }
  if (name.includes('*'))
    return reject('has a "*" that is not a leading "*."; pass a wildcard as "*.example.com"');
  return toAscii(name);
};

/**
 * Normalize a user- or server-supplied name: trim, lowercase, drop one trailing dot, IDN to
 * punycode. Accepts apex names, subdomains, `*.` wildcards and IPv4/IPv6 literals. Rejects URLs,
 * ports, paths, spaces, empty or over-long labels, leading/trailing hyphens, with a reason that
 * says what to pass instead.
 *
 * @example
 * normalizeDomain(' Shop.Example.COM. ')    // right('shop.example.com')
 * normalizeDomain('münchen.de')             // right('xn--mnchen-3ya.de')
 * normalizeDomain('https://shop.example.com/')
 * // left({ _tag: 'InvalidDomain', reason: 'looks like a URL; pass the host name "shop.example.com"' })
 */
export const normalizeDomain = (input: string): E.Either<InvalidDomain, DomainName> => {
  // Plain JavaScript callers pass anything: describe it without calling into it, never throw.
  if (typeof input !== 'string') {
    const { input: shown, got } = describeValue(input);
    return E.left(invalidDomain(shown, `got ${got}; pass the domain as a string, such as "example.com"`));
  }
  const result = normalizeString(input);
  return E.isLeft(result)
    ? E.left(invalidDomain(keptInput(input), `${quote(input)} ${result.left}`))
    : E.right(result.right as DomainName);
};

/** Whether a normalized name is an IP literal. */
export const isIpLiteral = (name: string): boolean => isIPv4(name) || isIPv6(name);

/** Whether a normalized name is a `*.` wildcard. */
export const isWildcard = (name: string): boolean => name.startsWith('*.');

/**
 * What kind of name a normalized domain is. `apex` means registrable by the ICANN section of the
 * Public Suffix List (`example.co.uk`); `subdomain` is anything below one (`shop.example.co.uk`)
 * and also a bare public suffix, which nobody can register.
 */
export const classify = (name: DomainName): DomainKind => {
  if (isIpLiteral(name)) return 'ip';
  if (isWildcard(name)) return 'wildcard';
  return publicSuffixList().getDomain(name) === name ? 'apex' : 'subdomain';
};
