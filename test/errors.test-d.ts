import type * as E from 'fp-ts/lib/Either.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { DomainName, DomainPlan } from '../src/domains/index.js';
import {
  abortedError,
  type HookError,
  hookError,
  type InvalidDomain,
  type InvalidOption,
  invalidDomain,
  isServerPilotSdkError,
  type LockError,
  lockError,
  type NetworkError,
  type ProtectedDomain,
  type SdkError,
  type TooManyDomains,
  type WriteConflict,
  writeConflict,
} from '../src/errors/index.js';
import { normalizeDomain, reconcileDomains } from '../src/index.js';

describe('error types', () => {
  it('gives each constructor its own member, not the whole union', () => {
    expectTypeOf(invalidDomain('x', 'y')).toEqualTypeOf<InvalidDomain>();
    expectTypeOf(hookError('h', 'n', new Error('e'))).toEqualTypeOf<HookError>();
    expectTypeOf(lockError('app', new Error('e'))).toEqualTypeOf<LockError>();
    expectTypeOf(writeConflict('app', 3, { missing: [], restored: [] })).toEqualTypeOf<WriteConflict>();
    expectTypeOf(abortedError()).toExtend<SdkError>();
  });

  it('types the pure domain functions by the failures they can really give', () => {
    expectTypeOf(normalizeDomain('example.com')).toEqualTypeOf<E.Either<InvalidDomain, DomainName>>();
    type PlanLeft = Extract<ReturnType<typeof reconcileDomains>, E.Left<unknown>>['left'];
    expectTypeOf<PlanLeft>().toEqualTypeOf<
      InvalidDomain | InvalidOption | ProtectedDomain | TooManyDomains | HookError
    >();
    expectTypeOf<NetworkError>().not.toExtend<PlanLeft>();
    // Still fits the contract's Either<SdkError, …>.
    expectTypeOf(reconcileDomains([], {})).toExtend<E.Either<SdkError, DomainPlan>>();
  });

  it('narrows .error by the tag isServerPilotSdkError checks', () => {
    const thrown: unknown = undefined;
    if (isServerPilotSdkError(thrown, 'HttpError')) expectTypeOf(thrown.error.status).toEqualTypeOf<number>();
  });
});
