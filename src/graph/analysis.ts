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
  /**
   * Every user chain's id, sorted: the order a graph without a focus shows them in when all
   * fit. Sorted when first read: a big dump's first graph wants only how many there are, not
   * 50,000 names in order.
   */
  readonly userChains: readonly NodeId[];
  /** How many user chains there are. */
  readonly userCount: number;
  /** The user chains kube-proxy does not write per Service (KUBE-SERVICES, DOCKER…), sorted. */
  readonly topLevelChains: readonly NodeId[];
}

const cache = new WeakMap<Ruleset, Analysis>();

function analyse(ruleset: Ruleset): Analysis {
  const index = indexRuleset(ruleset);
  let userCount = 0;
  const topLevelChains: NodeId[] = [];
  for (const entry of index.chains) {
    if (entry.builtin) continue;
    userCount++;
    if (!isPerServiceChain(entry.chain.name)) topLevelChains.push(entry.id);
  }
  topLevelChains.sort();
  let groups: ServiceGroups | undefined;
  let userChains: NodeId[] | undefined;
  return {
    index,
    userCount,
    topLevelChains,
    get userChains() {
      return (userChains ??= sortedUserChains(index));
    },
    get groups() {
      return (groups ??= serviceGroups(index));
    },
  };
}

/** Every user chain's id, sorted. */
function sortedUserChains(index: RulesetIndex): NodeId[] {
  const ids: NodeId[] = [];
  for (const entry of index.chains) if (!entry.builtin) ids.push(entry.id);
  // The default order of sort() is compareText's (UTF-16 code units), without a
  // call into a comparator for each of the 800,000 comparisons 50,000 chains take.
  return ids.sort();
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
