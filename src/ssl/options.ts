import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { SecureContext } from 'node:tls';
import * as E from 'fp-ts/lib/Either.js';
import { copyList, describeValue, quote } from '../domains/input.js';
import { isIpLiteral, isWildcard } from '../domains/name.js';
import { invalidOption, type SdkError, ServerPilotSdkError } from '../errors.js';
import { type CaOption, clientContext } from './probe.js';
import type { VerifierOptions } from './types.js';

export const fail = (error: SdkError): never => {
  throw new ServerPilotSdkError(error);
};

export const checkIps = (option: string, ips: readonly string[]): E.Either<SdkError, readonly string[]> => {
  const list = copyList(ips);
  if (!list.ok) {
    return E.left(
      invalidOption(option, `must be an array of IP addresses, such as ["203.0.113.10"]; got ${list.got}`),
    );
  }
  const bad = list.items.find((ip) => typeof ip !== 'string' || isIP(ip) === 0);
  return bad === undefined
    ? E.right(list.items as readonly string[])
    : E.left(
        invalidOption(
          option,
          `${typeof bad === 'string' ? quote(bad) : describeValue(bad).got} is not an IP address; pass the server's public IPv4/IPv6 address, such as its \`lastaddress\``,
        ),
      );
};

const positiveInteger = (option: string, value: number | undefined, example: string): void => {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    fail(invalidOption(option, `${String(value)} is not a positive integer; pass ${example}`));
  }
};

export const validateOptions = (options: VerifierOptions): void => {
  positiveInteger('port', options.port, 'a TCP port such as 443');
  if (options.port !== undefined && options.port > 65_535) {
    fail(invalidOption('port', `${options.port} is not a TCP port; pass one from 1 to 65535, such as 443`));
  }
  positiveInteger('timeoutMs', options.timeoutMs, 'milliseconds, such as 10000');
  if (options.connectTo !== undefined && isIP(options.connectTo) === 0) {
    fail(
      invalidOption(
        'connectTo',
        `${JSON.stringify(options.connectTo)} is not an IP address; pass the server's IP, such as "203.0.113.10"`,
      ),
    );
  }
  const ips = checkIps('expectedIps', options.expectedIps ?? []);
  if (E.isLeft(ips)) fail(ips.left);
};

export const notVerifiableReason = (domain: string): string | undefined =>
  isWildcard(domain)
    ? `${domain} is a wildcard: AutoSSL issues certificates by HTTP validation, which cannot cover wildcards; install a certificate from a DNS-validated issuer instead`
    : isIpLiteral(domain)
      ? `${domain} is an IP address: AutoSSL (Let's Encrypt) issues certificates for domain names only`
      : undefined;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

const badCa = (why: string): never =>
  fail(
    invalidOption(
      'ca',
      `${why}; pass PEM certificates (text starting "-----BEGIN CERTIFICATE-----"), such as the \`cert\` of createTestCertificateAuthority()`,
    ),
  );

const caEntries = (ca: CaOption | undefined): readonly (string | Buffer)[] =>
  ca === undefined ? [] : typeof ca === 'string' || Buffer.isBuffer(ca) ? [ca] : ca;

/**
 * SHA-256 fingerprints (`AB:CD:...`, as `fingerprint256`) of the `ca` certificates, so a pinned
 * self-signed certificate can be told apart from an untrusted one when OpenSSL reports only its dates.
 * Call after {@link secureContextFor}, which rejects entries that do not parse.
 */
export const caFingerprints = (ca: CaOption | undefined): ReadonlySet<string> =>
  new Set(
    caEntries(ca).flatMap((entry) =>
      (entry.toString('latin1').match(PEM_CERTIFICATE) ?? []).map(
        (block) => new X509Certificate(block).fingerprint256,
      ),
    ),
  );

/**
 * The client context for `ca`. OpenSSL silently ignores text that holds no certificate, which
 * would leave a verifier that trusts nothing; so every entry must hold at least one parseable one.
 */
export const secureContextFor = (ca: CaOption | undefined): SecureContext => {
  for (const entry of caEntries(ca)) {
    const blocks = entry.toString('latin1').match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) badCa('holds no PEM certificate');
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch (thrown) {
        badCa(
          `holds a certificate that cannot be parsed (${thrown instanceof Error ? thrown.message : String(thrown)})`,
        );
      }
    }
  }
  return clientContext(ca);
};
