/**
 * `createDomainLifecycle`: the SSL stages of each name as scheduled tries. `track` stores the first
 * stage and schedules its first try, then returns; each try is one DNS check or one TLS probe,
 * stored, announced through `domain.stage`, and followed by the next try after `ssl.retryDelayMs`,
 * until `done`, `failed` or `ssl-failed`. Where the tries run and where the state lives is the
 * scheduler's business: in-process (`'memory'`), or BullMQ on Redis.
 */
import { randomBytes } from 'node:crypto';
import { promises as dnsPromises } from 'node:dns';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { isIpLiteral, isWildcard, normalizeDomain } from '../domains/index.js';
import {
  abortedError,
  describeSdkError,
  hookError,
  invalidDomain,
  invalidOption,
  type SdkError,
  ServerPilotSdkError,
  schedulerError,
} from '../errors/index.js';
import type { ActionMap } from '../sdk-hooks.js';
import { createSslVerifier, type DnsResolver, dnsPasses } from '../ssl/index.js';
import { advance, isPermanentFailure, startRun, type TryOutcome } from './advance.js';
import { appFacts } from './app.js';
import { createMemoryScheduler } from './memory.js';
import { filteredPolicy } from './policy.js';
import { type LifecycleIntegration, type LifecycleVerifier, stageTries } from './tries.js';
import {
  type DomainStatus,
  isFinalStage,
  type LifecycleScheduler,
  type TrackedDomain,
  type TryHandler,
  type TryTicket,
} from './types.js';

/** Options of {@link createDomainLifecycle}. */
export interface LifecycleOptions {
  /**
   * The integration whose app the names belong to: its client reads the server's address, its
   * `enableAutoSsl` runs when DNS first passes, its hooks give the filters and get `domain.stage`.
   * @example { integration: createServerPilotIntegration({ clientId, apiKey, appId }) }
   */
  readonly integration: LifecycleIntegration;
  /**
   * Where tries run and state lives.
   * @default createMemoryScheduler(): in-process timers, one process, state lost on exit
   * @example { scheduler: createBullMqScheduler({ connection: { host: '127.0.0.1', port: 6379 } }) }
   */
  readonly scheduler?: LifecycleScheduler;
  /**
   * Makes the TLS probes (and the DNS checks, if it has `checkDns`).
   * @default createSslVerifier({ hooks: integration.hooks })
   * @example { verifier: createSslVerifier({ hooks, timeoutMs: 5_000 }) }
   */
  readonly verifier?: LifecycleVerifier;
  /**
   * The resolver for DNS checks. Left out, the verifier's own `checkDns` (and so its `resolver`)
   * is used, or the system's resolver for a verifier without one.
   * @default a `dns.promises.Resolver` on the system's servers (5 s timeout, 2 tries)
   * @example { resolver: createStubResolver({ 'shop.example.test': { A: ['127.0.0.1'] } }) }
   */
  readonly resolver?: DnsResolver;
  /**
   * More addresses that count as the server, besides its `lastaddress` (its IPv6 address, a proxy).
   * @default []
   * @example { expectedIps: ['2001:db8::7'] }
   */
  readonly expectedIps?: readonly string[];
  /**
   * Start with the `checking-dns` stage. Without it, names start at `checking-ssl-cert`.
   * @default true
   * @example { checkDns: false } // DNS is managed elsewhere; only prove the certificate
   */
  readonly checkDns?: boolean;
  /**
   * When DNS first passes, turn AutoSSL on if ServerPilot says it is available and it is not on.
   * @default true
   * @example { autoSsl: false } // the panel installs its own certificates
   */
  readonly autoSsl?: boolean;
  /**
   * Told about what went wrong in a background try: the server's address could not be read
   * (the try is run again after the stage's wait), AutoSSL could not be enabled (retried before
   * each probe), a filter or `domain.stage` callback threw.
   * @default emits a process warning (`ServerPilotDomainsWarning`)
   * @example { onError: (error, { domain }) => logger.warn({ domain, error }) }
   */
  readonly onError?: (error: SdkError, context: { readonly domain: string }) => void;
}

/** Options of {@link DomainLifecycle.track}. */
export interface TrackOptions {
  /**
   * Stop before the next name is scheduled.
   * @default none: every name is scheduled
   * @example { signal: AbortSignal.timeout(10_000) }
   */
  readonly signal?: AbortSignal;
}

/** The SSL stages of an app's names as scheduled tries. */
export interface DomainLifecycle {
  readonly scheduler: LifecycleScheduler;
  /**
   * Start the stages of each name (`checking-dns`, due now) and return at once. A name already
   * being checked is left as it is; a name that ended is checked again from the start.
   * @example await unwrap(lifecycle.track(['shop.example.com', 'www.shop.example.com']));
   */
  track(domains: readonly string[], options?: TrackOptions): TE.TaskEither<SdkError, readonly DomainStatus[]>;
  /** Where a name is, or `undefined` when it is not tracked. */
  status(domain: string): TE.TaskEither<SdkError, DomainStatus | undefined>;
  /** Every tracked name, sorted by name. */
  list(): TE.TaskEither<SdkError, readonly DomainStatus[]>;
  /** Stop checking a name and forget it. */
  untrack(domain: string): TE.TaskEither<SdkError, void>;
  /** Stop running tries (those in flight finish or are aborted) and close the scheduler. */
  close(): Promise<void>;
}

