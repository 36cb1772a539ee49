// Runs against the packed tarball installed in a scratch project (see .ci/run), under each Node.
const assert = require('node:assert/strict');
const sdk = require('serverpilot-domains');
const testing = require('serverpilot-domains/testing');

const plan = sdk.reconcileDomains(['example.com'], { remove: ['example.com'] });
assert.equal(plan._tag, 'Right');
assert.deepEqual(plan.right.next, []);
assert.equal(sdk.normalizeDomain('Example.COM.').right, 'example.com');
assert.equal(typeof testing, 'object');
console.log(`require ok on ${process.version}`);
