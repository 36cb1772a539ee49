/**
 * Configuration from the environment or from options, validated in one pass so the error lists
 * every missing name and every bad value at once. The API key is never printed: a loaded
 * {@link Config} redacts it from `JSON.stringify` and `util.inspect`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { configError, type SdkError } from '../errors/index.js';
import { baseUrl } from '../internal/validate.js';

/** What an integration needs to reach one ServerPilot app. */
export interface Config {
  /** ServerPilot API Client ID (the Basic auth user name). */
  readonly clientId: string;
  /** ServerPilot API key (the Basic auth password). Never printed. */
  readonly apiKey: string;
  /** The id of the app whose domains this integration manages. */
  readonly appId: string;
  /** API base URL; only set to reach a simulator or a proxy. */
  readonly baseUrl?: string;
}

/**
 * Environment variable names, first the SDK's own, then Ultimate Multisite's (WP Ultimo) constant
 * names, for panels that export their `wp-config.php` settings to the environment.
 */
export const ENV_NAMES = {
  clientId: ['SERVERPILOT_CLIENT_ID', 'WU_SERVER_PILOT_CLIENT_ID'],
  apiKey: ['SERVERPILOT_API_KEY', 'WU_SERVER_PILOT_API_KEY'],
  appId: ['SERVERPILOT_APP_ID', 'WU_SERVER_PILOT_APP_ID'],
  baseUrl: ['SERVERPILOT_BASE_URL'],
} as const;

type Invalid = { readonly name: string; readonly reason: string };

const CONTROL_OR_SPACE = /[\s\p{Cc}]/u;
const APP_ID = /^[A-Za-z0-9_-]+$/;

/** Why a credential value cannot be used, or undefined when it can. Never echoes the value. */
const credentialProblem = (value: string, allowColon: boolean): string | undefined => {
  if (CONTROL_OR_SPACE.test(value)) return 'contains spaces or control characters; paste the value alone';
  if (!allowColon && value.includes(':')) return 'contains ":", which a Basic auth user name cannot hold';
  return undefined;
};

const appIdProblem = (value: string): string | undefined =>
  APP_ID.test(value)
    ? undefined
    : `${JSON.stringify(value)} is not an app id; pass the id shown in the app's URL in the ServerPilot dashboard, such as "nlcN0TwdZAyNEgdp"`;

/** The client's own rule, so a URL the config accepts is one the client accepts. */
const baseUrlProblem = (value: string): string | undefined => {
  const checked = baseUrl('https://api.serverpilot.io/v1')('baseUrl', value);
  return E.isLeft(checked) && checked.left._tag === 'InvalidOption' ? checked.left.reason : undefined;
};

/** Raw, possibly missing, values to check, each with the name to report it under. */
export interface ConfigInput {
  readonly clientId?: { readonly name: string; readonly value: string | undefined };
  readonly apiKey?: { readonly name: string; readonly value: string | undefined };
  readonly appId: { readonly name: string; readonly value: string | undefined };
  readonly baseUrl?: { readonly name: string; readonly value: string | undefined };
}

const present = (value: string | undefined): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/**
 * Check every field and report all problems at once. Fields left out of `input` (credentials
 * when a ready client is passed) are not required.
 */
