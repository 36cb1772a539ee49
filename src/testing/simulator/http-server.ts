import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { SimRequest, SimResponse } from './types.js';

/** A running loopback server: `url` ends in `/v1`, like the real base URL. */
export interface SimulatorServer {
  /** Like `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Serves the simulator core over real HTTP on 127.0.0.1 with a random free port. */
export const listenHttp = async (
  handle: (request: SimRequest) => Promise<SimResponse>,
): Promise<SimulatorServer> => {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      let response: SimResponse;
      if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
        response = await handle({
          method: req.method ?? 'GET',
          path: url.pathname.slice(3) || '/',
          headers,
          body,
        });
      } else {
        response = {
          status: 404,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ error: { message: 'The API lives under /v1.' } }),
        };
      }
      if (response === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(response.status, {
        ...response.headers,
        'content-length': Buffer.byteLength(response.body),
      });
      res.end(response.body);
    })().catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
};
