/** A real HTTP server on 127.0.0.1 whose handler each test sets. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Loopback {
  readonly url: string;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  readonly close: () => Promise<void>;
}

export const startLoopback = async (): Promise<Loopback> => {
  const sockets = new Set<import('node:net').Socket>();
  const box: Loopback = {
    url: '',
    handle: (_req, res) => res.end(),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => box.handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(box, { url: `http://127.0.0.1:${port}/v1` });
};
