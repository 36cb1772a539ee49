/**
 * Verify that a valid certificate is served, offline: a loopback TLS server first presents its
 * default self-signed certificate, then "AutoSSL" issues one, and the verifier reports each stage.
 *
 *   npx tsx examples/verify-ssl.ts
 *
 * Against a real server you would drop the testing helpers and write:
 *
 *   const verifier = createSslVerifier({ hooks, expectedIps: [server.lastaddress] });
 *   const result = await unwrap(verifier.verify('shop.example.com'));
 */
import { createHooks, createSslVerifier, unwrap } from 'serverpilot-domains';
import {
  createSelfSignedCertificate,
  createStubResolver,
  createTestCertificateAuthority,
  loopbackLookup,
  startLoopbackTlsServer,
} from 'serverpilot-domains/testing';

const DOMAIN = 'shop.example.test';
const SERVER_IP = '203.0.113.10';

const ca = createTestCertificateAuthority();
const server = await startLoopbackTlsServer({
  defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
});

const hooks = createHooks();
// Panels wait 300 s between tries; a demo does not.
hooks.addFilter('ssl.retryDelayMs', 'example', () => 200);
hooks.addAction('domain.stage', 'example', ({ domain, from, to, attempt, probe }) =>
  console.log(
    `${domain}: ${from ?? 'start'} -> ${to} (attempt ${attempt})${probe ? ` ${probe.status}` : ''}`,
  ),
);

const verifier = createSslVerifier({
  hooks,
  ca: ca.cert,
  port: server.port,
  lookup: loopbackLookup,
  resolver: createStubResolver({ [DOMAIN]: { A: [SERVER_IP] } }),
  expectedIps: [SERVER_IP],
  sleep: async (ms) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    // AutoSSL gets there after the first wait.
    server.setCertificate(DOMAIN, ca.issue({ names: [DOMAIN] }));
  },
});

const result = await unwrap(verifier.verify(DOMAIN));
console.log(`${result.stage}: ${result.reason}`);
console.log(`attempts: dns ${result.attempts.dns}, ssl ${result.attempts.ssl}`);
console.log(
  `certificate: ${result.probe?.certificate?.subject}, ${result.probe?.certificate?.daysRemaining} days left`,
);
await server.close();
