export {
  type Advanced,
  advance,
  type StageMove,
  startRun,
  type TryOutcome,
  type TryPolicy,
} from './advance.js';
export {
  createDomainLifecycle,
  type DomainLifecycle,
  type LifecycleOptions,
  type TrackOptions,
} from './lifecycle.js';
export { createMemoryScheduler, createMemoryStore, type MemorySchedulerOptions } from './memory.js';
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
