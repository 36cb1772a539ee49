/** The names a lifecycle keys its records by: normalized, and ones a certificate can be issued for. */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { isIpLiteral, isWildcard, normalizeDomain } from '../domains/index.js';
import { parseEach, readNameList } from '../domains/input.js';
import { invalidDomain, type SdkError } from '../errors/index.js';

/** A name as the lifecycle keys it: normalized, and one a certificate can be issued for. */
export const lifecycleName = (input: unknown): E.Either<SdkError, string> =>
  typeof input !== 'string'
    ? E.left(invalidDomain(String(input), 'pass a domain name as a string, such as "shop.example.com"'))
    : pipe(
        normalizeDomain(input),
        E.flatMap(
          (name): E.Either<SdkError, string> =>
            isWildcard(name)
              ? E.left(
                  invalidDomain(
                    name,
                    'a wildcard cannot get an AutoSSL certificate (HTTP validation), so it has no SSL stages; track the names under it',
                  ),
                )
              : isIpLiteral(name)
                ? E.left(
                    invalidDomain(
                      name,
                      'an IP address cannot get an AutoSSL certificate; track a domain name',
                    ),
                  )
                : E.right(name),
        ),
      );

/** The names to track, normalized and de-duplicated, or why one cannot have SSL stages. */
export const lifecycleNames = (domains: unknown): E.Either<SdkError, readonly string[]> =>
  pipe(
    readNameList(domains, 'domains'),
    E.flatMap((list) => parseEach(list, lifecycleName)),
  );
