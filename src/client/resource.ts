/**
 * The call shapes every resource shares: list, read one by id, create, update or delete one by id.
 * Each resource file keeps its own paths, codecs and input checks; these only wire them to the
 * transport, so ids are always checked and encoded, and input always validated, before a request.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type * as t from 'io-ts';
import type { SdkError } from '../errors/index.js';
import { boundedArray } from './bounded-array.js';
import { type EmptyData, EmptyDataCodec, type Mutation } from './codecs.js';
import type { RequestOptions } from './options.js';
import type { Resend } from './retry-policy.js';
import type { Transport } from './transport.js';
import { idSegment } from './validate.js';

/** Where one item lives, given its encoded id, such as ``(id) => `apps/${id}` ``. */
export type PathOf = (id: string) => string;

/** Checks a method's input and returns the JSON body to send, or the `InvalidOption` to fail with. */
export type BodyOf<I> = (input: I) => E.Either<SdkError, unknown>;

/** A read: the answer's `data` alone (reads never carry an `actionid` worth keeping). */
const dataOf = <A>(call: TE.TaskEither<SdkError, Mutation<A>>): TE.TaskEither<SdkError, A> =>
  pipe(
    call,
    TE.map((r) => r.data),
  );

/** `GET path`: every item. */
export const listOf = <A, O>(transport: Transport, path: string, codec: t.Type<A, O>) => {
  const listCodec = boundedArray(codec);
  return (options?: RequestOptions): TE.TaskEither<SdkError, readonly A[]> =>
    dataOf(transport.send({ method: 'GET', path, codec: listCodec, resend: 'always' }, options));
};

/** `GET path(id)`: the items under one parent, such as a system user's SSH keys. */
export const listById = <A, O>(transport: Transport, idName: string, path: PathOf, codec: t.Type<A, O>) => {
  const listCodec = boundedArray(codec);
  return (rawId: string, options?: RequestOptions): TE.TaskEither<SdkError, readonly A[]> =>
    pipe(
      TE.fromEither(idSegment(idName, rawId)),
      TE.flatMap((id) =>
        dataOf(
          transport.send({ method: 'GET', path: path(id), codec: listCodec, resend: 'always' }, options),
        ),
      ),
    );
};

/** `GET path(id)`: one item. */
export const getById =
  <A>(transport: Transport, idName: string, path: PathOf, codec: t.Decoder<unknown, A>) =>
  (rawId: string, options?: RequestOptions): TE.TaskEither<SdkError, A> =>
    pipe(
      TE.fromEither(idSegment(idName, rawId)),
      TE.flatMap((id) =>
        dataOf(transport.send({ method: 'GET', path: path(id), codec, resend: 'always' }, options)),
      ),
    );

/** `POST path`. Not idempotent: an answer lost after the server created it must not create a twin. */
export const createWith =
  <I, A>(transport: Transport, path: string, codec: t.Decoder<unknown, A>, bodyOf: BodyOf<I>) =>
  (input: I, options?: RequestOptions): TE.TaskEither<SdkError, Mutation<A>> =>
    pipe(
      TE.fromEither(bodyOf(input)),
      TE.flatMap((body) =>
        transport.send({ method: 'POST', path, codec, body, resend: 'if-not-processed' }, options),
      ),
    );

/**
 * `POST path(id)` with the checked body. Every update sets values rather than adding to them, so
 * it may be resent, unless `resendOf` says otherwise (a whole domain list is resent only when it
 * never left this machine). The id is checked first, so a bad id is reported even when the input
 * is bad too.
 */
export const updateById =
  <I, A>(
    transport: Transport,
    idName: string,
    path: PathOf,
    codec: t.Decoder<unknown, A>,
    bodyOf: BodyOf<I>,
    resendOf: (input: I) => Resend = () => 'always',
  ) =>
  (rawId: string, input: I, options?: RequestOptions): TE.TaskEither<SdkError, Mutation<A>> =>
    pipe(
      E.Do,
      E.apS('id', idSegment(idName, rawId)),
      E.apS('body', bodyOf(input)),
      TE.fromEither,
      TE.flatMap(({ id, body }) =>
        transport.send({ method: 'POST', path: path(id), codec, body, resend: resendOf(input) }, options),
      ),
    );

/** `DELETE path(id)`. */
export const deleteById =
  (transport: Transport, idName: string, path: PathOf) =>
  (rawId: string, options?: RequestOptions): TE.TaskEither<SdkError, Mutation<EmptyData>> =>
    pipe(
      TE.fromEither(idSegment(idName, rawId)),
      TE.flatMap((id) =>
        transport.send(
          { method: 'DELETE', path: path(id), codec: EmptyDataCodec, resend: 'always' },
          options,
        ),
      ),
    );
