/**
 * The TLS side of the verifyMany benchmark, in its own process so handshakes on the server do not
 * share the client's event loop. Sends `{ port, ca }` to the parent, then serves until killed.
 */
import { createTestCertificateAuthority, startLoopbackTlsServer } from '../src/testing/tls.js';

const ca = createTestCertificateAuthority({ name: 'Bench CA' });
const server = await startLoopbackTlsServer({
  defaultCertificate: ca.issue({ names: ['*.bench.test'] }),
});
process.send?.({ port: server.port, ca: ca.cert });
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
