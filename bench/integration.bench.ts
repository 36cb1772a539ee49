import { bench, describe } from 'vitest';
import type { DomainName } from '../src/domains/name.js';
import { mergeChanges, planBatch, type QueuedChange, twinResolver } from '../src/integration/changes.js';

const current = Array.from({ length: 200 }, (_, i) => `existing${i}.com`);
const batch: QueuedChange[] = Array.from({ length: 50 }, (_, i) => ({
  kind: 'change',
  add: [`customer${i}.com` as DomainName],
  remove: i % 5 === 0 ? [`existing${i}.com` as DomainName] : [],
}));
const twinOf = twinResolver({ www: 'apex' });

describe('integration planning', () => {
  bench('mergeChanges: 50 queued changes', () => {
    mergeChanges(
      batch.map((c) => (c.kind === 'change' ? c : { add: [], remove: [] })),
      twinOf,
    );
  });
  bench('planBatch: 50 queued changes against 200 names', () => {
    planBatch(current, batch, { www: 'apex', maxDomains: 300 });
  });
});
