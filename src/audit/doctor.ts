/**
 * `doctorApp`: the troubleshooting list of the panels this library replaces, as checks that each
 * say ok or what to do. Only reads: the account's apps, the app, its server, one DNS check and
 * one TLS handshake. A check that cannot run because an earlier one failed is marked `skipped`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type DomainName, MAX_DOMAINS, normalizeDomain } from '../domains/index.js';
import type { SdkError } from '../errors/index.js';
import { count, ipList, struct, withDefault } from '../internal/index.js';
import { defaultResolver, type SslVerifier } from '../ssl/index.js';
import {
  appIdCheck,
  credentialsCheck,
  failed,
  holds,
  limitCheck,
  ok,
  otherAppsCheck,
  permissionProblem,
  skipped,
} from './doctor-checks.js';
import { autoSslChecks, certificateCheck, dnsCheck } from './doctor-ssl.js';
import { counted, serverAddresses } from './shared.js';
import type { AuditIntegration, DoctorCheck, DoctorCheckId, DoctorOptions, DoctorReport } from './types.js';

const checkDoctorOptions = struct(
  {
    expectedIps: withDefault(ipList, []),
    maxDomains: withDefault(count({ min: 1, example: MAX_DOMAINS }), MAX_DOMAINS),
  },
  '{ expectedIps: ["2001:db8::7"] }',
);

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
    const checked = checkDoctorOptions('', options);
    if (E.isLeft(checked)) return checked;
    const { expectedIps: extra, maxDomains: max } = checked.right;
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
      added = pipe(
        plan,
        E.map((p) => p.plan.added.length),
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
      const ips = await serverAddresses(integration, current.serverid, extra, call);
      checks.push(await dnsCheck(name, ips, options.resolver ?? defaultResolver(), options.signal));
    }

    checks.push(...autoSslChecks(current, name));

    if (name !== undefined) checks.push(await certificateCheck(name, verifier, options.signal));
    return report();
  };
