/** Run the built command as a real child process, and the world it talks to. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIMULATOR_CREDENTIALS } from '../../src/testing/index.js';
import { CASES, startWorld, type World } from '../audit/fixtures.js';
import { ensureCliBuilt } from './build.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Variables on top of a clean environment (PATH and HOME only). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed. */
  readonly input?: string;
}

let entry: Promise<string> | undefined;
/** The built entry (`dist/cli/index.cjs` of a package-like folder), built once per source change. */
export const cliEntry = (): Promise<string> => {
  entry ??= ensureCliBuilt();
  return entry;
};

export const runCli = async (args: readonly string[], options: RunOptions = {}): Promise<CliResult> => {
  const script = await cliEntry();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    // A hung command must not outlive its test: kill it well after any test's own timeout.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
};

/** The one JSON document of a `--json` run; fails the test if stdout holds anything else. */
export const jsonOf = (
  result: CliResult,
): Record<string, unknown> & { ok: boolean; command: string; exitCode: number } => JSON.parse(result.stdout);

/** A world (simulator over HTTP, loopback TLS) plus the flags and environment that reach it. */
export interface CliWorld extends World {
  /** `--base-url` and `--app-id`. */
  readonly api: World['api'];
  readonly flags: readonly string[];
  /** `--resolve`, `--ca` and `--port` for the TLS checks. */
  readonly tlsFlags: readonly string[];
  /** The simulator's credentials, as SERVERPILOT_* variables. */
  readonly env: Readonly<Record<string, string>>;
  readonly dir: string;
}

export const startCliWorld = async (
  options: { readonly domains?: readonly string[]; readonly autoSsl?: boolean } = {},
): Promise<CliWorld> => {
  const world = await startWorld(options);
  const dir = mkdtempSync(join(tmpdir(), 'sp-cli-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, world.ca.cert);
  return {
    ...world,
    dir,
    flags: ['--base-url', world.api.url, '--app-id', world.appId],
    tlsFlags: [
      '--resolve',
      `${CASES.down}:127.0.0.2`,
      '--resolve',
      '*:127.0.0.1',
      '--ca',
      caFile,
      '--port',
      String(world.tls.port),
      '--timeout',
      '5s',
    ],
    env: {
      SERVERPILOT_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
      SERVERPILOT_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
    },
    close: async () => {
      await world.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** API requests the simulator has received that change something. */
export const writesOf = (world: World) => world.sim.requests.filter((r) => r.method !== 'GET');