const TRACK_CONCURRENCY = 16;

const warn = (error: SdkError, context: { readonly domain: string }): void => {
  process.emitWarning(`${context.domain}: ${describeSdkError(error)}`, 'ServerPilotDomainsWarning');
};

/** Run a scheduler call, turning a throw into a Left. */
const guarded = async <A>(operation: string, run: () => Promise<A>): Promise<E.Either<SdkError, A>> => {
  try {
    return E.right(await run());
  } catch (thrown) {
    return E.left(thrown instanceof ServerPilotSdkError ? thrown.error : schedulerError(operation, thrown));
  }
};

/** A name as the lifecycle keys it: normalized, and one a certificate can be issued for. */
const lifecycleName = (input: unknown): E.Either<SdkError, string> =>
  typeof input !== 'string'
    ? E.left(invalidDomain(String(input), 'pass a domain name as a string, such as "shop.example.com"'))
    : E.flatMap((name: string) =>
        isWildcard(name)
          ? E.left(
              invalidDomain(
                name,
                'a wildcard cannot get an AutoSSL certificate (HTTP validation), so it has no SSL stages; track the names under it',
              ),
            )
          : isIpLiteral(name)
            ? E.left(
                invalidDomain(name, 'an IP address cannot get an AutoSSL certificate; track a domain name'),
              )
            : E.right(name),
      )(normalizeDomain(input));

const ticketOf = (record: TrackedDomain): TryTicket => ({
  domain: record.status.domain,
  run: record.run,
  seq: record.seq,
});

const dueAt = (record: TrackedDomain, now: number): number => {
  const at = record.status.nextCheckAt === undefined ? Number.NaN : Date.parse(record.status.nextCheckAt);
  return Number.isFinite(at) ? at : now;
};

/**
 * Create the lifecycle of an integration's names. With no scheduler, tries run on in-process
 * timers: call `close()` when done, or the timers keep the process alive until the last try.
 *
 * @example
 * const lifecycle = createDomainLifecycle({ integration: sp });
 * await unwrap(lifecycle.track(['shop.example.com']));
 * // later, from anywhere:
 * const status = await unwrap(lifecycle.status('shop.example.com')); // { stage: 'checking-ssl-cert', attempts: { dns: 1, ssl: 2 }, ... }
 */
