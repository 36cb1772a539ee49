import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { DetailedPeerCertificate, SecureContext, TLSSocket } from 'node:tls';
import { tls } from '../internal/builtins.js';
import { MAX_TIMER_MS } from '../internal/validate.js';
import { type CertificateFacts, coversName, summarizeCertificate } from './certificate.js';
import { type Classification, classifyProbe, type ProbeEvidence } from './classify.js';
import type { SslProbe } from './status.js';

/**
 * Resolve a host name to the addresses to connect to. Simpler to write than Node's callback
 * lookup: the verifier adapts it, including the `all: true` form Node 20 asks for when it races
 * IPv4 and IPv6 (`autoSelectFamily`). An empty answer counts as `ENOTFOUND`.
 *
 * @example
 * const lookup: SslLookup = async () => [{ address: '127.0.0.1', family: 4 }];
 */
export type SslLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** Everything one handshake needs. */
export interface ProbeSettings {
  readonly port: number;
  readonly timeoutMs: number;
  readonly now: () => number;
  /**
   * Built once per verifier from `ca` (or the system store): without it Node builds a context,
   * re-parsing every trusted root, on every connection.
   */
  readonly secureContext?: SecureContext;
  /**
   * SHA-256 fingerprints of the `ca` certificates: a self-issued certificate among them was pinned
   * by the user, so OpenSSL's date or name codes for it mean what they say, not "self-signed".
   */
  readonly trustedFingerprints?: ReadonlySet<string>;
  readonly lookup?: SslLookup;
  /** Connect to this IP instead of resolving the domain; SNI still names the domain. */
  readonly connectTo?: string;
  readonly signal?: AbortSignal;
}

const notFound = (hostname: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });

const familyOf = (family: LookupAddress['family'] | string | undefined): 0 | 4 | 6 =>
  family === 4 || family === 'IPv4' ? 4 : family === 6 || family === 'IPv6' ? 6 : 0;

/** Node's callback lookup, in both its single-address and `all: true` forms, from an {@link SslLookup}. */
export const toNodeLookup =
  (lookup: SslLookup): LookupFunction =>
  (hostname, options, callback) => {
    const wanted = familyOf(options.family as LookupAddress['family'] | string | undefined);
    // Through a promise, so an injected lookup that throws or returns a non-promise fails this lookup only.
    Promise.resolve()
      .then(() => lookup(hostname))
      .then(
        (answers) => {
          const usable = (Array.isArray(answers) ? answers : []).filter(
            (a) => wanted === 0 || a.family === wanted,
          );
          const first = usable[0];
          if (first === undefined) callback(notFound(hostname), '', 0);
          else if (options.all === true) callback(null, [...usable]);
          else callback(null, first.address, first.family);
        },
        (error: unknown) => callback(asLookupError(error), '', 0),
      );
  };

/**
 * Mark a failure of the injected lookup, so it is classified `dns-error` whatever its code:
 * resolver-based lookups fail with ETIMEOUT, EREFUSED or ECONNREFUSED, which from a socket would
 * otherwise read as the server refusing the connection.
 */
const asLookupError = (error: unknown): Error => {
  const code = (error as { code?: unknown } | null)?.code;
  const base = error instanceof Error ? error : new Error(String(error));
  return Object.assign(base, { [LOOKUP_FAILED]: true }, typeof code === 'string' ? { code } : {});
};

const LOOKUP_FAILED = Symbol('serverpilot-domains.lookupFailed');

const classifySocketError = (error: unknown): Classification => {
  const code = codeOf(error);
  if ((error as { [LOOKUP_FAILED]?: boolean } | null)?.[LOOKUP_FAILED] === true) {
    return { status: 'dns-error', code: code === 'ECONNECT' ? 'ELOOKUP' : code };
  }
  return classifyProbe({ errorCode: code, now: new Date() });
};

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ECONNECT';
};

/**
 * The certificates the server presented after the leaf, as Node links them (it appends the
 * trusted root it found, which signed itself and is skipped: a root's own signature means nothing).
 */
const intermediatesOf = (leaf: DetailedPeerCertificate): readonly Buffer[] => {
  const out: Buffer[] = [];
  const seen = new Set<DetailedPeerCertificate>([leaf]);
  for (
    let cert = leaf.issuerCertificate;
    cert !== undefined && !seen.has(cert);
    cert = cert.issuerCertificate
  ) {
    seen.add(cert);
    if (cert.raw !== undefined && cert.raw.length > 0) out.push(cert.raw);
  }
  return out;
};

