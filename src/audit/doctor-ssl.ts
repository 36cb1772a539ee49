/**
 * The doctor's checks of what serves the name: DNS pointing at the server, AutoSSL available,
 * enabled and covering it, and the certificate a TLS handshake gets.
 */
import * as E from 'fp-ts/lib/Either.js';
import { classify, type DomainName } from '../domains/index.js';
import { describeSdkError, type SdkError } from '../errors/index.js';
import {
  checkDns,
  type DnsResolver,
  dnsPasses,
  explainDns,
  explainProbe,
  type SslVerifier,
} from '../ssl/index.js';
import { failed, normalized, ok, skipped } from './doctor-checks.js';
import type { AuditApp, DoctorCheck } from './types.js';

export const autoSslChecks = (app: AuditApp, domain: DomainName | undefined): DoctorCheck[] => {
  const checks: DoctorCheck[] = [];
  const available = app.autossl?.available;
  if (app.autossl === undefined) {
    checks.push(
      failed(
        'autossl-available',
        "ServerPilot sends no AutoSSL information for this app: the account's plan does not include AutoSSL",
        'upgrade the plan, or install a certificate of your own',
      ),
    );
  } else if (available !== true) {
    checks.push(
      failed(
        'autossl-available',
        'ServerPilot says AutoSSL is not available yet: no domain of the app points at the server',
        "point at least one domain's A record at the server; AutoSSL becomes available once DNS has moved",
      ),
    );
  } else {
    checks.push(ok('autossl-available', 'ServerPilot offers AutoSSL for this app'));
  }
  if (app.ssl?.auto === true) checks.push(ok('autossl-enabled', 'AutoSSL is on'));
  else if (app.ssl !== null) {
    checks.push(
      failed(
        'autossl-enabled',
        'a custom certificate is installed, so AutoSSL is off',
        'remove the custom certificate (DELETE /apps/:id/ssl), then run `serverpilot-domains ssl enable`',
      ),
    );
  } else {
    checks.push(
      failed(
        'autossl-enabled',
        'SSL is off for this app',
        available === true
          ? 'run `serverpilot-domains ssl enable`'
          : 'once AutoSSL is available, run `serverpilot-domains ssl enable`',
      ),
    );
  }
  if (domain === undefined) return checks;
  const kind = classify(domain);
  if (kind === 'wildcard' || kind === 'ip') {
    checks.push(
      failed(
        'autossl-covers',
        `${domain} is ${kind === 'ip' ? 'an IP address' : 'a wildcard'}: AutoSSL can never cover it`,
        'install a certificate of your own for it',
      ),
    );
  } else if ((app.autossl?.domains ?? []).some((d) => normalized(d) === domain)) {
    checks.push(ok('autossl-covers', `ServerPilot's AutoSSL certificate lists ${domain}`));
  } else {
    checks.push(
      failed(
        'autossl-covers',
        `ServerPilot's AutoSSL certificate does not list ${domain}`,
        `make ${domain} point at the server (and keep it on the app); ServerPilot adds it when AutoSSL next renews`,
      ),
    );
  }
  return checks;
};

const PROBE_FIX: Readonly<Record<string, string>> = {
  'self-signed':
    'AutoSSL has not issued a certificate for this name yet: check DNS, then `serverpilot-domains ssl enable`',
  untrusted: 'install a certificate from a trusted issuer, or let AutoSSL issue one',
  'hostname-mismatch':
    'the certificate served does not list this name: wait for AutoSSL to add it, or re-issue it',
  expired:
    'the certificate expired: AutoSSL renewal is failing; check DNS and run `serverpilot-domains ssl enable`',
  'not-yet-valid': "check the server's clock",
  'dns-error': 'create an A record pointing at the server',
  'connect-error': 'make sure the server accepts HTTPS (port 443) and that no firewall blocks it',
  timeout: 'make sure the server accepts HTTPS (port 443) and that no firewall drops it',
};

/** DNS of `name` against the server's addresses (or why they could not be read). */
export const dnsCheck = async (
  name: DomainName,
  ips: E.Either<SdkError, readonly string[]>,
  resolver: DnsResolver,
  signal: AbortSignal | undefined,
): Promise<DoctorCheck> => {
  if (E.isLeft(ips)) {
    return failed(
      'dns',
      `could not read the app's server: ${describeSdkError(ips.left)}`,
      'run doctor again',
    );
  }
  const dns = await checkDns(name, {
    resolver,
    expectedIps: ips.right,
    now: Date.now,
    ...(signal === undefined ? {} : { signal }),
  });
  const target = ips.right.join(', ');
  return dnsPasses(dns)
    ? ok('dns', explainDns(dns))
    : failed(
        'dns',
        explainDns(dns),
        target === ''
          ? 'the server reports no public address; check it in the ServerPilot dashboard'
          : `point the A record of ${name} at ${target} (and remove other A/AAAA records)`,
      );
};

/** The certificate one TLS handshake to `name` gets. */
export const certificateCheck = async (
  name: DomainName,
  verifier: SslVerifier,
  signal: AbortSignal | undefined,
): Promise<DoctorCheck> => {
  const kind = classify(name);
  if (kind === 'wildcard' || kind === 'ip') {
    return skipped('certificate', `${name} cannot be checked by a TLS handshake to a name`);
  }
  const probe = await verifier.probe(name, signal === undefined ? {} : { signal })();
  const cert = probe.certificate;
  return probe.status === 'valid'
    ? ok(
        'certificate',
        `${name} serves a valid certificate${cert === undefined ? '' : ` from ${cert.issuer}, ${cert.daysRemaining} days left`}`,
      )
    : failed('certificate', explainProbe(probe), PROBE_FIX[probe.status] ?? 'run doctor again');
};
