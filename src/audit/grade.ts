/**
 * PURE: how one domain is graded from what was seen. Let's Encrypt renews 30 days before expiry,
 * so a certificate with fewer than `warnDays` (20) left means renewal is failing, and fewer than
 * `critDays` (15) is urgent; anything a browser would reject is critical at once. A host that
 * could not be reached says nothing about its certificate: `unknown`.
 */
import type { SslProbe } from '../ssl/index.js';
import { type DnsCheck, explainDns, explainProbe } from '../ssl/index.js';
import type { AuditStatus } from './types.js';

/** What grading one domain needs. */
export interface GradeInput {
  readonly dns: DnsCheck;
  readonly probe: SslProbe;
  /** The app's AutoSSL is on, and whether its certificate lists this name. */
  readonly autoSsl: { readonly enabled: boolean; readonly covers: boolean };
  readonly warnDays: number;
  readonly critDays: number;
}

export interface Grade {
  readonly status: AuditStatus;
  readonly reasons: readonly string[];
  readonly daysLeft?: number;
}

const UNREACHABLE = new Set<SslProbe['status']>(['dns-error', 'connect-error', 'timeout']);

/** A problem found besides the certificate makes an `ok` row a `warning`, and leaves worse ones be. */
const atLeastWarning = (status: AuditStatus): AuditStatus => (status === 'ok' ? 'warning' : status);

const fromProbe = (probe: SslProbe, warnDays: number, critDays: number): Grade => {
  const daysLeft = probe.certificate?.daysRemaining;
  const days = daysLeft === undefined ? {} : { daysLeft };
  if (UNREACHABLE.has(probe.status)) {
    return { status: 'unknown', reasons: [`unreachable: ${explainProbe(probe)}`], ...days };
  }
  if (probe.status !== 'valid') return { status: 'critical', reasons: [explainProbe(probe)], ...days };
  if (daysLeft === undefined) return { status: 'ok', reasons: [] };
  const renewal = `Let's Encrypt renews 30 days before expiry, so renewal is failing`;
  if (daysLeft < critDays) {
    return {
      status: 'critical',
      reasons: [`the certificate expires in ${daysLeft} days (fewer than ${critDays}): ${renewal}`],
      daysLeft,
    };
  }
  if (daysLeft < warnDays) {
    return {
      status: 'warning',
      reasons: [`the certificate expires in ${daysLeft} days (fewer than ${warnDays}): ${renewal}`],
      daysLeft,
    };
  }
  return { status: 'ok', reasons: [], daysLeft };
};

/** Grade one domain from its DNS check, its probe and the app's AutoSSL coverage. */
export const gradeDomain = (input: GradeInput): Grade => {
  const base = fromProbe(input.probe, input.warnDays, input.critDays);
  let status = base.status;
  const reasons = [...base.reasons];
  switch (input.dns.status) {
    case 'points-here':
    case 'resolves':
      break;
    case 'lookup-error':
      // A resolver hiccup is not a finding about the domain: say it, do not grade on it.
      reasons.push(explainDns(input.dns));
      break;
    case 'points-elsewhere':
    case 'no-records':
    case 'nxdomain':
      reasons.push(explainDns(input.dns));
      status = atLeastWarning(status);
      break;
  }
  if (input.autoSsl.enabled && !input.autoSsl.covers) {
    reasons.push(
      "ServerPilot's AutoSSL certificate does not list it: AutoSSL adds a name once its DNS points at the server",
    );
    status = atLeastWarning(status);
  }
  return { status, reasons, ...(base.daysLeft === undefined ? {} : { daysLeft: base.daysLeft }) };
};

const SEVERITY: { readonly [S in AuditStatus]: number } = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worse of two statuses. */
export const worstStatus = (a: AuditStatus, b: AuditStatus): AuditStatus =>
  SEVERITY[b] > SEVERITY[a] ? b : a;
