/**
 * Client overhead without a network: decoding a full app (300 domains, the API's limit) and one
 * whole call (ky, envelope decode, retry bookkeeping) against an in-process `fetch`.
 */
import { bench, describe } from 'vitest';
import { AppCodec } from '../src/client/codecs.js';
import { createServerPilotClient } from '../src/index.js';

const app = {
  id: 'nlcN0TwdZAyNEgdp',
  datecreated: 1403143012,
  name: 'gallery',
  sysuserid: 'RvnwAIfuENyjUVnl',
  serverid: '4zGDDO2xg30yEeum',
  runtime: 'php8.2',
  domains: Array.from({ length: 300 }, (_, i) => `site${i}.example.com`),
  ssl: { key: 'k', cert: 'c', cacerts: null, auto: true, force: true },
  autossl: { available: true, domains: ['site0.example.com'] },
};
const body = JSON.stringify({ data: app });

const client = createServerPilotClient({
  clientId: 'bench',
  apiKey: 'bench-key',
  fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
});

describe('client', () => {
  bench('AppCodec.decode, 300 domains', () => {
    AppCodec.decode(app);
  });

  bench('client.apps.get over an in-process fetch, 300 domains', async () => {
    await client.apps.get('nlcN0TwdZAyNEgdp')();
  });
});
