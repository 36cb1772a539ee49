export { readNameList } from './input.js';
export {
  classify,
  type DomainKind,
  type DomainName,
  isIpLiteral,
  isWildcard,
  normalizeDomain,
} from './name.js';
export type { DomainPlan, ReconcileError } from './plan.js';
export { type DomainChange, MAX_DOMAINS, type ReconcileOptions, reconcileDomains } from './reconcile.js';
export {
  type ShouldAddWww,
  tryWwwTwin,
  WWW_POLICIES,
  type WwwContext,
  type WwwFilterHooks,
  type WwwOptions,
  type WwwPolicy,
  wwwDecider,
  wwwTwin,
} from './www.js';
