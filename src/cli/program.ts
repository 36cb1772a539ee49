/**
 * The command line: commander parses, checks option values, prints help; the work of each
 * command is loaded only when it runs, so `--help` never loads the library (fp-ts, io-ts, ky).
 */
import { Command, CommanderError, Option } from 'commander';
import { COMMAND_HELP, CONFIGURATION, DESCRIPTION, EXAMPLES, EXIT_CODES, NAME, OUTPUT } from './help.js';
import { createIo, type Io } from './io.js';
import { EXIT, type ExitCode, report, usageError } from './outcome.js';
import {
  collect,
  parseConcurrency,
  parseDays,
  parseDuration,
  parsePort,
  parseResolve,
  parseTries,
  parseWww,
} from './parse.js';
import { VERSION } from './version.js';

export type CommandName =
  | 'list'
  | 'add'
  | 'remove'
  | 'sync'
  | 'plan'
  | 'ssl enable'
  | 'verify'
  | 'audit'
  | 'doctor'
  | 'test-connection';

/** Streams and environment, injectable for tests of the parser alone. */
export interface RunEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

const help = (name: string): string => {
  const entry = COMMAND_HELP[name];
  return entry === undefined ? '' : `\nExample:\n  ${entry.example}\n${EXIT_CODES}`;
};

const globalOptions = (program: Command): void => {
  program
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--dry-run', 'plan and show the change; write nothing')
    .option(
      '--app-id <id>',
      'the ServerPilot app (else SERVERPILOT_APP_ID, WU_SERVER_PILOT_APP_ID, --wp-config)',
    )
    .option(
      '--client-id <id>',
      'API Client ID (else SERVERPILOT_CLIENT_ID, WU_SERVER_PILOT_CLIENT_ID, --wp-config)',
    )
    .option(
      '--api-key <key>',
      'API key (else SERVERPILOT_API_KEY, WU_SERVER_PILOT_API_KEY, --wp-config); never printed',
    )
    .option('--base-url <url>', 'API base URL, for a proxy or a simulator (else SERVERPILOT_BASE_URL)')
    .option('--wp-config <path>', 'read the WU_SERVER_PILOT_* define() lines of a WordPress wp-config.php')
    .option('--protect <name>', 'a name never removed (repeatable, or comma-separated)', collect)
    .addOption(
      new Option(
        '--www <policy>',
        'which added names get a www. twin: apex, always or never (main_only = apex)',
      ).argParser(parseWww),
    )
    .option(
      '--resolve <name:address>',
      'send <name> to <address> for DNS and TLS checks, like curl (repeatable; "*" for every name)',
      parseResolve,
    )
    .option('--ca <file>', 'trust the PEM certificates in <file> instead of the system store')
    .option('--port <n>', 'TLS port for certificate checks (default 443)', parsePort)
    .option('--timeout <duration>', 'limit for one TLS check, such as 10s (default 10s)', parseDuration)
    .option('--tries <n>', 'verify: tries per stage, the ssl.maxTries filter (default 5)', parseTries)
    .option(
      '--delay <duration>',
      'verify: wait between tries, such as 30s or 5m; the ssl.retryDelayMs filter (default 5m)',
      parseDuration,
    )
    .option('--warn-days <n>', 'audit: warning under this many days left (default 20)', parseDays)
    .option('--crit-days <n>', 'audit: critical under this many days left (default 15)', parseDays)
    .option(
      '--concurrency <n>',
      'audit and verify: domains checked at once (default 16 and 8)',
      parseConcurrency,
    )
    .option('--quiet', 'print nothing but errors (and the JSON document with --json)')
    .option('--no-color', 'no colours (also with NO_COLOR set, or when not on a terminal)')
    .option('--debug', 'on errors, print details and stack traces (secrets stay redacted)');
};

/** The parsed options of every command, merged with the global ones. */
export type ParsedOptions = Readonly<Record<string, unknown>>;

type Dispatch = (name: CommandName, positional: readonly unknown[], options: ParsedOptions) => Promise<void>;

