/**
 * Where each setting comes from: a flag, then `SERVERPILOT_*` / `WU_SERVER_PILOT_*` environment
 * variables, then the `define()` lines of `--wp-config`. A missing value is one sentence naming
 * what to set, in the naming the user already uses.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeSdkError, readWpConfig, type WpConfigValues } from '../index.js';

type Field = 'clientId' | 'apiKey' | 'appId';

/** A value and where it came from, to name it in messages. */
export interface Sourced {
  readonly value: string;
  readonly source: string;
}

export interface Settings {
  readonly clientId: Sourced;
  readonly apiKey: Sourced;
  readonly appId: Sourced;
  readonly baseUrl?: Sourced;
}

const FLAG: Readonly<Record<Field, string>> = {
  clientId: '--client-id',
  apiKey: '--api-key',
  appId: '--app-id',
};
const ENV: Readonly<Record<Field, string>> = {
  clientId: 'SERVERPILOT_CLIENT_ID',
  apiKey: 'SERVERPILOT_API_KEY',
  appId: 'SERVERPILOT_APP_ID',
};
const PANEL: Readonly<Record<Field, string>> = {
  clientId: 'WU_SERVER_PILOT_CLIENT_ID',
  apiKey: 'WU_SERVER_PILOT_API_KEY',
  appId: 'WU_SERVER_PILOT_APP_ID',
};
const LABEL: Readonly<Record<Field, string>> = { clientId: 'Client ID', apiKey: 'API key', appId: 'app id' };
const FIELDS: readonly Field[] = ['clientId', 'apiKey', 'appId'];

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** Read `--wp-config` when given: its values, or one sentence on why it cannot be read. */
export const loadWpConfig = async (path: unknown): Promise<E.Either<string, WpConfigValues | undefined>> => {
  if (path === undefined) return E.right(undefined);
  const values = await readWpConfig(String(path))();
  return E.isLeft(values)
    ? E.left(`--wp-config: ${describeSdkError(values.left).replace(/^Configuration error; /, '')}.`)
    : E.right(values.right);
};

/** Resolve every setting, or one sentence naming what is missing and where to set it. */
export const resolveSettings = (
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  wp: { readonly path: string; readonly values: WpConfigValues } | undefined,
): E.Either<string, Settings> => {
  const found: Partial<Record<Field, Sourced>> = {};
  const missing: Field[] = [];
  for (const field of FIELDS) {
    const flag = flags[field];
    const fromWp = wp?.values[field];
    if (present(flag)) found[field] = { value: flag, source: FLAG[field] };
    else if (present(env[ENV[field]]))
      found[field] = { value: env[ENV[field]] as string, source: ENV[field] };
    else if (present(env[PANEL[field]]))
      found[field] = { value: env[PANEL[field]] as string, source: PANEL[field] };
    else if (wp !== undefined && present(fromWp)) {
      found[field] = { value: fromWp, source: `${PANEL[field]} in ${wp.path}` };
    } else missing.push(field);
  }
  if (missing.length > 0) {
    // Name the variables in the family the environment already uses.
    const panelOnly = FIELDS.some((f) => present(env[PANEL[f]])) && !FIELDS.some((f) => present(env[ENV[f]]));
    const names = missing.map((f) => (panelOnly ? PANEL[f] : ENV[f]));
    const computed = wp === undefined ? [] : missing.filter((f) => wp.values.computed.includes(PANEL[f]));
    const where =
      wp === undefined
        ? `set ${list(names)}, pass ${list(missing.map((f) => FLAG[f]))}, or pass --wp-config with the path of a wp-config.php that defines ${list(missing.map((f) => PANEL[f]))}`
        : `${wp.path} does not define ${list(missing.map((f) => PANEL[f]))}${
            computed.length > 0
              ? ` as a quoted string (${list(computed.map((f) => PANEL[f]))} is set by PHP code, which is never run)`
              : ''
          }: add the define() line${missing.length > 1 ? 's' : ''}, set ${list(names)}, or pass ${list(missing.map((f) => FLAG[f]))}`;
    return E.left(`Missing the ServerPilot ${list(missing.map((f) => LABEL[f]))}: ${where}.`);
  }
  const baseUrl = present(flags.baseUrl)
    ? { value: flags.baseUrl, source: '--base-url' }
    : present(env.SERVERPILOT_BASE_URL)
      ? { value: env.SERVERPILOT_BASE_URL as string, source: 'SERVERPILOT_BASE_URL' }
      : undefined;
  return E.right({
    clientId: found.clientId as Sourced,
    apiKey: found.apiKey as Sourced,
    appId: found.appId as Sourced,
    ...(baseUrl === undefined ? {} : { baseUrl }),
  });
};
