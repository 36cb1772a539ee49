/** `/apps`: list, read, create, update (runtime or the whole domain list) and delete apps. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { invalidOption, type SdkError } from '../errors.js';
import { type App, AppCodec, type EmptyData, EmptyDataCodec, type Mutation } from './codecs.js';
import type { RequestOptions } from './options.js';
import type { Transport } from './transport.js';
import { defined, domainList, idSegment, nonEmptyString, withValid } from './validate.js';

/** Installs WordPress on a new app. */
export interface WordPressInstall {
  readonly site_title: string;
  readonly admin_user: string;
  readonly admin_password: string;
  readonly admin_email: string;
}

export interface CreateAppInput {
  /** 3 to 30 lowercase letters and digits. */
  readonly name: string;
  readonly sysuserid: string;
  /** One of the server's `available_runtimes`, such as `php8.2`. */
  readonly runtime: string;
  readonly domains?: readonly string[] | undefined;
  readonly wordpress?: WordPressInstall | undefined;
}

/** At least one of the two. `domains` REPLACES the whole list. */
export interface UpdateAppInput {
  readonly domains?: readonly string[] | undefined;
  readonly runtime?: string | undefined;
}

export interface AppsResource {
  /** `GET /apps`. The list never carries `autossl`. */
  readonly list: (options?: RequestOptions) => TE.TaskEither<SdkError, readonly App[]>;
  /** `GET /apps/:id`, including `autossl`. */
  readonly get: (appId: string, options?: RequestOptions) => TE.TaskEither<SdkError, App>;
  /** `POST /apps`. Not retried after an answer that may mean it was created. */
  readonly create: (
    input: CreateAppInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<App>>;
  /** `POST /apps/:id`. `domains` replaces the whole list: read, change, then write it all. */
  readonly update: (
    appId: string,
    input: UpdateAppInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<App>>;
  /** `DELETE /apps/:id`. */
  readonly delete: (appId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

const AppListCodec = t.readonlyArray(AppCodec);

const validateUpdate = (input: UpdateAppInput): E.Either<SdkError, Record<string, unknown>> => {
  if (
    typeof input !== 'object' ||
    input === null ||
    (input.domains === undefined && input.runtime === undefined)
  ) {
    return E.left(
      invalidOption('input', "pass { domains } and/or { runtime }, such as { runtime: 'php8.2' }"),
    );
  }
  const domains: E.Either<SdkError, readonly string[] | undefined> =
    input.domains === undefined ? E.right(undefined) : domainList('domains', input.domains);
  const runtime: E.Either<SdkError, string | undefined> =
    input.runtime === undefined ? E.right(undefined) : nonEmptyString('runtime', input.runtime, 'php8.2');
  if (E.isLeft(domains)) return domains;
  if (E.isLeft(runtime)) return runtime;
  return E.right(defined({ domains: domains.right, runtime: runtime.right }));
};

const validateCreate = (input: CreateAppInput): E.Either<SdkError, Record<string, unknown>> => {
  if (typeof input !== 'object' || input === null) {
    return E.left(invalidOption('input', "pass { name, sysuserid, runtime }, such as { name: 'blog', … }"));
  }
  return pipe(
    nonEmptyString('name', input.name, 'blog'),
    E.flatMap(() => nonEmptyString('sysuserid', input.sysuserid, 'RvnwAIfuENyjUVnl')),
    E.flatMap(() => nonEmptyString('runtime', input.runtime, 'php8.2')),
    E.flatMap(() => (input.domains === undefined ? E.right([]) : domainList('domains', input.domains))),
    E.map(() => defined({ ...input })),
  );
};

export const createAppsResource = (transport: Transport): AppsResource => ({
  list: (options) =>
    pipe(
      transport.send({ method: 'GET', path: 'apps', codec: AppListCodec, idempotent: true }, options),
      TE.map((r) => r.data),
    ),
  get: (appId, options) =>
    withValid(idSegment('appId', appId), (id) =>
      pipe(
        transport.send({ method: 'GET', path: `apps/${id}`, codec: AppCodec, idempotent: true }, options),
        TE.map((r) => r.data),
      ),
    ),
  create: (input, options) =>
    withValid(validateCreate(input), (body) =>
      transport.send({ method: 'POST', path: 'apps', codec: AppCodec, body, idempotent: false }, options),
    ),
  update: (appId, input, options) =>
    withValid(
      pipe(
        idSegment('appId', appId),
        E.flatMap((id) =>
          pipe(
            validateUpdate(input),
            E.map((body) => ({ id, body })),
          ),
        ),
      ),
      ({ id, body }) =>
        transport.send(
          { method: 'POST', path: `apps/${id}`, codec: AppCodec, body, idempotent: true },
          options,
        ),
    ),
  delete: (appId, options) =>
    withValid(idSegment('appId', appId), (id) =>
      transport.send(
        { method: 'DELETE', path: `apps/${id}`, codec: EmptyDataCodec, idempotent: true },
        options,
      ),
    ),
});
