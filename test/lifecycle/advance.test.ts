/**
 * The pure stage machine under random outcomes and filter values: whatever a try sees, the
 * stored record stays consistent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpErrorKind } from '../../src/errors/index.js';
import type { SslProbe } from '../../src/index.js';
import { isPermanentFailure } from '../../src/lifecycle/advance.js';
import { advance, startRun, type TrackedDomain, type TryOutcome } from '../../src/lifecycle/index.js';
import type { DnsCheck } from '../../src/ssl/index.js';

const dns = (status: DnsCheck['status']): DnsCheck => ({
  domain: 'a.example.test',
  status,
  addresses: [],
  expected: [],
  unexpected: [],
  elapsedMs: 1,
});
const probe = (status: SslProbe['status']): SslProbe => ({ domain: 'a.example.test', status, elapsedMs: 1 });

const outcome = fc.oneof(
  fc.constant<TryOutcome>({ kind: 'skipped' }),
  fc
    .record({
      status: fc.constantFrom<DnsCheck['status']>(
        'points-here',
        'points-elsewhere',
        'nxdomain',
        'lookup-error',
        'resolves',
      ),
      pending: fc.boolean(),
    })
    .map(({ status, pending }): TryOutcome => ({ kind: 'dns', check: dns(status), autoSslPending: pending })),
  fc
    .record({
      status: fc.constantFrom<SslProbe['status']>(
        'valid',
        'self-signed',
        'timeout',
        'expired',
        'connect-error',
      ),
      pending: fc.boolean(),
    })
    .map(
      ({ status, pending }): TryOutcome => ({ kind: 'probe', probe: probe(status), autoSslPending: pending }),
    ),
);

describe('advance', () => {
  it('keeps every record consistent whatever the tries see and the filters say', () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.boolean(),
        (outcomes, dnsBudget, sslBudget, wait, dnsFirst) => {
          const policy = {
            budget: (stage: string) => (stage === 'checking-dns' ? dnsBudget : sslBudget),
            delay: () => wait,
          };
          let now = 1_000_000;
          let record: TrackedDomain = startRun(
            'a.example.test',
            'run1',
            dnsFirst ? 'checking-dns' : 'checking-ssl-cert',
            now,
            1,
            false,
          );
          for (const seen of outcomes) {
            const stage = record.status.stage;
            if (stage === 'done' || stage === 'failed' || stage === 'ssl-failed') break;
            // A try sees what its stage checks: DNS in the DNS stage, a probe in the certificate stage.
            const fitting: TryOutcome =
              seen.kind === 'skipped' || (seen.kind === 'dns') === (stage === 'checking-dns')
                ? seen
                : stage === 'checking-dns'
                  ? { kind: 'dns', check: dns('nxdomain'), autoSslPending: false }
                  : { kind: 'probe', probe: probe('timeout'), autoSslPending: false };
            const next = advance(record, fitting, policy, now);
            expect(next.record.seq).toBe(record.seq + 1);
            expect(next.record.rev).toBe(record.rev + 1);
            expect(next.record.run).toBe(record.run);
            const final = ['done', 'failed', 'ssl-failed'].includes(next.record.status.stage);
            expect(next.nextAt === undefined).toBe(final);
            expect(next.record.status.nextCheckAt === undefined).toBe(final);
            if (next.nextAt !== undefined) {
              expect(next.record.status.nextCheckAt).toBe(new Date(next.nextAt).toISOString());
            }
            expect(next.record.status.attempts.dns).toBeLessThanOrEqual(dnsBudget);
            expect(next.record.status.attempts.ssl).toBeLessThanOrEqual(sslBudget);
            expect(next.move === undefined).toBe(next.record.status.stage === stage);
            if (next.move !== undefined) expect(next.move.from).toBe(stage);
            if (next.record.status.stage === 'done')
              expect(next.record.status.lastProbe?.status).toBe('valid');
            if (final) expect(next.record.autoSslPending).toBeUndefined();
            if (fitting.kind === 'skipped')
              expect(next.record.status.attempts).toEqual(record.status.attempts);
            record = next.record;
            now = next.nextAt ?? now;
          }
        },
      ),
    );
  });

  it('counts a try skipped for a permanent reason toward the budget and ends the stage when it runs out', () => {
    const policy = { budget: () => 2, delay: () => 60_000 };
    const start = startRun('a.example.test', 'r', 'checking-dns', 5_000, 1, false);
    const once = advance(start, { kind: 'skipped', permanent: true }, policy, 5_000);
    expect(once.nextAt).toBe(65_000);
    expect(once.record.status.attempts).toEqual({ dns: 1, ssl: 0 });
    const twice = advance(once.record, { kind: 'skipped', permanent: true }, policy, 65_000);
    expect(twice.record.status).toMatchObject({ stage: 'failed', attempts: { dns: 2, ssl: 0 } });
    expect(twice.move).toEqual({ from: 'checking-dns', to: 'failed', attempt: 2 });
    expect(twice.nextAt).toBeUndefined();
    const ssl = startRun('a.example.test', 'r', 'checking-ssl-cert', 5_000, 1, true);
    const sslOnce = advance(ssl, { kind: 'skipped', permanent: true }, { ...policy, budget: () => 1 }, 5_000);
    expect(sslOnce.record.status).toMatchObject({ stage: 'ssl-failed', attempts: { dns: 0, ssl: 1 } });
    expect(sslOnce.record.autoSslPending).toBeUndefined();
  });

  it('tells a permanent failure (a 4xx but 408 and 429) from one that may pass', () => {
    const http = (status: number) => ({
      _tag: 'HttpError' as const,
      status,
      kind: httpErrorKind(status),
      method: 'GET',
      url: 'https://api.serverpilot.io/v1/apps/x',
    });
    expect([401, 403, 404, 400].map((s) => isPermanentFailure(http(s)))).toEqual([true, true, true, true]);
    expect([408, 429, 500, 503].map((s) => isPermanentFailure(http(s)))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('starts the certificate stage due at once when DNS passes', () => {
    const start = startRun('a.example.test', 'r', 'checking-dns', 5_000, 1, false);
    const next = advance(
      start,
      { kind: 'dns', check: dns('points-here'), autoSslPending: true },
      { budget: () => 5, delay: () => 300_000 },
      7_000,
    );
    expect(next.nextAt).toBe(7_000);
    expect(next.record.status).toMatchObject({ stage: 'checking-ssl-cert', attempts: { dns: 1, ssl: 0 } });
    expect(next.record.autoSslPending).toBe(true);
    expect(next.move).toEqual({ from: 'checking-dns', to: 'checking-ssl-cert', attempt: 1 });
  });
});
