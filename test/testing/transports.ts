import { setupServer } from 'msw/node';
import type { Simulator } from '../../src/testing/index.js';
import { type Call, caller } from './api.js';

export type TransportName = 'msw' | 'http';
export const TRANSPORTS: readonly TransportName[] = ['msw', 'http'];

export interface Transport {
  readonly call: Call;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Serves `sim` one way or the other. Only one msw server may be active at a time: close it. */
export const serve = async (sim: Simulator, name: TransportName): Promise<Transport> => {
  if (name === 'http') {
    const server = await sim.listen();
    return { call: caller(server.url), baseUrl: server.url, close: server.close };
  }
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    call: caller(sim.baseUrl),
    baseUrl: sim.baseUrl,
    close: async () => server.close(),
  };
};
