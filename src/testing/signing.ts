/**
 * Keys and signature algorithms for test certificates, including the weak ones (RSA under 2048
 * bits, SHA-1 and MD5 signatures) that a probe must refuse even from a trusted authority.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { nullValue, oid, sequence } from './der.js';

/**
 * The key of a test certificate: ECDSA P-256, or RSA of `bits` (1024 makes a key browsers refuse).
 * @default { type: 'ec' }
 * @example { type: 'rsa', bits: 1024 }
 */
export type TestKeyOptions =
  | {
      /**
       * ECDSA P-256.
       * @example { type: 'ec' }
       */
      readonly type: 'ec';
    }
  | {
      /**
       * RSA, of `bits`.
       * @example { type: 'rsa', bits: 1024 }
       */
      readonly type: 'rsa';
      /**
       * The key size; under 2048 is a key browsers refuse.
       * @default 2048
       * @example { type: 'rsa', bits: 4096 }
       */
      readonly bits?: number;
    };

/**
 * The digest an issuer signs a certificate with; `sha1` and `md5` make a signature browsers refuse
 * (`md5` needs an RSA issuer: there is no ECDSA-with-MD5).
 * @default 'sha256'
 */
export type SignatureHash = 'sha256' | 'sha1' | 'md5';

/** A fresh key pair: the private key, its DER SubjectPublicKeyInfo, and its PKCS#8 PEM. */
export interface TestKey {
  readonly key: KeyObject;
  readonly spki: Buffer;
  readonly keyPem: string;
}

export const newKey = (options: TestKeyOptions = { type: 'ec' }): TestKey => {
  const { privateKey, publicKey } =
    options.type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: options.bits ?? 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    key: privateKey,
    spki: publicKey.export({ type: 'spki', format: 'der' }),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

/** AlgorithmIdentifier OIDs by issuer key type and digest (RFC 3279, RFC 5758). */
const ALGORITHMS: Readonly<Record<'ec' | 'rsa', Partial<Record<SignatureHash, string>>>> = {
  ec: { sha256: '1.2.840.10045.4.3.2', sha1: '1.2.840.10045.4.1' },
  rsa: { sha256: '1.2.840.113549.1.1.11', sha1: '1.2.840.113549.1.1.5', md5: '1.2.840.113549.1.1.4' },
};

/** The AlgorithmIdentifier and the signing function for an issuer key and a digest. */
export const signatureAlgorithm = (
  issuerKey: KeyObject,
  hash: SignatureHash,
): { readonly identifier: Buffer; readonly sign: (tbs: Buffer) => Buffer } => {
  const type = issuerKey.asymmetricKeyType === 'rsa' ? 'rsa' : 'ec';
  const id = ALGORITHMS[type][hash];
  if (id === undefined) {
    throw new TypeError(
      `an ${type.toUpperCase()} issuer cannot sign with ${hash}; pass an RSA issuer key ({ key: { type: 'rsa' } }) for md5`,
    );
  }
  return {
    // RSA signature algorithms carry explicit NULL parameters; ECDSA ones carry none (RFC 5758).
    identifier: type === 'rsa' ? sequence(oid(id), nullValue()) : sequence(oid(id)),
    sign: (tbs) => sign(hash, tbs, issuerKey),
  };
};
