export { readNameList } from './input.js';
export {
  classify,
  type DomainKind,
  type DomainName,
  isIpLiteral,
  isWildcard,
  normalizeDomain,
} from './name.js';
export { type DomainPlan, MAX_DOMAINS, WWW_POLICIES, type WwwPolicy } from './plan.js';
export { type DomainChange, type ReconcileOptions, reconcileDomains } from './reconcile.js';
export { type WwwOptions, wwwTwin, wwwTwinOf } from './www.js';
