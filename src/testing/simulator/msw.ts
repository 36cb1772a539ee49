import { HttpResponse, http, type RequestHandler } from 'msw';
import type { SimRequest, SimResponse } from './types.js';

/** One msw handler answering every method under `baseUrl` from the simulator core. */
export const createMswHandlers = (
  handle: (request: SimRequest) => Promise<SimResponse>,
  baseUrl: string,
): readonly RequestHandler[] => {
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
