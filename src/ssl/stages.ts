import { abortedError } from '../errors/index.js';
import { type Sleep, sleepUnlessAborted } from '../internal/sleep.js';
import { fail, orThrow } from '../internal/validate.js';
import { type DnsCheck, dnsPasses } from './dns.js';
import { explainDns, explainProbe } from './explain.js';
import { filteredNumber } from './filtered.js';
import type { SslHooks } from './hooks.js';
import type { SslProbe, SslRetryStage, SslStage } from './status.js';
import type { SslFinalStage, SslHistoryEntry, SslVerification } from './types.js';
import { notVerifiableReason } from './verifiable.js';

/** What the stage machine needs from its verifier: effects come in, so the loop stays testable. */
export interface StageDeps {
  readonly hooks: SslHooks | undefined;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly checkDns: boolean;
  readonly dns: (domain: string, signal: AbortSignal | undefined) => Promise<DnsCheck>;
  readonly probe: (domain: string, signal: AbortSignal | undefined) => Promise<SslProbe>;
}

/** How a retrying stage ended: its last result, at which try, and whether that try passed. */
interface StageOutcome<R> {
  readonly last: R;
  readonly attempt: number;
  readonly passed: boolean;
}

/**
 * `checking-dns` → `checking-ssl-cert` → `done` | `failed` | `ssl-failed` for one normalized name.
 * Throws `ServerPilotSdkError` for an abort, a throwing hook or an unusable filter value; the
 * caller turns that into a Left.
 */
export const verifyStages = async (
  deps: StageDeps,
  domain: string,
  signal: AbortSignal | undefined,
): Promise<SslVerification> => {
  const history: SslHistoryEntry[] = [];
  let stage: SslStage | null = null;
  const attempts = { dns: 0, ssl: 0 };
  let lastDns: DnsCheck | undefined;
  let lastProbe: SslProbe | undefined;

  const move = (to: SslStage, attempt: number, probeSeen?: SslProbe): void => {
    const from = stage;
    stage = to;
    history.push({ type: 'stage', at: deps.now(), from, to, attempt });
    deps.hooks?.doAction('domain.stage', {
      domain,
      from,
      to,
      attempt,
      ...(probeSeen === undefined ? {} : { probe: probeSeen }),
    });
  };
  const result = (final: SslFinalStage, reason: string): SslVerification => ({
    domain,
    stage: final,
    attempts: { ...attempts },
    ...(lastProbe === undefined ? {} : { probe: lastProbe }),
    ...(lastDns === undefined ? {} : { dns: lastDns }),
    reason,
    history,
  });
  const guard = (): void => {
    if (signal?.aborted === true) fail(abortedError(`verification of ${domain} was aborted`));
  };
  const wait = async (waitStage: SslRetryStage, attempt: number): Promise<void> => {
    // A callback that throws or returns nonsense ends the verification.
    const ms = orThrow(filteredNumber(deps.hooks, 'ssl.retryDelayMs', { domain, stage: waitStage, attempt }));
    history.push({ type: 'wait', at: deps.now(), stage: waitStage, attempt, ms });
    await sleepUnlessAborted(deps.sleep, ms, signal);
    guard();
  };

  const unverifiable = notVerifiableReason(domain);
  if (unverifiable !== undefined) {
    move('not-verifiable', 0);
    return result('not-verifiable', unverifiable);
  }
  guard();

  /** Try until one passes or the stage's `ssl.maxTries` budget is spent, waiting `ssl.retryDelayMs` between. */
  const retry = async <R>(
    retryStage: SslRetryStage,
    tryOnce: (attempt: number) => Promise<R>,
    passes: (result: R) => boolean,
  ): Promise<StageOutcome<R>> => {
    const budget = orThrow(filteredNumber(deps.hooks, 'ssl.maxTries', { domain, stage: retryStage }));
    for (let attempt = 1; ; attempt++) {
      const last = await tryOnce(attempt);
      if (passes(last)) return { last, attempt, passed: true };
      if (attempt >= budget) return { last, attempt, passed: false };
      await wait(retryStage, attempt);
    }
  };

  if (deps.checkDns) {
    move('checking-dns', 0);
    const dns = await retry(
      'checking-dns',
      async (attempt) => {
        const check = await deps.dns(domain, signal);
        guard();
        attempts.dns = attempt;
        lastDns = check;
        history.push({ type: 'dns', at: deps.now(), attempt, check });
        return check;
      },
      dnsPasses,
    );
    if (!dns.passed) {
      move('failed', dns.attempt);
      return result('failed', explainDns(dns.last));
    }
  }

  move('checking-ssl-cert', attempts.dns);
  const ssl = await retry(
    'checking-ssl-cert',
    async (attempt) => {
      const seen = await deps.probe(domain, signal);
      guard();
      attempts.ssl = attempt;
      lastProbe = seen;
      history.push({ type: 'probe', at: deps.now(), attempt, probe: seen });
      return seen;
    },
    (seen) => seen.status === 'valid',
  );
  const final = ssl.passed ? 'done' : 'ssl-failed';
  move(final, ssl.attempt, ssl.last);
  return result(final, explainProbe(ssl.last));
};
