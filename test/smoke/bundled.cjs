// Bundled with esbuild into one file and run where no node_modules exist (see .ci/run): the
// library's lazily required dependencies (tldts) must be in the bundle.
const assert = require('node:assert/strict');
const { classify, normalizeDomain, wwwTwin } = require('serverpilot-domains');

assert.equal(classify('example.co.uk'), 'apex');
assert.equal(classify('shop.example.co.uk'), 'subdomain');
assert.equal(wwwTwin('example.co.uk')._tag, 'Some');
assert.equal(normalizeDomain('com')._tag, 'Left');
console.log('bundled app ok: the suffix list is in the bundle');
