/**
 * The work on a ruleset that does not depend on what the view asks for
 * (focus, expanded, collapsed): the chain index, the Service groups, the
 * chains in order.
 * Rulesets are immutable, so it is kept per ruleset object and a change of
 * focus on a 10,000-Service dump does not redo it.
 */
import type { Ruleset } from '../domain/model/ruleset.ts';
import { isPerServiceChain } from './chain-role.ts';
import type { RulesetIndex } from './ruleset-index.ts';
import { indexRuleset } from './ruleset-index.ts';
import type { ServiceGroups } from './service-groups.ts';
import { serviceGroups } from './service-groups.ts';
import type { NodeId } from './types.ts';

export interface Analysis {
  readonly index: RulesetIndex;
  /** Worked out when first read: a first graph of a big dump draws no Service's chains. */
  readonly groups: ServiceGroups;
  /** Every user chain's id, sorted: the order `hidden` lists them in. */
  readonly userChains: readonly NodeId[];
  /** The user chains kube-proxy does not write per Service (KUBE-SERVICES, DOCKER…), sorted. */
  readonly topLevelChains: readonly NodeId[];
}

const cache = new WeakMap<Ruleset, Analysis>();

function analyse(ruleset: Ruleset): Analysis {
  const index = indexRuleset(ruleset);
  const userChains: NodeId[] = [];
  const topLevelChains: NodeId[] = [];
  for (const entry of index.chains) {
    if (entry.builtin) continue;
    userChains.push(entry.id);
    if (!isPerServiceChain(entry.chain.name)) topLevelChains.push(entry.id);
  }
  // The default order of sort() is compareText's (UTF-16 code units), without a
  // call into a comparator for each of the 800,000 comparisons 50,000 chains take.
  userChains.sort();
  topLevelChains.sort();
  let groups: ServiceGroups | undefined;
  return {
    index,
    userChains,
    topLevelChains,
    get groups() {
      return (groups ??= serviceGroups(index));
    },
  };
}

/**
 * @example
 *   analyseRuleset(ruleset) === analyseRuleset(ruleset); // true: computed once
 */
export function analyseRuleset(ruleset: Ruleset): Analysis {
  let analysis = cache.get(ruleset);
  if (!analysis) cache.set(ruleset, (analysis = analyse(ruleset)));
  return analysis;
}
