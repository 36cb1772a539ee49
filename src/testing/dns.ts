import type { DnsResolver } from '../ssl/dns.js';

/** The records of one name in a {@link createStubResolver} map. */
export interface StubDnsRecord {
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  /** A CNAME target; A and AAAA queries follow it, as a recursive resolver would. */
  readonly CNAME?: string;
  /** Fail every query for this name with this code, such as `ESERVFAIL` or `ETIMEOUT`. */
  readonly error?: string;
  /** Fail only queries of these types, such as `{ AAAA: 'ESERVFAIL' }`; the others answer as usual. */
  readonly errors?: Readonly<Partial<Record<'A' | 'AAAA' | 'CNAME', string>>>;
}

/** A resolver built from a record map, plus the queries it was asked. */
export interface StubResolver extends DnsResolver {
  readonly queries: readonly { readonly type: 'A' | 'AAAA' | 'CNAME'; readonly name: string }[];
}

const dnsError = (code: string, syscall: string, hostname: string): Error =>
  Object.assign(new Error(`${syscall} ${code} ${hostname}`), { code, syscall, hostname });

const SYSCALL = { A: 'queryA', AAAA: 'queryAaaa', CNAME: 'queryCname' } as const;

/**
 * A DNS resolver `{ resolve4, resolve6, resolveCname }` answering from a record map, with the error
 * codes Node's resolver uses: a name absent from the map is `ENOTFOUND` (NXDOMAIN), a name without
 * records of the asked type is `ENODATA`.
 *
 * @example
 * const resolver = createStubResolver({
 *   'shop.example.test': { A: ['203.0.113.10'] },
 *   'cdn.example.test': { CNAME: 'edge.cdn.test' },
 *   'edge.cdn.test': { A: ['198.51.100.7'] },
 * });
 * createSslVerifier({ resolver, expectedIps: ['203.0.113.10'] });
 */
export const createStubResolver = (records: Readonly<Record<string, StubDnsRecord>>): StubResolver => {
  const queries: { type: 'A' | 'AAAA' | 'CNAME'; name: string }[] = [];
  const table = new Map(Object.entries(records).map(([name, record]) => [name.toLowerCase(), record]));

  const answer = async (type: 'A' | 'AAAA' | 'CNAME', hostname: string): Promise<string[]> => {
    queries.push({ type, name: hostname });
    let name = hostname.toLowerCase();
    // Follow at most a few CNAMEs, as resolvers do, so a loop cannot hang a test.
    for (let hops = 0; hops < 8; hops++) {
      const record = table.get(name);
      if (record === undefined) throw dnsError('ENOTFOUND', SYSCALL[type], hostname);
      const error = record.error ?? record.errors?.[type];
      if (error !== undefined) throw dnsError(error, SYSCALL[type], hostname);
      if (type === 'CNAME') {
        if (record.CNAME === undefined) throw dnsError('ENODATA', SYSCALL[type], hostname);
        return [record.CNAME];
      }
      if (record.CNAME !== undefined) {
        name = record.CNAME.toLowerCase();
        continue;
      }
      const found = record[type] ?? [];
      if (found.length === 0) throw dnsError('ENODATA', SYSCALL[type], hostname);
      return [...found];
    }
    throw dnsError('ESERVFAIL', SYSCALL[type], hostname);
  };

  return {
    queries,
    resolve4: (hostname) => answer('A', hostname),
    resolve6: (hostname) => answer('AAAA', hostname),
    resolveCname: (hostname) => answer('CNAME', hostname),
  };
};
