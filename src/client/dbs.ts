/** `/dbs`: MySQL databases of apps, each with one user. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import { type Db, DbCodec, type EmptyData, type Mutation } from './codecs.js';
import type { RequestOptions } from './options.js';
import { createWith, deleteById, getById, listOf, type PathOf, updateById } from './resource.js';
import type { Transport } from './transport.js';
import { nonEmptyString } from './validate.js';

/** The body of `POST /dbs`: a database and its user for an app. */
export interface CreateDbInput {
  readonly appid: string;
  /** 3 to 64 characters: lowercase letters, digits and dashes. */
  readonly name: string;
  /** The database's one user: name at most 16 characters, password at least 8. */
  readonly user: { readonly name: string; readonly password: string };
}

/** Changes the database user's password. */
export interface UpdateDbInput {
  readonly user: { readonly id: string; readonly password: string };
}

/** `client.dbs`: list, read, create, update (the user's password) and delete databases. */
export interface DbsResource {
  /** `GET /dbs`. */
  readonly list: (options?: RequestOptions) => TE.TaskEither<SdkError, readonly Db[]>;
  /** `GET /dbs/:id`. */
  readonly get: (dbId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Db>;
  /** `POST /dbs`. */
  readonly create: (input: CreateDbInput, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<Db>>;
  /** `POST /dbs/:id {user: {id, password}}`. */
  readonly update: (
    dbId: string,
    input: UpdateDbInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<Db>>;
  /** `DELETE /dbs/:id`. */
  readonly delete: (dbId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

const validateCreate = (input: CreateDbInput): E.Either<SdkError, CreateDbInput> =>
  pipe(
    nonEmptyString('appid', input?.appid, 'nlcN0TwdZAyNEgdp'),
    E.flatMap(() => nonEmptyString('name', input.name, 'gallerydb')),
    E.flatMap(() => nonEmptyString('user.name', input.user?.name, 'arturo')),
    E.flatMap(() => nonEmptyString('user.password', input.user.password, 'a long passphrase')),
    E.map(() => ({
      appid: input.appid,
      name: input.name,
      user: { name: input.user.name, password: input.user.password },
    })),
  );

const validateUpdate = (input: UpdateDbInput): E.Either<SdkError, UpdateDbInput> =>
  pipe(
    nonEmptyString('user.id', input?.user?.id, 'k2HWtU33mpUsfOdA'),
    E.flatMap(() => nonEmptyString('user.password', input.user.password, 'a long passphrase')),
    E.map(() => ({ user: { id: input.user.id, password: input.user.password } })),
  );

const dbPath: PathOf = (id) => `dbs/${id}`;

export const createDbsResource = (transport: Transport): DbsResource => ({
  list: listOf(transport, 'dbs', DbCodec),
  get: getById(transport, 'dbId', dbPath, DbCodec),
  create: createWith(transport, 'dbs', DbCodec, validateCreate),
  update: updateById(transport, 'dbId', dbPath, DbCodec, validateUpdate),
  delete: deleteById(transport, 'dbId', dbPath),
});
