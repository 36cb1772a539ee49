import type { LookupAddress } from 'node:dns';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer, type SecureContext } from 'node:tls';
import type { KeyCertPair } from './certificates.js';

export {
  createSelfSignedCertificate,
  createTestCertificateAuthority,
  type KeyCertPair,
  type SignatureHash,
  type TestAuthorityOptions,
  type TestCertificateAuthority,
  type TestCertificateOptions,
  type TestKeyOptions,
} from './certificates.js';

/** Options of {@link startLoopbackTlsServer}. */
export interface LoopbackTlsServerOptions {
  /**
   * Certificates served by SNI name (matched case-insensitively).
   * @default {}
   * @example { certificates: { 'shop.example.test': ca.issue({ names: ['shop.example.test'] }) } }
   */
  readonly certificates?: ReadonlyMap<string, KeyCertPair> | Readonly<Record<string, KeyCertPair>>;
  /**
   * What the server presents for any other name, or when the client sends no SNI.
   * @example { defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }) }
   */
  readonly defaultCertificate: KeyCertPair;
  /**
   * The port to listen on, on 127.0.0.1.
   * @default 0 (a free port)
   * @example { port: await freeLoopbackPort() }
   */
  readonly port?: number;
}

/** A TLS server on 127.0.0.1 that answers every handshake and then closes the connection. */
export interface LoopbackTlsServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Serve `pair` for `name` from the next handshake on; `undefined` falls back to the default. */
  setCertificate(name: string, pair: KeyCertPair | undefined): void;
  /** Handshakes started so far with SNI, for one name or in total. */
  handshakes(name?: string): number;
  /** Stops the server and closes its open connections. */
  close(): Promise<void>;
}

/**
 * OpenSSL's security level 0 for the test server only: at the default level it refuses to load a
 * SHA-1-signed certificate at all, and those are exactly what a probe must be shown to refuse.
 */
const ANY_CERTIFICATE = 'DEFAULT:@SECLEVEL=0';

interface Closable {
  close(callback: () => void): unknown;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });

const closeAll = (server: Closable, sockets: Set<Socket>): Promise<void> =>
  new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });

const track = (server: Server, sockets: Set<Socket>): void => {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that resets mid-handshake is normal in these tests, not a server failure.
    socket.on('error', () => undefined);
  });
};

/**
 * Start a TLS server on 127.0.0.1 whose SNI callback serves a certificate per name, changeable at
 * run time, so a test can make a valid certificate "appear" between two attempts. Serve an RSA
 * certificate as `defaultCertificate`: Node's TLS 1.3 SNI switch keeps the default context's key
 * type, so an RSA certificate chosen by name is not presented.
 *
 * @example
 * const ca = createTestCertificateAuthority();
 * const server = await startLoopbackTlsServer({
 *   certificates: { 'shop.example.test': ca.issue({ names: ['shop.example.test'] }) },
 *   defaultCertificate: createSelfSignedCertificate({ names: ['localhost'] }),
 * });
 * const verifier = createSslVerifier({ ca: ca.cert, port: server.port, lookup: loopbackLookup });
 */
export const startLoopbackTlsServer = async (
  options: LoopbackTlsServerOptions,
): Promise<LoopbackTlsServer> => {
  const contexts = new Map<string, SecureContext>();
  const counts = new Map<string, number>();
  const setCertificate = (name: string, pair: KeyCertPair | undefined): void => {
    if (pair === undefined) contexts.delete(name.toLowerCase());
    else contexts.set(name.toLowerCase(), createSecureContext({ ...pair, ciphers: ANY_CERTIFICATE }));
  };
  const initial =
    options.certificates instanceof Map
      ? [...options.certificates]
      : Object.entries((options.certificates ?? {}) as Readonly<Record<string, KeyCertPair>>);
  for (const [name, pair] of initial) setCertificate(name, pair);

  const sockets = new Set<Socket>();
  const server = createServer(
    {
      key: options.defaultCertificate.key,
      cert: options.defaultCertificate.cert,
      ciphers: ANY_CERTIFICATE,
      // An unknown name gets `undefined`, which makes Node present the default certificate.
      // Counted here, not on `secureConnection`: the client may see its handshake finish first.
      SNICallback: (name, done) => {
        const key = name.toLowerCase();
        counts.set(key, (counts.get(key) ?? 0) + 1);
        done(null, contexts.get(key));
      },
    },
    (socket) => {
      socket.on('error', () => undefined);
      socket.end();
    },
  );
  server.on('tlsClientError', () => undefined);
  track(server, sockets);
  const port = await listen(server, options.port ?? 0);
  return {
    host: '127.0.0.1',
    port,
    setCertificate,
    handshakes: (name) =>
      name === undefined
        ? [...counts.values()].reduce((a, b) => a + b, 0)
        : (counts.get(name.toLowerCase()) ?? 0),
    close: () => closeAll(server, sockets),
  };
};

/** A TCP server on 127.0.0.1 that accepts connections and never says a word: a handshake that hangs. */
export interface SilentTcpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Stops the server and closes its open connections. */
  close(): Promise<void>;
}

/**
 * Start a server that accepts TCP and never completes a TLS handshake, to test probe timeouts.
 *
 * @example
 * const silent = await startSilentTcpServer();
 * await verifier.probe('slow.example.test')(); // status 'timeout' after `timeoutMs`
 */
export const startSilentTcpServer = async (): Promise<SilentTcpServer> => {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer(() => {
    accepted++;
  });
  track(server, sockets);
  const port = await listen(server, 0);
  return { host: '127.0.0.1', port, connections: () => accepted, close: () => closeAll(server, sockets) };
};

/**
 * A port on 127.0.0.1 with nothing listening (it was free a moment ago), for connection-refused tests.
 */
export const freeLoopbackPort = async (): Promise<number> => {
  const server = createTcpServer();
  const port = await listen(server, 0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/**
 * A lookup for the SSL verifier that sends every name to 127.0.0.1, so tests reach the loopback
 * server by the name under test, exactly as a browser would after DNS pointed at the server.
 *
 * @example
 * createSslVerifier({ lookup: loopbackLookup, port: server.port, ca: ca.cert });
 */
export const loopbackLookup = async (_hostname: string): Promise<readonly LookupAddress[]> => [
  { address: '127.0.0.1', family: 4 },
];
