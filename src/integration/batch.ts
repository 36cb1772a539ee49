/**
 * The queue's worker: converge one batch of queued changes, then (once, for the whole batch)
 * apply AutoSSL from the app as last read, and hand each member its own result.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { AutoSslOutcome } from './autossl.js';
import { trackAborts } from './batch-aborts.js';
import type { NormalizedChange, QueuedChange } from './changes.js';
import { autoSslOn, countRequests, type IntegrationContext } from './context.js';
import { type Converged, convergeBatch } from './converge.js';
import type { BatchRunner } from './queue.js';

/** What the queue hands each member back. */
export interface MemberResult {
  /** This member's change as resolved (a pruning sync shows its removals). */
  readonly change: NormalizedChange;
  readonly converged: Converged;
  readonly batchSize: number;
  readonly ssl: AutoSslOutcome;
  /** Requests of the whole batch. */
  readonly requests: number;
}

const NOT_REQUESTED: AutoSslOutcome = {
  autoSsl: { status: 'not-requested' },
  forceSsl: { status: 'not-requested' },
};

export const createBatchRunner =
  (ctx: IntegrationContext): BatchRunner<QueuedChange, MemberResult> =>
  async (changes, control) => {
    const aborts = trackAborts(control);
    try {
      const { call, onRequest, requests } = countRequests(aborts.signal);
      const { lock, autoSsl } = ctx.options;
      const converged = await convergeBatch(
        {
          client: ctx.client,
          appId: ctx.appId,
          onRequest,
          wait: ctx.wait,
          reconcile: ctx.reconcile,
          twinOf: ctx.twinOf,
          maxWriteAttempts: ctx.maxWriteAttempts,
          convergence: ctx.convergence,
          hooks: ctx.hooks,
          ...(lock === undefined ? {} : { lock }),
        },
        changes,
        aborts,
      )();
      if (E.isLeft(converged)) return changes.map(() => converged);
      const { members, app } = converged.right;
      const wanted = autoSsl !== false && members.some(E.isRight) && !aborts.signal.aborted;
      const ssl = wanted ? await autoSslOn(ctx, call, app)() : NOT_REQUESTED;
      const batch = { converged: converged.right, batchSize: changes.length, ssl, requests: requests() };
      return members.map(E.map((change) => ({ ...batch, change })));
    } finally {
      aborts.dispose();
    }
  };
