import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import {
  bitString,
  boolean,
  explicit,
  octetString,
  oid,
  pem,
  sequence,
  set,
  smallInteger,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from './der.js';

/** A PEM private key and certificate, as `tls.createSecureContext` takes them. */
export interface KeyCertPair {
  readonly key: string;
  readonly cert: string;
}

/** What a test certificate says. */
export interface TestCertificateOptions {
  /** Subject alternative names: DNS names (`*.example.test` allowed) or IPv4 addresses; empty with a `commonName` for a CN-only certificate. */
  readonly names: readonly string[];
  /** Subject common name. @default names[0] */
  readonly commonName?: string;
  /** @default one day before now */
  readonly notBefore?: Date;
  /** @default 90 days after now */
  readonly notAfter?: Date;
}

/** A certificate authority made for one test run; its certificate is what a client passes as `ca`. */
export interface TestCertificateAuthority extends KeyCertPair {
  readonly name: string;
  /**
   * Issue a leaf certificate for server authentication, signed by this authority.
   *
   * @example
   * const ca = createTestCertificateAuthority();
   * const expired = ca.issue({ names: ['old.example.test'], notAfter: new Date(Date.now() - 86_400_000) });
   */
  issue(options: TestCertificateOptions): KeyCertPair;
}

const DAY = 86_400_000;
const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const CN = '2.5.4.3';
const O = '2.5.4.10';

const distinguishedName = (commonName: string, organization?: string): Buffer =>
  sequence(
    ...(organization === undefined ? [] : [set(sequence(oid(O), utf8String(organization)))]),
    set(sequence(oid(CN), utf8String(commonName))),
  );

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

/** The 16 bytes of an IPv6 literal, `::` and embedded IPv4 tails expanded. */
const ipv6Bytes = (address: string): Buffer => {
  const [head = '', tail] = address.split('::');
  const groups = (part: string | undefined): string[] => {
    if (part === undefined || part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!isIPv4(group)) return [group];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  };
  const left = groups(head);
  const right = groups(tail);
  const all =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  for (const [i, group] of all.entries()) bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2);
  return bytes;
};

/**
 * One subjectAltName entry: an iPAddress for IPv4/IPv6 literals, else a dNSName in its ASCII
 * (punycode) form, since a dNSName is an IA5String and clients compare the `xn--` form.
 */
const generalName = (name: string): Buffer => {
  if (isIPv4(name)) return tlv(0x87, Buffer.from(name.split('.').map(Number)));
  if (isIPv6(name)) return tlv(0x87, ipv6Bytes(name));
  const ascii = domainToASCII(name);
  if (ascii === '') {
    throw new TypeError(
      `${JSON.stringify(name)} is not a host name or IP address; pass a name such as "shop.example.test" or an IP such as "::1"`,
    );
  }
  return tlv(0x82, Buffer.from(ascii, 'ascii'));
};

const keyId = (spki: Buffer): Buffer => createHash('sha1').update(spki).digest();

interface Signer {
  readonly subject: Buffer;
  readonly key: KeyObject;
  readonly spki: Buffer;
}

interface Draft {
  readonly subject: Buffer;
  readonly spki: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly Buffer[];
}

const certificate = (draft: Draft, issuer: Signer): string => {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    issuer.subject,
    sequence(time(draft.notBefore), time(draft.notAfter)),
    draft.subject,
    draft.spki,
    explicit(
      3,
      sequence(
        ...draft.extensions,
        extension('2.5.29.14', false, octetString(keyId(draft.spki))),
        extension('2.5.29.35', false, sequence(tlv(0x80, keyId(issuer.spki)))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, issuer.key);
  return pem('CERTIFICATE', sequence(tbs, ECDSA_WITH_SHA256, bitString(signature)));
};

const newKey = (): { key: KeyObject; spki: Buffer; keyPem: string } => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    key: privateKey,
    spki: publicKey.export({ type: 'spki', format: 'der' }),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

const dates = (options: { notBefore?: Date; notAfter?: Date }) => {
  const now = Date.now();
  return {
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 90 * DAY),
  };
};

const leafExtensions = (names: readonly string[]): readonly Buffer[] => [
  extension('2.5.29.19', true, sequence()),
  extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
  // No names: a legacy certificate that names its host only in the subject CN.
  ...(names.length === 0 ? [] : [extension('2.5.29.17', false, sequence(...names.map(generalName)))]),
];

const checkNames = (options: TestCertificateOptions): void => {
  if (options.names.length === 0 && options.commonName === undefined) {
    throw new TypeError(
      'pass at least one name, such as ["example.test"], or a commonName for a CN-only certificate',
    );
  }
};

/**
 * A fresh ECDSA P-256 certificate authority. Nothing trusts it until a client passes its `cert`
 * as `ca`, which is exactly what loopback TLS tests need.
 *
 * @example
 * const ca = createTestCertificateAuthority();
 * const pair = ca.issue({ names: ['shop.example.test'] });
 * const verifier = createSslVerifier({ ca: ca.cert });
 */
export const createTestCertificateAuthority = (
  options: { readonly name?: string; readonly notBefore?: Date; readonly notAfter?: Date } = {},
): TestCertificateAuthority => {
  const name = options.name ?? 'serverpilot-domains Test CA';
  const subject = distinguishedName(name, 'serverpilot-domains tests');
  const { key, spki, keyPem } = newKey();
  const self: Signer = { subject, key, spki };
  const { notBefore, notAfter } = dates({
    notBefore: options.notBefore ?? new Date(Date.now() - 30 * DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 3650 * DAY),
  });
  const cert = certificate(
    {
      subject,
      spki,
      notBefore,
      notAfter,
      extensions: [
        extension('2.5.29.19', true, sequence(boolean(true))),
        // keyCertSign and cRLSign: bits 5 and 6, one unused bit.
        extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)),
      ],
    },
    self,
  );
  return {
    name,
    key: keyPem,
    cert,
    issue: (leaf) => {
      checkNames(leaf);
      const own = newKey();
      return {
        key: own.keyPem,
        cert: certificate(
          {
            subject: distinguishedName(leaf.commonName ?? leaf.names[0] ?? ''),
            spki: own.spki,
            ...dates(leaf),
            extensions: [
              ...leafExtensions(leaf.names),
              // digitalSignature: bit 0, seven unused bits.
              extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
            ],
          },
          self,
        ),
      };
    },
  };
};

/**
 * A self-signed server certificate, like the default one a fresh web server presents before
 * AutoSSL has issued anything. It carries no key-usage extension, so OpenSSL recognises it as
 * self-signed (`DEPTH_ZERO_SELF_SIGNED_CERT`) rather than merely unverifiable.
 *
 * @example
 * const fallback = createSelfSignedCertificate({ names: ['localhost'] });
 */
export const createSelfSignedCertificate = (options: TestCertificateOptions): KeyCertPair => {
  checkNames(options);
  const subject = distinguishedName(options.commonName ?? options.names[0] ?? '');
  const { key, spki, keyPem } = newKey();
  return {
    key: keyPem,
    cert: certificate(
      { subject, spki, ...dates(options), extensions: leafExtensions(options.names) },
      { subject, key, spki },
    ),
  };
};
