/**
 * Everything a command needs, built and checked before any request: settings, hooks for the
 * verify budget, the verifier (with `--resolve`, `--ca`, `--port`), the client and the
 * integration. Any problem here is a usage or configuration error (exit 2): nothing was sent.
 */
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import {
  createHooks,
  createSslVerifier,
  type DnsResolver,
  describeSdkError,
  type Hooks,
  isServerPilotSdkError,
  type SdkError,
  type ServerPilotIntegration,
  type SslVerifier,
  tryCreateServerPilotClient,
  tryCreateServerPilotIntegration,
  type WwwPolicy,
} from '../index.js';
import type { Io } from './io.js';
import type { ResolveEntry } from './parse.js';
import type { CommandName } from './program.js';
import { resolveOverrides } from './resolve.js';
import { loadWpConfig, resolveSettings, type Settings } from './settings.js';

/** The parsed options, typed. */
export interface CliOptions {
  readonly json?: boolean;
  readonly dryRun?: boolean;
  readonly appId?: string;
  readonly clientId?: string;
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly wpConfig?: string;
  readonly protect?: readonly string[];
  readonly www?: WwwPolicy;
  readonly resolve?: readonly ResolveEntry[];
  readonly ca?: string;
  readonly port?: number;
  readonly timeout?: number;
  readonly tries?: number;
  readonly delay?: number;
  readonly warnDays?: number;
  readonly critDays?: number;
  readonly concurrency?: number;
  readonly quiet?: boolean;
  readonly debug?: boolean;
  readonly prune?: boolean;
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
  readonly force?: boolean;
  readonly verify?: boolean;
}

export interface Context {
  readonly command: CommandName;
  readonly io: Io;
  readonly options: CliOptions;
  readonly sp: ServerPilotIntegration;
  /** Built on first use: only the commands that check certificates pay for it. */
  readonly verifier: () => SslVerifier;
  readonly hooks: Hooks;
  /** The `--resolve` resolver, for audit and doctor DNS checks; the system's otherwise. */
  readonly resolver?: DnsResolver;
  readonly stdin: NodeJS.ReadStream;
  /** Aborted on Ctrl+C. */
  readonly signal: AbortSignal;
  /** API requests sent so far: an error before the first one is a usage error (exit 2). */
  readonly requestsSent: () => number;
  /** Told of every wait between verification tries, for the progress display. */
  readonly waits: { onWait?: (ms: number) => void };
  /** The flag or variable an option name (`appId`, `apiKey`...) came from, for messages. */
  readonly labelFor: (option: string) => string;
}

/** A real wait that ends early, resolving, on abort (the verifier checks the signal itself). */
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

const NAMESPACE = 'serverpilot-domains-cli';

/** The flag or variable a failing option came from, for messages. */
const labelFor = (settings: Settings, option: string): string => {
  switch (option) {
    case 'clientId':
      return settings.clientId.source;
    case 'apiKey':
      return settings.apiKey.source;
    case 'appId':
      return settings.appId.source;
    case 'baseUrl':
      return settings.baseUrl?.source ?? '--base-url';
    case 'clientId/apiKey':
      return `${settings.clientId.source} / ${settings.apiKey.source}`;
    case 'timeoutMs':
      return '--timeout';
    default:
      return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  }
};

const optionProblem = (settings: Settings, error: SdkError): string => {
  if (error._tag === 'InvalidOption') return `${labelFor(settings, error.option)}: ${error.reason}.`;
  if (error._tag === 'ConfigError') {
    return `${[
      ...error.missing.map((m) => `${labelFor(settings, m)} is missing`),
      ...error.invalid.map((i) => `${labelFor(settings, i.name)}: ${i.reason}`),
    ].join('; ')}.`;
  }
  return `${describeSdkError(error)}.`;
};

const readCa = async (path: string): Promise<E.Either<string, string>> => {
  try {
    return E.right(await readFile(path, 'utf8'));
  } catch (thrown) {
    const code = (thrown as { code?: unknown } | null)?.code;
    return E.left(
      `--ca: cannot read ${path} (${typeof code === 'string' ? code : 'error'}); pass a file of PEM certificates.`,
    );
  }
};

