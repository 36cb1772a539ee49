/**
 * `/apps/:id/ssl`: AutoSSL, ForceSSL, custom certificates. Each is its own call, as the API
 * requires (ForceSSL cannot be set in the call that turns SSL on).
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SdkError } from '../errors/index.js';
import { flag } from '../internal/validate.js';
import {
  type AppSsl,
  AppSslCodec,
  type EmptyData,
  type InstalledSsl,
  InstalledSslCodec,
  type Mutation,
} from './codecs.js';
import type { RequestOptions } from './options.js';
import { deleteById, type PathOf, updateById } from './resource.js';
import type { Transport } from './transport.js';
import { idSegment, nonEmptyString } from './validate.js';

/** A custom certificate, PEM-encoded. `cacerts` is the chain, or `null` for none. */
export interface CustomSslInput {
  readonly key: string;
  readonly cert: string;
  readonly cacerts: string | null;
}

/** `client.ssl`: AutoSSL, ForceSSL, custom certificates and removal, on `/apps/:id/ssl`. */
export interface SslResource {
  /**
   * `POST /apps/:id/ssl {"auto": true}`. Only allowed while `app.autossl.available` is true and
   * no custom certificate is installed.
   */
  readonly enableAuto: (appId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<AppSsl>>;
  /** `POST /apps/:id/ssl {"force": bool}`: HTTP to HTTPS redirects. Only once SSL is on. */
  readonly setForce: (
    appId: string,
    force: boolean,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<AppSsl>>;
  /** `POST /apps/:id/ssl {key, cert, cacerts}`. Not allowed while AutoSSL is on. */
  readonly install: (
    appId: string,
    certificate: CustomSslInput,
    options?: RequestOptions,
  ) => TE.TaskEither<SdkError, Mutation<InstalledSsl>>;
  /** `DELETE /apps/:id/ssl`: removes the certificate and disables AutoSSL and ForceSSL. */
  readonly remove: (appId: string, options?: RequestOptions) => TE.TaskEither<SdkError, Mutation<EmptyData>>;
}

const validateCertificate = (input: CustomSslInput): E.Either<SdkError, CustomSslInput> =>
  pipe(
    nonEmptyString('key', input?.key, '-----BEGIN PRIVATE KEY-----…'),
    E.flatMap(() => nonEmptyString('cert', input.cert, '-----BEGIN CERTIFICATE-----…')),
    E.flatMap(() =>
      input.cacerts === null
        ? E.right(null)
        : nonEmptyString('cacerts', input.cacerts, '-----BEGIN CERTIFICATE-----…'),
    ),
    E.map((cacerts) => ({ key: input.key, cert: input.cert, cacerts })),
  );

const forceBody = (force: boolean): E.Either<SdkError, { readonly force: boolean }> =>
  pipe(
    flag('force', force),
    E.map((value) => ({ force: value })),
  );

const sslPath: PathOf = (id) => `apps/${id}/ssl`;

export const createSslResource = (transport: Transport): SslResource => ({
  enableAuto: (appId, options) =>
    pipe(
      TE.fromEither(idSegment('appId', appId)),
      TE.flatMap((id) =>
        transport.send(
          { method: 'POST', path: sslPath(id), codec: AppSslCodec, body: { auto: true }, resend: 'always' },
          options,
        ),
      ),
    ),
  setForce: updateById(transport, 'appId', sslPath, AppSslCodec, forceBody),
  install: updateById(transport, 'appId', sslPath, InstalledSslCodec, validateCertificate),
  remove: deleteById(transport, 'appId', sslPath),
});
