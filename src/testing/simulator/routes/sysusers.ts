import type { Route } from '../context.js';
import { getServer, getSshKey, getSysuser, serializeSysuser } from '../lookup.js';
import { conflict, notFound, ok } from '../result.js';
import type { SimSysuser } from '../types.js';
import { checkName, checkPassword, optionalString, requiredString } from '../validate.js';

export const sysuserRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/sysusers',
    handler: ({ state }) => ok([...state.sysusers.values()].map(serializeSysuser)),
  },
  {
    method: 'POST',
    pattern: '/sysusers',
    handler: ({ state, body, nextId, newAction, nowSeconds }) => {
      const server = getServer(state, requiredString(body, 'serverid'));
      const name = checkName(
        requiredString(body, 'name'),
        /^[a-z][a-z0-9-]{2,31}$/,
        '3 to 32 lowercase letters, digits or dashes, starting with a letter.',
      );
      const password = optionalString(body, 'password');
      const sshkeyId = optionalString(body, 'sshkey_id');
      if (password !== undefined) checkPassword(password);
      if (sshkeyId !== undefined) getSshKey(state, sshkeyId);
      if ([...state.sysusers.values()].some((u) => u.serverid === server.id && u.name === name)) {
        conflict(`A system user named ${name} exists on this server.`);
      }
      const sysuser: SimSysuser = {
        id: nextId('U'),
        name,
        serverid: server.id,
        datecreated: nowSeconds,
        password: password ?? null,
        sshkeyids: sshkeyId === undefined ? [] : [sshkeyId],
      };
      state.sysusers.set(sysuser.id, sysuser);
      return ok(serializeSysuser(sysuser), newAction(server.id));
    },
  },
  {
    method: 'GET',
    pattern: '/sysusers/:id',
    handler: ({ state, params }) => ok(serializeSysuser(getSysuser(state, params.id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/sysusers/:id',
    handler: ({ state, params, body, newAction }) => {
      const sysuser = getSysuser(state, params.id ?? '');
      sysuser.password = checkPassword(requiredString(body, 'password'));
      return ok(serializeSysuser(sysuser), newAction(sysuser.serverid));
    },
  },
  {
    method: 'DELETE',
    pattern: '/sysusers/:id',
    handler: ({ state, params, newAction }) => {
      const sysuser = getSysuser(state, params.id ?? '');
      state.sysusers.delete(sysuser.id);
      // Deleting a system user deletes its apps and their databases.
      for (const [appId, app] of state.apps) {
        if (app.sysuserid !== sysuser.id) continue;
        state.apps.delete(appId);
        for (const [dbId, db] of state.dbs) if (db.appid === appId) state.dbs.delete(dbId);
      }
      return ok({}, newAction(sysuser.serverid));
    },
  },
  {
    method: 'GET',
    pattern: '/sysusers/:id/sshkeys',
    handler: ({ state, params }) => {
      const sysuser = getSysuser(state, params.id ?? '');
      return ok(sysuser.sshkeyids.map((id) => ({ ...getSshKey(state, id) })));
    },
  },
  {
    method: 'POST',
    pattern: '/sysusers/:id/sshkeys',
    handler: ({ state, params, body, newAction }) => {
      const sysuser = getSysuser(state, params.id ?? '');
      const key = getSshKey(state, requiredString(body, 'sshkey_id'));
      if (!sysuser.sshkeyids.includes(key.id)) sysuser.sshkeyids.push(key.id);
      return ok({}, newAction(sysuser.serverid));
    },
  },
  {
    method: 'DELETE',
    pattern: '/sysusers/:id/sshkeys/:keyId',
    handler: ({ state, params, newAction }) => {
      const sysuser = getSysuser(state, params.id ?? '');
      const keyId = params.keyId ?? '';
      if (!sysuser.sshkeyids.includes(keyId)) notFound('SSH key', keyId);
      sysuser.sshkeyids = sysuser.sshkeyids.filter((id) => id !== keyId);
      return ok({}, newAction(sysuser.serverid));
    },
  },
];
