/** The options of {@link createDomainLifecycle}, and their checks. */
import type { SdkError } from '../errors/index.js';
import { flag, ipList, matching, optional, struct, withDefault } from '../internal/validate.js';
import type { DnsResolver } from '../ssl/index.js';
import type { LifecycleIntegration, LifecycleVerifier } from './tries.js';
import type { LifecycleScheduler } from './types.js';

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

/** The options a lifecycle cannot run without a right value for, checked before anything starts. */
export const checkLifecycleOptions = struct(
  {
    integration: matching<LifecycleIntegration>(
      'an integration',
      (v) => typeof (v as Partial<LifecycleIntegration> | undefined)?.enableAutoSsl === 'function',
      'the one from createServerPilotIntegration()',
    ),
    expectedIps: withDefault(ipList, []),
    checkDns: optional(flag),
    autoSsl: optional(flag),
  },
  '{ integration: createServerPilotIntegration({ clientId, apiKey, appId }) }',
);
