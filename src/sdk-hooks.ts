/**
 * The SDK's own hook tables (DESIGN's filters and actions), assembled from the layers that fire
 * them, and `createHooks()`, the registry over them. `hooks/` itself knows no hook name.
 */
import type { DomainPlan } from './domains/plan.js';
import type { WwwContext } from './domains/www.js';
import {
  type ActionTable,
  createHookRegistry,
  type FilterTable,
  type HookRegistry,
} from './hooks/registry.js';
import type { SslActionMap, SslFilterMap } from './ssl/hooks.js';

export type { CertificateSummary, ProbeStatus, SslProbe, SslRetryStage, SslStage } from './ssl/status.js';

/** Every filter: the value it filters and the context it is given. */
export interface FilterMap extends SslFilterMap {
  'domains.shouldAddWww': { value: boolean; context: WwwContext };
  'domains.beforeUpdate': {
    value: readonly string[];
    context: { readonly appId: string; readonly current: readonly string[]; readonly plan: DomainPlan };
  };
}

/** Every action: the context its callbacks receive. */
export interface ActionMap extends SslActionMap {
  'app.domainsUpdated': { readonly appId: string; readonly plan: DomainPlan; readonly actionId?: string };
}

/** The SDK's filter names: `ssl.maxTries`, `ssl.retryDelayMs`, `domains.shouldAddWww`, `domains.beforeUpdate`. */
export type FilterName = keyof FilterMap;
/** The SDK's action names: `domain.stage`, `app.domainsUpdated`. */
export type ActionName = keyof ActionMap;
/** The value filter `N` passes along and returns. */
export type FilterValue<N extends FilterName> = FilterMap[N]['value'];
/** What filter `N` is told besides its value. */
export type FilterContext<N extends FilterName> = FilterMap[N]['context'];
/** A callback for filter `N`: takes the value and context, returns the value to use. */
export type FilterCallback<N extends FilterName> = (
  value: FilterValue<N>,
  context: FilterContext<N>,
) => FilterValue<N>;
/** A callback for action `N`: takes the event, returns nothing. */
export type ActionCallback<N extends ActionName> = (context: ActionMap[N]) => void;

/** The SDK's registry: every filter and action of DESIGN, typed. One per integration, never global. */
export type Hooks = HookRegistry<FilterMap, ActionMap>;

/**
 * A new, empty registry. Each integration owns one; there is no global registry. With type
 * arguments it is a registry over your own hook tables instead.
 *
 * @example
 * const hooks = createHooks();
 * hooks.addFilter('ssl.retryDelayMs', 'my-panel', () => 60_000);
 * const sp = createServerPilotIntegration({ hooks, ...config });
 */
export function createHooks(): Hooks;
export function createHooks<F extends FilterTable<F>, A extends ActionTable<A>>(): HookRegistry<F, A>;
export function createHooks(): Hooks {
  return createHookRegistry<FilterMap, ActionMap>();
}
