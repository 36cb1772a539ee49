/** Checks on method arguments, run before any request so a mistake never reaches the API. */
import * as E from 'fp-ts/lib/Either.js';
import { invalidOption, type SdkError } from '../errors/index.js';

/** An id as one encoded path segment; empty or non-string ids are an `InvalidOption`. */
export const idSegment = (option: string, value: unknown): E.Either<SdkError, string> =>
  typeof value === 'string' && value.trim() !== '' && value.trim() === value
    ? E.right(encodeURIComponent(value))
    : E.left(
        invalidOption(
          option,
          `pass the ${option} as a non-empty string without surrounding spaces, such as 'nlcN0TwdZAyNEgdp'`,
        ),
      );

/** `domains` must be a real array of strings: a JSON object here would replace the list with garbage. */
export const domainList = (option: string, value: unknown): E.Either<SdkError, readonly string[]> =>
  Array.isArray(value) && value.every((d) => typeof d === 'string')
    ? E.right(value as readonly string[])
    : E.left(
        invalidOption(option, 'pass an array of domain names, such as ["example.com", "www.example.com"]'),
      );

export const nonEmptyString = (
  option: string,
  value: unknown,
  example: string,
): E.Either<SdkError, string> =>
  typeof value === 'string' && value !== ''
    ? E.right(value)
    : E.left(invalidOption(option, `pass a non-empty string, such as ${JSON.stringify(example)}`));

/** Drop `undefined` members so an omitted option is never sent as `null`. */
export const defined = (record: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
