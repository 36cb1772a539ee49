/** The package version, written in by the build (tsup `define`); `0.0.0-dev` when run from source. */
declare const __SERVERPILOT_DOMAINS_VERSION__: string | undefined;

export const VERSION: string =
  typeof __SERVERPILOT_DOMAINS_VERSION__ === 'string' ? __SERVERPILOT_DOMAINS_VERSION__ : '0.0.0-dev';
