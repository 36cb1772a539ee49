/** The help texts: what each command does, one example each, configuration and exit codes. */

export const NAME = 'serverpilot-domains';

export const DESCRIPTION =
  "Keep a ServerPilot app's domain list right, enable AutoSSL and prove a valid certificate is served.";

export const CONFIGURATION = `
Configuration (the first place that has a value wins):
  1. flags               --client-id, --api-key, --app-id, --base-url
  2. environment         SERVERPILOT_CLIENT_ID, SERVERPILOT_API_KEY, SERVERPILOT_APP_ID,
                         SERVERPILOT_BASE_URL (or WU_SERVER_PILOT_CLIENT_ID, WU_SERVER_PILOT_API_KEY,
                         WU_SERVER_PILOT_APP_ID)
  3. --wp-config <path>  define('WU_SERVER_PILOT_CLIENT_ID', '...') lines, read, never executed
  --api-key is visible to other users of the machine (ps): prefer the environment or --wp-config.`;

export const EXIT_CODES = `
Exit codes:
  0  done and healthy
  1  the operation failed (API error, network, timeout, interrupted)
  2  usage or configuration error: nothing was sent
  3  done, but problems found (audit or doctor not healthy, a verification not done,
     AutoSSL not enabled, a warning after a change)`;

export const OUTPUT = `
Output: a table on a terminal, plain tab-separated lines otherwise; with --json, exactly one JSON
document on stdout ({ "ok", "command", "exitCode", ... }). Progress and errors go to stderr,
progress only on a terminal. Colours are off with --no-color, NO_COLOR or no terminal.`;

export const EXAMPLES = `
Examples:
  $ ${NAME} list
  $ ${NAME} add shop.example.com --json --wp-config /var/www/html/wp-config.php
  $ ${NAME} audit --warn-days 20 --crit-days 15
  $ ${NAME} doctor shop.example.com`;

/** One example (or two) per command, shown under its own help. */
export const COMMAND_HELP: Readonly<Record<string, { readonly summary: string; readonly example: string }>> =
  {
    list: {
      summary: "List the app's domains and whether AutoSSL covers each.",
      example: `$ ${NAME} list --json`,
    },
    add: {
      summary:
        'Add domains (and their www twins, by --www), then turn AutoSSL on when ServerPilot allows it.',
      example: `$ ${NAME} add shop.example.com blog.example.org --json`,
    },
    remove: {
      summary: 'Remove domains (and their www twins); --protect names are never removed.',
      example: `$ ${NAME} remove old-shop.example.com --protect network.example.com`,
    },
    sync: {
      summary:
        'Make the app hold the names in <file> (one per line, or a JSON array; "-" reads stdin). Adds only, unless --prune.',
      example: `$ wp site list --field=domain | ${NAME} sync - --prune --dry-run`,
    },
    plan: {
      summary: 'Show what a change would write, without writing anything.',
      example: `$ ${NAME} plan --add shop.example.com --remove old.example.com`,
    },
    ssl: {
      summary: 'SSL for the app: `ssl enable [--force]`.',
      example: `$ ${NAME} ssl enable --force`,
    },
    'ssl enable': {
      summary: 'Turn AutoSSL on when ServerPilot says it is available; --force also redirects HTTP to HTTPS.',
      example: `$ ${NAME} ssl enable --force`,
    },
    verify: {
      summary:
        'Prove each domain serves a valid certificate: DNS must point at the server, then a TLS handshake (retried --tries times, --delay apart).',
      example: `$ ${NAME} verify shop.example.com --tries 10 --delay 30s\n  $ ${NAME} verify shop.example.com --resolve shop.example.com:203.0.113.10   # before DNS moves`,
    },
    audit: {
      summary:
        'Check every domain of the app: DNS, AutoSSL coverage, the certificate served and its days left (warning under --warn-days, critical under --crit-days or not valid).',
      example: `$ ${NAME} audit --json > audit.json || echo "certificates need attention"`,
    },
    doctor: {
      summary:
        'Troubleshoot: credentials, app id, account permissions, room under 300 domains, the domain on this or another app, DNS, AutoSSL, the certificate.',
      example: `$ ${NAME} doctor shop.example.com`,
    },
    'test-connection': {
      summary: 'Check the credentials and the app id.',
      example: `$ SERVERPILOT_API_KEY=... ${NAME} test-connection --app-id nlcN0TwdZAyNEgdp`,
    },
  };
