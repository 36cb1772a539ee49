/**
 * A tour of the typed ServerPilot client. Run with:
 *
 *   SERVERPILOT_CLIENT_ID=… SERVERPILOT_API_KEY=… SERVERPILOT_APP_ID=… npx tsx examples/client.ts
 *
 * Credentials come from the environment only. SERVERPILOT_BASE_URL points it at a simulator,
 * such as the one `serverpilot-domains/testing` starts on 127.0.0.1.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  createServerPilotClient,
  describeSdkError,
  isServerPilotSdkError,
  unwrap,
} from 'serverpilot-domains';

const clientId = process.env.SERVERPILOT_CLIENT_ID ?? '';
const apiKey = process.env.SERVERPILOT_API_KEY ?? '';
const appId = process.env.SERVERPILOT_APP_ID ?? '';
if (clientId === '' || apiKey === '' || appId === '') {
  console.error('Set SERVERPILOT_CLIENT_ID, SERVERPILOT_API_KEY and SERVERPILOT_APP_ID.');
  process.exit(2);
}

const client = createServerPilotClient({
  clientId,
  apiKey,
  ...(process.env.SERVERPILOT_BASE_URL === undefined ? {} : { baseUrl: process.env.SERVERPILOT_BASE_URL }),
  timeoutMs: 15_000,
  retry: { limit: 3, maxDelayMs: 10_000 },
  onRequest: ({ method, url, attempt }) =>
    console.debug(`→ ${method} ${url}${attempt > 1 ? ` (retry ${attempt - 1})` : ''}`),
});

// Printing the client never prints the key.
console.log('client:', client);

// 1. async/await: unwrap rejects with a ServerPilotSdkError whose .error is the tagged SdkError.
try {
  const app = await unwrap(client.apps.get(appId));
  console.log(
    `${app.name}: ${app.domains.length} domains, SSL ${app.ssl === null ? 'off' : app.ssl.auto ? 'AutoSSL' : 'custom'}`,
  );
  if (app.autossl?.available === true) console.log('AutoSSL would cover:', app.autossl.domains ?? []);
} catch (error) {
  if (
    isServerPilotSdkError(error, 'HttpError') &&
    error.error._tag === 'HttpError' &&
    error.error.kind === 'unauthorized'
  ) {
    console.error('Check SERVERPILOT_CLIENT_ID and SERVERPILOT_API_KEY.');
  }
  throw error;
}

// 2. fp-ts: read the server's public IP from the app, without throwing.
const serverIp = pipe(
  client.apps.get(appId),
  TE.flatMap((app) => client.servers.get(app.serverid)),
  TE.map((server) => server.lastaddress ?? 'not connected yet'),
);
const ip = await serverIp();
console.log(
  E.isRight(ip) ? `server address: ${ip.right}` : `could not read the server: ${describeSdkError(ip.left)}`,
);

// 3. A change and its action (only with SERVERPILOT_EXAMPLE_WRITE=1: it rewrites the domain list
//    to what it already is, then waits until ServerPilot has applied it).
if (process.env.SERVERPILOT_EXAMPLE_WRITE === '1') {
  const applied = await pipe(
    client.apps.get(appId),
    TE.flatMap((app) => client.apps.update(appId, { domains: app.domains })),
    TE.flatMap(({ actionId }) =>
      actionId === undefined
        ? TE.right(undefined)
        : client.actions.waitFor(actionId, { intervalMs: 2_000, timeoutMs: 120_000 }),
    ),
  )();
  console.log(E.isRight(applied) ? 'domain list re-applied' : describeSdkError(applied.left));
}

console.log(`HTTP attempts made: ${client.stats.requests}`);
