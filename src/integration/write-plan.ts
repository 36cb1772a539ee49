/**
 * The list a write posts: the plan's `next` after the `domains.beforeUpdate` filter, with the plan
 * recomputed as it will really be written, and the app's limit checked on what the filter returned.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { DomainPlan } from '../domains/plan.js';
import type { ReconcileOptions } from '../domains/reconcile.js';
import { invalidOption, type SdkError, tooManyDomains } from '../errors/index.js';
import type { Hooks } from '../sdk-hooks.js';
import { effectivePlan } from './read-back.js';

const isNameList = (list: unknown): list is readonly string[] =>
  Array.isArray(list) && list.every((d) => typeof d === 'string');

/** Apply the `domains.beforeUpdate` filter and check that it still returned a list of names. */
export const applyBeforeUpdate = (
  hooks: Hooks | undefined,
  appId: string,
  current: readonly string[],
  plan: DomainPlan,
): E.Either<SdkError, readonly string[]> =>
  hooks === undefined || !hooks.hasFilter('domains.beforeUpdate')
    ? E.right(plan.next)
    : pipe(
        hooks.tryApplyFilters('domains.beforeUpdate', plan.next, { appId, current, plan }),
        E.flatMap((list) =>
          isNameList(list)
            ? E.right(list)
            : E.left(
                invalidOption(
                  'domains.beforeUpdate',
                  'a callback returned something other than an array of domain names; return the list to post',
                ),
              ),
        ),
      );

/** What one write posts, and its plan as it will really be written. */
export interface PlannedWrite {
  readonly list: readonly string[];
  readonly plan: DomainPlan;
}

/** Plan and filter one list against `current`. */
export const planWrite = (
  hooks: Hooks | undefined,
  appId: string,
  reconcile: ReconcileOptions,
  current: readonly string[],
  planned: DomainPlan,
): E.Either<SdkError, PlannedWrite> =>
  pipe(
    applyBeforeUpdate(hooks, appId, current, planned),
    E.flatMap((list) => {
      const plan = effectivePlan(current, planned, list);
      const max = reconcile.maxDomains ?? 300;
      return plan.added.length > 0 && list.length > max
        ? E.left(tooManyDomains(list.length, max))
        : E.right({ list, plan });
    }),
  );