export const buildContext = async (
  command: CommandName,
  options: CliOptions,
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
  stdin: NodeJS.ReadStream,
  signal: AbortSignal,
): Promise<E.Either<string, Context>> => {
  const wp = await loadWpConfig(options.wpConfig);
  if (E.isLeft(wp)) return wp;
  io.addSecret(wp.right?.apiKey);
  const resolved = resolveSettings(
    options as Readonly<Record<string, unknown>>,
    env,
    wp.right === undefined ? undefined : { path: String(options.wpConfig), values: wp.right },
  );
  if (E.isLeft(resolved)) return resolved;
  const settings = resolved.right;
  io.addSecret(settings.apiKey.value);

  const port = options.port ?? 443;
  const wrongPort = (options.resolve ?? []).find((r) => r.port !== undefined && r.port !== port);
  if (wrongPort !== undefined) {
    return E.left(
      `--resolve ${wrongPort.name}:${wrongPort.port}:${wrongPort.address} names port ${wrongPort.port}, but certificate checks use port ${port}: pass --port ${wrongPort.port}.`,
    );
  }
  const ca = options.ca === undefined ? undefined : await readCa(options.ca);
  if (ca !== undefined && E.isLeft(ca)) return ca;

  const hooks = createHooks();
  const { tries, delay } = options;
  if (tries !== undefined) hooks.addFilter('ssl.maxTries', NAMESPACE, () => tries);
  if (delay !== undefined) hooks.addFilter('ssl.retryDelayMs', NAMESPACE, () => delay);

  const overrides = resolveOverrides(options.resolve ?? []);
  const waits: Context['waits'] = {};
  const makeVerifier = (): SslVerifier =>
    createSslVerifier({
      hooks,
      sleep: (ms, signal) => {
        waits.onWait?.(ms);
        return sleep(ms, signal);
      },
      ...(overrides === undefined ? {} : { lookup: overrides.lookup, resolver: overrides.resolver }),
      ...(ca === undefined ? {} : { ca: ca.right }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.timeout === undefined ? {} : { timeoutMs: Math.max(1, options.timeout) }),
    });
  const needsVerifier =
    ['verify', 'audit', 'doctor'].includes(command) || (command === 'add' && options.verify === true);
  let verifier: SslVerifier | undefined;
  if (needsVerifier || options.ca !== undefined) {
    // Built now when it will be used (or a --ca was given): a bad --ca or --port is exit 2 here.
    try {
      verifier = makeVerifier();
    } catch (thrown) {
      if (isServerPilotSdkError(thrown)) return E.left(optionProblem(settings, thrown.error));
      throw thrown;
    }
  }

  let sent = 0;
  const client = tryCreateServerPilotClient({
    clientId: settings.clientId.value,
    apiKey: settings.apiKey.value,
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl.value }),
    // Node's http instead of fetch: a short process starts and exits about 100 ms sooner.
    transport: 'node',
    onRequest: (info) => {
      sent++;
      if (io.debug) io.err(io.errStyle.dim(`→ ${info.method} ${info.url} (attempt ${info.attempt})`));
    },
  });
  if (E.isLeft(client)) return E.left(optionProblem(settings, client.left));
  const sp = tryCreateServerPilotIntegration({
    client: client.right,
    appId: settings.appId.value,
    hooks,
    ...(verifier === undefined ? {} : { verifier }),
    ...(options.protect === undefined ? {} : { protect: options.protect }),
    ...(options.www === undefined ? {} : { www: options.www }),
    ...(command === 'ssl enable' && options.force === true ? { forceSsl: true } : {}),
    ...(command === 'add' && options.verify === true ? { verifySsl: true } : {}),
  });
  if (E.isLeft(sp)) return E.left(optionProblem(settings, sp.left));
  return E.right({
    command,
    io,
    options,
    sp: sp.right,
    verifier: () => {
      verifier ??= makeVerifier();
      return verifier;
    },
    hooks,
    ...(overrides === undefined ? {} : { resolver: overrides.resolver }),
    stdin,
    signal,
    requestsSent: () => sent,
    waits,
    labelFor: (option) => labelFor(settings, option),
  });
};
