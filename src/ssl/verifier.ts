import { setMaxListeners } from 'node:events';
import { isIP } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { readNameList } from '../domains/input.js';
import { normalizeDomain } from '../domains/name.js';
import { abortedError, callbackError, type SdkError, ServerPilotSdkError } from '../errors/index.js';
import { mapPool } from '../internal/pool.js';
import { realSleep } from '../internal/sleep.js';
import { count, ipList, withDefault } from '../internal/validate.js';
import { checkDns, type DnsResolver, defaultResolver } from './dns.js';
import { probeOnce } from './probe.js';
import { verifyStages } from './stages.js';
import { caFingerprints, secureContextFor } from './trust.js';
import {
  SSL_DEFAULTS,
  type SslVerification,
  type SslVerifier,
  type VerifierOptions,
  type VerifyManyOptions,
  type VerifyOptions,
} from './types.js';
import { notVerifiableReason } from './verifiable.js';
import { validateOptions } from './verifier-options.js';

export type {
  ProbeOptions,
  SslFinalStage,
  SslHistoryEntry,
  SslVerification,
  SslVerifier,
  VerifierOptions,
  VerifyManyOptions,
  VerifyOptions,
} from './types.js';
export { SSL_DEFAULTS } from './types.js';

/**
 * Create an SSL verifier. Throws `ServerPilotSdkError` (`InvalidOption`) for options it cannot
 * use, before any network call.
 *
 * @example
 * const verifier = createSslVerifier({ hooks, expectedIps: [server.lastaddress] });
 * const result = await unwrap(verifier.verify('shop.example.com'));
 * if (result.stage !== 'done') console.log(result.reason);
 */
