/** The shapes of the test certificate helpers: what they take and what they give back. */
import type { SignatureHash, TestKeyOptions } from './signing.js';

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
