import { basicAuth } from '../../src/testing/index.js';

/** What a test sees of one answer: status, a few headers, and the body parsed when it is JSON. */
export interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly contentType: string | null;
  readonly body: unknown;
  readonly text: string;
}

export interface CallOptions {
  readonly body?: unknown;
  /** `null` sends no Authorization header. @default the simulator's default credentials */
  readonly auth?: string | null;
  /** Sent as is instead of `JSON.stringify(body)`. */
  readonly rawBody?: string;
}

/** A bare fetch client for the simulator, so these tests do not depend on the SDK's client. */
export const caller =
  (baseUrl: string) =>
  async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const auth = options.auth === undefined ? basicAuth() : options.auth;
    if (auth !== null) headers.authorization = auth;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
      body: parsed,
      text,
    };
  };

export type Call = ReturnType<typeof caller>;

/** `body.data` of an answer, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions index freely into JSON bodies
export const data = (answer: Answer): any => (answer.body as { data?: unknown }).data;
