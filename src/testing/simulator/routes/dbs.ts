import type { Route } from '../context.js';
import { getApp, getDb, serializeDb } from '../lookup.js';
import { badRequest, conflict, ok } from '../result.js';
import type { SimDb } from '../types.js';
import { checkName, checkPassword, optionalObject, requiredString } from '../validate.js';

export const dbRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/dbs', handler: ({ state }) => ok([...state.dbs.values()].map(serializeDb)) },
  {
    method: 'POST',
    pattern: '/dbs',
    handler: ({ state, body, nextId, newAction }) => {
      const app = getApp(state, requiredString(body, 'appid'));
      const name = checkName(
        requiredString(body, 'name'),
        /^[a-z0-9-]{3,64}$/,
        '3 to 64 lowercase letters, digits or dashes.',
      );
      const user = optionalObject(body, 'user') ?? badRequest("'user' is required: { name, password }.");
      const userName = requiredString(user, 'name');
      if (userName.length < 1 || userName.length > 16)
        badRequest('A database user name has at most 16 characters.');
      const password = checkPassword(requiredString(user, 'password'));
      if ([...state.dbs.values()].some((d) => d.serverid === app.serverid && d.name === name)) {
        conflict(`A database named ${name} exists on this server.`);
      }
      const db: SimDb = {
        id: nextId('D'),
        name,
        appid: app.id,
        serverid: app.serverid,
        user: { id: nextId('B'), name: userName, password },
      };
      state.dbs.set(db.id, db);
      return ok(serializeDb(db), newAction(db.serverid));
    },
  },
  {
    method: 'GET',
    pattern: '/dbs/:id',
    handler: ({ state, params }) => ok(serializeDb(getDb(state, params.id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/dbs/:id',
    handler: ({ state, params, body, newAction }) => {
      const db = getDb(state, params.id ?? '');
      const user = optionalObject(body, 'user') ?? badRequest("'user' is required: { id, password }.");
      if (requiredString(user, 'id') !== db.user.id) badRequest(`'user.id' is not this database's user.`);
      db.user.password = checkPassword(requiredString(user, 'password'));
      return ok(serializeDb(db), newAction(db.serverid));
    },
  },
  {
    method: 'DELETE',
    pattern: '/dbs/:id',
    handler: ({ state, params, newAction }) => {
      const db = getDb(state, params.id ?? '');
      state.dbs.delete(db.id);
      return ok({}, newAction(db.serverid));
    },
  },
];
