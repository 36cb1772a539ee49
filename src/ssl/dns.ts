import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { dns } from '../internal/builtins.js';
import { MAX_TIMER_MS } from '../internal/validate.js';

/**
 * The three queries the DNS check makes. A `dns.promises.Resolver` fits as it is; point one at a
 * server of your own with `resolver.setServers(['127.0.0.1:5353'])`.
 */
export interface DnsResolver {
  /** The name's A records (IPv4 addresses). */
  resolve4(hostname: string): Promise<readonly string[]>;
  /** The name's AAAA records (IPv6 addresses). */
  resolve6(hostname: string): Promise<readonly string[]>;
  /** The name's CNAME targets. */
  resolveCname(hostname: string): Promise<readonly string[]>;
}

/**
 * Where a name points:
 * - `points-here`: every A/AAAA address is one of the expected addresses.
 * - `points-elsewhere`: some address is not (see `unexpected`): another host, or a proxy/CDN in front.
 * - `resolves`: it has addresses, but no expected addresses were given to compare with.
 * - `no-records`: the name exists but has no A or AAAA record.
 * - `nxdomain`: the name does not exist.
 * - `lookup-error`: the resolver failed (`ESERVFAIL`, `ETIMEOUT`, `ECONNREFUSED`...): try again later.
 *   Also when one of A/AAAA answered here but the other failed so: the missing family could point elsewhere.
 */
export type DnsStatus =
  | 'points-here'
  | 'points-elsewhere'
  | 'resolves'
  | 'no-records'
  | 'nxdomain'
  | 'lookup-error';

/** The outcome of one DNS check. */
export interface DnsCheck {
  readonly domain: string;
  readonly status: DnsStatus;
  /** Every A and AAAA address found, IPv4 first. */
  readonly addresses: readonly string[];
  /** The addresses the name should point at (the server's public IP). */
  readonly expected: readonly string[];
  /** Addresses found that are not expected. */
  readonly unexpected: readonly string[];
  /** The CNAME target, when the name is an alias (often a CDN or proxy). */
  readonly cname?: string;
  /** The resolver's error code behind `nxdomain`, `no-records` or `lookup-error`. */
  readonly code?: string;
  readonly elapsedMs: number;
}

/** Whether the DNS stage may move on to the certificate. */
export const dnsPasses = (check: DnsCheck): boolean =>
  check.status === 'points-here' || check.status === 'resolves';

/** A resolver on the system's DNS servers, with bounded waits so a dead server cannot stall a stage. */
export const defaultResolver = (): DnsResolver => new (dns().promises.Resolver)({ timeout: 5_000, tries: 2 });

const NXDOMAIN = new Set(['ENOTFOUND', 'NXDOMAIN']);
const NODATA = new Set(['ENODATA', 'NODATA']);

type Answer =
  | { readonly ok: true; readonly values: readonly string[] }
  | { readonly ok: false; readonly code: string };

const ask = async (query: () => Promise<readonly string[]>): Promise<Answer> => {
  try {
    const values: unknown = await query();
    // An injected resolver may answer anything: only a list of strings is an answer.
    return Array.isArray(values)
      ? { ok: true, values: values.filter((v): v is string => typeof v === 'string') }
      : { ok: false, code: 'EBADRESP' };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return { ok: false, code: typeof code === 'string' ? code : 'EDNS' };
  }
};

/**
 * The end of a check's time: the answer every unanswered query gets when `timeoutMs` runs out
 * (`ETIMEOUT`) or `signal` aborts (`ABORT_ERR`). A resolver that never answers cannot hold a stage.
 */