export const checkConfig = (
  input: ConfigInput,
): E.Either<SdkError, { clientId?: string; apiKey?: string; appId: string; baseUrl?: string }> => {
  const missing: string[] = [];
  const invalid: Invalid[] = [];
  const take = (
    field: { readonly name: string; readonly value: string | undefined } | undefined,
    problem: (v: string) => string | undefined,
    required: boolean,
  ): string | undefined => {
    if (field === undefined) return undefined;
    if (field.value !== undefined && typeof field.value !== 'string') {
      invalid.push({ name: field.name, reason: `is a ${typeof field.value}; pass a string` });
      return undefined;
    }
    if (!present(field.value)) {
      if (required) missing.push(field.name);
      return undefined;
    }
    const value = field.value.trim();
    const reason = problem(value);
    if (reason !== undefined) invalid.push({ name: field.name, reason });
    return value;
  };
  const clientId = take(input.clientId, (v) => credentialProblem(v, false), true);
  const apiKey = take(input.apiKey, (v) => credentialProblem(v, true), true);
  const appId = take(input.appId, appIdProblem, true);
  const baseUrl = take(input.baseUrl, baseUrlProblem, false);
  if (missing.length > 0 || invalid.length > 0 || appId === undefined) {
    return E.left(configError(missing, invalid));
  }
  return E.right({
    appId,
    ...(clientId === undefined ? {} : { clientId }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
  });
};

/** Attach redacting `toJSON` and `util.inspect` views, non-enumerable so spreading copies only data. */
export const redactedConfig = (config: Config): Config => {
  const view = (): Record<string, string> => ({ ...config, apiKey: '[REDACTED]' });
  const out: Config = { ...config };
  Object.defineProperty(out, 'toJSON', { value: view, enumerable: false });
  Object.defineProperty(out, Symbol.for('nodejs.util.inspect.custom'), { value: view, enumerable: false });
  return out;
};

const fromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
  panelNames: boolean,
): { name: string; value: string | undefined } => {
  const found = names.find((n) => present(env[n]));
  // Report a missing value under the name family the environment uses: the SDK's own, unless only
  // `WU_SERVER_PILOT_*` names are set; a present value under the name it came from.
  const missingName = panelNames ? names.find((n) => n.startsWith('WU_')) : names[0];
  return { name: found ?? missingName ?? '', value: found === undefined ? undefined : env[found] };
};

/** True when the environment sets some `WU_SERVER_PILOT_*` credential and no `SERVERPILOT_*` one. */
const usesPanelNames = (env: Readonly<Record<string, string | undefined>>): boolean => {
  const families = [ENV_NAMES.clientId, ENV_NAMES.apiKey, ENV_NAMES.appId];
  return (
    families.some((names) => names.some((n) => n.startsWith('WU_') && present(env[n]))) &&
    !families.some((names) => names.some((n) => !n.startsWith('WU_') && present(env[n])))
  );
};

/**
 * Read the configuration from environment variables: `SERVERPILOT_CLIENT_ID`,
 * `SERVERPILOT_API_KEY`, `SERVERPILOT_APP_ID` (or `WU_SERVER_PILOT_CLIENT_ID`,
 * `WU_SERVER_PILOT_API_KEY`, `WU_SERVER_PILOT_APP_ID`, the names of Ultimate Multisite's
 * `wp-config.php` constants, for panels that export them; to read the constants from the file
 * itself, use `loadConfigFromWpConfig`), and the optional `SERVERPILOT_BASE_URL`. A `ConfigError`
 * lists every missing name (under the `WU_` name when only `WU_` names are set) and every bad
 * value; it never contains the key.
 *
 * @example
 * const config = loadConfigFromEnv();
 * if (E.isLeft(config)) throw new ServerPilotSdkError(config.left);
 * const sp = createServerPilotIntegration({ ...config.right, www: 'apex' });
 */
export const loadConfigFromEnv = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): E.Either<SdkError, Config> =>
  pipe(
    checkConfig({
      clientId: fromEnv(env, ENV_NAMES.clientId, usesPanelNames(env)),
      apiKey: fromEnv(env, ENV_NAMES.apiKey, usesPanelNames(env)),
      appId: fromEnv(env, ENV_NAMES.appId, usesPanelNames(env)),
      baseUrl: fromEnv(env, ENV_NAMES.baseUrl, false),
    }),
    E.map((checked) =>
      redactedConfig({
        clientId: checked.clientId ?? '',
        apiKey: checked.apiKey ?? '',
        appId: checked.appId,
        ...(checked.baseUrl === undefined ? {} : { baseUrl: checked.baseUrl }),
      }),
    ),
  );
