/**
 * Where the command writes, and how: stdout for results (one JSON document with `--json`),
 * stderr for progress, warnings and errors. Every write passes through one redaction, so a
 * secret cannot reach either stream, whatever printed it. No library code here.
 */

/** Colours for one stream: the identity when colours are off. */
export interface Styles {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const ansi =
  (open: number, close: number) =>
  (s: string): string =>
    `\x1b[${open}m${s}\x1b[${close}m`;

export const styles = (enabled: boolean): Styles =>
  enabled
    ? {
        bold: ansi(1, 22),
        dim: ansi(2, 22),
        red: ansi(31, 39),
        green: ansi(32, 39),
        yellow: ansi(33, 39),
        cyan: ansi(36, 39),
      }
    : { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s, cyan: (s) => s };

/** What the command decided about its output from its flags, the environment and the streams. */
export interface Io {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
  /** stdout is a terminal: tables with padding and colours; otherwise plain lines. */
  readonly tty: boolean;
  /** A spinner may run on stderr (a terminal, not `--quiet`). */
  readonly progress: boolean;
  readonly colorErr: boolean;
  /** Styles for stdout and for stderr. */
  readonly style: Styles;
  readonly errStyle: Styles;
  /** Never print `secret` (the API key): from now on it is `[REDACTED]` in every write. */
  addSecret(secret: string | undefined): void;
  /** Human output on stdout; nothing with `--json` or `--quiet`. */
  out(text: string): void;
  /** stderr. */
  err(text: string): void;
  /** The one JSON document of a `--json` run. */
  printJson(document: unknown): void;
  /** Resolves once both streams have taken everything written. */
  flush(): Promise<void>;
}

export interface IoSettings {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
  /** `--no-color` was passed. */
  readonly noColor: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

const AUTHORIZATION = /(authorization\s*[:=]\s*)(basic|bearer)\s+[^\s,;"']+/gi;

export const createIo = (settings: IoSettings): Io => {
  const secrets = new Set<string>();
  const clean = (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
    return out.replace(AUTHORIZATION, '$1[REDACTED]');
  };
  const terminal = (stream: NodeJS.WriteStream): boolean =>
    stream.isTTY === true && settings.env.TERM !== 'dumb';
  // https://no-color.org: any non-empty NO_COLOR turns colours off.
  const colorsAllowed = !settings.noColor && (settings.env.NO_COLOR ?? '') === '';
  const tty = terminal(settings.stdout);
  const colorOut = colorsAllowed && tty;
  const colorErr = colorsAllowed && terminal(settings.stderr);
  const write = (stream: NodeJS.WriteStream, text: string): void => {
    stream.write(clean(text));
  };
  return {
    json: settings.json,
    quiet: settings.quiet,
    debug: settings.debug,
    tty,
    progress: terminal(settings.stderr) && !settings.quiet,
    colorErr,
    style: styles(colorOut),
    errStyle: styles(colorErr),
    addSecret: (secret) => {
      if (secret === undefined || secret.length < 4) return;
      secrets.add(secret);
      // As it appears inside a JSON string, when it holds characters JSON escapes.
      secrets.add(JSON.stringify(secret).slice(1, -1));
      secrets.add(encodeURIComponent(secret));
    },
    out: (text) => {
      if (!settings.json && !settings.quiet) write(settings.stdout, text.endsWith('\n') ? text : `${text}\n`);
    },
    err: (text) => write(settings.stderr, text.endsWith('\n') ? text : `${text}\n`),
    printJson: (document) => write(settings.stdout, `${JSON.stringify(document, null, 2)}\n`),
    flush: () =>
      Promise.all(
        [settings.stdout, settings.stderr].map(
          (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
        ),
      ).then(() => undefined),
  };
};
