import { notFound } from './result.js';
import type { SimApp, SimDb, SimServer, SimSshKey, SimSysuser, SimulatorState } from './types.js';

// Every unknown id is a 404 with the API's error body.

export const getServer = (state: SimulatorState, id: string): SimServer =>
  state.servers.get(id) ?? notFound('Server', id);
export const getSysuser = (state: SimulatorState, id: string): SimSysuser =>
  state.sysusers.get(id) ?? notFound('System user', id);
export const getSshKey = (state: SimulatorState, id: string): SimSshKey =>
  state.sshkeys.get(id) ?? notFound('SSH key', id);
export const getApp = (state: SimulatorState, id: string): SimApp =>
  state.apps.get(id) ?? notFound('App', id);
export const getDb = (state: SimulatorState, id: string): SimDb =>
  state.dbs.get(id) ?? notFound('Database', id);

export const serializeServer = ({ apikey: _apikey, ...server }: SimServer) => ({
  ...server,
  available_runtimes: [...server.available_runtimes],
});
export const serializeSysuser = (u: SimSysuser) => ({ id: u.id, name: u.name, serverid: u.serverid });
export const serializeDb = (db: SimDb) => ({
  id: db.id,
  name: db.name,
  appid: db.appid,
  serverid: db.serverid,
  user: { id: db.user.id, name: db.user.name },
});
