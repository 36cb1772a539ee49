import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GradeInput, gradeDomain } from '../../src/audit/index.js';
import type { ProbeStatus, SslProbe } from '../../src/sdk-hooks.js';
import type { DnsCheck, DnsStatus } from '../../src/ssl/index.js';

const probe = (status: ProbeStatus, daysRemaining?: number): SslProbe => ({
  domain: 'shop.test',
  status,
  elapsedMs: 1,
  ...(daysRemaining === undefined
    ? {}
    : {
        certificate: {
          subject: 'CN=shop.test',
          issuer: 'CN=Test CA',
          subjectAltNames: ['shop.test'],
          validFrom: '2025-01-01T00:00:00.000Z',
          validTo: '2025-04-01T00:00:00.000Z',
          daysRemaining,
          fingerprint256: 'AA',
        },
      }),
});

const dns = (status: DnsStatus): DnsCheck => ({
  domain: 'shop.test',
  status,
  addresses:
    status === 'points-here' ? ['203.0.113.10'] : status === 'points-elsewhere' ? ['198.51.100.1'] : [],
  expected: ['203.0.113.10'],
  unexpected: status === 'points-elsewhere' ? ['198.51.100.1'] : [],
  elapsedMs: 1,
});

const input = (overrides: Partial<GradeInput>): GradeInput => ({
  dns: dns('points-here'),
  probe: probe('valid', 80),
  autoSsl: { enabled: true, covers: true },
  warnDays: 20,
  critDays: 15,
  ...overrides,
});

const RANK = { ok: 0, unknown: 1, warning: 2, critical: 3 } as const;
const statuses = fc.constantFrom<ProbeStatus>(
  'valid',
  'dns-error',
  'connect-error',
  'timeout',
  'self-signed',
  'untrusted',
  'hostname-mismatch',
  'expired',
  'not-yet-valid',
);
const dnsStatuses = fc.constantFrom<DnsStatus>(
  'points-here',
  'points-elsewhere',
  'resolves',
  'no-records',
  'nxdomain',
  'lookup-error',
);

describe('gradeDomain', () => {
  it('grades a valid certificate by days left: ok from warnDays, warning below it, critical below critDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.nat(60), fc.nat(60), (days, a, b) => {
        const [critDays, warnDays] = a <= b ? [a, b] : [b, a];
        const grade = gradeDomain(input({ probe: probe('valid', days), warnDays, critDays }));
        const expected = days < critDays ? 'critical' : days < warnDays ? 'warning' : 'ok';
        expect(grade.status).toBe(expected);
        expect(grade.daysLeft).toBe(days);
        expect(grade.reasons.length === 0).toBe(expected === 'ok');
      }),
    );
  });

  it('never grades a domain better when its certificate has fewer days left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 200 }),
        fc.nat(50),
        dnsStatuses,
        fc.boolean(),
        (days, less, d, covers) => {
          const base = { dns: dns(d), autoSsl: { enabled: true, covers } };
          const more = gradeDomain(input({ ...base, probe: probe('valid', days) }));
          const fewer = gradeDomain(input({ ...base, probe: probe('valid', days - less) }));
          expect(RANK[fewer.status]).toBeGreaterThanOrEqual(RANK[more.status]);
        },
      ),
    );
  });

  it('makes every rejected certificate critical and every unreachable host unknown, whatever DNS says', () => {
    fc.assert(
      fc.property(statuses, dnsStatuses, fc.boolean(), fc.boolean(), (status, d, enabled, covers) => {
        fc.pre(status !== 'valid');
        const grade = gradeDomain(
          input({ probe: probe(status, 40), dns: dns(d), autoSsl: { enabled, covers } }),
        );
        const unreachable = status === 'dns-error' || status === 'connect-error' || status === 'timeout';
        expect(grade.status).toBe(unreachable ? 'unknown' : 'critical');
        expect(grade.reasons.length).toBeGreaterThan(0);
      }),
    );
  });

  it('turns ok into warning when DNS points elsewhere or AutoSSL does not list the name', () => {
    expect(gradeDomain(input({ dns: dns('points-elsewhere') })).status).toBe('warning');
    expect(gradeDomain(input({ dns: dns('nxdomain') })).status).toBe('warning');
    expect(gradeDomain(input({ autoSsl: { enabled: true, covers: false } })).status).toBe('warning');
    expect(gradeDomain(input({ autoSsl: { enabled: false, covers: false } })).status).toBe('ok');
    expect(gradeDomain(input({ dns: dns('lookup-error') }))).toMatchObject({ status: 'ok' });
    expect(gradeDomain(input({ dns: dns('lookup-error') })).reasons).toHaveLength(1);
  });
});