export const createSslVerifier = (options: VerifierOptions = {}): SslVerifier => {
  validateOptions(options);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const port = options.port ?? SSL_DEFAULTS.port;
  const timeoutMs = options.timeoutMs ?? SSL_DEFAULTS.timeoutMs;
  const secureContext = secureContextFor(options.ca);
  const trustedFingerprints = caFingerprints(options.ca);
  let resolver = options.resolver;
  const getResolver = (): DnsResolver => {
    resolver ??= defaultResolver();
    return resolver;
  };

  const probe = (domain: string, signal: AbortSignal | undefined, connectTo: string | undefined) =>
    probeOnce(domain, {
      port,
      timeoutMs,
      now,
      secureContext,
      trustedFingerprints,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
      ...(connectTo === undefined ? {} : { connectTo }),
      ...(signal === undefined ? {} : { signal }),
    });

  const dnsAgainst = (expectedIps: readonly string[]) => (domain: string, signal: AbortSignal | undefined) =>
    checkDns(domain, {
      resolver: getResolver(),
      expectedIps,
      now,
      timeoutMs,
      ...(signal === undefined ? {} : { signal }),
    });
  const verifyOne = (domain: string, expectedIps: readonly string[], signal: AbortSignal | undefined) =>
    verifyStages(
      {
        hooks: options.hooks,
        now,
        sleep,
        checkDns: options.checkDns !== false,
        dns: dnsAgainst(expectedIps),
        probe: (name, sig) => probe(name, sig, options.connectTo),
      },
      domain,
      signal,
    );

  /** Run, turning the SDK's own throws into Lefts; an abort wins over whatever else went wrong. */
  const settle = async <A>(
    signal: AbortSignal | undefined,
    run: () => Promise<A>,
  ): Promise<E.Either<SdkError, A>> => {
    try {
      return E.right(await run());
    } catch (thrown) {
      if (thrown instanceof ServerPilotSdkError) return E.left(thrown.error);
      if (signal?.aborted === true) return E.left(abortedError());
      // Only the injected clock can throw here: hooks throw ServerPilotSdkError, a failing resolver
      // or lookup is a DNS status, a sleep that fails ends its wait, and a TaskEither never rejects.
      return E.left(callbackError('verifier.now', thrown));
    }
  };

  const prepare = (
    domain: string,
    perCall: readonly string[] | undefined,
  ): E.Either<SdkError, { domain: string; expectedIps: readonly string[] }> => {
    const name = normalizeDomain(domain);
    if (E.isLeft(name)) return name;
    const ips = perCall === undefined ? E.right(options.expectedIps ?? []) : ipList('expectedIps', perCall);
    return E.isLeft(ips) ? ips : E.right({ domain: name.right, expectedIps: ips.right });
  };

  const verify =
    (domain: string, given?: VerifyOptions): TE.TaskEither<SdkError, SslVerification> =>
    async () => {
      const callOptions = given ?? {};
      const ready = prepare(domain, callOptions.expectedIps);
      if (E.isLeft(ready)) return ready;
      return settle(callOptions.signal, () =>
        verifyOne(ready.right.domain, ready.right.expectedIps, callOptions.signal),
      );
    };

  const verifyMany =
    (
      domains: readonly string[],
      given?: VerifyManyOptions,
    ): TE.TaskEither<SdkError, readonly SslVerification[]> =>
    async () => {
      const callOptions = given ?? {};
      const list = readNameList(domains, 'domains');
      if (E.isLeft(list)) return list;
      const concurrency = withDefault(count({ min: 1, example: 8 }), SSL_DEFAULTS.concurrency)(
        'concurrency',
        callOptions.concurrency,
      );
      if (E.isLeft(concurrency)) return concurrency;
      const prepared: { domain: string; expectedIps: readonly string[] }[] = [];
      for (const domain of list.right) {
        const ready = prepare(domain as string, callOptions.expectedIps);
        if (E.isLeft(ready)) return ready;
        prepared.push(ready.right);
      }
      // One controller for the batch: the caller's abort, or the first failure, stops every worker.
      const controller = new AbortController();
      // Every in-flight probe, DNS query and wait listens on it: that is by design, not a leak.
      setMaxListeners(0, controller.signal);
      const outer = callOptions.signal;
      const forward = (): void => controller.abort(outer?.reason);
      if (outer?.aborted === true) forward();
      outer?.addEventListener('abort', forward, { once: true });
      let firstError: SdkError | undefined;
      try {
        const results = await mapPool(
          prepared,
          concurrency.right,
          async (item) => {
            const outcome = await settle(controller.signal, () =>
              verifyOne(item.domain, item.expectedIps, controller.signal),
            );
            if (E.isLeft(outcome)) {
              firstError ??= outer?.aborted === true ? abortedError() : outcome.left;
              controller.abort();
              return undefined;
            }
            return outcome.right;
          },
          () => controller.signal.aborted,
        );
        if (firstError !== undefined) return E.left(firstError);
        if (controller.signal.aborted) return E.left(abortedError());
        return E.right(results.filter((r): r is SslVerification => r !== undefined));
      } finally {
        outer?.removeEventListener('abort', forward);
      }
    };

  return {
    probe: (domain, given) => async () => {
      const probeOptions = given ?? {};
      const name = normalizeDomain(domain);
      const connectTo = probeOptions.connectTo ?? options.connectTo;
      if (E.isLeft(name)) {
        const shown = name.left._tag === 'InvalidDomain' ? name.left.input : '';
        return { domain: shown, status: 'dns-error', code: 'EINVALIDNAME', elapsedMs: 0 };
      }
      if (notVerifiableReason(name.right) !== undefined) {
        return { domain: name.right, status: 'dns-error', code: 'EINVALIDNAME', elapsedMs: 0 };
      }
      if (connectTo !== undefined && isIP(connectTo) === 0) {
        return { domain: name.right, status: 'connect-error', code: 'EINVALIDADDRESS', elapsedMs: 0 };
      }
      return probe(name.right, probeOptions.signal, connectTo);
    },
    checkDns: (domain, given) => async () => {
      const dnsOptions = given ?? {};
      const name = normalizeDomain(domain);
      const expectedIps = dnsOptions.expectedIps ?? options.expectedIps ?? [];
      if (E.isLeft(name) || notVerifiableReason(name.right) !== undefined) {
        const shown = E.isLeft(name)
          ? name.left._tag === 'InvalidDomain'
            ? name.left.input
            : ''
          : name.right;
        const base = { domain: shown, addresses: [], expected: expectedIps, unexpected: [], elapsedMs: 0 };
        return { ...base, status: 'lookup-error', code: 'EINVALIDNAME' };
      }
      return dnsAgainst(expectedIps)(name.right, dnsOptions.signal);
    },
    verify,
    verifyMany,
  };
};
