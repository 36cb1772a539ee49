/** `/sshkeys`: account-wide SSH public keys, assignable to system users. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import type { SdkError } from '../errors.js';
import { type EmptyData, EmptyDataCodec, type Mutation, type SshKey, SshKeyCodec } from './codecs.js';
import type { RequestOptions } from './options.js';
import type { Transport } from './transport.js';
import { idSegment, nonEmptyString, withValid } from './validate.js';

export interface CreateSshKeyInput {
  /** 1 to 50 printable characters other than `<`, `>` and `"`. */
  readonly name: string;
  /** The contents of a `.pub` file: `ssh-ed25519 AAAA… comment` or `ssh-rsa …`. */
  readonly public_key: string;
}

export interface SshKeysResource {
  /** `GET /sshkeys`. */
  readonly list: (options?: RequestOptions) => TE.TaskEither<SdkError, readonly SshKey[]>;
  /** `GET /sshkeys/:id`, with the system users using the key. */
  readonly get: (sshKeyId: string, options?: RequestOptions) => TE.TaskEither<SdkError, SshKey>;
  /** `POST /sshkeys`. */
  readonly create: (
    input: CreateSshKeyInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<SshKey>>;
  /** `POST /sshkeys/:id {name}`. */
  readonly rename: (
    sshKeyId: string,
    name: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<SshKey>>;
  /** `DELETE /sshkeys/:id`: refused while a system user still uses the key. */
  readonly delete: (
    sshKeyId: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

export const createSshKeysResource = (transport: Transport): SshKeysResource => ({
  list: (options) =>
    pipe(
      transport.send(
        { method: 'GET', path: 'sshkeys', codec: t.readonlyArray(SshKeyCodec), idempotent: true },
        options,
      ),
      TE.map((r) => r.data),
    ),
  get: (sshKeyId, options) =>
    withValid(idSegment('sshKeyId', sshKeyId), (id) =>
      pipe(
        transport.send(
          { method: 'GET', path: `sshkeys/${id}`, codec: SshKeyCodec, idempotent: true },
          options,
        ),
        TE.map((r) => r.data),
      ),
    ),
  create: (input, options) =>
    withValid(
      pipe(
        nonEmptyString('name', input?.name, "joe's key"),
        E.flatMap(() => nonEmptyString('public_key', input.public_key, 'ssh-ed25519 AAAA… joe@laptop')),
        E.map(() => ({ name: input.name, public_key: input.public_key })),
      ),
      (body) =>
        transport.send(
          { method: 'POST', path: 'sshkeys', codec: SshKeyCodec, body, idempotent: false },
          options,
        ),
    ),
  rename: (sshKeyId, name, options) =>
    withValid(
      pipe(
        idSegment('sshKeyId', sshKeyId),
        E.flatMap((id) =>
          pipe(
            nonEmptyString('name', name, "joe's key"),
            E.map((value) => ({ id, value })),
          ),
        ),
      ),
      ({ id, value }) =>
        transport.send(
          {
            method: 'POST',
            path: `sshkeys/${id}`,
            codec: SshKeyCodec,
            body: { name: value },
            idempotent: true,
          },
          options,
        ),
    ),
  delete: (sshKeyId, options) =>
    withValid(idSegment('sshKeyId', sshKeyId), (id) =>
      transport.send(
        { method: 'DELETE', path: `sshkeys/${id}`, codec: EmptyDataCodec, idempotent: true },
        options,
      ),
    ),
});
