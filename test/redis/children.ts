/** Start the child processes of `fixtures/child.ts` and talk to them in JSON lines. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ChildConfig } from './fixtures/child.js';

const CHILD = new URL('./fixtures/child.ts', import.meta.url).pathname;

export interface Child {
  readonly process: ChildProcess;
  /** The next JSON line the child prints (rejects if it exits first). */
  next(): Promise<Record<string, unknown>>;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export const startChild = (config: ChildConfig): Child => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, SP_CHILD: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const lines: Record<string, unknown>[] = [];
  const waiting: ((line: Record<string, unknown> | undefined) => void)[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const w of waiting.splice(0)) w(undefined);
      resolve({ code, signal });
    }),
  );
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    const w = waiting.shift();
    if (w === undefined) lines.push(parsed);
    else w(parsed);
  });
  return {
    process: child,
    exited,
    stderr: () => errors,
    next: async () => {
      const ready = lines.shift();
      if (ready !== undefined) return ready;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`child exited before answering: ${errors.trim().split('\n').slice(-5).join(' | ')}`);
      }
      const line = await new Promise<Record<string, unknown> | undefined>((resolve) => waiting.push(resolve));
      if (line === undefined) {
        throw new Error(`child exited before answering: ${errors.trim().split('\n').slice(-5).join(' | ')}`);
      }
      return line;
    },
  };
};

/** Kill a child still running (teardown); by its pid, never by name. */
export const stopChild = async (child: Child | undefined): Promise<void> => {
  if (child === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGKILL');
  await child.exited;
};
