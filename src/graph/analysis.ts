/**
 * The work on a ruleset that does not depend on what the view asks for
 * (focus, expanded, collapsed): the chain index, the Service groups, the
 * chains in order.
 * Rulesets are immutable, so it is kept per ruleset object and a change of
 * focus on a 10,000-Service dump does not redo it.
 */
import type { Ruleset } from '../domain/model/ruleset.ts';
import { isPerServiceChain } from './chain-role.ts';
import { compareText } from './compare.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import { indexRuleset } from './ruleset-index.ts';
import type { ServiceGroups } from './service-groups.ts';
import { serviceGroups } from './service-groups.ts';
import type { NodeId } from './types.ts';

export interface Analysis {
  readonly index: RulesetIndex;
  readonly groups: ServiceGroups;
  /** Every user chain's id, sorted: the order `hidden` lists them in. */
  readonly userChains: readonly NodeId[];
  /** The user chains kube-proxy does not write per Service (KUBE-SERVICES, DOCKER…), sorted. */
  readonly topLevelChains: readonly NodeId[];
}

const cache = new WeakMap<Ruleset, Analysis>();

/**
 * @example
 *   analyseRuleset(ruleset) === analyseRuleset(ruleset); // true: computed once
 */
export function analyseRuleset(ruleset: Ruleset): Analysis {
  let analysis = cache.get(ruleset);
  if (!analysis) {
    const index = indexRuleset(ruleset);
    const userChains = [...index.chains.values()]
      .filter((c) => !c.builtin)
      .map((c) => c.id)
      .sort(compareText);
    const topLevelChains = userChains.filter(
      (id) => !isPerServiceChain((index.chains.get(id) as IndexedChain).chain.name),
    );
    analysis = { index, groups: serviceGroups(index), userChains, topLevelChains };
    cache.set(ruleset, analysis);
  }
  return analysis;
}
