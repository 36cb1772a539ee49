/** `/servers`: list, connect, read, update and detach servers. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { invalidOption, type SdkError } from '../errors.js';
import { type EmptyData, EmptyDataCodec, type Mutation, type Server, ServerCodec } from './codecs.js';
import type { RequestOptions } from './options.js';
import type { Transport } from './transport.js';
import { defined, idSegment, nonEmptyString, withValid } from './validate.js';

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

export const createServersResource = (transport: Transport): ServersResource => ({
  list: (options) =>
    pipe(
      transport.send(
        { method: 'GET', path: 'servers', codec: t.readonlyArray(ServerCodec), idempotent: true },
        options,
      ),
      TE.map((r) => r.data),
    ),
  get: (serverId, options) =>
    withValid(idSegment('serverId', serverId), (id) =>
      pipe(
        transport.send(
          { method: 'GET', path: `servers/${id}`, codec: ServerCodec, idempotent: true },
          options,
        ),
        TE.map((r) => r.data),
      ),
    ),
  create: (input, options) =>
    withValid(
      pipe(
        nonEmptyString('name', input?.name, 'www1'),
        E.map(() => defined({ ...input })),
      ),
      (body) =>
        transport.send(
          { method: 'POST', path: 'servers', codec: ServerCodec, body, idempotent: false },
          options,
        ),
    ),
  update: (serverId, input, options) =>
    withValid(
      pipe(
        idSegment('serverId', serverId),
        E.flatMap((id) =>
          pipe(
            validateUpdate(input),
            E.map((body) => ({ id, body })),
          ),
        ),
      ),
      ({ id, body }) =>
        transport.send(
          { method: 'POST', path: `servers/${id}`, codec: ServerCodec, body, idempotent: true },
          options,
        ),
    ),
  delete: (serverId, options) =>
    withValid(idSegment('serverId', serverId), (id) =>
      transport.send(
        { method: 'DELETE', path: `servers/${id}`, codec: EmptyDataCodec, idempotent: true },
        options,
      ),
    ),
});
