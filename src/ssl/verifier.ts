import { setMaxListeners } from 'node:events';
import { isIP } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { isIpLiteral, isWildcard, normalizeDomain } from '../domains/name.js';
import { abortedError, invalidOption, type SdkError, ServerPilotSdkError } from '../errors.js';
import type { SslProbe, SslRetryStage, SslStage } from '../hooks/contexts.js';
import type { Hooks } from '../hooks/create-hooks.js';
import { checkDns, type DnsCheck, type DnsResolver, defaultResolver, dnsPasses } from './dns.js';
import { explainDns, explainProbe } from './explain.js';
import { mapPool } from './pool.js';
import { type CaOption, clientContext, probeOnce, type SslLookup } from './probe.js';
import { realSleep, type Sleep, sleepUnlessAborted } from './sleep.js';

/** Defaults, as the panels this replaces use them. */
export const SSL_DEFAULTS = {
  port: 443,
  timeoutMs: 10_000,
  maxTries: 5,
  retryDelayMs: 300_000,
  concurrency: 8,
} as const;

/** Options of {@link createSslVerifier}. */
export interface VerifierOptions {
  /** Registry whose `ssl.maxTries` and `ssl.retryDelayMs` filters and `domain.stage` action apply. */
  readonly hooks?: Hooks;
  /**
   * Resolver for the DNS stage.
   * @default a `dns.promises.Resolver` on the system's servers
   * @example { resolver: Object.assign(new dns.promises.Resolver(), {}).setServers(['127.0.0.1:5353']) }
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
  /** @default 443 */
  readonly port?: number;
  /**
   * Time for one probe (lookup, connect and handshake); the socket is destroyed when it runs out.
   * @default 10_000
   */
  readonly timeoutMs?: number;
  /**
   * How to wait between attempts.
   * @default real, abortable timers
   * @example { sleep: async (ms) => { waits.push(ms); } }
   */
  readonly sleep?: Sleep;
  /**
   * The clock, in epoch milliseconds: certificate dates, `daysRemaining`, history times.
   * @default Date.now
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
   * @example { connectTo: '203.0.113.10', checkDns: false }
   */
  readonly connectTo?: string;
  /**
   * Run the `checking-dns` stage before probing. Turn it off together with `connectTo` to check a
   * server before its DNS is switched.
   * @default true
   */
  readonly checkDns?: boolean;
}

/** Options of one {@link SslVerifier.probe}. */
export interface ProbeOptions {
  readonly signal?: AbortSignal;
  /** Overrides the verifier's `connectTo`. */
  readonly connectTo?: string;
}

/** Options of one {@link SslVerifier.verify}. */
export interface VerifyOptions {
  readonly signal?: AbortSignal;
  /** Overrides the verifier's `expectedIps`. */
  readonly expectedIps?: readonly string[];
}

