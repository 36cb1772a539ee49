/** `/sysusers`: Linux users on a server, and the SSH keys each may log in with. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import type { SdkError } from '../errors.js';
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
import type { Transport } from './transport.js';
import { defined, idSegment, nonEmptyString, withValid } from './validate.js';

export interface CreateSysuserInput {
  readonly serverid: string;
  /** 3 to 32 characters: lowercase letters, digits and dashes, starting with a letter. */
  readonly name: string;
  /** At least 8 characters; without one, the user cannot log in with a password. */
  readonly password?: string | undefined;
  /** An SSH key (from `client.sshkeys`) to authorize for this user. */
  readonly sshkey_id?: string | undefined;
}

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

const both = (a: E.Either<SdkError, string>, b: E.Either<SdkError, string>) =>
  pipe(
    a,
    E.flatMap((first) =>
      pipe(
        b,
        E.map((second) => [first, second] as const),
      ),
    ),
  );

export const createSysusersResource = (transport: Transport): SysusersResource => ({
  list: (options) =>
    pipe(
      transport.send(
        { method: 'GET', path: 'sysusers', codec: t.readonlyArray(SysuserCodec), idempotent: true },
        options,
      ),
      TE.map((r) => r.data),
    ),
  get: (sysuserId, options) =>
    withValid(idSegment('sysuserId', sysuserId), (id) =>
      pipe(
        transport.send(
          { method: 'GET', path: `sysusers/${id}`, codec: SysuserCodec, idempotent: true },
          options,
        ),
        TE.map((r) => r.data),
      ),
    ),
  create: (input, options) =>
    withValid(
      pipe(
        nonEmptyString('serverid', input?.serverid, 'FqHWrrcUfRI18F0l'),
        E.flatMap(() => nonEmptyString('name', input.name, 'deploy')),
        E.map(() => defined({ ...input })),
      ),
      (body) =>
        transport.send(
          { method: 'POST', path: 'sysusers', codec: SysuserCodec, body, idempotent: false },
          options,
        ),
    ),
  update: (sysuserId, input, options) =>
    withValid(
      both(
        idSegment('sysuserId', sysuserId),
        nonEmptyString('password', input?.password, 'a long passphrase'),
      ),
      ([id, password]) =>
        transport.send(
          {
            method: 'POST',
            path: `sysusers/${id}`,
            codec: SysuserCodec,
            body: { password },
            idempotent: true,
          },
          options,
        ),
    ),
  delete: (sysuserId, options) =>
    withValid(idSegment('sysuserId', sysuserId), (id) =>
      transport.send(
        { method: 'DELETE', path: `sysusers/${id}`, codec: EmptyDataCodec, idempotent: true },
        options,
      ),
    ),
  listSshKeys: (sysuserId, options) =>
    withValid(idSegment('sysuserId', sysuserId), (id) =>
      pipe(
        transport.send(
          {
            method: 'GET',
            path: `sysusers/${id}/sshkeys`,
            codec: t.readonlyArray(SshKeyCodec),
            idempotent: true,
          },
          options,
        ),
        TE.map((r) => r.data),
      ),
    ),
  addSshKey: (sysuserId, sshKeyId, options) =>
    withValid(both(idSegment('sysuserId', sysuserId), idSegment('sshKeyId', sshKeyId)), ([id, keyId]) =>
      transport.send(
        {
          method: 'POST',
          path: `sysusers/${id}/sshkeys`,
          codec: EmptyDataCodec,
          body: { sshkey_id: decodeURIComponent(keyId) },
          idempotent: true,
        },
        options,
      ),
    ),
  removeSshKey: (sysuserId, sshKeyId, options) =>
    withValid(both(idSegment('sysuserId', sysuserId), idSegment('sshKeyId', sshKeyId)), ([id, keyId]) =>
      transport.send(
        {
          method: 'DELETE',
          path: `sysusers/${id}/sshkeys/${keyId}`,
          codec: EmptyDataCodec,
          idempotent: true,
        },
        options,
      ),
    ),
});
