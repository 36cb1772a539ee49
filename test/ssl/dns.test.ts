import { promises as dnsPromises } from 'node:dns';
import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDns, type DnsCheck, type DnsResolver } from '../../src/ssl/dns.js';
import { explainDns } from '../../src/ssl/explain.js';
import { createStubResolver, type StubDnsRecord } from '../../src/testing/dns.js';

const HERE = '203.0.113.10';
const HERE6 = '2001:db8::10';

const RECORDS: Readonly<Record<string, StubDnsRecord>> = {
  'here.example.test': { A: [HERE] },
  'dual.example.test': { A: [HERE], AAAA: ['2001:DB8:0:0:0:0:0:10'] },
  'v6-elsewhere.example.test': { A: [HERE], AAAA: ['2001:db8::99'] },
  'elsewhere.example.test': { A: ['198.51.100.7'] },
  'cdn.example.test': { CNAME: 'edge.cdn.test' },
  'edge.cdn.test': { A: ['198.51.100.8', '198.51.100.9'] },
  'empty.example.test': {},
  'broken.example.test': { error: 'ESERVFAIL' },
};

const check = (resolver: DnsResolver, domain: string, expectedIps: readonly string[] = [HERE, HERE6]) =>
  checkDns(domain, { resolver, expectedIps, now: Date.now });

/** The same expectations, against a stub and against a real DNS server on 127.0.0.1. */
const outcomes = (resolver: () => DnsResolver) => {
  it('says a name whose every address is expected points here', async () => {
    expect(await check(resolver(), 'here.example.test')).toMatchObject({
      status: 'points-here',
      addresses: [HERE],
      unexpected: [],
    });
  });

  it('compares IPv6 addresses in canonical form', async () => {
    const result = await check(resolver(), 'dual.example.test');
    expect(result.status).toBe('points-here');
    expect(result.addresses).toHaveLength(2);
  });

  it('says a name with an AAAA record elsewhere points elsewhere, since clients prefer IPv6', async () => {
    expect(await check(resolver(), 'v6-elsewhere.example.test')).toMatchObject({
      status: 'points-elsewhere',
      unexpected: ['2001:db8::99'],
    });
  });

  it('says a name at another address points elsewhere, with the addresses found', async () => {
    const result = await check(resolver(), 'elsewhere.example.test');
    expect(result).toMatchObject({ status: 'points-elsewhere', addresses: ['198.51.100.7'] });
    expect(explainDns(result)).toContain('198.51.100.7');
  });

  it('reports the alias of a name behind a CDN', async () => {
    const result = await check(resolver(), 'cdn.example.test');
    expect(result).toMatchObject({
      status: 'points-elsewhere',
      cname: 'edge.cdn.test',
      unexpected: ['198.51.100.8', '198.51.100.9'],
    });
    expect(explainDns(result)).toContain('proxy or CDN');
  });

  it('says a name that exists without addresses has no records', async () => {
    expect(await check(resolver(), 'empty.example.test')).toMatchObject({
      status: 'no-records',
      addresses: [],
      code: 'ENODATA',
    });
  });

  it('says a name that does not exist is NXDOMAIN', async () => {
    expect(await check(resolver(), 'missing.example.test')).toMatchObject({
      status: 'nxdomain',
      code: 'ENOTFOUND',
    });
  });

  it('says a failing resolver is a lookup error, not a verdict on the name', async () => {
    expect(await check(resolver(), 'broken.example.test')).toMatchObject({
      status: 'lookup-error',
      code: 'ESERVFAIL',
    });
  });

  it('says a name resolves, without judging it, when no addresses are expected', async () => {
    expect(await check(resolver(), 'elsewhere.example.test', [])).toMatchObject({ status: 'resolves' });
  });
};

describe('DNS check with a stub resolver', () => {
  outcomes(() => createStubResolver(RECORDS));

  it.each([
    ['AAAA', 'ESERVFAIL'],
    ['AAAA', 'ETIMEOUT'],
    ['A', 'EREFUSED'],
  ] as const)(
    'says a lookup error, not points-here, when the %s query fails with %s and the other answers here',
    async (type, code) => {
      const resolver = createStubResolver({
        'half.example.test': { A: [HERE], AAAA: [HERE6], errors: { [type]: code } },
      });
      expect(await check(resolver, 'half.example.test')).toMatchObject({ status: 'lookup-error', code });
    },
  );

  it('still says points-elsewhere when an address elsewhere was seen and the other family failed', async () => {
    const resolver = createStubResolver({
      'half.example.test': { A: ['198.51.100.7'], errors: { AAAA: 'ESERVFAIL' } },
    });
    expect(await check(resolver, 'half.example.test')).toMatchObject({ status: 'points-elsewhere' });
  });

  it('still says points-here when the other family merely has no records', async () => {
    const resolver = createStubResolver({
      'v4only.example.test': { A: [HERE], errors: { AAAA: 'ENODATA' } },
    });
    expect(await check(resolver, 'v4only.example.test')).toMatchObject({ status: 'points-here' });
  });

  it('ends with ABORT_ERR when aborted while the resolver hangs', async () => {
    const hanging: DnsResolver = {
      resolve4: () => new Promise(() => undefined),
      resolve6: () => new Promise(() => undefined),
      resolveCname: () => new Promise(() => undefined),
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const result: DnsCheck = await checkDns('here.example.test', {
      resolver: hanging,
      expectedIps: [HERE],
      now: Date.now,
      signal: controller.signal,
    });
    expect(result).toMatchObject({ status: 'lookup-error', code: 'ABORT_ERR' });
  });
});

/** An authoritative-style DNS server on 127.0.0.1 answering from the same record map. */
const startDnsServer = async (records: Readonly<Record<string, StubDnsRecord>>) => {
  const { Packet } = dns2;
  const server = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    // dns2's Resource type demands its encoder method; plain records are what it accepts at run time.
    const answer = (record: object): void => {
      response.answers.push(record as (typeof response.answers)[number]);
    };
    const question = request.questions[0];
    if (question === undefined) return void send(response);
    const name = question.name.toLowerCase();
    const record = records[name];
    if (record === undefined) {
      response.header.rcode = 3; // NXDOMAIN
    } else if (record.error !== undefined) {
      response.header.rcode = 2; // SERVFAIL
    } else if (record.CNAME !== undefined) {
      answer({ name, type: Packet.TYPE.CNAME, class: Packet.CLASS.IN, ttl: 60, domain: record.CNAME });
      const target = records[record.CNAME];
      const type = question.type === Packet.TYPE.AAAA ? 'AAAA' : 'A';
      if (question.type !== Packet.TYPE.CNAME) {
        for (const address of target?.[type] ?? []) {
          answer({ name: record.CNAME, type: question.type, class: Packet.CLASS.IN, ttl: 60, address });
        }
      }
    } else {
      const found =
        question.type === Packet.TYPE.A ? record.A : question.type === Packet.TYPE.AAAA ? record.AAAA : [];
      for (const address of found ?? []) {
        answer({ name, type: question.type, class: Packet.CLASS.IN, ttl: 60, address });
      }
    }
    void send(response);
  });
  await server.listen(0, '127.0.0.1');
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
};

describe('DNS check against a real DNS server on 127.0.0.1', () => {
  let dnsServer: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    dnsServer = await startDnsServer(RECORDS);
  });
  afterAll(() => dnsServer.close());

  outcomes(() => {
    const resolver = new dnsPromises.Resolver({ timeout: 1_000, tries: 1 });
    resolver.setServers([`127.0.0.1:${dnsServer.port}`]);
    return resolver;
  });
});
