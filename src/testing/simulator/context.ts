import type { SimulatorConfig } from './options.js';
import type { ApiResult } from './result.js';
import type { IdKind } from './seed.js';
import type { SimulatorState } from './types.js';
import type { Body } from './validate.js';

/** What a route handler gets. */
export interface RouteContext {
  readonly state: SimulatorState;
  readonly config: SimulatorConfig;
  /** Path parameters, e.g. `{ id }` for `/apps/:id`. */
  readonly params: Readonly<Record<string, string>>;
  readonly body: Body;
  /** Seconds since the epoch on the simulator clock (the API's `datecreated` unit). */
  readonly nowSeconds: number;
  /** Milliseconds on the simulator clock. */
  readonly nowMs: number;
  readonly nextId: (kind: IdKind) => string;
  /** Records an action on `serverid` and returns its id (for the response's `actionid`). */
  readonly newAction: (serverid: string) => string;
}

export type RouteHandler = (ctx: RouteContext) => ApiResult;

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Like `/apps/:id/ssl`. */
  readonly pattern: string;
  readonly handler: RouteHandler;
}
