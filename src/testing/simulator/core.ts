import type { RouteContext } from './context.js';
import { applyEdit, corruptField, type FaultRegistry } from './faults.js';
import type { SimulatorConfig } from './options.js';
import { ApiFailure, type ApiResult, apiError, errorBody } from './result.js';
import { matchPattern, routes } from './routes/index.js';
import type { IdKind } from './seed.js';
import type { SimRequest, SimRequestLogEntry, SimResponse, SimulatorState } from './types.js';
import { isPlainObject } from './validate.js';

export interface CoreDeps {
  readonly state: SimulatorState;
  readonly config: SimulatorConfig;
  readonly faults: FaultRegistry;
  readonly log: SimRequestLogEntry[];
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly nextId: (kind: IdKind) => string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

const parseLogged = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** `Authorization: Basic base64(clientId:apiKey)`. */
const authorized = (headers: Readonly<Record<string, string>>, config: SimulatorConfig): boolean => {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (match === null) return false;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return (
    colon >= 0 &&
    decoded.slice(0, colon) === config.credentials.clientId &&
    decoded.slice(colon + 1) === config.credentials.apiKey
  );
};

const toResponse = (result: ApiResult): SimResponse => ({
  status: result.status,
  headers: { ...JSON_HEADERS, ...result.headers },
  body: JSON.stringify(result.body),
});

/** The app a domain fault acts on: named in the rule, or the `:id` of an `/apps/:id...` path. */
const appIdOf = (path: string): string | undefined => /^\/apps\/([^/]+)/.exec(path)?.[1];

/**
 * The transport-independent simulator: one request in, one response (or `'drop'`) out. The msw
 * handlers and the node:http server are thin adapters around this, so both share one state.
 */
export const createCore = (deps: CoreDeps) => {
  const { state, config, faults, log, now } = deps;

  const newAction = (serverid: string): string => {
    const nowMs = now();
    const failing = config.failNextActions > 0;
    if (failing) config.failNextActions -= 1;
    const id = deps.nextId('X');
    state.actions.set(id, {
      id,
      serverid,
      datecreated: Math.floor(nowMs / 1000),
      createdAt: nowMs,
      settlesAt: nowMs + config.actionOpenMs,
      outcome: failing ? 'error' : 'success',
    });
    return id;
  };

  const route = (request: SimRequest): ApiResult => {
    let parsed: unknown = {};
    if (request.body.trim() !== '') {
      try {
        parsed = JSON.parse(request.body);
      } catch {
        return apiError(400, 'The request body is not valid JSON.');
      }
    }
    if (!isPlainObject(parsed)) return apiError(400, 'The request body must be a JSON object.');
    for (const r of routes) {
      if (r.method !== request.method) continue;
      const params = matchPattern(r.pattern, request.path);
      if (params === undefined) continue;
      const nowMs = now();
      const ctx: RouteContext = {
        state,
        config,
        params,
        body: parsed,
        nowMs,
        nowSeconds: Math.floor(nowMs / 1000),
        nextId: deps.nextId,
        newAction,
      };
      try {
        return r.handler(ctx);
      } catch (e) {
        if (e instanceof ApiFailure) return apiError(e.status, e.message);
        throw e;
      }
    }
    return apiError(404, `No such resource: ${request.method} ${request.path}`);
  };

  const respond = async (request: SimRequest): Promise<SimResponse> => {
    const matching = faults.matching(request.method, request.path);

    for (const entry of matching) {
      if (entry.rule.fault.kind !== 'latency') continue;
      faults.consume(entry);
      await deps.sleep(entry.rule.fault.ms);
    }

    // Transport-level faults come before authentication: a proxy or load balancer answers them.
    const terminal = matching.find((e) => ['status', 'drop', 'non-json'].includes(e.rule.fault.kind));
    if (terminal !== undefined) faults.consume(terminal);
    const fault = terminal?.rule.fault;
    const replaceAnswer = (): SimResponse | undefined => {
      if (fault?.kind === 'drop') return 'drop';
      if (fault?.kind === 'non-json') {
        return {
          status: fault.status ?? 200,
          headers: { 'content-type': fault.contentType ?? 'text/html; charset=utf-8' },
          body: fault.body ?? '<html><body><h1>502 Bad Gateway</h1></body></html>',
        };
      }
      if (fault?.kind === 'status') {
        const retryAfter = fault.retryAfter ?? (fault.status === 429 ? 1 : undefined);
        return toResponse({
          status: fault.status,
          body: errorBody(fault.message ?? `Simulated HTTP ${fault.status}.`),
          ...(retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } }),
        });
      }
      return undefined;
    };
    const processed = (fault?.kind === 'status' || fault?.kind === 'drop') && fault.processed === true;
    if (fault !== undefined && !processed) return replaceAnswer() as SimResponse;

    if (!authorized(request.headers, config)) {
      return toResponse({
        ...apiError(401, 'Authentication failed: check the Client ID and API key.'),
        headers: { 'www-authenticate': 'Basic realm="ServerPilot API"' },
      });
    }

    const writers = matching.filter((e) => e.rule.fault.kind === 'concurrent-writer');
    const later: (() => void)[] = [];
    for (const entry of writers) {
      const f = entry.rule.fault;
      if (f.kind !== 'concurrent-writer') continue;
      const app = state.apps.get(f.appId ?? appIdOf(request.path) ?? '');
      if (app === undefined) continue;
      faults.consume(entry);
      const when = f.when ?? (request.method === 'GET' ? 'after-read' : 'before-write');
      if (when === 'before-write') app.domains = applyEdit(app.domains, f.change);
      else if (when === 'after-read')
        later.push(() => {
          app.domains = applyEdit(app.domains, f.change);
        });
      else {
        const stale = [...app.domains];
        later.push(() => {
          app.domains = applyEdit(stale, f.change);
        });
      }
    }

    let result = route(request);
    for (const run of later) run();

    const wrongType = matching.find((e) => e.rule.fault.kind === 'wrong-type');
    if (wrongType !== undefined && wrongType.rule.fault.kind === 'wrong-type' && result.status < 300) {
      faults.consume(wrongType);
      result = {
        ...result,
        body: corruptField(result.body, wrongType.rule.fault.field, wrongType.rule.fault.value),
      };
    }

    return processed ? (replaceAnswer() as SimResponse) : toResponse(result);
  };

  return async (request: SimRequest): Promise<SimResponse> => {
    const entry: { -readonly [K in keyof SimRequestLogEntry]: SimRequestLogEntry[K] } = {
      method: request.method.toUpperCase(),
      path: request.path,
      body: parseLogged(request.body),
      at: now(),
    };
    log.push(entry);
    const normalized: SimRequest = { ...request, method: entry.method };
    let response: SimResponse;
    try {
      response = await respond(normalized);
    } catch (e) {
      // A bug in the simulator or in a user's predicate: answer like the API's own 500.
      response = toResponse(
        apiError(500, `Simulator failure: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    entry.status = response === 'drop' ? 'drop' : response.status;
    return response;
  };
};

export type SimulatorCore = ReturnType<typeof createCore>;
