/**
 * Dry-run a change to a domain list, offline: `npx tsx examples/plan.ts example.com shop.example.co.uk`.
 * Prints the list a write would post, and what it adds and removes.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeSdkError, reconcileDomains } from 'serverpilot-domains';

const current = ['example.com', 'www.example.com', 'legacy..entry'];
const add = process.argv.slice(2);

const plan = reconcileDomains(current, { add: add.length > 0 ? add : ['münchen.de', 'shop.example.co.uk'] });
if (E.isLeft(plan)) {
  console.error(describeSdkError(plan.left));
  process.exitCode = 1;
} else {
  console.log('next:   ', plan.right.next.join(', '));
  console.log('added:  ', plan.right.added.join(', ') || '(none)');
  console.log('removed:', plan.right.removed.join(', ') || '(none)');
  console.log('kept verbatim (not understood):', plan.right.unrecognized.join(', ') || '(none)');
}
