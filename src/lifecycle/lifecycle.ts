/**
 * `createDomainLifecycle`: the SSL stages of each name as scheduled tries. `track` stores the first
 * stage and schedules its first try, then returns; each try is one DNS check or one TLS probe,
 * stored, announced through `domain.stage`, and followed by the next try after `ssl.retryDelayMs`,
 * until `done`, `failed` or `ssl-failed`. Where the tries run and where the state lives is the
 * scheduler's business: in-process (`'memory'`), or BullMQ on Redis.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  abortedError,
  describeSdkError,
  hookError,
  type SdkError,
  ServerPilotSdkError,
  schedulerError,
} from '../errors/index.js';
import { crypto } from '../internal/builtins.js';
import { mapPool } from '../internal/pool.js';
import { orThrow } from '../internal/validate.js';
import type { ActionMap } from '../sdk-hooks.js';
import { createSslVerifier, type DnsResolver, defaultResolver, dnsPasses } from '../ssl/index.js';
import { advance, isPermanentFailure, startRun, type TryOutcome } from './advance.js';
import { appFacts } from './app.js';
import type { DomainLifecycle } from './domain-lifecycle.js';
import { createMemoryScheduler } from './memory.js';
import { lifecycleName, lifecycleNames } from './names.js';
import { checkLifecycleOptions, type LifecycleOptions } from './options.js';
import { filteredPolicy } from './policy.js';
import { stageTries } from './tries.js';
import {
  type DomainStatus,
  isFinalStage,
  type TrackedDomain,
  type TryHandler,
  type TryTicket,
} from './types.js';

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
  const { integration, expectedIps } = orThrow(checkLifecycleOptions('', options));
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
      system ??= defaultResolver();
      return system;
    },
    () => scheduler.now(),
  );
  const app = appFacts(integration, expectedIps, () => scheduler.now());

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
        crypto().randomBytes(6).toString('hex'),
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

  return {
    scheduler,
    track:
      (domains, trackOptions = {}) =>
      async () => {
        const checked = lifecycleNames(domains);
        if (E.isLeft(checked)) return checked;
        const { signal } = trackOptions;
        let failure: SdkError | undefined;
        const results = await mapPool(
          checked.right,
          TRACK_CONCURRENCY,
          async (name): Promise<DomainStatus | undefined> => {
            if (signal?.aborted === true) {
              failure = abortedError('tracking was aborted');
              return undefined;
            }
            const tracked = await guarded('track', () => trackOne(name));
            if (E.isLeft(tracked)) failure = tracked.left;
            return E.isRight(tracked) ? tracked.right : undefined;
          },
          () => failure !== undefined,
        );
        if (failure !== undefined) return E.left(failure);
        return E.right(results.filter((r): r is DomainStatus => r !== undefined));
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
