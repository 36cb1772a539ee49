// A CommonJS TypeScript script run by classic ts-node (`module: commonjs`, so TypeScript resolves
// with `node10` rules and reads no `exports` map): both entries must resolve, with real types.
import * as E from 'fp-ts/lib/Either';
import { setupServer } from 'msw/node';
import { createServerPilotIntegration, normalizeDomain, unwrap } from 'serverpilot-domains';
import {
  basicAuth,
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from 'serverpilot-domains/testing';

async function main(): Promise<void> {
  const sim = createServerPilotSimulator();
  // Real types, not `any`: a wrong argument must be a type error.
  // @ts-expect-error app ids are strings
  if (false as boolean) sim.app(42);
  const { url, close } = await sim.listen();
  try {
    const sp = createServerPilotIntegration({
      ...SIMULATOR_CREDENTIALS,
      baseUrl: url,
      appId: SIMULATOR_IDS.appId,
    });
    const report = await unwrap(sp.addDomain('ts-node.co.uk'));
    const added: readonly string[] = report.plan.added;
    if (added.join() !== 'ts-node.co.uk,www.ts-node.co.uk') throw new Error(`added ${added.join()}`);
    const name = normalizeDomain('Shop.Example.COM.');
    if (!E.isRight(name) || name.right !== 'shop.example.com') throw new Error('normalizeDomain');
    // msw's CommonJS types for the handlers, as for this project's own setupServer.
    const mswServer = setupServer(...sim.handlers);
    mswServer.listen({ onUnhandledRequest: 'error' });
    const viaMsw = await fetch(`${sim.baseUrl}/apps/${SIMULATOR_IDS.appId}`, {
      headers: { authorization: basicAuth() },
    });
    mswServer.close();
    if (viaMsw.status !== 200) throw new Error(`msw answered ${viaMsw.status}`);
    console.log(`ts-node (CommonJS) ok: added ${added.join(', ')}`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
