import type {
  HookError,
  InvalidDomain,
  InvalidOption,
  ProtectedDomain,
  TooManyDomains,
} from '../errors/index.js';

/** The outcome of {@link reconcileDomains}: the list to post, and what it changes. */
export interface DomainPlan {
  /** The whole list to post to ServerPilot: current order kept, new names appended in request order. */
  readonly next: readonly string[];
  /** Names this plan adds (including www twins), in the order they were appended. */
  readonly added: readonly string[];
  /**
   * Entries of the current list that `next` drops, spelled as the server had them: every spelling
   * of a removed name, and the extra spellings of a name the server holds more than once (the
   * normalized spelling is the one kept, when the server has it).
   */
  readonly removed: readonly string[];
  /**
   * False when the set of names is unchanged (dropping a duplicate spelling alone changes no name):
   * the caller can skip the write.
   */
  readonly changed: boolean;
  /** Server entries that did not parse as domains; kept verbatim, never removed. */
  readonly unrecognized: readonly string[];
}

/**
 * Every failure a plan can give: a name that does not parse, a bad option or change, a protected
 * name asked to go, a list over the limit, or a www filter that threw (or refused with one of these).
 */
export type ReconcileError = InvalidDomain | InvalidOption | ProtectedDomain | TooManyDomains | HookError;
