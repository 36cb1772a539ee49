/** `/apps`: list, read, create, update (runtime or the whole domain list) and delete apps. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import { type App, AppCodec, type EmptyData, type Mutation } from './codecs.js';
import type { RequestOptions } from './options.js';
import { createWith, deleteById, getById, listOf, type PathOf, updateById } from './resource.js';
import type { Transport } from './transport.js';
import { defined, domainList, nonEmptyString } from './validate.js';

/** Installs WordPress on a new app. */
export interface WordPressInstall {
  readonly site_title: string;
  readonly admin_user: string;
  readonly admin_password: string;
  readonly admin_email: string;
}

/** The body of `POST /apps`: a new app on a system user, optionally with domains and WordPress. */
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

/** `client.apps`: list, read, create, update and delete apps. */
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
  /**
   * `POST /apps/:id`. `domains` replaces the whole list: read, change, then write it all. A
   * domain write is never resent after it may have reached the server (an error answer, a
   * dropped connection): read the app again and plan from what it holds.
   */
  readonly update: (
    appId: string,
    input: UpdateAppInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<App>>;
  /** `DELETE /apps/:id`. */
  readonly delete: (appId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

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

const appPath: PathOf = (id) => `apps/${id}`;

export const createAppsResource = (transport: Transport): AppsResource => ({
  list: listOf(transport, 'apps', AppCodec),
  get: getById(transport, 'appId', appPath, AppCodec),
  create: createWith(transport, 'apps', AppCodec, validateCreate),
  update: updateById(transport, 'appId', appPath, AppCodec, validateUpdate, (input) =>
    input.domains === undefined ? 'always' : 'if-never-sent',
  ),
  delete: deleteById(transport, 'appId', appPath),
});
