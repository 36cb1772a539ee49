// Runs against the packed tarball installed in a scratch project (see .ci/run), under each Node.
import assert from 'node:assert/strict';
import { createHooks, normalizeDomain, reconcileDomains, unwrap, wwwTwin } from 'serverpilot-domains';
import * as testing from 'serverpilot-domains/testing';

const plan = reconcileDomains(['example.com'], { add: ['münchen.de'] });
assert.equal(plan._tag, 'Right');
assert.deepEqual(plan.right.next, ['example.com', 'xn--mnchen-3ya.de', 'www.xn--mnchen-3ya.de']);
assert.equal(normalizeDomain('https://x.example.com/')._tag, 'Left');
assert.equal(wwwTwin('example.co.uk')._tag, 'Some');
assert.equal(typeof createHooks().addFilter, 'function');
assert.equal(typeof unwrap, 'function');
assert.equal(typeof testing, 'object');
console.log(`import ok on ${process.version}`);
