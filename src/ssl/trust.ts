/** What the verifier trusts: the `ca` option, checked, as one client context and as pinned fingerprints. */
import type { SecureContext } from 'node:tls';
import { invalidOption } from '../errors/index.js';
import { crypto, tls } from '../internal/builtins.js';
import { fail } from '../internal/validate.js';

/** Trusted roots, replacing the system store: PEM text or buffers. */
export type CaOption = string | Buffer | readonly (string | Buffer)[];

/** One client context for every probe of a verifier; `ca` replaces the system trust store. */
export const clientContext = (ca: CaOption | undefined): SecureContext =>
  tls().createSecureContext(
    ca === undefined ? {} : { ca: typeof ca === 'string' || Buffer.isBuffer(ca) ? ca : [...ca] },
  );

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
        (block) => new (crypto().X509Certificate)(block).fingerprint256,
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
        new (crypto().X509Certificate)(block);
      } catch (thrown) {
        badCa(
          `holds a certificate that cannot be parsed (${thrown instanceof Error ? thrown.message : String(thrown)})`,
        );
      }
    }
  }
  return clientContext(ca);
};