export const createDomainLifecycle = (options: LifecycleOptions): DomainLifecycle => {
  const integration = options?.integration;
  if (integration === undefined || typeof integration?.enableAutoSsl !== 'function') {
    throw new ServerPilotSdkError(
      invalidOption('integration', 'pass the integration from createServerPilotIntegration()'),
    );
  }
  const scheduler = options.scheduler ?? createMemoryScheduler();
  const { store } = scheduler;
  const hooks = integration.hooks;
  const report = options.onError ?? warn;
  const checkDnsFirst = options.checkDns !== false;
  const autoSsl = options.autoSsl !== false;
  let system: DnsResolver | undefined;
  const tries = stageTries(
    options.verifier ?? createSslVerifier({ hooks }),
    options.resolver,
    () => {
      system ??= new dnsPromises.Resolver({ timeout: 5_000, tries: 2 });
      return system;
    },
    () => scheduler.now(),
  );
  const app = appFacts(integration, options.expectedIps ?? [], () => scheduler.now());

  const announce = (domain: string, move: ActionMap['domain.stage']): void => {
    try {
      hooks.doAction('domain.stage', move);
    } catch (thrown) {
      // The stage change is stored: an observer that throws cannot undo it.
      report(
        thrown instanceof ServerPilotSdkError ? thrown.error : hookError('domain.stage', 'unknown', thrown),
        {
          domain,
        },
      );
    }
  };

  const enableAutoSsl = async (domain: string): Promise<boolean> => {
    const enabled = await app.enableAutoSsl();
    if (E.isLeft(enabled)) report(enabled.left, { domain });
    return E.isLeft(enabled) || enabled.right === 'unavailable';
  };

  const runTry = async (record: TrackedDomain, signal: AbortSignal): Promise<TryOutcome> => {
    const { domain, stage } = record.status;
    if (stage === 'checking-dns') {
      const ips = await app.expectedIps();
      if (E.isLeft(ips)) {
        report(ips.left, { domain });
        return { kind: 'skipped', permanent: isPermanentFailure(ips.left) };
      }
      const check = await tries.dns(domain, ips.right, signal);
      const passed = dnsPasses(check) && !signal.aborted;
      return { kind: 'dns', check, autoSslPending: passed && autoSsl ? await enableAutoSsl(domain) : false };
    }
    const autoSslPending = record.autoSslPending === true ? await enableAutoSsl(domain) : false;
    return { kind: 'probe', probe: await tries.probe(domain, signal), autoSslPending };
  };

  const handle: TryHandler = async (ticket, signal) => {
    const record = await store.get(ticket.domain);
    if (record === undefined || record.run !== ticket.run || isFinalStage(record.status.stage)) return;
    if (record.seq !== ticket.seq) {
      // This try's outcome is stored already (its process died before it finished): make sure the
      // try after it is scheduled, and do not run it twice.
      if (record.seq > ticket.seq) await scheduler.schedule(ticketOf(record), dueAt(record, scheduler.now()));
      return;
    }
    const outcome = await runTry(record, signal);
    // Closing: an aborted probe says nothing about the certificate. Leave the ticket to run again.
    if (signal.aborted) throw new ServerPilotSdkError(abortedError('the lifecycle is closing'));
    const policy = filteredPolicy(hooks, ticket.domain, (error) => report(error, { domain: ticket.domain }));
    const next = advance(record, outcome, policy, scheduler.now());
    // Refused: the name was untracked or tracked again meanwhile; that change owns what follows.
    if (!(await store.swap(next.record, record.rev))) return;
    if (next.move !== undefined) announce(ticket.domain, { domain: ticket.domain, ...next.move });
    if (next.nextAt !== undefined) await scheduler.schedule(ticketOf(next.record), next.nextAt);
  };
  scheduler.start(handle);

  const trackOne = async (domain: string): Promise<DomainStatus> => {
    for (;;) {
      const existing = await store.get(domain);
      if (existing !== undefined && !isFinalStage(existing.status.stage)) {
        // A crash between a store swap and `schedule` leaves no job: schedule it again (idempotent).
        const at = Date.parse(existing.status.nextCheckAt ?? '');
        await scheduler.schedule(ticketOf(existing), Number.isNaN(at) ? scheduler.now() : at);
        return existing.status;
      }
      const now = scheduler.now();
      const record = startRun(
        domain,
        randomBytes(6).toString('hex'),
        checkDnsFirst ? 'checking-dns' : 'checking-ssl-cert',
        now,
        (existing?.rev ?? 0) + 1,
        autoSsl && !checkDnsFirst,
      );
      // Lost to another process tracking the same name at the same moment: read theirs.
      if (!(await store.swap(record, existing?.rev))) continue;
      await scheduler.schedule(ticketOf(record), now);
      announce(domain, { domain, from: existing?.status.stage ?? null, to: record.status.stage, attempt: 0 });
      return record.status;
    }
  };

  const names = (domains: unknown): E.Either<SdkError, readonly string[]> => {
    if (!Array.isArray(domains)) {
      return E.left(invalidOption('domains', 'must be an array of domain names, such as ["example.com"]'));
    }
    const out: string[] = [];
    for (const input of domains) {
      const name = lifecycleName(input);
      if (E.isLeft(name)) return name;
      if (!out.includes(name.right)) out.push(name.right);
    }
    return E.right(out);
  };

  return {
    scheduler,
    track:
      (domains, trackOptions = {}) =>
      async () => {
        const checked = names(domains);
        if (E.isLeft(checked)) return checked;
        const { signal } = trackOptions;
        const queue = [...checked.right];
        const results = new Map<string, DomainStatus>();
        let failure: SdkError | undefined;
        const worker = async (): Promise<void> => {
          for (let name = queue.shift(); name !== undefined && failure === undefined; name = queue.shift()) {
            if (signal?.aborted === true) {
              failure = abortedError('tracking was aborted');
              return;
            }
            const tracked = await guarded('track', () => trackOne(name as string));
            if (E.isLeft(tracked)) failure = tracked.left;
            else results.set(name, tracked.right);
          }
        };
        await Promise.all(Array.from({ length: Math.min(TRACK_CONCURRENCY, queue.length) }, worker));
        if (failure !== undefined) return E.left(failure);
        return E.right(checked.right.flatMap((n) => results.get(n) ?? []));
      },
    status: (domain) => async () => {
      const name = lifecycleName(domain);
      if (E.isLeft(name)) return name;
      return guarded('status', async () => (await store.get(name.right))?.status);
    },
    list: () => async () =>
      guarded('list', async () =>
        (await store.list())
          .map((r) => r.status)
          .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)),
      ),
    untrack: (domain) => async () => {
      const name = lifecycleName(domain);
      if (E.isLeft(name)) return name;
      return guarded('untrack', async () => {
        const record = await store.get(name.right);
        if (record === undefined) return;
        await store.remove(name.right);
        await scheduler.cancel(ticketOf(record));
      });
    },
    close: () => scheduler.close(),
  };
};
