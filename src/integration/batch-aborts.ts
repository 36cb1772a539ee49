/**
 * What an abort means for a member of a batch in flight: it is answered at once with an
 * `AbortedError` that says how far the batch had got, and drops out of what the batch still does.
 * When every member has aborted, the batch's own signal fires and stops its reads and waits; a
 * write already on the wire is never cut (it may have landed, and a cut answer would hide that).
 */
import * as E from 'fp-ts/lib/Either.js';
import { abortedError } from '../errors/index.js';
import type { BatchControl } from './queue.js';

/** How far the batch has got: nothing sent yet, a write sent, or the change read back as written. */
export type BatchStage = 'unsent' | 'sent' | 'written';

const REASONS: Readonly<Record<BatchStage, string>> = {
  unsent: 'before the change was written; nothing was sent',
  sent: 'after the domain list was sent: the write may have landed; listDomains() shows what the app holds',
  written: 'after the change was written and read back; its action and AutoSSL were not waited for',
};

/** The abort reason of a stage, for callers that stop on the batch signal. */
export const abortedAt = (stage: BatchStage) => abortedError(REASONS[stage]);

export interface BatchAborts {
  /** Fires once every member has aborted (never while a member without a signal waits). */
  readonly signal: AbortSignal;
  /** Indexes of the members still waiting for their result, in order. */
  live(): readonly number[];
  /** Where the batch is now. */
  stage(): BatchStage;
  /** Move the batch on: a member aborting from now on is told this stage. */
  reach(stage: BatchStage): void;
  /** Stop listening to the members' signals. */
  dispose(): void;
}

export const trackAborts = <R>(control: BatchControl<R>): BatchAborts => {
  const all = new AbortController();
  let stage: BatchStage = 'unsent';
  const aborted = new Set<number>();
  const cleanups: (() => void)[] = [];
  const withSignals = control.signals.filter((s) => s !== undefined).length;

  control.signals.forEach((signal, index) => {
    if (signal === undefined) return;
    const onAbort = (): void => {
      aborted.add(index);
      control.settle(index, E.left(abortedAt(stage)));
      if (withSignals === control.signals.length && aborted.size === withSignals) all.abort();
    };
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }
  });

  return {
    signal: all.signal,
    live: () => control.signals.map((_, i) => i).filter((i) => !aborted.has(i)),
    stage: () => stage,
    reach: (next) => {
      stage = next;
    },
    dispose: () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
};
