/**
 * A clock and timers for the memory scheduler that move only when the test says so: each
 * `fireNext()` waits for a timer to be set (an event, not a sleep), jumps the clock to it and runs it.
 */
export interface VirtualTime {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Timers set and not yet fired or cleared. */
  pending(): number;
  /** Every delay asked for, in order. */
  readonly delays: number[];
  /** Resolves once a timer is pending (at once if one is). */
  untilPending(): Promise<void>;
  /** Wait for a timer, jump to its due time, run it; resolves the time it ran at. */
  fireNext(): Promise<number>;
}

export const virtualTime = (start = Date.UTC(2030, 0, 1)): VirtualTime => {
  let now = start;
  let ids = 0;
  const timers: { id: number; at: number; run: () => void }[] = [];
  const delays: number[] = [];
  let waiting: (() => void)[] = [];
  const untilPending = async (): Promise<void> => {
    while (timers.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  return {
    now: () => now,
    delays,
    setTimer: (run, ms) => {
      const timer = { id: ++ids, at: now + ms, run };
      timers.push(timer);
      delays.push(ms);
      const wake = waiting;
      waiting = [];
      for (const resolve of wake) resolve();
      return timer.id;
    },
    clearTimer: (handle) => {
      const index = timers.findIndex((t) => t.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    pending: () => timers.length,
    untilPending,
    fireNext: async () => {
      await untilPending();
      timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const timer = timers.shift() as { at: number; run: () => void };
      now = Math.max(now, timer.at);
      timer.run();
      return timer.at;
    },
  };
};
