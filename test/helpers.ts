/** Small helpers every test file may use. */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/** The Right of `either`; a Left fails the test with what it held. */
export const expectRight = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected Right, got ${JSON.stringify(either.left)}`);
  return either.right;
};

/** The Left of `either`; a Right fails the test with what it held. */
export const expectLeft = <L>(either: E.Either<L, unknown>): L => {
  if (E.isRight(either)) throw new Error(`expected Left, got ${JSON.stringify(either.right)}`);
  return either.left;
};

/** Run `task` and return its Right; a Left fails the test with what it held. */
export const runRight = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => expectRight(await task());

/** Run `task` and return its Left; a Right fails the test with what it held. */
export const runLeft = async <L>(task: TE.TaskEither<L, unknown>): Promise<L> => expectLeft(await task());
