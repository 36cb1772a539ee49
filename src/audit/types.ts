/** The shapes `audit` and `doctor` resolve to, their options, and what they read through. */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import type { DnsCheck, DnsResolver, SslProbe } from '../ssl/index.js';

/** The app as audit and doctor read it: the fields of ServerPilot's app they use. */
export interface AuditApp {
  readonly id: string;
  readonly name: string;
  readonly serverid: string;
  readonly domains: readonly string[];
  readonly ssl: { readonly auto: boolean; readonly force: boolean } | null;
  readonly autossl?: { readonly available: boolean; readonly domains?: readonly string[] };
}

/** Per-call options audit and doctor pass to the client: an abort signal and a request counter. */
export interface AuditCall {
  readonly signal?: AbortSignal;
  /** Called before every HTTP attempt, to count the requests a report made. */
  readonly onRequest?: () => void;
}

/**
 * The parts of `ServerPilotIntegration` audit and doctor read through: any integration fits.
 * Declared here so `audit/` imports nothing from the integration, which offers `sp.audit()`.
 */
export interface AuditIntegration {
  readonly appId: string;
  readonly client: {
    readonly apps: {
      /** `GET /apps/:id`: the audited app. */
      get(appId: string, options?: AuditCall): TE.TaskEither<SdkError, AuditApp>;
      /** `GET /apps`: every app of the account (doctor looks for the domain on the others). */
      list(options?: AuditCall): TE.TaskEither<SdkError, readonly AuditApp[]>;
    };
    readonly servers: {
      /** `GET /servers/:id`, for the address DNS should point at. */
      get(
        serverId: string,
        options?: AuditCall,
      ): TE.TaskEither<SdkError, { readonly lastaddress: string | null }>;
    };
  };
  /** The integration's dry run: what adding names would take, by its www policy and protect list. */
  plan(
    change: { readonly add: readonly string[] },
    options?: { readonly signal?: AbortSignal },
  ): TE.TaskEither<SdkError, { readonly plan: { readonly added: readonly string[] } }>;
}

/** How one domain of the app is doing, worst first: `critical` > `warning` > `unknown` > `ok`. */
export type AuditStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/** One row of an audit: one domain of the app. */
export interface AuditRow {
  /** The name as the app holds it (normalized when it parses). */
  readonly domain: string;
  readonly status: AuditStatus;
  /** Why the row has its status, one sentence each; empty when all is well. */
  readonly reasons: readonly string[];
  /** Where the name points, against the server's `lastaddress` (and `expectedIps`). Absent for names that cannot be checked. */
  readonly dns?: DnsCheck;
  /** The certificate served (one TLS handshake with SNI). Absent for names that cannot be checked. */
  readonly probe?: SslProbe;
  /** Whole days left on the certificate served, negative once expired. */
  readonly daysLeft?: number;
  /** Whether ServerPilot lists the name among those its AutoSSL certificate covers. */
  readonly autoSslCovers: boolean;
  /**
   * False for entries no TLS check can judge (wildcards, IP literals, entries that are not domain
   * names): they are `unknown` for good, and do not make the audit unhealthy.
   */
  readonly checkable: boolean;
}

/** Rows per status. */
export interface AuditSummary {
  readonly ok: number;
  readonly warning: number;
  readonly critical: number;
  readonly unknown: number;
}

/** The report of `audit`. */
export interface AuditReport {
  readonly appId: string;
  readonly appName: string;
  /** The addresses DNS must point at: the server's `lastaddress` and any `expectedIps`. */
  readonly expectedIps: readonly string[];
  /** The app's AutoSSL state as ServerPilot reports it. */
  readonly autoSsl: {
    /** `undefined` when the account's plan has no AutoSSL (the API sends no `autossl` field). */
    readonly available?: boolean;
    /** AutoSSL is on for the app. */
    readonly enabled: boolean;
    /** A custom certificate is installed instead. */
    readonly customCertificate: boolean;
  };
  /** One row per entry of the app's domain list, in the app's order. */
  readonly rows: readonly AuditRow[];
  readonly summary: AuditSummary;
  /** No `warning` or `critical` row, and no `unknown` row that could have been checked. */
  readonly healthy: boolean;
  /** The thresholds used. */
  readonly warnDays: number;
  readonly critDays: number;
  /** When the audit started, ISO 8601. */
  readonly checkedAt: string;
  readonly elapsedMs: number;
  /** API requests made (the TLS and DNS checks are not API requests). */
  readonly requests: number;
}

