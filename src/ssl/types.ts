import type * as T from 'fp-ts/lib/Task.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import type { Sleep } from '../internal/sleep.js';
import type { DnsCheck, DnsResolver } from './dns.js';
import type { SslHooks } from './hooks.js';
import type { SslLookup } from './probe.js';
import type { SslProbe, SslRetryStage, SslStage } from './status.js';
import type { CaOption } from './trust.js';

/** Defaults, as the panels this replaces use them. */
export const SSL_DEFAULTS = {
  port: 443,
  timeoutMs: 10_000,
  maxTries: 5,
  retryDelayMs: 300_000,
  concurrency: 8,
} as const;

/** Options of `createSslVerifier`. */
export interface VerifierOptions {
  /**
   * Registry whose `ssl.maxTries` and `ssl.retryDelayMs` filters and `domain.stage` action apply.
   * @default none: 5 tries per stage, 300 000 ms apart
   * @example { hooks } // hooks.addFilter('ssl.retryDelayMs', 'panel', () => 30_000)
   */
  readonly hooks?: SslHooks;
  /**
   * Resolver for the DNS stage.
   * @default a `dns.promises.Resolver` on the system's servers
   * @example { resolver } // const resolver = new dns.promises.Resolver(); resolver.setServers(['127.0.0.1:5353'])
   */
  readonly resolver?: DnsResolver;
  /**
   * How the probe turns the domain into addresses to connect to.
   * @default Node's `dns.lookup`
   * @example { lookup: async () => [{ address: '127.0.0.1', family: 4 }] }
   */
  readonly lookup?: SslLookup;
  /**
   * Trusted roots, replacing the system trust store (for tests, or a private CA).
   * @default the system trust store
   * @example { ca: testCa.cert }
   */
  readonly ca?: CaOption;
  /**
   * The TLS port probed.
   * @default 443
   * @example { port: 8443 }
   */
  readonly port?: number;
  /**
   * Time for one try of either stage: one DNS check (its A, AAAA and CNAME queries; a resolver
   * still silent then counts as `ETIMEOUT`), or one probe (lookup, connect and handshake; the
   * socket is destroyed when it runs out).
   * @default 10_000
   * @example { timeoutMs: 5_000 }
   */
  readonly timeoutMs?: number;
  /**
   * How to wait between attempts.
   * @default real, abortable timers
   * @example { sleep: async (ms) => { waits.push(ms); } }
   */
  readonly sleep?: Sleep;
  /**
   * The clock, in epoch milliseconds: certificate dates, `daysRemaining`, history times. One that
   * throws ends the verification with a `CallbackError` (`verifier.now`).
   * @default Date.now
   * @example { now: () => Date.parse('2030-01-01') } // is the certificate still valid then?
   */
  readonly now?: () => number;
  /**
   * The addresses DNS must point at, usually the ServerPilot server's `lastaddress`. Empty means
   * the DNS stage only checks that the name resolves.
   * @default []
   * @example { expectedIps: ['203.0.113.10'] }
   */
  readonly expectedIps?: readonly string[];
  /**
   * Connect to this IP instead of resolving the domain (SNI still names the domain), to check the
   * certificate on the server before DNS switches.
   * @default none: the domain is resolved with `lookup`
   * @example { connectTo: '203.0.113.10', checkDns: false }
   */
  readonly connectTo?: string;
  /**
   * Run the `checking-dns` stage before probing. Turn it off together with `connectTo` to check a
   * server before its DNS is switched.
   * @default true
   * @example { checkDns: false, connectTo: '203.0.113.10' }
   */
  readonly checkDns?: boolean;
}

/** Options of one {@link SslVerifier.probe}. */
export interface ProbeOptions {
  /**
   * Ends the handshake early; the probe then reports `timeout`.
   * @default none: the verifier's `timeoutMs` bounds it
   * @example { signal: AbortSignal.timeout(2_000) }
   */
  readonly signal?: AbortSignal;
  /**
   * Overrides the verifier's `connectTo`.
   * @default the verifier's `connectTo`
   * @example { connectTo: '203.0.113.10' }
   */
  readonly connectTo?: string;
}

