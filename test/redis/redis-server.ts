/**
 * A real `redis-server` for one test file: on 127.0.0.1 at a free port, persistence off, stopped by
 * its pid. Where it is not installed the test fails with one line saying how to install it: the
 * Redis tests are never skipped silently.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../src/testing/index.js';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

const startOnce = async (port: number, dir: string): Promise<RedisServer | 'port-taken'> => {
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${REDIS_SERVER}`);
  let output = '';
  const ready = await new Promise<boolean>((resolve) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(true);
      if (/Address already in use|Could not create server TCP/.test(output)) resolve(false);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => resolve(false));
  });
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
  if (!ready) {
    child.kill('SIGKILL');
    await exited(child);
    if (/Address already in use/.test(output)) return 'port-taken';
    throw new Error(`redis-server did not start: ${output.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return {
    host: '127.0.0.1',
    port,
    pid,
    stop: async () => {
      const gone = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
};

/** Start a private redis-server; the caller must `stop()` it (in `afterAll`). */
export const startRedisServer = async (): Promise<RedisServer> => {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} not found: install it with \`sudo apt-get install -y redis-server\` (or \`npm run setup\` as root), then run the tests again`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'sp-redis-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const started = await startOnce(await freeLoopbackPort(), dir);
    if (started !== 'port-taken') {
      return {
        ...started,
        stop: async () => {
          await started.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  }
  throw new Error('redis-server: no free port on 127.0.0.1 after 5 tries');
};
