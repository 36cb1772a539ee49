/**
 * A spinner on stderr for long work (verify, audit), only on a terminal and never with
 * `--quiet`. ora is loaded only when a spinner will actually show.
 */
import type { Io } from './io.js';

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const none: Progress = { update: () => undefined, stop: () => undefined };

export const startProgress = async (io: Io, text: string): Promise<Progress> => {
  // A terminal that reports no width (a pseudo-terminal nobody sized) would make ora's line
  // arithmetic divide by zero: no spinner there.
  if (!io.progress || !((process.stderr.columns ?? 0) > 0)) return none;
  // require, not import(): ora is an ES module, which Node 20.19+ and 22.12+ load through require;
  // and Node 20 loses an import() callback in code read from a code cache (compile-cache.ts).
  const { default: ora } = require('ora') as typeof import('ora');
  const spinner = ora({
    text,
    stream: process.stderr,
    isEnabled: true,
    // stdin may be the list `sync -` reads, and raw mode would swallow Ctrl+C.
    discardStdin: false,
    color: io.colorErr ? 'cyan' : false,
  }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => {
      if (spinner.isSpinning) spinner.stop();
    },
  };
};
