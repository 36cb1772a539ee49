import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import { type HookError, ServerPilotSdkError } from '../errors/index.js';
import { classify, type DomainName, normalizeDomain } from './name.js';
import type { ReconcileError } from './plan.js';

/** How www twins are chosen. `apex` adds `www.<d>` when `d` is a registrable domain by the Public Suffix List. */
export type WwwPolicy = 'apex' | 'always' | 'never';

export const WWW_POLICIES: readonly WwwPolicy[] = ['apex', 'always', 'never'];

/** What the last say on a www twin is given: the name, and the policy that gave the first answer. */
export interface WwwContext {
  readonly domain: string;
  readonly policy: WwwPolicy;
}

/**
 * Has the last say on whether `context.domain` gets a www twin; `wanted` is the policy's answer.
 * A Left (a callback that failed) stops the plan with that error.
 *
 * @example
 * const onlyShops: ShouldAddWww = (wanted, { domain }) => E.right(wanted && domain.startsWith('shop.'));
 */
export type ShouldAddWww = (wanted: boolean, context: WwwContext) => E.Either<ReconcileError, boolean>;

/**
 * The one thing this layer asks of a hook registry: the `domains.shouldAddWww` filter. The SDK's
 * `createHooks()` registry fits; declared here so `domains/` imports no other layer.
 */
export interface WwwFilterHooks {
  /** Runs the `domains.shouldAddWww` filter; a callback that throws is a `HookError` Left. */
  tryApplyFilters(
    name: 'domains.shouldAddWww',
    value: boolean,
    context: WwwContext,
  ): E.Either<HookError, boolean>;
}

/** `wwwTwin` options: the www policy, and what decides last (`shouldAddWww` or the hooks). */
export interface WwwOptions {
  /**
   * Which names get a `www.` twin.
   * @default 'apex'
   * @example { www: 'never' } // a panel that maps www names itself
   */
  readonly www?: WwwPolicy;
  /**
   * Decides last, after the policy. Wins over `hooks` when both are given.
   * @default none: the policy decides
   * @example { shouldAddWww: (wanted, { domain }) => E.right(wanted && !domain.endsWith('.test')) }
   */
  readonly shouldAddWww?: ShouldAddWww;
  /**
   * A registry whose `domains.shouldAddWww` filter decides last (the SDK's `createHooks()`).
   * @default none
   * @example { hooks } // hooks.addFilter('domains.shouldAddWww', 'panel', () => false)
   */
  readonly hooks?: WwwFilterHooks;
}

/** The last say of the options: `shouldAddWww`, else the hooks' filter, else the policy's answer. */
export const wwwDecider = (options: Pick<WwwOptions, 'shouldAddWww' | 'hooks'>): ShouldAddWww | undefined => {
  if (options.shouldAddWww !== undefined) return options.shouldAddWww;
  const hooks = options.hooks;
  return hooks === undefined
    ? undefined
    : (wanted, context) => hooks.tryApplyFilters('domains.shouldAddWww', wanted, context);
};

const byPolicy = (name: DomainName, policy: WwwPolicy): boolean => {
  switch (policy) {
    case 'apex':
      return classify(name) === 'apex';
    case 'always':
      return true;
    case 'never':
      return false;
  }
};

/**
 * The www twin of an already-normalized name, or the hook failure. Never for `www.*`, wildcards
 * or IP literals, whatever the policy or filter says: those have no meaningful www twin.
 */
export const tryWwwTwin = (
  name: DomainName,
  options: WwwOptions = {},
): E.Either<ReconcileError, O.Option<DomainName>> => {
  const kind = classify(name);
  if (kind === 'ip' || kind === 'wildcard' || name.startsWith('www.')) return E.right(O.none);
  const policy = options.www ?? 'apex';
  const wanted = byPolicy(name, policy);
  const decide = wwwDecider(options);
  const decided = decide === undefined ? E.right(wanted) : decide(wanted, { domain: name, policy });
  return pipe(
    decided,
    // `www.` plus a 250-character name is too long to exist: no twin rather than an invalid one.
    E.map((add) => (add ? O.fromEither(normalizeDomain(`www.${name}`)) : O.none)),
  );
};

/**
 * The `www.` twin this SDK would add next to `domain`, by the policy (default `apex`: only names
 * registrable by the Public Suffix List) and then `shouldAddWww` or the `domains.shouldAddWww` filter.
 * Throws `ServerPilotSdkError` (`HookError`) if a filter callback throws.
 *
 * @example
 * wwwTwin('example.co.uk')        // some('www.example.co.uk')
 * wwwTwin('shop.example.co.uk')   // none
 * wwwTwin('shop.example.co.uk', { www: 'always' }) // some('www.shop.example.co.uk')
 */
export const wwwTwin = (domain: string, options: WwwOptions = {}): O.Option<DomainName> => {
  const name = normalizeDomain(domain);
  if (E.isLeft(name)) return O.none;
  const twin = tryWwwTwin(name.right, options);
  if (E.isLeft(twin)) throw new ServerPilotSdkError(twin.left);
  return twin.right;
};
