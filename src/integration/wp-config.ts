/**
 * Configuration from a WordPress `wp-config.php`, the way Ultimate Multisite (WP Ultimo) panels
 * hold it: `define('WU_SERVER_PILOT_CLIENT_ID', '...')` lines. The file is read as text, never run.
 */
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { configError, type SdkError } from '../errors/index.js';
import { type Config, checkConfig, redactedConfig } from './config.js';
import { parsePhpDefines } from './php-source.js';

/** The constants read from `wp-config.php`, as Ultimate Multisite names them. */
export const WP_CONFIG_CONSTANTS = {
  clientId: 'WU_SERVER_PILOT_CLIENT_ID',
  apiKey: 'WU_SERVER_PILOT_API_KEY',
  appId: 'WU_SERVER_PILOT_APP_ID',
} as const;

type Field = keyof typeof WP_CONFIG_CONSTANTS;

/** What a `wp-config.php` defines, each value as written; some may be missing. */
export interface WpConfigValues {
  readonly clientId?: string;
  readonly apiKey?: string;
  readonly appId?: string;
  /**
   * Constants defined with an expression this reader cannot evaluate without running PHP
   * (`getenv(...)`, a variable, a `"$interpolated"` string). Their values are unknown.
   */
  readonly computed: readonly string[];
}

const FIELDS: readonly Field[] = ['clientId', 'apiKey', 'appId'];

/**
 * PURE: the `WU_SERVER_PILOT_*` values a `wp-config.php` defines: either quote style, any spacing,
 * `define( "X" , "y" )`, `DEFINE(...)`, `const X = '...';`; commented-out lines and text outside
 * `<?php` are ignored, as PHP ignores them.
 *
 * @example
 * parseWpConfig("<?php define('WU_SERVER_PILOT_APP_ID', 'abc');").appId; // 'abc'
 */
export const parseWpConfig = (source: string): WpConfigValues => {
  const defines = parsePhpDefines(source);
  const computed: string[] = [];
  const values: { -readonly [K in Field]?: string } = {};
  for (const field of FIELDS) {
    const found = defines.get(WP_CONFIG_CONSTANTS[field]);
    if (found?._tag === 'Literal') values[field] = found.value;
    else if (found?._tag === 'Computed') computed.push(WP_CONFIG_CONSTANTS[field]);
  }
  return { ...values, computed };
};

/**
 * Read `path` and parse its `define('…', '…')` lines (read, never run). A file that cannot be read is a `ConfigError` naming
 * the path and the reason (never its content).
 *
 * @example
 * const values = await readWpConfig('/var/www/html/wp-config.php')();
 */
export const readWpConfig =
  (path: string): TE.TaskEither<SdkError, WpConfigValues> =>
  async () => {
    if (typeof path !== 'string' || path.trim() === '') {
      return E.left(
        configError(
          [],
          [
            {
              name: 'wp-config',
              reason: 'no path given; pass the path of wp-config.php, such as /var/www/html/wp-config.php',
            },
          ],
        ),
      );
    }
    try {
      return E.right(parseWpConfig(await readFile(path, 'utf8')));
    } catch (thrown) {
      const code = (thrown as { code?: unknown } | null)?.code;
      const why =
        code === 'ENOENT'
          ? 'does not exist'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : code === 'EISDIR'
              ? 'is a directory'
              : `cannot be read (${typeof code === 'string' ? code : 'error'})`;
      return E.left(
        configError(
          [],
          [{ name: path, reason: `${why}; pass the path of the WordPress site's wp-config.php` }],
        ),
      );
    }
  };

/** Values read from a wp-config.php to a full {@link Config}, or a `ConfigError` naming each constant to add. */
export const configFromWpConfig = (values: WpConfigValues, path: string): E.Either<SdkError, Config> => {
  const computedProblems = values.computed.map((name) => ({
    name,
    reason: `is set in ${path} by an expression this reader cannot evaluate (it never runs PHP); write the value itself in quotes, or set it in the environment instead`,
  }));
  const field = (f: Field) => ({
    name: WP_CONFIG_CONSTANTS[f],
    value: values.computed.includes(WP_CONFIG_CONSTANTS[f]) ? undefined : values[f],
  });
  const checked = checkConfig({
    clientId: field('clientId'),
    apiKey: field('apiKey'),
    appId: field('appId'),
  });
  if (E.isLeft(checked)) {
    const error = checked.left;
    if (error._tag !== 'ConfigError') return checked;
    return E.left(
      configError(
        error.missing.filter((m) => !values.computed.includes(m)),
        [...computedProblems, ...error.invalid],
      ),
    );
  }
  if (computedProblems.length > 0) return E.left(configError([], computedProblems));
  return E.right(
    redactedConfig({
      clientId: checked.right.clientId ?? '',
      apiKey: checked.right.apiKey ?? '',
      appId: checked.right.appId,
    }),
  );
};

/**
 * Read the ServerPilot settings from a WordPress `wp-config.php`: the
 * `define('WU_SERVER_PILOT_CLIENT_ID', '...')`, `..._API_KEY` and `..._APP_ID` lines Ultimate
 * Multisite uses. The file is parsed, never executed. A `ConfigError` lists every constant that
 * is missing (or set by an expression), and never contains the key.
 *
 * @example
 * const config = await unwrap(loadConfigFromWpConfig('/var/www/html/wp-config.php'));
 * const sp = createServerPilotIntegration({ ...config, www: 'apex' });
 */
export const loadConfigFromWpConfig =
  (path: string): TE.TaskEither<SdkError, Config> =>
  async () => {
    const values = await readWpConfig(path)();
    return E.isLeft(values) ? values : configFromWpConfig(values.right, path);
  };