/** Options of {@link SslVerifier.verifyMany}. */
export interface VerifyManyOptions extends VerifyOptions {
  /**
   * How many domains are verified at once.
   * @default 8
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

const fail = (error: SdkError): never => {
  throw new ServerPilotSdkError(error);
};

const checkIps = (option: string, ips: readonly string[]): E.Either<SdkError, readonly string[]> => {
  const bad = ips.find((ip) => typeof ip !== 'string' || isIP(ip) === 0);
  return bad === undefined
    ? E.right(ips)
    : E.left(
        invalidOption(
          option,
          `${JSON.stringify(bad)} is not an IP address; pass the server's public IPv4/IPv6 address, such as its \`lastaddress\``,
        ),
      );
};

const positiveInteger = (option: string, value: number | undefined, example: string): void => {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    fail(invalidOption(option, `${String(value)} is not a positive integer; pass ${example}`));
  }
};

const validateOptions = (options: VerifierOptions): void => {
  positiveInteger('port', options.port, 'a TCP port such as 443');
  if (options.port !== undefined && options.port > 65_535) {
    fail(invalidOption('port', `${options.port} is not a TCP port; pass one from 1 to 65535, such as 443`));
  }
  positiveInteger('timeoutMs', options.timeoutMs, 'milliseconds, such as 10000');
  if (options.connectTo !== undefined && isIP(options.connectTo) === 0) {
    fail(
      invalidOption(
        'connectTo',
        `${JSON.stringify(options.connectTo)} is not an IP address; pass the server's IP, such as "203.0.113.10"`,
      ),
    );
  }
  const ips = checkIps('expectedIps', options.expectedIps ?? []);
  if (E.isLeft(ips)) fail(ips.left);
};

const notVerifiableReason = (domain: string): string | undefined =>
  isWildcard(domain)
    ? `${domain} is a wildcard: AutoSSL issues certificates by HTTP validation, which cannot cover wildcards; install a certificate from a DNS-validated issuer instead`
    : isIpLiteral(domain)
      ? `${domain} is an IP address: AutoSSL (Let's Encrypt) issues certificates for domain names only`
      : undefined;

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
  const secureContext = clientContext(options.ca);
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
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
      ...(connectTo === undefined ? {} : { connectTo }),
      ...(signal === undefined ? {} : { signal }),
    });

  const filterNumber = (
    name: 'ssl.maxTries' | 'ssl.retryDelayMs',
    value: number,
    context: { domain: string; stage: SslRetryStage; attempt?: number },
  ): number => {
    const result =
      name === 'ssl.maxTries'
        ? (options.hooks?.tryApplyFilters(name, value, { domain: context.domain, stage: context.stage }) ??
          E.right(value))
        : (options.hooks?.tryApplyFilters(name, value, {
            domain: context.domain,
            stage: context.stage,
            attempt: context.attempt ?? 1,
          }) ?? E.right(value));
    if (E.isLeft(result)) return fail(result.left);
    const n = result.right;
    const ok = name === 'ssl.maxTries' ? Number.isInteger(n) && n >= 1 : Number.isFinite(n) && n >= 0;
    if (!ok) {
      fail(
        invalidOption(
          name,
          `a filter returned ${String(n)}; return ${name === 'ssl.maxTries' ? 'an integer of at least 1' : 'milliseconds, 0 or more'}`,
        ),
      );
    }
    return n;
  };

  const verifyOne = async (
    domain: string,
    expectedIps: readonly string[],
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
      history.push({ type: 'stage', at: now(), from, to, attempt });
      options.hooks?.doAction('domain.stage', {
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
      const ms = filterNumber('ssl.retryDelayMs', SSL_DEFAULTS.retryDelayMs, {
        domain,
        stage: waitStage,
        attempt,
      });
      history.push({ type: 'wait', at: now(), stage: waitStage, attempt, ms });
      await sleepUnlessAborted(sleep, ms, signal);
      guard();
    };

    const unverifiable = notVerifiableReason(domain);
    if (unverifiable !== undefined) {
      move('not-verifiable', 0);
      return result('not-verifiable', unverifiable);
    }
    guard();

    if (options.checkDns !== false) {
      move('checking-dns', 0);
      const budget = filterNumber('ssl.maxTries', SSL_DEFAULTS.maxTries, { domain, stage: 'checking-dns' });
      for (let attempt = 1; ; attempt++) {
        const check = await checkDns(domain, {
          resolver: getResolver(),
          expectedIps,
          now,
          ...(signal === undefined ? {} : { signal }),
        });
        guard();
        attempts.dns = attempt;
        lastDns = check;
        history.push({ type: 'dns', at: now(), attempt, check });
        if (dnsPasses(check)) break;
        if (attempt >= budget) {
          move('failed', attempt);
          return result('failed', explainDns(check));
        }
        await wait('checking-dns', attempt);
      }
    }

    move('checking-ssl-cert', attempts.dns);
    const budget = filterNumber('ssl.maxTries', SSL_DEFAULTS.maxTries, {
      domain,
      stage: 'checking-ssl-cert',
    });
    for (let attempt = 1; ; attempt++) {
      const seen = await probe(domain, signal, options.connectTo);
      guard();
      attempts.ssl = attempt;
      lastProbe = seen;
      history.push({ type: 'probe', at: now(), attempt, probe: seen });
      if (seen.status === 'valid') {
        move('done', attempt, seen);
        return result('done', explainProbe(seen));
      }
      if (attempt >= budget) {
        move('ssl-failed', attempt, seen);
        return result('ssl-failed', explainProbe(seen));
      }
      await wait('checking-ssl-cert', attempt);
    }
  };

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
      throw thrown;
    }
  };

  const prepare = (
    domain: string,
    perCall: readonly string[] | undefined,
  ): E.Either<SdkError, { domain: string; expectedIps: readonly string[] }> => {
    const name = normalizeDomain(domain);
    if (E.isLeft(name)) return name;
    const ips = perCall === undefined ? E.right(options.expectedIps ?? []) : checkIps('expectedIps', perCall);
    return E.isLeft(ips) ? ips : E.right({ domain: name.right, expectedIps: ips.right });
  };

  const verify =
    (domain: string, callOptions: VerifyOptions = {}): TE.TaskEither<SdkError, SslVerification> =>
    async () => {
      const ready = prepare(domain, callOptions.expectedIps);
      if (E.isLeft(ready)) return ready;
      return settle(callOptions.signal, () =>
        verifyOne(ready.right.domain, ready.right.expectedIps, callOptions.signal),
      );
    };

  const verifyMany =
    (
      domains: readonly string[],
      callOptions: VerifyManyOptions = {},
    ): TE.TaskEither<SdkError, readonly SslVerification[]> =>
    async () => {
      const concurrency = callOptions.concurrency ?? SSL_DEFAULTS.concurrency;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        return E.left(
          invalidOption(
            'concurrency',
            `${String(concurrency)} is not a positive integer; pass a number such as 8`,
          ),
        );
      }
      const prepared: { domain: string; expectedIps: readonly string[] }[] = [];
      for (const domain of domains) {
        const ready = prepare(domain, callOptions.expectedIps);
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
          concurrency,
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
    probe:
      (domain, probeOptions = {}) =>
      async () => {
        const name = normalizeDomain(domain);
        const connectTo = probeOptions.connectTo ?? options.connectTo;
        if (E.isLeft(name) || notVerifiableReason(name.right) !== undefined) {
          return { domain, status: 'dns-error', code: 'EINVALIDNAME', elapsedMs: 0 };
        }
        if (connectTo !== undefined && isIP(connectTo) === 0) {
          return { domain: name.right, status: 'connect-error', code: 'EINVALIDADDRESS', elapsedMs: 0 };
        }
        return probe(name.right, probeOptions.signal, connectTo);
      },
    verify,
    verifyMany,
  };
};