/** Options of `audit`. */
export interface AuditOptions {
  /**
   * A certificate with fewer days left than this is a `warning`. Let's Encrypt renews at 30 days,
   * so under 20 means renewal is failing.
   * @default 20
   * @example { warnDays: 25 }
   */
  readonly warnDays?: number;
  /**
   * A certificate with fewer days left than this is `critical`.
   * @default 15
   * @example { critDays: 7 }
   */
  readonly critDays?: number;
  /**
   * How many domains are checked at once (one DNS check and one TLS handshake each).
   * @default 16
   * @example { concurrency: 4 }
   */
  readonly concurrency?: number;
  /**
   * The resolver for the DNS checks.
   * @default a `dns.promises.Resolver` on the system's servers (5 s timeout, 2 tries)
   * @example { resolver: createStubResolver({ 'shop.example.com': { A: ['203.0.113.10'] } }) }
   */
  readonly resolver?: DnsResolver;
  /**
   * More addresses that count as the server, besides its `lastaddress` (its IPv6, a proxy).
   * @default []
   * @example { expectedIps: ['2001:db8::7'] }
   */
  readonly expectedIps?: readonly string[];
  /**
   * Called after each row is done, for progress displays.
   * @default none
   * @example { onRow: (row, done, total) => spinner.text = `${done}/${total}` }
   */
  readonly onRow?: (row: AuditRow, done: number, total: number) => void;
  /**
   * The clock, in epoch milliseconds (for `checkedAt` and `elapsedMs`).
   * @default Date.now
   * @example { now: () => fakeNow }
   */
  readonly now?: () => number;
  /**
   * Stops the audit; it then fails with `AbortedError`.
   * @default none: the audit runs to the end
   * @example { signal: AbortSignal.timeout(120_000) }
   */
  readonly signal?: AbortSignal;
}

/** The name of each doctor check, in the order they run. */
export type DoctorCheckId =
  | 'credentials'
  | 'permissions'
  | 'app-id'
  | 'domain-limit'
  | 'domain-on-app'
  | 'domain-on-other-apps'
  | 'dns'
  | 'autossl-available'
  | 'autossl-enabled'
  | 'autossl-covers'
  | 'certificate';

/** One troubleshooting check: ok, or what is wrong and what to do. */
export interface DoctorCheck {
  readonly id: DoctorCheckId;
  readonly ok: boolean;
  /** What was found, in one sentence. */
  readonly detail: string;
  /** What to do about it, when not ok. */
  readonly fix?: string;
  /** True when the check could not run because an earlier one failed (then `ok` is false). */
  readonly skipped?: boolean;
}

/** The report of `doctor`. */
export interface DoctorReport {
  readonly appId: string;
  /** The domain examined, normalized, when one was given. */
  readonly domain?: string;
  readonly checks: readonly DoctorCheck[];
  /** Every check is ok. */
  readonly healthy: boolean;
  readonly requests: number;
}

/** Options of `doctor`. */
export interface DoctorOptions {
  /**
   * The resolver for the DNS check.
   * @default a `dns.promises.Resolver` on the system's servers (5 s timeout, 2 tries)
   * @example { resolver: createStubResolver({ 'shop.example.com': { A: ['203.0.113.10'] } }) }
   */
  readonly resolver?: DnsResolver;
  /**
   * More addresses that count as the server, besides its `lastaddress`.
   * @default []
   * @example { expectedIps: ['2001:db8::7'] }
   */
  readonly expectedIps?: readonly string[];
  /**
   * The most names the app may hold.
   * @default 300
   * @example { maxDomains: 100 }
   */
  readonly maxDomains?: number;
  /**
   * Stops the checks; the doctor then fails with `AbortedError`.
   * @default none: every check runs
   * @example { signal: AbortSignal.timeout(60_000) }
   */
  readonly signal?: AbortSignal;
}
