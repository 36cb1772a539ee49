/**
 * `--resolve name:address`, as curl's: the named hosts go to the given address for both the DNS
 * check and the TLS handshake, like lines in /etc/hosts; other names use the system's DNS. This
 * lets an operator check a server before DNS moves, and tests use loopback hosts. Node's `dns`
 * is loaded only when a name goes to the system's DNS (a command that checks no name never does).
 */
import type { LookupAddress } from 'node:dns';
import type { Resolver } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import type { DnsResolver, SslLookup } from '../index.js';
import type { ResolveEntry } from './parse.js';

const systemDns = (): typeof import('node:dns/promises') => process.getBuiltinModule('node:dns/promises');

const noData = (hostname: string, syscall: string): Error =>
  Object.assign(new Error(`${syscall} ENODATA ${hostname}`), { code: 'ENODATA', syscall, hostname });

export interface ResolveOverrides {
  readonly lookup: SslLookup;
  readonly resolver: DnsResolver;
}

export const resolveOverrides = (entries: readonly ResolveEntry[]): ResolveOverrides | undefined => {
  if (entries.length === 0) return undefined;
  const table = new Map<string, string[]>();
  for (const { name, address } of entries) table.set(name, [...(table.get(name) ?? []), address]);
  const find = (hostname: string): readonly string[] | undefined => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    return table.get(name) ?? table.get('*');
  };
  let system: Resolver | undefined;
  const fallback = (): Resolver => {
    system ??= new (systemDns().Resolver)({ timeout: 5_000, tries: 2 });
    return system;
  };
  const family =
    (test: (ip: string) => boolean, syscall: string, ask: (r: Resolver, h: string) => Promise<string[]>) =>
    async (hostname: string): Promise<readonly string[]> => {
      const mapped = find(hostname);
      if (mapped === undefined) return ask(fallback(), hostname);
      const answers = mapped.filter(test);
      if (answers.length === 0) throw noData(hostname, syscall);
      return answers;
    };
  return {
    lookup: async (hostname) => {
      const mapped = find(hostname);
      if (mapped === undefined) return systemDns().lookup(hostname, { all: true });
      return mapped.map((address): LookupAddress => ({ address, family: isIPv6(address) ? 6 : 4 }));
    },
    resolver: {
      resolve4: family(isIPv4, 'queryA', (r, h) => r.resolve4(h)),
      resolve6: family(isIPv6, 'queryAaaa', (r, h) => r.resolve6(h)),
      resolveCname: async (hostname) => {
        if (find(hostname) !== undefined) throw noData(hostname, 'queryCname');
        return fallback().resolveCname(hostname);
      },
    },
  };
};
