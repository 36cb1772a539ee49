import { createHash, type KeyObject, randomBytes } from 'node:crypto';
import { generalName } from './alt-names.js';
import type {
  KeyCertPair,
  TestAuthorityOptions,
  TestCertificateAuthority,
  TestCertificateOptions,
} from './certificate-types.js';
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
import { newKey, type SignatureHash, signatureAlgorithm } from './signing.js';

export type {
  KeyCertPair,
  TestAuthorityOptions,
  TestCertificateAuthority,
  TestCertificateOptions,
} from './certificate-types.js';
export type { SignatureHash, TestKeyOptions } from './signing.js';

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
