import type { RequestHandler } from 'msw';
import { MAX_DOMAINS } from '../../domains/reconcile.js';
import { realSleep } from '../../internal/sleep.js';
import { createCore } from './core.js';
import { createFaultRegistry, type SimulatorFaults } from './faults.js';
import { listenHttp, type SimulatorServer } from './http-server.js';
import { createMswHandlers } from './msw.js';
import type { SimulatorConfig, SimulatorOptions } from './options.js';
import {
  applySeed,
  createIdSource,
  defaultSeed,
  emptyState,
  idTaken,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
} from './seed.js';
import type {
  SimApp,
  SimRequest,
  SimRequestLogEntry,
  SimResponse,
  SimulatorCredentials,
  SimulatorState,
} from './types.js';

/** A stateful fake of ServerPilot API v1. See docs/testing.md. */
export interface Simulator {
  /**
   * msw request handlers for `options.baseUrl`: `setupServer(...simulator.handlers)`. msw is
   * loaded on first read (the same array every time after), so only code that reads `handlers`
   * needs it installed; without it this throws an `Error` that says `npm i -D msw`.
   */
  readonly handlers: readonly RequestHandler[];
  /** Serves the same state over real HTTP on 127.0.0.1; call as often as you like. */
  listen(): Promise<SimulatorServer>;
  /** Everything the simulator holds, to read and change directly. */
  readonly state: SimulatorState;
  /** Faults on demand: `faults.add({ method, path, times, fault })`. */
  readonly faults: SimulatorFaults;
  /** Every request received, oldest first (credentials never recorded). */
  readonly requests: readonly SimRequestLogEntry[];
  /** Live settings; changes apply from the next request. */
  readonly config: SimulatorConfig;
  /** The base URL the msw handlers answer for. */
  readonly baseUrl: string;
  readonly credentials: SimulatorCredentials;
  /** The transport-independent core both adapters call. */
  handle(request: SimRequest): Promise<SimResponse>;
  /** Shorthand for the app with `id` (the default seed's app when left out); throws if unknown. */
  app(id?: string): SimApp;
  /** The next `count` actions end in `error`. */
  failNextActions(count?: number): void;
  /** Every action still `open` settles now. */
  settleActions(): void;
  /** Empties the request log. */
  clearRequests(): void;
  /** Back to the seed: state, ids, request log, faults and `failNextActions` all reset. */
  reset(): void;
}

/**
 * Creates a ServerPilot API v1 simulator.
 *
 * @example
 * const sim = createServerPilotSimulator({ shuffle: false });
 * const { url, close } = await sim.listen();
 * const client = createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: url });
 */
export const createServerPilotSimulator = (options: SimulatorOptions = {}): Simulator => {
  const now = options.now ?? Date.now;
  const baseUrl = (options.baseUrl ?? 'https://api.serverpilot.io/v1').replace(/\/+$/, '');
  const seed = options.seed ?? defaultSeed();
  const config: SimulatorConfig = {
    credentials: options.credentials ?? SIMULATOR_CREDENTIALS,
    shuffle: options.shuffle ?? true,
    actionOpenMs: options.actionOpenMs ?? 0,
    pointsHere: options.pointsHere ?? (() => true),
    autoSslPlan: options.autoSslPlan ?? true,
    random: options.random ?? Math.random,
    maxDomains: options.maxDomains ?? MAX_DOMAINS,
    failNextActions: 0,
  };
  const state = emptyState();
  const faults = createFaultRegistry();
  const log: SimRequestLogEntry[] = [];
  let nextId = createIdSource(idTaken(state));

  const load = () => {
    for (const map of Object.values(state) as Map<string, unknown>[]) map.clear();
    nextId = createIdSource(idTaken(state));
    applySeed(state, seed, (kind) => nextId(kind), Math.floor(now() / 1000));
  };
  load();

  const handle = createCore({
    state,
    config,
    faults,
    log,
    now,
    sleep: options.sleep ?? realSleep,
    nextId: (kind) => nextId(kind),
  });

  let handlers: readonly RequestHandler[] | undefined;
  return {
    get handlers() {
      handlers ??= createMswHandlers(handle, baseUrl);
      return handlers;
    },
    listen: () => listenHttp(handle),
    state,
    faults,
    requests: log,
    config,
    baseUrl,
    get credentials() {
      return config.credentials;
    },
    handle,
    app(id = seedAppId(seed)) {
      const app = state.apps.get(id);
      if (app === undefined) throw new Error(`The simulator holds no app ${id}.`);
      return app;
    },
    failNextActions(count = 1) {
      config.failNextActions += count;
    },
    settleActions() {
      const t = now();
      for (const action of state.actions.values()) if (action.settlesAt > t) action.settlesAt = t;
    },
    clearRequests() {
      log.length = 0;
    },
    reset() {
      load();
      log.length = 0;
      faults.clear();
      config.failNextActions = 0;
    },
  };
};

const seedAppId = (seed: SimulatorOptions['seed']): string => seed?.apps?.[0]?.id ?? SIMULATOR_IDS.appId;

/** The `Authorization` header value for `credentials`, for tests that call the API with plain fetch. */
export const basicAuth = (credentials: SimulatorCredentials = SIMULATOR_CREDENTIALS): string =>
  `Basic ${Buffer.from(`${credentials.clientId}:${credentials.apiKey}`).toString('base64')}`;