export const buildProgram = (dispatch: Dispatch): Command => {
  const program = new Command(NAME)
    .usage('<command> [options]')
    .description(DESCRIPTION)
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for the command')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText('after', `${CONFIGURATION}\n${OUTPUT}\n${EXIT_CODES}\n${EXAMPLES}`);
  globalOptions(program);

  const action =
    (name: CommandName) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      await dispatch(name, command.processedArgs, command.optsWithGlobals());
    };
  const define = (parent: Command, spec: string, name: CommandName, helpKey: string = name): Command =>
    parent
      .command(spec)
      .description(COMMAND_HELP[helpKey]?.summary ?? '')
      .addHelpText('after', help(helpKey))
      .action(action(name));

  define(program, 'list', 'list');
  define(program, 'add <domain...>', 'add').option(
    '--verify',
    'then verify each added name serves a valid certificate',
  );
  define(program, 'remove <domain...>', 'remove');
  define(program, 'sync <file>', 'sync').option(
    '--prune',
    'also remove names not in the list (never --protect ones)',
  );
  define(program, 'plan', 'plan')
    .option('--add <domain...>', 'names the change would add')
    .option('--remove <domain...>', 'names the change would remove');
  const ssl = program
    .command('ssl')
    .description(COMMAND_HELP.ssl?.summary ?? '')
    .addHelpText('after', help('ssl enable'));
  define(ssl, 'enable', 'ssl enable').option('--force', 'also turn ForceSSL on (redirect HTTP to HTTPS)');
  define(program, 'verify <domain...>', 'verify');
  define(program, 'audit', 'audit');
  define(program, 'doctor [domain]', 'doctor');
  define(program, 'test-connection', 'test-connection');
  return program;
};

/** `--api-key X` or `--api-key=X` on the command line, found before parsing so no error can echo it. */
const flagValues = (argv: readonly string[], flag: string): string[] => {
  const found: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === flag && argv[i + 1] !== undefined) found.push(argv[i + 1] as string);
    else if (arg.startsWith(`${flag}=`)) found.push(arg.slice(flag.length + 1));
  });
  return found;
};

/** Commander's message as one sentence that says what to pass, echoing no `--option=value`. */
const usageSentence = (error: CommanderError, argv: readonly string[]): string => {
  const message = error.message
    .replace(/^error:\s*/i, '')
    .replace(/ is invalid\. /, ' is invalid: ')
    .replace(/'(--?[A-Za-z0-9-]+)=[^']*'/g, "'$1=…'")
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/\.$/, '');
  const command = argv.find((a) => Object.hasOwn(COMMAND_HELP, a));
  return `${message}. Run \`${NAME} ${command === undefined ? '' : `${command} `}--help\` for what to pass.`;
};

/** Parse `argv` (without node and the script), run the command, and return its exit code. */
export const run = async (argv: readonly string[], environment: RunEnvironment): Promise<ExitCode> => {
  const io: Io = createIo({
    json: argv.includes('--json'),
    quiet: argv.includes('--quiet'),
    debug: argv.includes('--debug'),
    noColor: argv.includes('--no-color'),
    env: environment.env,
    stdout: environment.stdout,
    stderr: environment.stderr,
  });
  for (const key of flagValues(argv, '--api-key')) io.addSecret(key);
  io.addSecret(environment.env.SERVERPILOT_API_KEY);
  io.addSecret(environment.env.WU_SERVER_PILOT_API_KEY);

  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram(async (name, positional, options) => {
    const { execute } = await import('./execute.js');
    exitCode = await execute(name, positional, options, io, environment);
  });
  const writeOut = (s: string): void => {
    environment.stdout.write(s);
  };
  const writeErr = (s: string): void => {
    environment.stderr.write(s);
  };
  program.exitOverride().configureOutput({ writeOut, writeErr, outputError: () => undefined });
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeOut, writeErr, outputError: () => undefined });
    for (const leaf of sub.commands)
      leaf.exitOverride().configureOutput({ writeOut, writeErr, outputError: () => undefined });
  }

  if (argv.length === 0) {
    return report(
      io,
      '',
      usageError(`pass a command, such as \`${NAME} list\`. Run \`${NAME} --help\` for all of them.`),
    );
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (thrown) {
    if (!(thrown instanceof CommanderError)) throw thrown;
    if (thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version') return EXIT.ok;
    const command = argv.find((a) => Object.hasOwn(COMMAND_HELP, a)) ?? '';
    // A command that needs a subcommand (`ssl`) printed its help on stderr: say which to pass.
    const message =
      thrown.code === 'commander.help'
        ? `\`${NAME} ${command}\` needs a subcommand, such as \`${NAME} ssl enable\`.`
        : usageSentence(thrown, argv);
    return report(io, command, usageError(message));
  }
  return exitCode;
};