/** Options of one {@link SslVerifier.verify}. */
export interface VerifyOptions {
  /**
   * Stops the verification between tries and during waits; it then fails with `AbortedError`.
   * @default none: it runs to a final stage
   * @example { signal: AbortSignal.timeout(600_000) }
   */
  readonly signal?: AbortSignal;
  /**
   * Overrides the verifier's `expectedIps`.
   * @default the verifier's `expectedIps`
   * @example { expectedIps: [server.lastaddress] }
   */
  readonly expectedIps?: readonly string[];
}

/** Options of {@link SslVerifier.verifyMany}. */
export interface VerifyManyOptions extends VerifyOptions {
  /**
   * How many domains are verified at once.
   * @default 8
   * @example { concurrency: 32 }
   */
  readonly concurrency?: number;
}

/** Where a verification ended. */
export type SslFinalStage = Extract<SslStage, 'done' | 'failed' | 'ssl-failed' | 'not-verifiable'>;

/** One thing that happened during a verification, in order, with the clock's time. */
export type SslHistoryEntry =
  | {
      readonly type: 'stage';
      readonly at: number;
      readonly from: SslStage | null;
      readonly to: SslStage;
      readonly attempt: number;
    }
  | { readonly type: 'dns'; readonly at: number; readonly attempt: number; readonly check: DnsCheck }
  | { readonly type: 'probe'; readonly at: number; readonly attempt: number; readonly probe: SslProbe }
  | {
      readonly type: 'wait';
      readonly at: number;
      readonly stage: SslRetryStage;
      readonly attempt: number;
      readonly ms: number;
    };

/** The outcome of verifying one domain. */
export interface SslVerification {
  readonly domain: string;
  readonly stage: SslFinalStage;
  /** Attempts made in each stage. */
  readonly attempts: { readonly dns: number; readonly ssl: number };
  /** The last probe, when the certificate stage ran. */
  readonly probe?: SslProbe;
  /** The last DNS check, when the DNS stage ran. */
  readonly dns?: DnsCheck;
  /** Why the domain is (or is not) secure, in one sentence a panel can show. */
  readonly reason: string;
  readonly history: readonly SslHistoryEntry[];
}

/** Proves a valid certificate is served, with DNS first and filterable retries. */
export interface SslVerifier {
  /**
   * One TLS handshake with SNI, classified. Never fails: every outcome is a status. A name that
   * cannot be probed (invalid, wildcard, IP literal) is `dns-error` with code `EINVALIDNAME`; a
   * `connectTo` that is not an IP is `connect-error` with code `EINVALIDADDRESS`. An abort ends the
   * handshake with `connect-error` and code `ABORT_ERR`.
   * @example const probe = await verifier.probe('shop.example.com')();
   */
  probe(domain: string, options?: ProbeOptions): T.Task<SslProbe>;
  /**
   * One DNS check with the verifier's own resolver and `timeoutMs`, against `expectedIps` (the
   * verifier's when left out). Never fails: a name that cannot be checked (invalid, wildcard, IP
   * literal) is `lookup-error` with code `EINVALIDNAME`. The lifecycle runs one per scheduled try.
   * @example const dns = await verifier.checkDns('shop.example.com', { expectedIps: ['203.0.113.10'] })();
   */
  checkDns(domain: string, options?: VerifyOptions): T.Task<DnsCheck>;
  /**
   * `checking-dns` → `checking-ssl-cert` → `done` | `failed` | `ssl-failed`, with the retries the
   * `ssl.maxTries` and `ssl.retryDelayMs` filters allow. Left only for bad input, a throwing hook,
   * or an abort (`AbortedError`); a domain that never becomes secure is a Right with its stage.
   * @example const v = await unwrap(verifier.verify('shop.example.com', { signal }));
   */
  verify(domain: string, options?: VerifyOptions): TE.TaskEither<SdkError, SslVerification>;
  /**
   * {@link SslVerifier.verify} over many domains, at most `concurrency` at once, results in input
   * order. Every name is checked before any network call; the first Left stops the rest.
   */
  verifyMany(
    domains: readonly string[],
    options?: VerifyManyOptions,
  ): TE.TaskEither<SdkError, readonly SslVerification[]>;
}
