/**
 * The stage machine of one try, pure: a stored record and what the try saw in, the next record,
 * the stage change to announce and when the next try is due out. Every effect (DNS, TLS, AutoSSL,
 * filters, clock) happens before this is called, so it is tested on its own.
 */
import type { SdkError } from '../errors/index.js';
import type { SslProbe, SslRetryStage } from '../sdk-hooks.js';
import type { DnsCheck } from '../ssl/index.js';
import { dnsPasses } from '../ssl/index.js';
import type { DomainStatus, LifecycleStage, TrackedDomain } from './types.js';

/**
 * What one try saw. `skipped`: the try could not run (the server's address could not be read);
 * `permanent` when the reason will not pass by itself (the app deleted, the key revoked), so the
 * skip counts toward the stage's budget instead of retrying forever.
 */
export type TryOutcome =
  | { readonly kind: 'dns'; readonly check: DnsCheck; readonly autoSslPending: boolean }
  | { readonly kind: 'probe'; readonly probe: SslProbe; readonly autoSslPending: boolean }
  | { readonly kind: 'skipped'; readonly permanent?: boolean };

/** A 4xx other than 408 and 429: asking again gets the same answer until someone acts. */
export const isPermanentFailure = (error: SdkError): boolean =>
  error._tag === 'HttpError' &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 408 &&
  error.status !== 429;

/** The filtered budget and wait, as read at this try. */
export interface TryPolicy {
  /** `ssl.maxTries` for the stage. */
  budget(stage: SslRetryStage): number;
  /** `ssl.retryDelayMs` after try `attempt` of the stage. */
  delay(stage: SslRetryStage, attempt: number): number;
}

/** A stage change, as the `domain.stage` action reports it. */
export interface StageMove {
  readonly from: LifecycleStage | null;
  readonly to: LifecycleStage;
  readonly attempt: number;
  readonly probe?: SslProbe;
}

export interface Advanced {
  readonly record: TrackedDomain;
  readonly move?: StageMove;
  /** When the next try is due; absent when the name reached a final stage. */
  readonly nextAt?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A new run: the first stage, due now. */
export const startRun = (
  domain: string,
  run: string,
  firstStage: SslRetryStage,
  now: number,
  rev: number,
  autoSslPending: boolean,
): TrackedDomain => ({
  status: {
    domain,
    stage: firstStage,
    attempts: { dns: 0, ssl: 0 },
    nextCheckAt: iso(now),
    updatedAt: iso(now),
  },
  run,
  seq: 1,
  rev,
  ...(autoSslPending ? { autoSslPending } : {}),
});

const withoutNext = (status: DomainStatus): DomainStatus => {
  const { nextCheckAt: _dropped, ...rest } = status;
  return rest;
};

/** Apply one try's outcome to `record` at time `now`. */
export const advance = (
  record: TrackedDomain,
  outcome: TryOutcome,
  policy: TryPolicy,
  now: number,
): Advanced => {
  const current = record.status;
  const stage = current.stage as SslRetryStage;
  const base = { run: record.run, seq: record.seq + 1, rev: record.rev + 1 };
  const next = (status: DomainStatus, autoSslPending: boolean, nextAt?: number): TrackedDomain => ({
    ...base,
    status: nextAt === undefined ? withoutNext(status) : { ...status, nextCheckAt: iso(nextAt) },
    ...(autoSslPending ? { autoSslPending } : {}),
  });
  const pending = record.autoSslPending === true;

  if (outcome.kind === 'skipped') {
    const attempt = stage === 'checking-dns' ? current.attempts.dns : current.attempts.ssl;
    if (outcome.permanent === true) {
      const counted = attempt + 1;
      const seen: DomainStatus = {
        ...current,
        attempts:
          stage === 'checking-dns'
            ? { ...current.attempts, dns: counted }
            : { ...current.attempts, ssl: counted },
        updatedAt: iso(now),
      };
      if (counted >= policy.budget(stage)) {
        const to = stage === 'checking-dns' ? 'failed' : 'ssl-failed';
        return { record: next({ ...seen, stage: to }, false), move: { from: stage, to, attempt: counted } };
      }
      const skippedAt = now + policy.delay(stage, counted);
      return { record: next(seen, pending, skippedAt), nextAt: skippedAt };
    }
    const at = now + policy.delay(stage, Math.max(1, attempt));
    return { record: next({ ...current, updatedAt: iso(now) }, pending, at), nextAt: at };
  }

  if (outcome.kind === 'dns') {
    const attempt = current.attempts.dns + 1;
    const seen: DomainStatus = {
      ...current,
      attempts: { ...current.attempts, dns: attempt },
      lastDns: outcome.check,
      updatedAt: iso(now),
    };
    if (dnsPasses(outcome.check)) {
      // The certificate stage starts at once: its first try is due now.
      return {
        record: next({ ...seen, stage: 'checking-ssl-cert' }, outcome.autoSslPending, now),
        move: { from: 'checking-dns', to: 'checking-ssl-cert', attempt },
        nextAt: now,
      };
    }
    if (attempt >= policy.budget('checking-dns')) {
      return {
        record: next({ ...seen, stage: 'failed' }, false),
        move: { from: 'checking-dns', to: 'failed', attempt },
      };
    }
    const at = now + policy.delay('checking-dns', attempt);
    return { record: next(seen, outcome.autoSslPending, at), nextAt: at };
  }

  const attempt = current.attempts.ssl + 1;
  const seen: DomainStatus = {
    ...current,
    attempts: { ...current.attempts, ssl: attempt },
    lastProbe: outcome.probe,
    updatedAt: iso(now),
  };
  if (outcome.probe.status === 'valid' || attempt >= policy.budget('checking-ssl-cert')) {
    const to = outcome.probe.status === 'valid' ? 'done' : 'ssl-failed';
    return {
      record: next({ ...seen, stage: to }, false),
      move: { from: 'checking-ssl-cert', to, attempt, probe: outcome.probe },
    };
  }
  const at = now + policy.delay('checking-ssl-cert', attempt);
  return { record: next(seen, outcome.autoSslPending, at), nextAt: at };
};
