/**
 * The command, past `--version` (see index.ts): the parser, then the chosen command's code, each
 * loaded only when it runs. Runs on load.
 */
const argv = process.argv.slice(2);

const exit = (code: number): void => {
  // Exit once both streams have taken everything written: a pipe to PHP must get the whole document.
  let pending = 2;
  const done = (): void => {
    pending--;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
};

const main = async (): Promise<void> => {
  const debug = argv.includes('--debug');
  try {
    const { run } = await import('./program.js');
    exit(
      await run(argv, {
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: process.stdin,
      }),
    );
  } catch (thrown) {
    // A bug, not a verdict: one sentence, the stack only with --debug. Secrets cannot be in a
    // stack (they are never part of an Error message the library builds), but a key passed on
    // the command line is redacted anyway.
    const key = (() => {
      const i = argv.indexOf('--api-key');
      return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--api-key='))?.slice(10);
    })();
    const secrets = [key, process.env.SERVERPILOT_API_KEY, process.env.WU_SERVER_PILOT_API_KEY].filter(
      (s): s is string => typeof s === 'string' && s.length >= 4,
    );
    const clean = (text: string): string => secrets.reduce((t, s) => t.split(s).join('[REDACTED]'), text);
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    if (argv.includes('--json')) {
      const error = { _tag: 'UnexpectedError', message: clean(message) };
      process.stdout.write(`${JSON.stringify({ ok: false, command: '', exitCode: 1, error }, null, 2)}\n`);
    }
    process.stderr.write(
      clean(
        debug && thrown instanceof Error && thrown.stack !== undefined
          ? `${thrown.stack}\n`
          : `serverpilot-domains: unexpected error: ${message}. Run again with --debug for details.\n`,
      ),
    );
    exit(1);
  }
};

void main();
