/**
 * The README's quick start in CommonJS and plain JavaScript: `require`, no top-level `await`.
 * Against the simulator on 127.0.0.1, so it needs no account:
 *
 *   node quick-start.cjs        (in a project where `npm install serverpilot-domains` has run)
 *
 * In this repository CI runs it against the built package (`npm run build` first).
 */
'use strict';
const {
  createServerPilotIntegration,
  describeSdkError,
  isServerPilotSdkError,
  unwrap,
} = require('serverpilot-domains');
const {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} = require('serverpilot-domains/testing');

async function main() {
  const sim = createServerPilotSimulator(); // a stateful fake of ServerPilot API v1
  const { url, close } = await sim.listen(); // http://127.0.0.1:PORT/v1
  try {
    const sp = createServerPilotIntegration({
      ...SIMULATOR_CREDENTIALS,
      appId: SIMULATOR_IDS.appId,
      baseUrl: url,
    });
    const report = await unwrap(sp.addDomain('customer.com')); // read, plan, write, read back, AutoSSL
    console.log('added:', report.plan.added.join(', '), '| AutoSSL:', report.autoSsl.status);
    const list = await unwrap(sp.listDomains());
    console.log('the app now holds:', list.domains.join(', '));
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(isServerPilotSdkError(error) ? describeSdkError(error.error) : error);
  process.exitCode = 1;
});
