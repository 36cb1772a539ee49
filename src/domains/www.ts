import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { type SdkError, ServerPilotSdkError } from '../errors.js';
import type { Hooks } from '../hooks/create-hooks.js';
import { classify, type DomainName, normalizeDomain } from './name.js';
import type { WwwPolicy } from './plan.js';

export interface WwwOptions {
  /**
   * Which names get a `www.` twin.
   * @default 'apex'
   * @example { www: 'never' } // a panel that maps www names itself
   */
  readonly www?: WwwPolicy;
  /** Hooks whose `domains.shouldAddWww` filter decides last. */
  readonly hooks?: Hooks;
}

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
export const wwwTwinOf = (
  name: DomainName,
  options: WwwOptions = {},
): E.Either<SdkError, O.Option<DomainName>> => {
  const kind = classify(name);
  if (kind === 'ip' || kind === 'wildcard' || name.startsWith('www.')) return E.right(O.none);
  const policy = options.www ?? 'apex';
  const wanted = byPolicy(name, policy);
  const decided =
    options.hooks === undefined
      ? E.right(wanted)
      : options.hooks.tryApplyFilters('domains.shouldAddWww', wanted, { domain: name, policy });
  return E.map((add: boolean) => {
    if (!add) return O.none;
    // `www.` plus a 250-character name is too long to exist: no twin rather than an invalid one.
    return O.fromEither(normalizeDomain(`www.${name}`));
  })(decided);
};

/**
 * The `www.` twin this SDK would add next to `domain`, by the policy (default `apex`: only names
 * registrable by the Public Suffix List) and then the `domains.shouldAddWww` filter.
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
  const twin = wwwTwinOf(name.right, options);
  if (E.isLeft(twin)) throw new ServerPilotSdkError(twin.left);
  return twin.right;
};
