/**
 * The TLS side of the lifecycle benchmark, in its own process: a name gets a self-signed
 * certificate on its first two handshakes and a valid one (test CA, `*.bench.test`) from the
 * third on, so each name takes one DNS try and three certificate tries. Sends `{ port, ca }`.
 */
import { createSecureContext, createServer } from 'node:tls';
import { createSelfSignedCertificate, createTestCertificateAuthority } from '../src/testing/tls.js';

const ca = createTestCertificateAuthority({ name: 'Lifecycle Bench CA' });
const valid = ca.issue({ names: ['*.bench.test'] });
const selfSigned = createSelfSignedCertificate({ names: ['*.bench.test'] });
const validContext = createSecureContext({ key: valid.key, cert: valid.cert });
const handshakes = new Map<string, number>();
const server = createServer(
  {
    key: selfSigned.key,
    cert: selfSigned.cert,
    SNICallback: (name, done) => {
      const n = (handshakes.get(name) ?? 0) + 1;
      handshakes.set(name, n);
      done(null, n >= 3 ? validContext : undefined);
    },
  },
  (socket) => {
    socket.on('error', () => undefined);
    socket.end();
  },
);
server.on('tlsClientError', () => undefined);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0, ca: ca.cert });
});
process.on('message', (m: { reset?: boolean; count?: boolean }) => {
  if (m.count === true) {
    process.send?.({ handshakes: [...handshakes.values()].reduce((a, b) => a + b, 0) });
    handshakes.clear();
  }
});
process.on('disconnect', () => {
  server.close();
  process.exit(0);
});
