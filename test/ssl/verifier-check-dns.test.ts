/** `verifier.checkDns`: one DNS check with the verifier's own resolver, as the lifecycle runs it. */
import { describe, expect, it } from 'vitest';
import { createSslVerifier } from '../../src/ssl/verifier.js';
import { createStubResolver } from '../../src/testing/dns.js';

const HERE = '203.0.113.10';
const resolver = createStubResolver({
  'shop.example.test': { A: [HERE] },
  'moved.example.test': { A: ['198.51.100.7'] },
});

describe('verifier.checkDns', () => {
  it('checks one name with the verifier resolver against the verifier expectedIps', async () => {
    const verifier = createSslVerifier({ resolver, expectedIps: [HERE] });
    expect(await verifier.checkDns('SHOP.example.test.')()).toMatchObject({
      domain: 'shop.example.test',
      status: 'points-here',
      addresses: [HERE],
    });
  });

  it('lets the call override expectedIps', async () => {
    const verifier = createSslVerifier({ resolver, expectedIps: [HERE] });
    const check = await verifier.checkDns('moved.example.test', { expectedIps: ['192.0.2.1'] })();
    expect(check).toMatchObject({ status: 'points-elsewhere', unexpected: ['198.51.100.7'] });
  });

  it.each([
    ['an invalid name', 'https://shop.example.test/'],
    ['a wildcard', '*.example.test'],
    ['an IP literal', '192.0.2.1'],
  ])('answers %s with lookup-error EINVALIDNAME and asks the resolver nothing', async (_, name) => {
    let asked = 0;
    const counting = {
      resolve4: (n: string) => {
        asked++;
        return resolver.resolve4(n);
      },
      resolve6: (n: string) => {
        asked++;
        return resolver.resolve6(n);
      },
      resolveCname: (n: string) => {
        asked++;
        return resolver.resolveCname(n);
      },
    };
    const verifier = createSslVerifier({ resolver: counting });
    expect(await verifier.checkDns(name)()).toMatchObject({ status: 'lookup-error', code: 'EINVALIDNAME' });
    expect(asked).toBe(0);
  });
});
