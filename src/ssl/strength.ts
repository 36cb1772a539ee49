/**
 * How strong a certificate is: its public key (type and size) and the algorithm its issuer signed
 * it with. Browsers refuse RSA and DSA keys under 2048 bits and MD5 or SHA-1 signatures, whatever
 * authority issued them; so does the probe.
 */
import type { X509Certificate } from 'node:crypto';

/** The key and signature facts of one certificate. */
export interface StrengthFacts {
  /** `rsa`, `rsa-pss`, `dsa`, `ec`, `ed25519`, `ed448`, or `unknown`. */
  readonly keyAlgorithm: string;
  /** Modulus size for RSA and DSA, curve size for EC and EdDSA; absent when unknown. */
  readonly keyBits?: number;
  /** OpenSSL's name for the signature algorithm (`sha256WithRSAEncryption`), or its OID when unnamed. */
  readonly signatureAlgorithm: string;
}

/** The smallest RSA or DSA modulus browsers accept (CA/Browser Forum baseline requirements). */
export const MIN_RSA_BITS = 2048;
/** The smallest elliptic curve browsers accept. */
export const MIN_EC_BITS = 224;

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

const EDWARDS_BITS: Readonly<Record<string, number>> = { ed25519: 256, ed448: 448 };

/** Signature algorithms by OID; the weak ones are MD2, MD4, MD5 and SHA-1 based. */
const SIGNATURES: Readonly<Record<string, { readonly name: string; readonly weak: boolean }>> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.3': { name: 'md4WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', weak: true },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature', weak: true },
  '1.2.840.10040.4.3': { name: 'dsa_with_SHA1', weak: true },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', weak: true },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss', weak: false },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', weak: false },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', weak: false },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', weak: false },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', weak: false },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', weak: false },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa_with_SHA256', weak: false },
  '1.3.101.112': { name: 'ED25519', weak: false },
  '1.3.101.113': { name: 'ED448', weak: false },
};

/** One DER header at `at`: where its content starts and ends, or undefined past the buffer. */
const header = (der: Buffer, at: number): { tag: number; start: number; end: number } | undefined => {
  const tag = der[at];
  const first = der[at + 1];
  if (tag === undefined || first === undefined) return undefined;
  let length = first;
  let start = at + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  return end <= der.length ? { tag, start, end } : undefined;
};

const dotted = (bytes: Buffer): string => {
  const first = bytes[0] ?? 0;
  const parts = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
};

/**
 * The OID of the outer `signatureAlgorithm` of a DER certificate (`SEQUENCE { tbsCertificate,
 * signatureAlgorithm, signatureValue }`). Node 20's X509Certificate does not expose it.
 */
export const signatureOid = (der: Buffer): string | undefined => {
  const certificate = header(der, 0);
  const tbs = certificate && header(der, certificate.start);
  const algorithm = tbs && header(der, tbs.end);
  const oid = algorithm && header(der, algorithm.start);
  return oid?.tag === 0x06 ? dotted(der.subarray(oid.start, oid.end)) : undefined;
};

const keyFacts = (x509: X509Certificate): Pick<StrengthFacts, 'keyAlgorithm' | 'keyBits'> => {
  try {
    const key = x509.publicKey;
    const algorithm = key.asymmetricKeyType ?? 'unknown';
    const details = key.asymmetricKeyDetails;
    const bits =
      details?.modulusLength ??
      (details?.namedCurve === undefined ? undefined : CURVE_BITS[details.namedCurve]) ??
      EDWARDS_BITS[algorithm];
    return bits === undefined ? { keyAlgorithm: algorithm } : { keyAlgorithm: algorithm, keyBits: bits };
  } catch {
    // A key type this OpenSSL cannot load: reported as unknown, never guessed strong or weak.
    return { keyAlgorithm: 'unknown' };
  }
};

/** The key and signature facts of a parsed certificate and its DER bytes. */
export const strengthOf = (x509: X509Certificate, der: Buffer): StrengthFacts => {
  const oid = signatureOid(der);
  return {
    ...keyFacts(x509),
    signatureAlgorithm: oid === undefined ? 'unknown' : (SIGNATURES[oid]?.name ?? oid),
  };
};

/** Whether browsers refuse this key: RSA or DSA under 2048 bits, an elliptic curve under 224. */
export const isWeakKey = (facts: StrengthFacts): boolean => {
  if (facts.keyBits === undefined) return false;
  if (['rsa', 'rsa-pss', 'dsa'].includes(facts.keyAlgorithm)) return facts.keyBits < MIN_RSA_BITS;
  return facts.keyAlgorithm === 'ec' && facts.keyBits < MIN_EC_BITS;
};

/** Whether browsers refuse this signature: MD2, MD4, MD5 or SHA-1 based. */
export const isWeakSignature = (facts: StrengthFacts): boolean =>
  Object.values(SIGNATURES).some((s) => s.weak && s.name === facts.signatureAlgorithm);
