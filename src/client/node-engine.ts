/**
 * The `transport: 'node'` engine: Node's own `http`/`https`, one connection per request, and the
 * retry loop ky runs for the other engine, step for step (see `engine.ts`). It exists for short
 * processes such as the command: Node's `fetch` (undici) costs a process about 100 ms on Node 20,
 * to load it and to wait at exit for its compiled WebAssembly parser, more than such a process
 * spends on everything else.
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { decodedBody } from './content-coding.js';
import { type Engine, type EngineConfig, HttpStatusError } from './engine.js';
import type { AnswerSource } from './read-body.js';

type Send = (url: URL, options: RequestOptions, answer: (response: IncomingMessage) => void) => ClientRequest;

/**
 * Node's `request` for the URL's scheme, loaded on first use (a client that never sends loads
 * neither; `getBuiltinModule` rather than `import()`, which would start Node's ES module loader,
 * about 20 ms on Node 22), read off the module object at each call: instrumentation (an APM agent,
 * msw) replaces it there.
 */
const sender = (url: URL): Send => {
  const scheme = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
  return (target, options, answer) => scheme.request(target, options, answer);
};

const fromIncoming = async (response: IncomingMessage): Promise<AnswerSource> => {
  const body = await decodedBody(response);
  return {
    status: response.statusCode ?? 0,
    header: (name) => {
      const value = response.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    body,
    discard: () => response.destroy(),
  };
};

/** One attempt: resolves with the answer's headers (the body still to read), rejects as the connection fails. */
const attempt = (
  send: Send,
  url: URL,
  options: RequestOptions,
  body: Buffer | undefined,
): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const request = send(url, options, resolve);
    request.on('error', reject);
    request.end(body);
  });

export const nodeEngine =
  (config: EngineConfig): Engine =>
  async (exchange, steps) => {
    const url = new URL(`${config.baseUrl}/${exchange.path}`);
    const send = sender(url);
    const body = exchange.body === undefined ? undefined : Buffer.from(JSON.stringify(exchange.body), 'utf8');
    const headers = {
      authorization: config.authorization,
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      // What Node's fetch sends (it decodes br too, but does not ask for it); some firewalls turn
      // away a request with no User-Agent.
      'user-agent': 'node',
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(body.byteLength) }),
    };
    for (let retryCount = 0; ; ) {
      try {
        const timer = steps.begin(retryCount);
        const signal = exchange.signal === undefined ? timer : AbortSignal.any([exchange.signal, timer]);
        // No keep-alive (`agent: false`): an idle pooled socket would hold a short process open.
        const response = await attempt(
          send,
          url,
          { method: exchange.method, headers, signal, agent: false },
          body,
        );
        await steps.read(await fromIncoming(response));
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) throw new HttpStatusError(status);
        return;
      } catch (error) {
        // As ky: the limit first, then the caller's judgement, then the wait.
        retryCount++;
        if (retryCount > exchange.retryLimit || !steps.shouldRetry(error, retryCount)) throw error;
        await steps.beforeRetry();
      }
    }
  };
