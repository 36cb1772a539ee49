/**
 * Runs one command: builds its context (exit 2 on any problem, before any request), loads the
 * command's own code, and prints what it produced. Ctrl+C aborts the work in flight.
 */
import * as E from 'fp-ts/lib/Either.js';
import { buildContext, type CliOptions, type Context } from './context.js';
import type { Io } from './io.js';
import { type ExitCode, type Outcome, report, usageError } from './outcome.js';
import type { CommandName, ParsedOptions, RunEnvironment } from './program.js';

type CommandModule = { readonly run: (ctx: Context, positional: readonly unknown[]) => Promise<Outcome> };

const COMMANDS: { readonly [N in CommandName]: () => Promise<CommandModule> } = {
  list: () => import('./commands/list.js'),
  add: () => import('./commands/add.js'),
  remove: () => import('./commands/remove.js'),
  sync: () => import('./commands/sync.js'),
  plan: () => import('./commands/plan.js'),
  'ssl enable': () => import('./commands/ssl-enable.js'),
  verify: () => import('./commands/verify.js'),
  audit: () => import('./commands/audit.js'),
  doctor: () => import('./commands/doctor.js'),
  'test-connection': () => import('./commands/test-connection.js'),
};

export const execute = async (
  name: CommandName,
  positional: readonly unknown[],
  options: ParsedOptions,
  io: Io,
  environment: RunEnvironment,
): Promise<ExitCode> => {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const ctx = await buildContext(
      name,
      options as CliOptions,
      io,
      environment.env,
      environment.stdin,
      controller.signal,
    );
    if (E.isLeft(ctx)) return report(io, name, usageError(ctx.left));
    const command = await COMMANDS[name]();
    return report(io, name, await command.run(ctx.right, positional));
  } finally {
    process.off('SIGINT', onInterrupt);
  }
};
