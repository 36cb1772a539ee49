/** `/sysusers`: Linux users on a server, and the SSH keys each may log in with. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import {
  type EmptyData,
  EmptyDataCodec,
  type Mutation,
  type SshKey,
  SshKeyCodec,
  type Sysuser,
  SysuserCodec,
} from './codecs.js';
import type { RequestOptions } from './options.js';
import { createWith, deleteById, getById, listById, listOf, type PathOf, updateById } from './resource.js';
import type { Transport } from './transport.js';
import { defined, idSegment, nonEmptyString } from './validate.js';

/** The body of `POST /sysusers`: a system user on a server. */
export interface CreateSysuserInput {
  readonly serverid: string;
  /** 3 to 32 characters: lowercase letters, digits and dashes, starting with a letter. */
  readonly name: string;
  /** At least 8 characters; without one, the user cannot log in with a password. */
  readonly password?: string | undefined;
  /** An SSH key (from `client.sshkeys`) to authorize for this user. */
  readonly sshkey_id?: string | undefined;
}

/** `client.sysusers`: list, read, create, update and delete system users, and their SSH keys. */
export interface SysusersResource {
  /** `GET /sysusers`. */
  readonly list: (options?: RequestOptions) => TE.TaskEither<SdkError, readonly Sysuser[]>;
  /** `GET /sysusers/:id`. */
  readonly get: (sysuserId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Sysuser>;
  /** `POST /sysusers`. */
  readonly create: (
    input: CreateSysuserInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<Sysuser>>;
  /** `POST /sysusers/:id {password}`. */
  readonly update: (
    sysuserId: string,
    input: { readonly password: string },
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<Sysuser>>;
  /** `DELETE /sysusers/:id`: also deletes the user's apps and their databases. */
  readonly delete: (
    sysuserId: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
  /** `GET /sysusers/:id/sshkeys`. */
  readonly listSshKeys: (
    sysuserId: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, readonly SshKey[]>;
  /** `POST /sysusers/:id/sshkeys {sshkey_id}`. */
  readonly addSshKey: (
    sysuserId: string,
    sshKeyId: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
  /** `DELETE /sysusers/:id/sshkeys/:sshkey_id`. */
  readonly removeSshKey: (
    sysuserId: string,
    sshKeyId: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

/** Both ids checked, the user's first, before any request. */
const keyIds = (sysuserId: string, sshKeyId: string): E.Either<SdkError, { id: string; keyId: string }> =>
  pipe(E.Do, E.apS('id', idSegment('sysuserId', sysuserId)), E.apS('keyId', idSegment('sshKeyId', sshKeyId)));

/** A call on one SSH key of one user: both ids checked before the request, which may be resent. */
const keyCall =
  (
    transport: Transport,
    request: (
      id: string,
      keyId: string,
    ) => { readonly method: 'POST' | 'DELETE'; readonly path: string; readonly body?: unknown },
  ) =>
  (
    sysuserId: string,
    sshKeyId: string,
    options?: RequestOptions,
  ): TE.TaskEither<SdkError, Mutation<EmptyData>> =>
    pipe(
      TE.fromEither(keyIds(sysuserId, sshKeyId)),
      TE.flatMap(({ id, keyId }) =>
        transport.send({ ...request(id, keyId), codec: EmptyDataCodec, resend: 'always' }, options),
      ),
    );

const validateCreate = (input: CreateSysuserInput): E.Either<SdkError, Record<string, unknown>> =>
  pipe(
    nonEmptyString('serverid', input?.serverid, 'FqHWrrcUfRI18F0l'),
    E.flatMap(() => nonEmptyString('name', input.name, 'deploy')),
    E.map(() => defined({ ...input })),
  );

const passwordBody = (input: { readonly password: string }): E.Either<SdkError, { password: string }> =>
  pipe(
    nonEmptyString('password', input?.password, 'a long passphrase'),
    E.map((password) => ({ password })),
  );

const sysuserPath: PathOf = (id) => `sysusers/${id}`;

export const createSysusersResource = (transport: Transport): SysusersResource => ({
  list: listOf(transport, 'sysusers', SysuserCodec),
  get: getById(transport, 'sysuserId', sysuserPath, SysuserCodec),
  create: createWith(transport, 'sysusers', SysuserCodec, validateCreate),
  update: updateById(transport, 'sysuserId', sysuserPath, SysuserCodec, passwordBody),
  delete: deleteById(transport, 'sysuserId', sysuserPath),
  listSshKeys: listById(transport, 'sysuserId', (id) => `sysusers/${id}/sshkeys`, SshKeyCodec),
  addSshKey: keyCall(transport, (id, keyId) => ({
    method: 'POST',
    path: `sysusers/${id}/sshkeys`,
    body: { sshkey_id: decodeURIComponent(keyId) },
  })),
  removeSshKey: keyCall(transport, (id, keyId) => ({
    method: 'DELETE',
    path: `sysusers/${id}/sshkeys/${keyId}`,
  })),
});