/** Weak keys and signatures in the chain: the leaf's signature counts unless it signed itself. */
const chainWeakness = (
  leaf: CertificateFacts,
  intermediates: readonly Buffer[],
  now: Date,
): Pick<ProbeEvidence, 'weakKey' | 'weakSignature'> => {
  const links = intermediates.map((raw) => summarizeCertificate(raw, now)).filter((f) => !f.selfIssued);
  const weakKey = leaf.weakKey ? 'leaf' : links.some((f) => f.weakKey) ? 'intermediate' : undefined;
  const weakSignature = (!leaf.selfIssued && leaf.weakSignature) || links.some((f) => f.weakSignature);
  return { ...(weakKey === undefined ? {} : { weakKey }), ...(weakSignature ? { weakSignature } : {}) };
};

const fromHandshake = (
  domain: string,
  socket: TLSSocket,
  now: Date,
  trusted: ReadonlySet<string> | undefined,
) => {
  const peer: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  if (peer === undefined || peer.raw === undefined || peer.raw.length === 0) {
    return { classification: { status: 'connect-error', code: 'NO_PEER_CERTIFICATE' } as Classification };
  }
  const facts = summarizeCertificate(peer.raw, now);
  const authorizationError = socket.authorizationError;
  const classification = classifyProbe({
    authorized: socket.authorized,
    ...(authorizationError === undefined || authorizationError === null
      ? {}
      : { authorizationError: String(authorizationError) }),
    namesMatch: coversName(peer.raw, domain),
    selfIssued: facts.selfIssued,
    trustedRoot: facts.selfIssued && trusted?.has(facts.summary.fingerprint256) === true,
    validFrom: facts.validFrom,
    validTo: facts.validTo,
    now,
    ...chainWeakness(facts, intermediatesOf(peer), now),
  });
  return { classification, certificate: facts.summary };
};

/**
 * One TLS handshake to `domain` (or to `connectTo` with SNI naming `domain`), classified. Never
 * rejects: every failure, including a timeout or an abort, is a status with a code.
 */
export const probeOnce = (domain: string, settings: ProbeSettings): Promise<SslProbe> =>
  new Promise<SslProbe>((resolve) => {
    const started = settings.now();
    let settled = false;
    let socket: TLSSocket | undefined;
    let timer: NodeJS.Timeout | undefined;

    const finish = (
      classification: Classification,
      extra: Pick<SslProbe, 'certificate' | 'address'> = {},
    ): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      settings.signal?.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve({
        domain,
        status: classification.status,
        ...(classification.code === undefined ? {} : { code: classification.code }),
        ...(extra.certificate === undefined ? {} : { certificate: extra.certificate }),
        ...(extra.address === undefined ? {} : { address: extra.address }),
        elapsedMs: Math.max(0, settings.now() - started),
      });
    };
    // An abort is not a verdict on the server; the verifier turns it into AbortedError.
    const onAbort = (): void => finish({ status: 'connect-error', code: 'ABORT_ERR' });

    if (settings.signal?.aborted === true) {
      onAbort();
      return;
    }
    settings.signal?.addEventListener('abort', onAbort, { once: true });
    // Node's timers fire at once past 2^31-1 ms: cap rather than let a huge timeout end every probe.
    timer = setTimeout(
      () => finish({ status: 'timeout', code: 'ETIMEDOUT' }),
      // The options are checked, but a direct caller of probeOnce may pass anything: never overflow.
      Math.min(settings.timeoutMs, MAX_TIMER_MS),
    );

    try {
      const tlsSocket = tls().connect({
        host: settings.connectTo ?? domain,
        port: settings.port,
        servername: domain,
        // Verdicts come from `authorized` and the classifier; rejecting would hide the certificate.
        rejectUnauthorized: false,
        ...(settings.secureContext === undefined ? {} : { secureContext: settings.secureContext }),
        ...(settings.lookup === undefined || settings.connectTo !== undefined
          ? {}
          : { lookup: toNodeLookup(settings.lookup) }),
      });
      socket = tlsSocket;
      tlsSocket.once('secureConnect', () => {
        let seen: ReturnType<typeof fromHandshake>;
        try {
          seen = fromHandshake(domain, tlsSocket, new Date(settings.now()), settings.trustedFingerprints);
        } catch {
          // A certificate Node's X509 parser refuses: no verdict on it, and never an uncaught throw.
          seen = { classification: { status: 'connect-error', code: 'ERR_UNPARSEABLE_CERTIFICATE' } };
        }
        const address = tlsSocket.remoteAddress;
        finish(seen.classification, {
          ...(seen.certificate === undefined ? {} : { certificate: seen.certificate }),
          ...(address === undefined ? {} : { address }),
        });
      });
      tlsSocket.on('error', (error) => finish(classifySocketError(error)));
      tlsSocket.once('close', () => finish({ status: 'connect-error', code: 'ECONNRESET' }));
    } catch (error) {
      finish(classifySocketError(error));
    }
  });
