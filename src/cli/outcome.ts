/** Exit codes, as DESIGN.md fixes them, and what a command hands back to be printed. */
import type { Io } from './io.js';

export const EXIT = {
  /** Done and healthy. */
  ok: 0,
  /** The operation failed (API error, network, timeout, abort). */
  failed: 1,
  /** Usage or configuration error: nothing was sent. */
  usage: 2,
  /** Done, but problems found (audit or doctor not healthy, a verification not done...). */
  problems: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure as printed: JSON-safe, secret-free. */
export interface CliError {
  readonly _tag: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/** What a command produced: its exit code, its JSON payload, and how to show it to a person. */
export interface Outcome {
  readonly exitCode: ExitCode;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly render: (io: Io) => void;
}

export const failure = (exitCode: ExitCode, error: CliError, hint?: string): Outcome => ({
  exitCode,
  payload: { error },
  render: (io) => {
    io.err(`${io.errStyle.red('Error:')} ${error.message}${hint === undefined ? '' : `\n${hint}`}`);
  },
});

export const usageError = (message: string): Outcome => failure(EXIT.usage, { _tag: 'UsageError', message });

/** Print an outcome: the one JSON document, or the human rendering. */
export const report = (io: Io, command: string, outcome: Outcome): ExitCode => {
  if (io.json) {
    io.printJson({
      ok: outcome.exitCode === EXIT.ok,
      command,
      exitCode: outcome.exitCode,
      ...outcome.payload,
    });
    // Scripts read stdout; a person watching stderr still deserves the sentence.
    const error = outcome.payload.error as CliError | undefined;
    if (error !== undefined) io.err(`Error: ${error.message}`);
  } else {
    outcome.render(io);
  }
  return outcome.exitCode;
};
