/**
 * The default engine: ky over `fetch` (the global one, or the `fetch` option). ky sends (prefix
 * URL, Basic auth, JSON) and runs the retry loop; each decision is a step of `transport.ts`.
 * ky is loaded on the first call: it builds a `Request` as it loads, which makes Node load its
 * whole `fetch` implementation (undici), and a client that never sends should not pay for that.
 */
import type { KyInstance } from 'ky';
import type { Engine, EngineConfig } from './engine.js';
import type { AnswerSource } from './read-body.js';

const fromResponse = (response: Response): AnswerSource => ({
  status: response.status,
  header: (name) => response.headers.get(name),
  body: response.body,
  // A cancel that fails (the stream already errored) has nothing left to free.
  discard: () => void response.body?.cancel().catch(() => undefined),
});

export const kyEngine = (config: EngineConfig & { readonly fetch?: typeof fetch | undefined }): Engine => {
  let api: Promise<KyInstance> | undefined;
  const instance = (): Promise<KyInstance> => {
    if (api !== undefined) return api;
    api = import('ky').then(({ default: ky }) =>
      ky.create({
        prefixUrl: config.baseUrl,
        headers: { authorization: config.authorization, accept: 'application/json' },
        // The API never redirects; following one would turn a domain write into a GET elsewhere.
        redirect: 'manual',
        // ky's timeout stops at the headers; each attempt's own timer (steps.begin) also covers the body.
        timeout: false,
        ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
      }),
    );
    // A load that failed is tried again by the next call.
    api.catch(() => {
      api = undefined;
    });
    return api;
  };

  return async (exchange, steps) => {
    const api = await instance();
    await api(exchange.path, {
      method: exchange.method,
      ...(exchange.body === undefined ? {} : { json: exchange.body }),
      ...(exchange.signal === undefined ? {} : { signal: exchange.signal }),
      retry: {
        limit: exchange.retryLimit,
        methods: ['get', 'post', 'delete'],
        // ky waits with its own setTimeout and takes no clock: its wait is 0, and the real one
        // runs in beforeRetry through the injected sleep (exact in tests, abortable).
        delay: () => 0,
        shouldRetry: ({ error, retryCount }) => steps.shouldRetry(error, retryCount),
      },
      hooks: {
        beforeRequest: [
          (request, kyOptions, { retryCount }) => {
            const timer = steps.begin(retryCount);
            const signals = kyOptions.signal == null ? [timer] : [kyOptions.signal, timer];
            return new Request(request, { signal: AbortSignal.any(signals) });
          },
        ],
        // Every answer is read here, inside its attempt: the timeout covers the body, a reset
        // mid-body is retried like any network failure, and ky only sees a bodiless stand-in.
        afterResponse: [
          async (_request, _options, response) => {
            await steps.read(fromResponse(response));
            return new Response(null, { status: response.status });
          },
        ],
        beforeRetry: [() => steps.beforeRetry()],
      },
    });
  };
};
