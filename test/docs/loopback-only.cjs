/**
 * Loaded with `--require` before a docs snippet runs: the snippet reaches 127.0.0.1 and nothing else.
 *
 * - HTTP to ServerPilot's real base URL (a snippet that leaves `baseUrl` at its default) goes to the
 *   simulator named by SERVERPILOT_BASE_URL instead; any other host that is not loopback is refused.
 * - DNS queries are refused for every name but `localhost`: a snippet that would look up a real
 *   domain is a mistake in the list of snippets that run, and fails loudly here.
 */
'use strict';
const dns = require('node:dns');

const DEFAULT_BASE = 'https://api.serverpilot.io/v1';
const simulator = process.env.SERVERPILOT_BASE_URL;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const refused = (what) =>
  Object.assign(new Error(`a docs snippet tried to reach ${what}; snippets run against 127.0.0.1 only`), {
    code: 'ENOTFOUND',
  });

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  let url = request.url;
  if (simulator !== undefined && url.startsWith(DEFAULT_BASE))
    url = simulator + url.slice(DEFAULT_BASE.length);
  const { hostname } = new URL(url);
  if (!LOOPBACK.has(hostname)) throw new TypeError('fetch failed', { cause: refused(hostname) });
  if (url === request.url) return realFetch(request);
  const body = request.body === null ? undefined : await request.arrayBuffer();
  return realFetch(url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
  });
};

const realLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  if (LOOPBACK.has(hostname)) return realLookup(hostname, options, callback);
  process.nextTick(() => done(refused(hostname)));
  return {};
};
const realPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async (hostname, options) => {
  if (LOOPBACK.has(hostname)) return realPromisesLookup(hostname, options);
  throw refused(hostname);
};
for (const resolver of [dns.Resolver.prototype, dns.promises.Resolver.prototype, dns, dns.promises]) {
  for (const name of Object.keys(resolver).concat(Object.getOwnPropertyNames(resolver))) {
    if (!/^resolve/.test(name) || typeof resolver[name] !== 'function') continue;
    const promised = resolver === dns.promises || resolver === dns.promises.Resolver.prototype;
    resolver[name] = function refuse(hostname, ...rest) {
      if (promised) return Promise.reject(refused(hostname));
      const done = rest[rest.length - 1];
      process.nextTick(() => done(refused(hostname)));
      return undefined;
    };
  }
}
