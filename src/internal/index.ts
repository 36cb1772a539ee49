/** The shared helpers of the layers above `domains/` and `hooks/`: waits, a bounded pool, option rules. */
export { mapPool } from './pool.js';
export { realSleep, type Sleep, sleepUnlessAborted } from './sleep.js';
export * from './validate.js';
