import { isIpLiteral, isWildcard } from '../../../domains/name.js';
import type { Route } from '../context.js';
import { getApp, getServer, getSysuser } from '../lookup.js';
import type { SimulatorConfig } from '../options.js';
import { badRequest, conflict, ok } from '../result.js';
import type { SimApp, SimulatorState } from '../types.js';
import {
  checkDomains,
  checkName,
  checkPassword,
  optionalObject,
  optionalString,
  requiredString,
} from '../validate.js';

const shuffled = (list: readonly string[], random: () => number): string[] => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as string;
    out[i] = out[j] as string;
    out[j] = a;
  }
  return out;
};

/**
 * AutoSSL can cover only names that resolve to the server; wildcards and IP literals never
 * qualify (Let's Encrypt HTTP validation cannot issue for them).
 */
export const autosslOf = (app: SimApp, config: SimulatorConfig) => {
  if (!config.autoSslPlan) return { available: false };
  const domains = [...new Set(app.domains)].filter(
    (d) => !isWildcard(d) && !isIpLiteral(d) && config.pointsHere(d, app),
  );
  return domains.length > 0 ? { available: true, domains } : { available: false };
};

/** `autossl` appears only on `GET /apps/:id` (and only on plans with AutoSSL), never in lists or write responses. */
export const serializeApp = (app: SimApp, config: SimulatorConfig, detail = false) => ({
  id: app.id,
  datecreated: app.datecreated,
  name: app.name,
  sysuserid: app.sysuserid,
  domains: config.shuffle ? shuffled(app.domains, config.random) : [...app.domains],
  ssl: app.ssl === null ? null : { ...app.ssl },
  ...(detail && config.autoSslPlan ? { autossl: autosslOf(app, config) } : {}),
  serverid: app.serverid,
  runtime: app.runtime,
});

const checkRuntime = (state: SimulatorState, serverid: string, runtime: string): string => {
  const available = getServer(state, serverid).available_runtimes;
  return available.includes(runtime)
    ? runtime
    : badRequest(
        `Runtime '${runtime}' is not available on this server; choose one of ${available.join(', ')}.`,
      );
};

export const appRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/apps',
    handler: ({ state, config }) => ok([...state.apps.values()].map((a) => serializeApp(a, config))),
  },
  {
    method: 'POST',
    pattern: '/apps',
    handler: ({ state, config, body, nextId, newAction, nowSeconds }) => {
      const name = checkName(
        requiredString(body, 'name'),
        /^[a-z0-9]{3,30}$/,
        '3 to 30 lowercase letters or digits.',
      );
      const sysuser = getSysuser(state, requiredString(body, 'sysuserid'));
      const runtime = checkRuntime(state, sysuser.serverid, requiredString(body, 'runtime'));
      const domains = body.domains === undefined ? [] : checkDomains(body.domains, config.maxDomains);
      const wordpress = optionalObject(body, 'wordpress');
      if (wordpress !== undefined) {
        for (const key of ['site_title', 'admin_user', 'admin_email']) requiredString(wordpress, key);
        checkPassword(requiredString(wordpress, 'admin_password'), 'admin_password');
      }
      if ([...state.apps.values()].some((a) => a.sysuserid === sysuser.id && a.name === name)) {
        conflict(`An app named ${name} exists for this system user.`);
      }
      const app: SimApp = {
        id: nextId('A'),
        name,
        sysuserid: sysuser.id,
        serverid: sysuser.serverid,
        runtime,
        domains,
        ssl: null,
        datecreated: nowSeconds,
      };
      state.apps.set(app.id, app);
      return ok(serializeApp(app, config), newAction(app.serverid));
    },
  },
  {
    method: 'GET',
    pattern: '/apps/:id',
    handler: ({ state, config, params }) => ok(serializeApp(getApp(state, params.id ?? ''), config, true)),
  },
  {
    method: 'POST',
    pattern: '/apps/:id',
    handler: ({ state, config, params, body, newAction }) => {
      const app = getApp(state, params.id ?? '');
      const runtime = optionalString(body, 'runtime');
      if (runtime !== undefined) checkRuntime(state, app.serverid, runtime);
      // The list sent REPLACES the app's list: there is no add or remove.
      const domains = body.domains === undefined ? undefined : checkDomains(body.domains, config.maxDomains);
      if (runtime !== undefined) app.runtime = runtime;
      if (domains !== undefined) app.domains = domains;
      return ok(serializeApp(app, config), newAction(app.serverid));
    },
  },
  {
    method: 'DELETE',
    pattern: '/apps/:id',
    handler: ({ state, params, newAction }) => {
      const app = getApp(state, params.id ?? '');
      state.apps.delete(app.id);
      for (const [dbId, db] of state.dbs) if (db.appid === app.id) state.dbs.delete(dbId);
      return ok({}, newAction(app.serverid));
    },
  },
];
