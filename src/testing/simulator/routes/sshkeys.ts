import { createHash } from 'node:crypto';
import type { Route } from '../context.js';
import { getSshKey, serializeSysuser } from '../lookup.js';
import { badRequest, ok } from '../result.js';
import type { SimSshKey } from '../types.js';
import { requiredString } from '../validate.js';

const checkKeyName = (name: string): string =>
  name.length >= 1 && name.length <= 50 && !/[<>"]/.test(name)
    ? name
    : badRequest('An SSH key name has 1 to 50 characters, none of them <, > or ".');

/** `KEY_TYPE BASE64 [comment]` with type ssh-rsa or ssh-ed25519, as the API requires. */
const fingerprint = (publicKey: string): string => {
  const match = /^(ssh-rsa|ssh-ed25519) ([A-Za-z0-9+/]+=*)( .*)?$/.exec(publicKey.trim());
  const blob = match?.[2] ?? badRequest("The public key must look like 'ssh-ed25519 AAAA... comment'.");
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
};

export const sshkeyRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/sshkeys', handler: ({ state }) => ok([...state.sshkeys.values()]) },
  {
    method: 'POST',
    pattern: '/sshkeys',
    handler: ({ state, body, nextId, nowSeconds }) => {
      const name = checkKeyName(requiredString(body, 'name'));
      const publicKey = requiredString(body, 'public_key');
      const key: SimSshKey = {
        id: nextId('K'),
        name,
        public_key: publicKey,
        sha256_fingerprint: fingerprint(publicKey),
        datecreated: nowSeconds,
      };
      state.sshkeys.set(key.id, key);
      return ok({ ...key });
    },
  },
  {
    method: 'GET',
    pattern: '/sshkeys/:id',
    handler: ({ state, params }) => {
      const key = getSshKey(state, params.id ?? '');
      const users = [...state.sysusers.values()].filter((u) => u.sshkeyids.includes(key.id));
      return ok({
        ...key,
        sysusers: users.map((u) => ({ ...serializeSysuser(u), datecreated: u.datecreated })),
      });
    },
  },
  {
    method: 'POST',
    pattern: '/sshkeys/:id',
    handler: ({ state, params, body }) => {
      const key = getSshKey(state, params.id ?? '');
      key.name = checkKeyName(requiredString(body, 'name'));
      return ok({ ...key });
    },
  },
  {
    method: 'DELETE',
    pattern: '/sshkeys/:id',
    handler: ({ state, params }) => {
      const key = getSshKey(state, params.id ?? '');
      if ([...state.sysusers.values()].some((u) => u.sshkeyids.includes(key.id))) {
        badRequest('An SSH key in use by a system user cannot be deleted.');
      }
      state.sshkeys.delete(key.id);
      return ok({});
    },
  },
];
