/**
 * The doctor's checks of the account and the app: each says ok or what to do. Pure: they judge
 * what the API answered.
 */
import * as E from 'fp-ts/lib/Either.js';
import { normalizeDomain } from '../domains/index.js';
import { describeSdkError, type SdkError } from '../errors/index.js';
import type { AuditApp, DoctorCheck, DoctorCheckId } from './types.js';

export const ok = (id: DoctorCheckId, detail: string): DoctorCheck => ({ id, ok: true, detail });
export const failed = (id: DoctorCheckId, detail: string, fix: string): DoctorCheck => ({
  id,
  ok: false,
  detail,
  fix,
});
export const skipped = (id: DoctorCheckId, why: string): DoctorCheck => ({
  id,
  ok: false,
  skipped: true,
  detail: `not checked: ${why}`,
});

export const normalized = (name: string): string => {
  const n = normalizeDomain(name);
  return E.isRight(n) ? n.right : name;
};

export const holds = (app: AuditApp, domain: string): boolean =>
  app.domains.some((d) => normalized(d) === domain);

/** What a 402/403 means and what to do, or undefined for any other error. */
export const permissionProblem = (error: SdkError): DoctorCheck | undefined => {
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

export const credentialsCheck = (error: SdkError | undefined): DoctorCheck => {
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

export const appIdCheck = (
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

export const limitCheck = (
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

export const otherAppsCheck = (domain: string, appId: string, apps: readonly AuditApp[]): DoctorCheck => {
  const others = apps.filter((a) => a.id !== appId && holds(a, domain));
  if (others.length === 0) return ok('domain-on-other-apps', `no other app of the account holds ${domain}`);
  const names = others.map((a) => `"${a.name}" (${a.id})`).join(', ');
  return failed(
    'domain-on-other-apps',
    `${domain} is also on ${names}: ServerPilot serves a name held by several apps from the app whose name sorts first`,
    `remove ${domain} from the other app${others.length > 1 ? 's' : ''}`,
  );
};
