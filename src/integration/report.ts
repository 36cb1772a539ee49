/**
 * What every integration operation resolves to: enough to tell a user what happened, what it
 * cost, and what is still pending, without another API call.
 */
import type { DomainPlan } from '../domains/plan.js';
import type { SdkError } from '../errors/index.js';
import type { DomainStatus } from '../lifecycle/index.js';
import type { SslVerification } from '../ssl/types.js';

/** Names AutoSSL does not cover, reported with every AutoSSL outcome. */
export interface Coverage {
  /** App names the AutoSSL certificate does not (yet) cover: DNS not pointing here yet, or AutoSSL off. */
  readonly uncovered: readonly string[];
  /** Wildcards and IP literals: AutoSSL can never cover them. */
  readonly notCoverable: readonly string[];
}

/**
 * The AutoSSL outcome. `enabled`: this call turned it on. `already-on`: nothing posted.
 * `unavailable`: ServerPilot says no name points at the server yet; nothing posted.
 * `custom-certificate`: a custom certificate is installed, so AutoSSL is not allowed.
 * `failed`: the enable call failed (the domain change before it still holds).
 * `not-requested`: the operation does not touch AutoSSL (`autoSsl: false`).
 */
export type AutoSslReport =
  | ({ readonly status: 'enabled'; readonly actionId?: string } & Coverage)
  | ({ readonly status: 'already-on' | 'unavailable' | 'custom-certificate' } & Coverage)
  | ({ readonly status: 'failed'; readonly error: SdkError } & Coverage)
  | { readonly status: 'not-requested' };

/** The ForceSSL outcome, when `forceSsl` is set. */
export type ForceSslReport =
  | { readonly status: 'not-requested' }
  | { readonly status: 'set'; readonly force: boolean; readonly actionId?: string }
  | { readonly status: 'already'; readonly force: boolean }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly error: SdkError };

/** A ServerPilot action this operation waited for. */
export interface ActionOutcome {
  readonly id: string;
  readonly status: 'success';
}

/** The report of `addDomain(s)`, `removeDomain(s)` and `syncDomains`. */
export interface ChangeReport {
  readonly appId: string;
  /** This caller's change, normalized (a pruning sync shows the removals it resolved to). */
  readonly change: { readonly add: readonly string[]; readonly remove: readonly string[] };
  /**
   * The plan of the write this change rode in: after the `domains.beforeUpdate` filter, for the
   * whole coalesced batch. `changed: false` means nothing was written.
   */
  readonly plan: DomainPlan;
  /** How many queued changes shared this read-plan-write (1 when it ran alone). */
  readonly batchSize: number;
  /** Domain-list writes made (0 when nothing changed; more than 1 when another writer had to be undone). */
  readonly writes: number;
  /** The last domain-update action waited for, if a write was made. */
  readonly action?: ActionOutcome;
  /** The app's domain list as last read back. */
  readonly domains: readonly string[];
  readonly autoSsl: AutoSslReport;
  readonly forceSsl: ForceSslReport;
  /** SSL verifications of the names this change added, when `verifySsl` is on. */
  readonly ssl?: readonly SslVerification[];
  /** The lifecycle statuses of the names this change added (and their twins), when `lifecycle` is set. */
  readonly tracked?: readonly DomainStatus[];
  /** API requests this operation took (retries and action polls included), shared with its batch. */
  readonly requests: number;
  /**
   * What failed after the change was applied, so it could not fail the change itself: a throwing
   * `app.domainsUpdated` callback, an SSL verification that could not run. Empty when all went well.
   */
  readonly warnings: readonly SdkError[];
}

/** The report of `plan(change)`: a dry run. */
export interface PlanReport {
  readonly appId: string;
  readonly current: readonly string[];
  /** The plan after the `domains.beforeUpdate` filter. Nothing was written. */
  readonly plan: DomainPlan;
  readonly requests: number;
}

/** The report of `listDomains()`. */
export interface DomainListReport {
  readonly appId: string;
  readonly domains: readonly string[];
  /** Entries on the server this library does not understand (kept, never removed). */
  readonly unrecognized: readonly string[];
  readonly autoSsl?: { readonly available: boolean; readonly domains?: readonly string[] };
  readonly sslOn: boolean;
  readonly requests: number;
}

/** The report of `enableAutoSsl()`. */
export interface AutoSslOperationReport {
  readonly appId: string;
  readonly autoSsl: AutoSslReport;
  readonly forceSsl: ForceSslReport;
  readonly requests: number;
}

/** The report of `verifySsl(domain)`. */
export interface VerifyReport {
  readonly appId: string;
  readonly expectedIps: readonly string[];
  readonly verification: SslVerification;
  readonly requests: number;
}

/** The report of `testConnection()`. */
export interface ConnectionReport {
  readonly appId: string;
  readonly appName: string;
  readonly serverId: string;
  readonly domains: number;
  readonly autoSslAvailable: boolean;
  readonly requests: number;
}
