/**
 * The `node-http` test project: every client the suites build uses `transport: 'node'` (Node's
 * `http`) instead of ky over `fetch`, unless a test passes its own `fetch` or transport, so the
 * HTTP suites prove both engines behave alike. msw intercepts `node:http` as it does `fetch`.
 */
import { vi } from 'vitest';
import type { ClientOptions } from '../src/client/options.js';

vi.mock('../src/client/client.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/client/client.js')>();
  const overNode = (options: ClientOptions): ClientOptions =>
    typeof options === 'object' &&
    options !== null &&
    options.fetch === undefined &&
    options.transport === undefined
      ? { ...options, transport: 'node' }
      : options;
  return {
    ...original,
    tryCreateServerPilotClient: (options: ClientOptions) =>
      original.tryCreateServerPilotClient(overNode(options)),
    createServerPilotClient: (options: ClientOptions) => original.createServerPilotClient(overNode(options)),
  };
});
