/**
 * A script to adapt to your own ServerPilot account: what a hosting panel's "domain mapped" and
 * "domain unmapped" events would call. Run with tsx:
 *
 *   export SERVERPILOT_CLIENT_ID=cid_... SERVERPILOT_API_KEY=... SERVERPILOT_APP_ID=...
 *   npx tsx examples/panel.ts test                 # check the credentials and the app id
 *   npx tsx examples/panel.ts plan  customer.com   # dry run: what would change
 *   npx tsx examples/panel.ts add   customer.com shop.customer.com
 *   npx tsx examples/panel.ts remove customer.com
 *   npx tsx examples/panel.ts sync  a.com b.com --prune
 *   npx tsx examples/panel.ts list
 *   npx tsx examples/panel.ts verify customer.com  # DNS + TLS check against the app's server
 *
 * The WU_SERVER_PILOT_CLIENT_ID / _API_KEY / _APP_ID names (Ultimate Multisite's wp-config.php
 * constants) work too as variables; loadConfigFromWpConfig(path) reads the constants from the file.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  createHooks,
  createServerPilotIntegration,
  describeSdkError,
  loadConfigFromEnv,
  type SdkError,
  ServerPilotSdkError,
  unwrap,
} from 'serverpilot-domains';

const usage =
  'usage: panel.ts test | list | plan <domain…> | add <domain…> | remove <domain…> | sync <domain…> [--prune] | verify <domain>';

const main = async (argv: readonly string[]): Promise<void> => {
  const [command, ...rest] = argv;
  const prune = rest.includes('--prune');
  const domains = rest.filter((a) => a !== '--prune');

  const config = loadConfigFromEnv();
  if (E.isLeft(config)) throw new ServerPilotSdkError(config.left);

  const hooks = createHooks();
  // Adapt: log what changed, e.g. into your panel's activity log.
  hooks.addAction('app.domainsUpdated', 'my-panel', (e) =>
    console.error(`domains updated: +${e.plan.added.join(', ') || '-'} -${e.plan.removed.join(', ') || '-'}`),
  );
  hooks.addAction('domain.stage', 'my-panel', (e) => console.error(`${e.domain}: ${e.to}`));
  // Adapt: how long to wait between SSL checks (the default is 5 minutes, 5 tries per stage).
  hooks.addFilter('ssl.retryDelayMs', 'my-panel', () => 30_000);

  const sp = createServerPilotIntegration({
    ...config.right,
    hooks,
    www: 'apex', // add www.<name> next to registrable names
    protect: [], // adapt: your network's own domain(s), never removed
    forceSsl: true, // redirect HTTP to HTTPS once SSL is on
  });

  const print = (value: unknown): void => console.log(JSON.stringify(value, null, 2));
  switch (command) {
    case 'test':
      return print(await unwrap(sp.testConnection()));
    case 'list':
      return print(await unwrap(sp.listDomains()));
    case 'plan':
      return print(await unwrap(sp.plan({ add: domains })));
    case 'add':
      return print(await unwrap(sp.addDomains(domains)));
    case 'remove':
      return print(await unwrap(sp.removeDomains(domains)));
    case 'sync':
      return print(await unwrap(sp.syncDomains(domains, { prune })));
    case 'verify':
      return print(await unwrap(sp.verifySsl(domains[0] ?? '')));
    default:
      console.error(usage);
      process.exitCode = 2;
  }
};

main(process.argv.slice(2)).catch((error: unknown) => {
  const sdk: SdkError | undefined = error instanceof ServerPilotSdkError ? error.error : undefined;
  console.error(sdk === undefined ? String(error) : describeSdkError(sdk));
  process.exitCode = 1;
});
