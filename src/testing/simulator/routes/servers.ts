import type { Route } from '../context.js';
import { getServer, serializeServer } from '../lookup.js';
import { badRequest, conflict, ok } from '../result.js';
import { SIMULATOR_RUNTIMES } from '../seed.js';
import type { SimServer } from '../types.js';
import { checkName, optionalBool, optionalString, requiredString } from '../validate.js';

const PLANS = ['economy', 'business', 'first_class'];

export const serverRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/servers',
    handler: ({ state }) => ok([...state.servers.values()].map(serializeServer)),
  },
  {
    method: 'POST',
    pattern: '/servers',
    handler: ({ state, body, nextId, newAction, nowSeconds }) => {
      const name = checkName(
        requiredString(body, 'name'),
        /^[a-z]([a-z0-9.-]{0,253}[a-z0-9])?$/,
        'lowercase letters, digits, dots and dashes; start with a letter, end with a letter or digit.',
      );
      const plan = optionalString(body, 'plan') ?? 'economy';
      if (!PLANS.includes(plan)) badRequest(`Unknown plan '${plan}'.`);
      if ([...state.servers.values()].some((s) => s.name === name))
        conflict(`A server named ${name} exists.`);
      const server: SimServer = {
        id: nextId('S'),
        name,
        plan,
        autoupdates: true,
        firewall: true,
        deny_unknown_domains: true,
        available_runtimes: [...SIMULATOR_RUNTIMES],
        lastaddress: null,
        lastconn: null,
        datecreated: nowSeconds,
        apikey: `sim-server-apikey-${state.servers.size + 1}`,
      };
      state.servers.set(server.id, server);
      // The one response that shows the server's own API key.
      return ok({ ...server }, newAction(server.id));
    },
  },
  {
    method: 'GET',
    pattern: '/servers/:id',
    handler: ({ state, params }) => ok(serializeServer(getServer(state, params.id ?? ''))),
  },
  {
    method: 'POST',
    pattern: '/servers/:id',
    handler: ({ state, params, body, newAction }) => {
      const server = getServer(state, params.id ?? '');
      const plan = optionalString(body, 'plan');
      if (plan !== undefined && !PLANS.includes(plan)) badRequest(`Unknown plan '${plan}'.`);
      const firewall = optionalBool(body, 'firewall');
      const autoupdates = optionalBool(body, 'autoupdates');
      const deny = optionalBool(body, 'deny_unknown_domains');
      if (plan !== undefined) server.plan = plan;
      if (firewall !== undefined) server.firewall = firewall;
      if (autoupdates !== undefined) server.autoupdates = autoupdates;
      if (deny !== undefined) server.deny_unknown_domains = deny;
      return ok(serializeServer(server), newAction(server.id));
    },
  },
  {
    method: 'DELETE',
    pattern: '/servers/:id',
    handler: ({ state, params }) => {
      const server = getServer(state, params.id ?? '');
      state.servers.delete(server.id);
      for (const [id, u] of state.sysusers) if (u.serverid === server.id) state.sysusers.delete(id);
      for (const [id, a] of state.apps) if (a.serverid === server.id) state.apps.delete(id);
      for (const [id, d] of state.dbs) if (d.serverid === server.id) state.dbs.delete(id);
      return ok({});
    },
  },
];
