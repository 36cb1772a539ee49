import type { Route } from '../context.js';
import { notFound, ok } from '../result.js';
import type { SimAction, SimActionStatus } from '../types.js';

/** `open` until the clock reaches `settlesAt`, then the outcome. */
export const actionStatus = (action: SimAction, nowMs: number): SimActionStatus =>
  nowMs >= action.settlesAt ? action.outcome : 'open';

export const actionRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/actions/:id',
    handler: ({ state, params, nowMs }) => {
      const id = params.id ?? '';
      const action = state.actions.get(id) ?? notFound('Action', id);
      return ok({
        id: action.id,
        serverid: action.serverid,
        status: actionStatus(action, nowMs),
        datecreated: action.datecreated,
      });
    },
  },
];