const deadline = (
  timeoutMs: number,
  signal: AbortSignal | undefined,
): { readonly ended: Promise<Answer>; readonly clear: () => void } => {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const ended = new Promise<Answer>((resolve) => {
    if (signal?.aborted === true) {
      resolve({ ok: false, code: 'ABORT_ERR' });
      return;
    }
    timer = setTimeout(() => resolve({ ok: false, code: 'ETIMEOUT' }), Math.min(timeoutMs, MAX_TIMER_MS));
    onAbort = () => resolve({ ok: false, code: 'ABORT_ERR' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  return {
    ended,
    clear: () => {
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    },
  };
};

/** Compare addresses in canonical form, so `2001:db8::1` equals `2001:DB8:0:0:0:0:0:1`. */
const matcher = (expected: readonly string[]): ((address: string) => boolean) => {
  const list = new BlockList();
  for (const ip of expected) {
    if (isIPv4(ip)) list.addAddress(ip, 'ipv4');
    else if (isIPv6(ip)) list.addAddress(ip, 'ipv6');
  }
  return (address) =>
    isIPv4(address) ? list.check(address, 'ipv4') : isIPv6(address) ? list.check(address, 'ipv6') : false;
};

const failureCode = (answers: readonly Answer[]): { status: DnsStatus; code: string } => {
  const codes = answers.map((a) => (a.ok ? 'ENODATA' : a.code));
  if (codes.some((c) => NXDOMAIN.has(c))) {
    return { status: 'nxdomain', code: codes.find((c) => NXDOMAIN.has(c)) ?? 'ENOTFOUND' };
  }
  const hard = codes.find((c) => !NODATA.has(c));
  return hard === undefined
    ? { status: 'no-records', code: 'ENODATA' }
    : { status: 'lookup-error', code: hard };
};

/** Everything one DNS check needs. */
export interface DnsCheckSettings {
  readonly resolver: DnsResolver;
  readonly expectedIps: readonly string[];
  /** The clock for `elapsedMs`, in milliseconds. */
  readonly now: () => number;
  readonly signal?: AbortSignal;
  /**
   * The most one check may take; queries still unanswered then count as failed with `ETIMEOUT`.
   * @default 10_000
   */
  readonly timeoutMs?: number;
}

/** The default of {@link DnsCheckSettings.timeoutMs}, the verifier's own default. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Ask for A, AAAA and CNAME records of `domain` and say whether it points at the expected
 * addresses. Never rejects and always ends: resolver failures are the `lookup-error` status,
 * queries unanswered after `timeoutMs` fail with `ETIMEOUT`, an abort is `lookup-error` with code
 * `ABORT_ERR`.
 */
export const checkDns = async (domain: string, settings: DnsCheckSettings): Promise<DnsCheck> => {
  const started = settings.now();
  const { resolver, expectedIps } = settings;
  const end = deadline(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS, settings.signal);
  const bounded = (query: () => Promise<readonly string[]>): Promise<Answer> =>
    Promise.race([ask(query), end.ended]);
  const [v4, v6, cname] = await Promise.all([
    bounded(() => resolver.resolve4(domain)),
    bounded(() => resolver.resolve6(domain)),
    bounded(() => resolver.resolveCname(domain)),
  ]).finally(end.clear);
  const base = {
    domain,
    expected: [...expectedIps],
    ...(cname.ok && cname.values[0] !== undefined ? { cname: cname.values[0] } : {}),
  };
  const elapsedMs = (): number => Math.max(0, settings.now() - started);
  if ([v4, v6, cname].some((a) => !a.ok && a.code === 'ABORT_ERR')) {
    return {
      ...base,
      status: 'lookup-error',
      addresses: [],
      unexpected: [],
      code: 'ABORT_ERR',
      elapsedMs: elapsedMs(),
    };
  }
  const addresses = [...(v4.ok ? v4.values : []), ...(v6.ok ? v6.values : [])];
  if (addresses.length === 0) {
    const failure = failureCode([v4, v6]);
    return { ...base, ...failure, addresses: [], unexpected: [], elapsedMs: elapsedMs() };
  }
  if (expectedIps.length === 0) {
    return { ...base, status: 'resolves', addresses, unexpected: [], elapsedMs: elapsedMs() };
  }
  const isExpected = matcher(expectedIps);
  const unexpected = addresses.filter((a) => !isExpected(a));
  // One family answered here, the other failed hard (SERVFAIL, timeout...): the missing answer may
  // hold an address elsewhere, which clients would use, so there is no verdict yet (the stage
  // retries). An address already seen elsewhere is a verdict whatever the other family holds.
  const hard = [v4, v6].find((a) => !a.ok && !NODATA.has(a.code) && !NXDOMAIN.has(a.code));
  if (unexpected.length === 0 && hard !== undefined && !hard.ok) {
    return {
      ...base,
      status: 'lookup-error',
      addresses,
      unexpected,
      code: hard.code,
      elapsedMs: elapsedMs(),
    };
  }
  return {
    ...base,
    status: unexpected.length === 0 ? 'points-here' : 'points-elsewhere',
    addresses,
    unexpected,
    elapsedMs: elapsedMs(),
  };
};
