import type { Route } from '../context.js';
import { actionRoutes } from './actions.js';
import { appRoutes } from './apps.js';
import { dbRoutes } from './dbs.js';
import { serverRoutes } from './servers.js';
import { sshkeyRoutes } from './sshkeys.js';
import { sslRoutes } from './ssl.js';
import { sysuserRoutes } from './sysusers.js';

export const routes: readonly Route[] = [
  ...serverRoutes,
  ...sshkeyRoutes,
  ...sysuserRoutes,
  ...appRoutes,
  ...sslRoutes,
  ...dbRoutes,
  ...actionRoutes,
];

/** Matches `/apps/:id/ssl` against `/apps/abc/ssl` → `{ id: 'abc' }`; `undefined` when it does not fit. */
export const matchPattern = (pattern: string, path: string): Record<string, string> | undefined => {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
};
