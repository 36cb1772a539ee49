import { createHash, type KeyObject, randomBytes } from 'node:crypto';
import { generalName } from './alt-names.js';
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
import { newKey, type SignatureHash, signatureAlgorithm, type TestKeyOptions } from './signing.js';

export type { SignatureHash, TestKeyOptions } from './signing.js';

/** A PEM private key and certificate, as `tls.createSecureContext` takes them. */
export interface KeyCertPair {
  readonly key: string;
  readonly cert: string;
}

/** What a test certificate says. */
export interface TestCertificateOptions {
  /**
   * Subject alternative names: DNS names (`*.example.test` allowed) or IPv4 addresses; empty with a `commonName` for a CN-only certificate.
   * @example { names: ['shop.example.test', 'www.shop.example.test'] }
   */
  readonly names: readonly string[];
  /**
   * Subject common name.
   * @default names[0]
   * @example { names: [], commonName: 'legacy.example.test' } // CN only: browsers refuse it
   */
  readonly commonName?: string;
  /**
   * Start of validity.
   * @default one day before now
   * @example { notBefore: new Date(Date.now() + 86_400_000) } // not yet valid
   */
  readonly notBefore?: Date;
  /**
   * End of validity.
   * @default 90 days after now
   * @example { notAfter: new Date(Date.now() - 1_000) } // expired
   */
  readonly notAfter?: Date;
  /**
   * The certificate's own key; RSA under 2048 bits is one browsers refuse.
   * @default { type: 'ec' } (ECDSA P-256)
   * @example { key: { type: 'rsa', bits: 1024 } }
   */
  readonly key?: TestKeyOptions;
  /**
   * The digest the issuer signs it with; `sha1` and `md5` are signatures browsers refuse.
   * @default 'sha256'
   * @example { signatureHash: 'sha1' }
   */
  readonly signatureHash?: SignatureHash;
}

/** Options of {@link createTestCertificateAuthority} and {@link TestCertificateAuthority.intermediate}. */
export interface TestAuthorityOptions {
  /**
   * The authority's common name.
   * @default 'serverpilot-domains Test CA'
   * @example { name: 'Panel Test Root' }
   */
  readonly name?: string;
  /**
   * Start of validity.
   * @default 30 days before now
   * @example { notBefore: new Date('2024-01-01') }
   */
  readonly notBefore?: Date;
  /**
   * End of validity.
   * @default 10 years after now
   * @example { notAfter: new Date(Date.now() - 1_000) } // an expired authority
   */
  readonly notAfter?: Date;
  /**
   * The authority's key: `{ type: 'rsa' }` lets it sign with md5.
   * @default { type: 'ec' } (ECDSA P-256)
   * @example { key: { type: 'rsa', bits: 2048 } }
   */
  readonly key?: TestKeyOptions;
  /**
   * The digest its issuer signs its certificate with (its own key, for a root).
   * @default 'sha256'
   * @example { signatureHash: 'sha1' } // an intermediate with a SHA-1 signature
   */
  readonly signatureHash?: SignatureHash;
}

/** A certificate authority made for one test run; its certificate is what a client passes as `ca`. */
export interface TestCertificateAuthority extends KeyCertPair {
  readonly name: string;
  /**
   * An intermediate authority signed by this one. What it issues carries the chain (leaf, then
   * every intermediate) in `cert`, as a server presents it; clients still trust only the root.
   *
   * @example
   * const weakLink = ca.intermediate({ signatureHash: 'sha1' });
   * const pair = weakLink.issue({ names: ['shop.example.test'] });
   */
  intermediate(options?: TestAuthorityOptions): TestCertificateAuthority;
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
const CN = '2.5.4.3';
const O = '2.5.4.10';

const distinguishedName = (commonName: string, organization?: string): Buffer =>
  sequence(
    ...(organization === undefined ? [] : [set(sequence(oid(O), utf8String(organization)))]),
    set(sequence(oid(CN), utf8String(commonName))),
  );

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

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
  readonly signatureHash?: SignatureHash | undefined;
}

const certificate = (draft: Draft, issuer: Signer): string => {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const algorithm = signatureAlgorithm(issuer.key, draft.signatureHash ?? 'sha256');
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm.identifier,
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
  return pem('CERTIFICATE', sequence(tbs, algorithm.identifier, bitString(algorithm.sign(tbs))));
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

const authorityExtensions: readonly Buffer[] = [
  extension('2.5.29.19', true, sequence(boolean(true))),
  // keyCertSign and cRLSign: bits 5 and 6, one unused bit.
  extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)),
];

/** An authority from its key and certificate; `chain` is the intermediates' PEM a server sends after a leaf. */
const authority = (name: string, self: Signer, keyPem: string, cert: string, chain: string) => {
  const made: TestCertificateAuthority = {
    name,
    key: keyPem,
    cert,
    issue: (leaf) => {
      checkNames(leaf);
      const own = newKey(leaf.key);
      const leafCert = certificate(
        {
          subject: distinguishedName(leaf.commonName ?? leaf.names[0] ?? ''),
          spki: own.spki,
          ...dates(leaf),
          signatureHash: leaf.signatureHash,
          extensions: [
            ...leafExtensions(leaf.names),
            // digitalSignature: bit 0, seven unused bits.
            extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)),
          ],
        },
        self,
      );
      return { key: own.keyPem, cert: leafCert + chain };
    },
    intermediate: (options = {}) => {
      const childName = options.name ?? `${name} Intermediate`;
      const subject = distinguishedName(childName, 'serverpilot-domains tests');
      const own = newKey(options.key);
      const childCert = certificate(
        {
          subject,
          spki: own.spki,
          ...authorityDates(options),
          signatureHash: options.signatureHash,
          extensions: authorityExtensions,
        },
        self,
      );
      return authority(
        childName,
        { subject, key: own.key, spki: own.spki },
        own.keyPem,
        childCert,
        childCert + chain,
      );
    },
  };
  return made;
};

const authorityDates = (options: TestAuthorityOptions) =>
  dates({
    notBefore: options.notBefore ?? new Date(Date.now() - 30 * DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 3650 * DAY),
  });

/**
 * A fresh certificate authority (ECDSA P-256 unless `key` says otherwise). Nothing trusts it until
 * a client passes its `cert` as `ca`, which is exactly what loopback TLS tests need.
 *
 * @example
 * const ca = createTestCertificateAuthority();
 * const pair = ca.issue({ names: ['shop.example.test'] });
 * const weak = ca.issue({ names: ['old.example.test'], key: { type: 'rsa', bits: 1024 } });
 * const verifier = createSslVerifier({ ca: ca.cert });
 */
export const createTestCertificateAuthority = (
  options: TestAuthorityOptions = {},
): TestCertificateAuthority => {
  const name = options.name ?? 'serverpilot-domains Test CA';
  const subject = distinguishedName(name, 'serverpilot-domains tests');
  const { key, spki, keyPem } = newKey(options.key);
  const self: Signer = { subject, key, spki };
  const cert = certificate(
    {
      subject,
      spki,
      ...authorityDates(options),
      signatureHash: options.signatureHash,
      extensions: authorityExtensions,
    },
    self,
  );
  return authority(name, self, keyPem, cert, '');
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
  const { key, spki, keyPem } = newKey(options.key);
  return {
    key: keyPem,
    cert: certificate(
      {
        subject,
        spki,
        ...dates(options),
        signatureHash: options.signatureHash,
        extensions: leafExtensions(options.names),
      },
      { subject, key, spki },
    ),
  };
};
