export {
  type Advanced,
  advance,
  type StageMove,
  startRun,
  type TryOutcome,
  type TryPolicy,
} from './advance.js';
export type { DomainLifecycle, TrackOptions } from './domain-lifecycle.js';
export { createDomainLifecycle } from './lifecycle.js';
export { createMemoryScheduler, createMemoryStore, type MemorySchedulerOptions } from './memory.js';
export type { LifecycleOptions } from './options.js';
export type { DnsTry, LifecycleIntegration, LifecycleVerifier } from './tries.js';
export {
  type DomainStatus,
  isFinalStage,
  type LifecycleScheduler,
  type LifecycleStage,
  type LifecycleStore,
  type TrackedDomain,
  type TryHandler,
  type TryTicket,
} from './types.js';
