/**
 * `doctorApp`: the troubleshooting list of the panels this library replaces, as checks that each
 * say ok or what to do. Only reads: the account's apps, the app, its server, one DNS check and
 * one TLS handshake. A check that cannot run because an earlier one failed is marked `skipped`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { classify, type DomainName, MAX_DOMAINS, normalizeDomain } from '../domains/index.js';
import { describeSdkError, invalidOption, type SdkError } from '../errors/index.js';
import { checkDns, dnsPasses, explainDns, explainProbe, type SslVerifier } from '../ssl/index.js';
import { checkExpectedIps, counted, serverAddresses, systemResolver } from './shared.js';
import type {
  AuditApp,
  AuditIntegration,
  DoctorCheck,
  DoctorCheckId,
  DoctorOptions,
  DoctorReport,
} from './types.js';

const ok = (id: DoctorCheckId, detail: string): DoctorCheck => ({ id, ok: true, detail });
const failed = (id: DoctorCheckId, detail: string, fix: string): DoctorCheck => ({
  id,
  ok: false,
  detail,
  fix,
});
const skipped = (id: DoctorCheckId, why: string): DoctorCheck => ({
  id,
  ok: false,
  skipped: true,
  detail: `not checked: ${why}`,
});

const normalized = (name: string): string => {
  const n = normalizeDomain(name);
  return E.isRight(n) ? n.right : name;
};

const holds = (app: AuditApp, domain: string): boolean => app.domains.some((d) => normalized(d) === domain);

/** What a 402/403 means and what to do, or undefined for any other error. */
const permissionProblem = (error: SdkError): DoctorCheck | undefined => {
  if (error._tag !== 'HttpError') return undefined;
  if (error.status === 402) {
    return failed(
      'permissions',
      `ServerPilot answered 402 (payment required)${error.apiMessage === undefined ? '' : `: ${error.apiMessage}`}`,
      'add a valid card in the ServerPilot dashboard (Account > Billing); the API refuses changes without one',
    );
  }
  if (error.status === 403) {
    return failed(
      'permissions',
      `ServerPilot answered 403 (forbidden)${error.apiMessage === undefined ? '' : `: ${error.apiMessage}`}`,
      'the resource is protected or this account may not change it; use the API key of the account that owns the app',
    );
  }
  return undefined;
};

const credentialsCheck = (error: SdkError | undefined): DoctorCheck => {
  if (error === undefined) return ok('credentials', 'ServerPilot accepted the Client ID and API key');
  if (error._tag === 'HttpError' && error.status === 401) {
    return failed(
      'credentials',
      'ServerPilot rejected the credentials (401): the Client ID and API key do not match',
      'copy both from the ServerPilot dashboard, Account Settings > API (only the newest API key works)',
    );
  }
  if (error._tag === 'HttpError' && (error.status === 402 || error.status === 403)) {
    return ok('credentials', `ServerPilot accepted the credentials (it answered ${error.status}, not 401)`);
  }
  return failed(
    'credentials',
    `could not check the credentials: ${describeSdkError(error)}`,
    'check the network and the API base URL, then run doctor again',
  );
};

const appIdCheck = (
  appId: string,
  app: E.Either<SdkError, AuditApp>,
  apps: readonly AuditApp[],
): DoctorCheck => {
  if (E.isRight(app)) return ok('app-id', `app "${app.right.name}" (${appId}) exists on this account`);
  const listed = apps
    .slice(0, 20)
    .map((a) => `${a.name} (${a.id})`)
    .join(', ');
  if (app.left._tag === 'HttpError' && app.left.status === 404) {
    return failed(
      'app-id',
      `there is no app "${appId}" on this account${listed === '' ? ' (it has no apps)' : `; its apps are: ${listed}`}`,
      "pass the id from the app's URL in the ServerPilot dashboard (--app-id, SERVERPILOT_APP_ID or WU_SERVER_PILOT_APP_ID)",
    );
  }
  return failed('app-id', `could not read app "${appId}": ${describeSdkError(app.left)}`, 'run doctor again');
};

const limitCheck = (
  app: AuditApp,
  max: number,
  domain: string | undefined,
  added: E.Either<SdkError, number> | undefined,
): DoctorCheck => {
  const used = app.domains.length;
  if (added !== undefined && E.isLeft(added)) {
    return failed(
      'domain-limit',
      describeSdkError(added.left),
      'remove names the app no longer serves, or move some sites to another app',
    );
  }
  const adding = added === undefined ? 0 : added.right;
  if (used + adding > max || (domain === undefined && used >= max)) {
    return failed(
      'domain-limit',
      `the app holds ${used} of at most ${max} names${adding > 0 ? `; adding ${domain} needs ${adding} more` : ''}`,
      'remove names the app no longer serves, or move some sites to another app',
    );
  }
  return ok(
    'domain-limit',
    `the app holds ${used} of at most ${max} names${adding > 0 ? `; adding ${domain} takes ${adding} more` : ''}, leaving room for ${max - used - adding}`,
  );
};

const otherAppsCheck = (domain: string, appId: string, apps: readonly AuditApp[]): DoctorCheck => {
  const others = apps.filter((a) => a.id !== appId && holds(a, domain));
  if (others.length === 0) return ok('domain-on-other-apps', `no other app of the account holds ${domain}`);
  const names = others.map((a) => `"${a.name}" (${a.id})`).join(', ');
  return failed(
    'domain-on-other-apps',
    `${domain} is also on ${names}: ServerPilot serves a name held by several apps from the app whose name sorts first`,
    `remove ${domain} from the other app${others.length > 1 ? 's' : ''}`,
  );
};

