import { readFileSync } from 'node:fs';

/** A realistic multisite wp-config.php (salts, multisite defines, commented-out decoys) with the given values. */
export const realisticWpConfig = (values: { clientId: string; apiKey: string; appId: string }): string =>
  readFileSync(new URL('./fixtures/wp-config.php', import.meta.url), 'utf8')
    .replace('CLIENT_ID_PLACEHOLDER', values.clientId)
    .replace('API_KEY_PLACEHOLDER', values.apiKey)
    .replace('APP_ID_PLACEHOLDER', values.appId);
