import { createRequire } from 'node:module';
import type * as Msw from 'msw';
import type { SimRequest, SimResponse } from './types.js';

/** What `simulator.handlers` throws when msw is not installed: the fix, in one line. */
export const MSW_MISSING_MESSAGE =
  'simulator.handlers needs msw, an optional peer dependency of serverpilot-domains: run `npm i -D msw`. ' +
  'listen() and the loopback TLS and DNS helpers of serverpilot-domains/testing work without it.';

const isMswMissing = (error: unknown): boolean =>
  error instanceof Error &&
  (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' &&
  /['"]msw['"]/.test(error.message);

/** The two parts of msw the handlers are made with. */
export type MswModule = Pick<typeof Msw, 'http' | 'HttpResponse'>;

/**
 * Loads the user's msw on first use, so `serverpilot-domains/testing` imports without it. A
 * synchronous `require` keeps `handlers` a plain property. On Node 20.19 and later `require('msw')`
 * takes msw's `module-sync` export, the same ESM copy `import 'msw'` gets; where a tool loads msw's
 * CommonJS copy instead, its handlers still work with the other copy's `setupServer`, which sorts
 * handlers by their `kind` field rather than by class.
 */
export const loadMsw = (): MswModule => {
  try {
    return createRequire(import.meta.url)('msw') as MswModule;
  } catch (error) {
    if (isMswMissing(error)) throw new Error(MSW_MISSING_MESSAGE, { cause: error });
    throw error;
  }
};

/** One msw handler answering every method under `baseUrl` from the simulator core. */
export const createMswHandlers = (
  handle: (request: SimRequest) => Promise<SimResponse>,
  baseUrl: string,
  { HttpResponse, http }: MswModule = loadMsw(),
): readonly Msw.RequestHandler[] => {
  const base = baseUrl.replace(/\/+$/, '');
  const prefix = new URL(base).pathname.replace(/\/+$/, '');
  return [
    http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const response = await handle({
        method: request.method,
        path: url.pathname.slice(prefix.length) || '/',
        headers,
        body: await request.text(),
      });
      // msw's stand-in for a connection closed without an answer: fetch rejects with a TypeError.
      if (response === 'drop') return HttpResponse.error();
      return new HttpResponse(response.body, { status: response.status, headers: { ...response.headers } });
    }),
  ];
};