const autoSslChecks = (app: AuditApp, domain: DomainName | undefined): DoctorCheck[] => {
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

/**
 * Run the troubleshooting checks for the integration's app and, when given, one domain:
 * credentials, app id (listing the account's apps when it is wrong), account permissions
 * (402/403), room under the 300-domain limit, the domain on this app or another app of the
 * account, DNS pointing at the server's address, AutoSSL available, enabled and covering the
 * name, and a valid certificate served. Fails only for a bad domain or option (before any request).
 *
 * @example
 * const report = await unwrap(doctorApp(sp, createSslVerifier(), 'shop.example.com'));
 * for (const c of report.checks) if (!c.ok) console.log(c.id, c.detail, c.fix);
 */
export const doctorApp =
  (
    integration: AuditIntegration,
    verifier: SslVerifier,
    domain?: string,
    options: DoctorOptions = {},
  ): TE.TaskEither<SdkError, DoctorReport> =>
  async () => {
    options = options ?? {};
    let name: DomainName | undefined;
    if (domain !== undefined) {
      const n = normalizeDomain(domain);
      if (E.isLeft(n)) return n;
      name = n.right;
    }
    const extra = checkExpectedIps(options.expectedIps);
    if (E.isLeft(extra)) return extra;
    const max = options.maxDomains ?? MAX_DOMAINS;
    if (!Number.isInteger(max) || max < 1) {
      return E.left(invalidOption('maxDomains', `${String(max)} is not a positive integer; pass 300`));
    }
    const { call, count } = counted(options.signal);
    const appId = integration.appId;
    const checks: DoctorCheck[] = [];
    const report = (): E.Either<SdkError, DoctorReport> =>
      E.right({
        appId,
        ...(name === undefined ? {} : { domain: name }),
        checks,
        healthy: checks.every((c) => c.ok),
        requests: count(),
      });
    const skipRest = (why: string, ids: readonly DoctorCheckId[]): void => {
      for (const id of ids) if (!checks.some((c) => c.id === id)) checks.push(skipped(id, why));
    };
    const rest: DoctorCheckId[] = [
      'permissions',
      'app-id',
      'domain-limit',
      ...(name === undefined ? [] : (['domain-on-app', 'domain-on-other-apps', 'dns'] as const)),
      'autossl-available',
      'autossl-enabled',
      ...(name === undefined ? [] : (['autossl-covers', 'certificate'] as const)),
    ];

    const list = await integration.client.apps.list(call)();
    const listError = E.isLeft(list) ? list.left : undefined;
    const credentials = credentialsCheck(listError);
    checks.push(credentials);
    if (!credentials.ok) {
      skipRest('the credentials check failed', rest);
      return report();
    }
    const apps = E.isRight(list) ? list.right : [];
    const app = await integration.client.apps.get(appId, call)();
    const permission =
      (listError === undefined ? undefined : permissionProblem(listError)) ??
      (E.isLeft(app) ? permissionProblem(app.left) : undefined);
    checks.push(permission ?? ok('permissions', 'the account answered every request (no 402 or 403)'));
    if (E.isLeft(app)) {
      if (permission === undefined) checks.push(appIdCheck(appId, app, apps));
      skipRest(
        permission === undefined ? 'the app could not be read' : 'the account refused the request',
        rest,
      );
      return report();
    }
    checks.push(appIdCheck(appId, app, apps));
    const current = app.right;

    let added: E.Either<SdkError, number> | undefined;
    if (name !== undefined && !holds(current, name)) {
      // The integration's own planner: the www policy and the protect list decide what an add takes.
      const plan = await integration.plan(
        { add: [name] },
        options.signal === undefined ? {} : { signal: options.signal },
      )();
      added = E.map((p: { readonly plan: { readonly added: readonly string[] } }) => p.plan.added.length)(
        plan,
      );
    }
    checks.push(limitCheck(current, max, name, added));

    if (name !== undefined) {
      checks.push(
        holds(current, name)
          ? ok('domain-on-app', `${name} is on app "${current.name}"`)
          : failed(
              'domain-on-app',
              `${name} is not on app "${current.name}"`,
              `add it: serverpilot-domains add ${name}`,
            ),
      );
      checks.push(otherAppsCheck(name, appId, apps));
      const ips = await serverAddresses(integration, current.serverid, extra.right, call);
      if (E.isLeft(ips)) {
        checks.push(
          failed('dns', `could not read the app's server: ${describeSdkError(ips.left)}`, 'run doctor again'),
        );
      } else {
        const dns = await checkDns(name, {
          resolver: options.resolver ?? systemResolver(),
          expectedIps: ips.right,
          now: Date.now,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        const target = ips.right.join(', ');
        checks.push(
          dnsPasses(dns)
            ? ok('dns', explainDns(dns))
            : failed(
                'dns',
                explainDns(dns),
                target === ''
                  ? 'the server reports no public address; check it in the ServerPilot dashboard'
                  : `point the A record of ${name} at ${target} (and remove other A/AAAA records)`,
              ),
        );
      }
    }

    checks.push(...autoSslChecks(current, name));

    if (name !== undefined) {
      const kind = classify(name);
      if (kind === 'wildcard' || kind === 'ip') {
        checks.push(skipped('certificate', `${name} cannot be checked by a TLS handshake to a name`));
      } else {
        const probe = await verifier.probe(
          name,
          options.signal === undefined ? {} : { signal: options.signal },
        )();
        const cert = probe.certificate;
        checks.push(
          probe.status === 'valid'
            ? ok(
                'certificate',
                `${name} serves a valid certificate${cert === undefined ? '' : ` from ${cert.issuer}, ${cert.daysRemaining} days left`}`,
              )
            : failed('certificate', explainProbe(probe), PROBE_FIX[probe.status] ?? 'run doctor again'),
        );
      }
    }
    return report();
  };
