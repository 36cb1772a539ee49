/**
 * The hooks the SSL verifier uses, and the registry type it takes: any registry whose tables hold
 * these, such as the SDK's `createHooks()`, fits.
 */
import type { HookRegistry } from '../hooks/registry.js';
import type { SslProbe, SslRetryStage, SslStage } from './status.js';

/** The filters the verifier applies: its try budget and its wait, per stage. */
export interface SslFilterMap {
  'ssl.maxTries': { value: number; context: { readonly domain: string; readonly stage: SslRetryStage } };
  'ssl.retryDelayMs': {
    value: number;
    context: { readonly domain: string; readonly stage: SslRetryStage; readonly attempt: number };
  };
}

/**
 * Fired on every change of SSL verification stage. `from` is `null` on the first change;
 * `attempt` is the try, in the stage being left, at which the change happened (0 when starting);
 * `probe` is the last probe when leaving `checking-ssl-cert`.
 */
export interface DomainStageEvent {
  readonly domain: string;
  readonly from: SslStage | null;
  readonly to: SslStage;
  readonly attempt: number;
  readonly probe?: SslProbe;
}

/** The actions the verifier fires. */
export interface SslActionMap {
  'domain.stage': DomainStageEvent;
}

/** A registry holding at least the verifier's hooks. */
export type SslHooks = HookRegistry<SslFilterMap, SslActionMap>;
