/** `/servers`: list, connect, read, update and detach servers. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import { type EmptyData, type Mutation, type Server, ServerCodec } from './codecs.js';
import type { RequestOptions } from './options.js';
import { createWith, deleteById, getById, listOf, type PathOf, updateById } from './resource.js';
import type { Transport } from './transport.js';
import { defined, nonEmptyString } from './validate.js';

/** The body of `POST /servers`: a new server record to connect with the installer. */
export interface CreateServerInput {
  readonly name: string;
  /** `economy`, `business` or `first_class`; the API's default is `economy`. */
  readonly plan?: string | undefined;
  readonly enable_ssh_password_auth?: boolean | undefined;
}

/** At least one field. */
export interface UpdateServerInput {
  readonly plan?: string | undefined;
  readonly firewall?: boolean | undefined;
  readonly autoupdates?: boolean | undefined;
  readonly deny_unknown_domains?: boolean | undefined;
}

/** `client.servers`: list, read, create, update and delete servers. */
export interface ServersResource {
  /** `GET /servers`. */
  readonly list: (options?: RequestOptions) => TE.TaskEither<SdkError, readonly Server[]>;
  /** `GET /servers/:id`. `lastaddress` is the server's public IP (or `null`). */
  readonly get: (serverId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Server>;
  /** `POST /servers`: the answer carries the `apikey` the installer needs. */
  readonly create: (
    input: CreateServerInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<Server>>;
  /** `POST /servers/:id`. */
  readonly update: (
    serverId: string,
    input: UpdateServerInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<Server>>;
  /** `DELETE /servers/:id`: detaches the server from the account. */
  readonly delete: (
    serverId: string,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

const UPDATE_FIELDS = ['plan', 'firewall', 'autoupdates', 'deny_unknown_domains'] as const;

const validateUpdate = (input: UpdateServerInput): E.Either<SdkError, Record<string, unknown>> => {
  const body = typeof input === 'object' && input !== null ? defined({ ...input }) : {};
  return UPDATE_FIELDS.some((f) => f in body)
    ? E.right(body)
    : E.left(
        invalidOption(
          'input',
          `pass at least one of ${UPDATE_FIELDS.join(', ')}, such as { firewall: true }`,
        ),
      );
};

const validateCreate = (input: CreateServerInput): E.Either<SdkError, Record<string, unknown>> =>
  pipe(
    nonEmptyString('name', input?.name, 'www1'),
    E.map(() => defined({ ...input })),
  );

const serverPath: PathOf = (id) => `servers/${id}`;

export const createServersResource = (transport: Transport): ServersResource => ({
  list: listOf(transport, 'servers', ServerCodec),
  get: getById(transport, 'serverId', serverPath, ServerCodec),
  create: createWith(transport, 'servers', ServerCodec, validateCreate),
  update: updateById(transport, 'serverId', serverPath, ServerCodec, validateUpdate),
  delete: deleteById(transport, 'serverId', serverPath),
});
