/** `/sshkeys`: account-wide SSH public keys, assignable to system users. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import { type EmptyData, type Mutation, type SshKey, SshKeyCodec } from './codecs.js';
import type { RequestOptions } from './options.js';
import { createWith, deleteById, getById, listOf, type PathOf, updateById } from './resource.js';
import type { Transport } from './transport.js';
import { nonEmptyString } from './validate.js';

/** The body of `POST /sshkeys`: a public key and its name. */
export interface CreateSshKeyInput {
  /** 1 to 50 printable characters other than `<`, `>` and `"`. */
  readonly name: string;
  /** The contents of a `.pub` file: `ssh-ed25519 AAAA… comment` or `ssh-rsa …`. */
  readonly public_key: string;
}

/** `client.sshkeys`: list, read, add, rename and delete SSH keys of the account. */
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

const validateCreate = (input: CreateSshKeyInput): E.Either<SdkError, CreateSshKeyInput> =>
  pipe(
    nonEmptyString('name', input?.name, "joe's key"),
    E.flatMap(() => nonEmptyString('public_key', input.public_key, 'ssh-ed25519 AAAA… joe@laptop')),
    E.map(() => ({ name: input.name, public_key: input.public_key })),
  );

const renameBody = (name: string): E.Either<SdkError, { readonly name: string }> =>
  pipe(
    nonEmptyString('name', name, "joe's key"),
    E.map((value) => ({ name: value })),
  );

const sshKeyPath: PathOf = (id) => `sshkeys/${id}`;

export const createSshKeysResource = (transport: Transport): SshKeysResource => ({
  list: listOf(transport, 'sshkeys', SshKeyCodec),
  get: getById(transport, 'sshKeyId', sshKeyPath, SshKeyCodec),
  create: createWith(transport, 'sshkeys', SshKeyCodec, validateCreate),
  rename: updateById(transport, 'sshKeyId', sshKeyPath, SshKeyCodec, renameBody),
  delete: deleteById(transport, 'sshKeyId', sshKeyPath),
});
