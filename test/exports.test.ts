/**
 * The public surface, written down: every value and type each entry exports. A change to an entry
 * fails here until the snapshot is updated, so adding or removing an export is always deliberate.
 * Implementation details (codecs, retry arithmetic, probe classification, defaults tables,
 * parsers) stay out of the main entry, as in ky; at most 30 values leave room to grow under 35.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The names an entry file exports as types: `type X` inside `export { … }`, and `export type { … }`. */
const typeNamesOf = (entry: string): string[] => {
  const source = readFileSync(resolve(import.meta.dirname, '../src', entry), 'utf8');
  const names: string[] = [];
  for (const [, typeOnly, list] of source.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const item of (list ?? '').split(',').map((s) => s.trim())) {
      const name = /^type\s+(\w+)$/.exec(item)?.[1] ?? (typeOnly === undefined ? undefined : item);
      if (name !== undefined && name !== '') names.push(name);
    }
  }
  return names.sort();
};

describe('the main entry', () => {
  it('exports exactly these values', async () => {
    const values = Object.keys(await import('../src/index.js')).sort();
    expect(values).toMatchInlineSnapshot(`
      [
        "MAX_DOMAINS",
        "ServerPilotSdkError",
        "classify",
        "createDomainLifecycle",
        "createHooks",
        "createMemoryScheduler",
        "createServerPilotClient",
        "createServerPilotIntegration",
        "createSslVerifier",
        "describeSdkError",
        "isServerPilotSdkError",
        "loadConfigFromEnv",
        "loadConfigFromWpConfig",
        "matchSdkError",
        "normalizeDomain",
        "readWpConfig",
        "reconcileDomains",
        "tryCreateServerPilotClient",
        "tryCreateServerPilotIntegration",
        "unwrap",
        "wwwTwin",
      ]
    `);
    expect(values.length).toBeLessThanOrEqual(30);
  });

  it('exports exactly these types', () => {
    expect(typeNamesOf('index.ts')).toMatchInlineSnapshot(`
      [
        "AbortedError",
        "Action",
        "ActionCallback",
        "ActionCallbackOf",
        "ActionFailed",
        "ActionMap",
        "ActionName",
        "ActionOutcome",
        "ActionStatus",
        "ActionTable",
        "ActionTimeout",
        "ActionView",
        "ActionsResource",
        "App",
        "AppSsl",
        "AppView",
        "AppsResource",
        "AuditOptions",
        "AuditReport",
        "AuditRow",
        "AuditStatus",
        "AuditSummary",
        "AutoSsl",
        "AutoSslOperationReport",
        "AutoSslReport",
        "CaOption",
        "CallOptions",
        "CallbackError",
        "CertificateSummary",
        "ChangeReport",
        "ClientOptions",
        "ClientStats",
        "ClientSummary",
        "Config",
        "ConfigError",
        "ConnectionReport",
        "Coverage",
        "CreateAppInput",
        "CreateDbInput",
        "CreateServerInput",
        "CreateSshKeyInput",
        "CreateSysuserInput",
        "CustomSslInput",
        "Db",
        "DbsResource",
        "DecodeError",
        "DnsCheck",
        "DnsResolver",
        "DnsStatus",
        "DnsTry",
        "DoctorCheck",
        "DoctorCheckId",
        "DoctorOptions",
        "DoctorReport",
        "DomainChange",
        "DomainKind",
        "DomainLifecycle",
        "DomainListReport",
        "DomainLock",
        "DomainName",
        "DomainPlan",
        "DomainStageEvent",
        "DomainStatus",
        "EmptyData",
        "FilterCallback",
        "FilterCallbackOf",
        "FilterContext",
        "FilterMap",
        "FilterName",
        "FilterTable",
        "FilterValue",
        "ForceSslReport",
        "HookError",
        "HookName",
        "HookRegistry",
        "Hooks",
        "HttpError",
        "HttpErrorKind",
        "InstalledSsl",
        "IntegrationClient",
        "IntegrationOptions",
        "InvalidDomain",
        "InvalidOption",
        "LifecycleIntegration",
        "LifecycleOptions",
        "LifecycleScheduler",
        "LifecycleStage",
        "LifecycleStore",
        "LifecycleVerifier",
        "LockError",
        "LockRelease",
        "LockTimeout",
        "MemorySchedulerOptions",
        "Mutation",
        "NetworkError",
        "OperationOptions",
        "PlanChange",
        "PlanReport",
        "ProbeOptions",
        "ProbeStatus",
        "ProtectedDomain",
        "QueueError",
        "ReconcileError",
        "ReconcileOptions",
        "RequestInfo",
        "RequestOptions",
        "ResponseTooLarge",
        "RetryOptions",
        "SafeCause",
        "SchedulerError",
        "SdkError",
        "SdkErrorTag",
        "Server",
        "ServerPilotClient",
        "ServerPilotIntegration",
        "ServersResource",
        "ShouldAddWww",
        "Sleep",
        "SshKey",
        "SshKeysResource",
        "SslActionMap",
        "SslFilterMap",
        "SslFinalStage",
        "SslHistoryEntry",
        "SslHooks",
        "SslLookup",
        "SslProbe",
        "SslResource",
        "SslRetryStage",
        "SslStage",
        "SslVerification",
        "SslVerifier",
        "SyncOptions",
        "Sysuser",
        "SysusersResource",
        "TimeoutError",
        "TooManyDomains",
        "TrackOptions",
        "TrackedDomain",
        "TryHandler",
        "TryTicket",
        "UpdateAppInput",
        "UpdateDbInput",
        "UpdateServerInput",
        "VerifierOptions",
        "VerifyManyOptions",
        "VerifyOptions",
        "VerifyReport",
        "WaitForOptions",
        "WaitOptions",
        "WordPressInstall",
        "WpConfigValues",
        "WriteBackoff",
        "WriteConflict",
        "WwwContext",
        "WwwFilterHooks",
        "WwwOptions",
        "WwwPolicy",
      ]
    `);
  });

  it('reads type names the way the check above needs, so it can fail', () => {
    expect(typeNamesOf('redis/index.ts')).toEqual([
      'BullMqSchedulerOptions',
      'RedisLockClient',
      'RedisLockOptions',
    ]);
  });
});

describe('the subpath entries', () => {
  it('exports exactly these values from serverpilot-domains/testing', async () => {
    expect(Object.keys(await import('../src/testing/index.js')).sort()).toMatchInlineSnapshot(`
      [
        "SIMULATOR_CREDENTIALS",
        "SIMULATOR_IDS",
        "basicAuth",
        "createSelfSignedCertificate",
        "createServerPilotSimulator",
        "createStubResolver",
        "createTestCertificateAuthority",
        "defaultSeed",
        "freeLoopbackPort",
        "loopbackLookup",
        "startLoopbackTlsServer",
        "startSilentTcpServer",
      ]
    `);
  });

  it('exports exactly these values from serverpilot-domains/redis', async () => {
    expect(Object.keys(await import('../src/redis/index.js')).sort()).toMatchInlineSnapshot(`
      [
        "createBullMqScheduler",
        "createRedisLock",
      ]
    `);
  });
});
