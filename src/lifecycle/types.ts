/**
 * The lifecycle's vocabulary: what a tracked name looks like from outside (`DomainStatus`), what it
 * looks like in a store (`TrackedDomain`), and the one seam every scheduler implements
 * (`LifecycleScheduler`): a store with compare-and-swap, and due-time tries.
 */

import type { SslProbe } from '../sdk-hooks.js';
import type { DnsCheck } from '../ssl/index.js';

/** The stages a tracked name goes through, as Ultimate Multisite / WP Ultimo name them. */
export type LifecycleStage = 'checking-dns' | 'checking-ssl-cert' | 'done' | 'failed' | 'ssl-failed';

/** Where a name is in its SSL stages. Plain JSON: the same from every process that reads it. */
export interface DomainStatus {
  readonly domain: string;
  readonly stage: LifecycleStage;
  /** Tries made in each stage so far. */
  readonly attempts: { readonly dns: number; readonly ssl: number };
  /** When the next try is due (ISO 8601); absent once the name reached `done`, `failed` or `ssl-failed`. */
  readonly nextCheckAt?: string;
  /** The last TLS probe, once the certificate stage has run. */
  readonly lastProbe?: SslProbe;
  /** The last DNS check, once the DNS stage has run. */
  readonly lastDns?: DnsCheck;
  /** When this status last changed (ISO 8601). */
  readonly updatedAt: string;
}

/**
 * A status as a scheduler stores it. `run` names one tracking of the name (a new `track` after
 * `done` starts a new run); `seq` numbers the tries scheduled in a run, so a try whose result is
 * already stored is recognized and not run twice; `rev` is the compare-and-swap revision.
 */
export interface TrackedDomain {
  readonly status: DomainStatus;
  readonly run: string;
  readonly seq: number;
  readonly rev: number;
  /** AutoSSL still has to be turned on (the call made when DNS passed failed): retried before each probe. */
  readonly autoSslPending?: boolean;
}

/** Where statuses live: a `Map` for `'memory'`, a Redis hash for BullMQ. */
export interface LifecycleStore {
  /** The stored record of `domain`, if it is tracked. */
  get(domain: string): Promise<TrackedDomain | undefined>;
  /** Every stored record. */
  list(): Promise<readonly TrackedDomain[]>;
  /**
   * Store `next` only if the stored record's `rev` is `expectedRev` (`undefined`: there is none),
   * in one atomic step. Resolves whether it was stored.
   */
  swap(next: TrackedDomain, expectedRev: number | undefined): Promise<boolean>;
  /** Forgets `domain`'s record. */
  remove(domain: string): Promise<void>;
}

/** One scheduled try: the name, its run, and the try's number in that run. */
export interface TryTicket {
  readonly domain: string;
  readonly run: string;
  readonly seq: number;
}

/**
 * Runs one try. Resolves when the try's outcome is stored and the next try (if any) scheduled;
 * rejects when the try could not finish (the scheduler may run the same ticket again).
 */
export type TryHandler = (ticket: TryTicket, signal: AbortSignal) => Promise<void>;

/**
 * What runs the lifecycle's tries and keeps its state. `'memory'` ({@link createMemoryScheduler})
 * and `createBullMqScheduler` from `serverpilot-domains/redis` implement it; so can your own
 * (a database table and a cron job, say).
 *
 * The contract: `schedule` is idempotent per ticket (scheduling a ticket already pending or running
 * does nothing); a ticket is run by one handler at a time; a ticket whose handler rejected or whose
 * process died may be run again later (the lifecycle recognizes a try already stored).
 */
export interface LifecycleScheduler {
  readonly store: LifecycleStore;
  /** The clock `nextCheckAt` and `updatedAt` are read from, in epoch milliseconds. */
  now(): number;
  /** Begin running due tries through `handler`. Called once, by `createDomainLifecycle`. */
  start(handler: TryHandler): void;
  /** Run `ticket` at `at` (epoch milliseconds; a time already past means as soon as possible). */
  schedule(ticket: TryTicket, at: number): Promise<void>;
  /** Drop `ticket` if it has not started; one already running finishes (its write is refused). */
  cancel(ticket: TryTicket): Promise<void>;
  /** Stop running tries (waiting for those in flight) and let go of timers and connections. */
  close(): Promise<void>;
}

/** A stage the lifecycle never leaves. */
export const isFinalStage = (stage: LifecycleStage): boolean =>
  stage === 'done' || stage === 'failed' || stage === 'ssl-failed';
