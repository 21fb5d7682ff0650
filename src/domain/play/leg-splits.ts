/**
 * The random splits a conversation's packets went through, read once from the parsed rules by
 * split.ts for everything that shows them: the split view's table and the narration's shares.
 * The simulator walks compiled rules, so whoever holds the parsed Ruleset (the session) adds
 * them to the legs; the page gets them with the play answer, and asks the rules nothing more.
 */
import type { Chain, Ruleset } from '../model/ruleset.ts';
import { dnatOf, splitOf, type RandomSplit } from './split.ts';
import type { Leg } from './types.ts';

/** `nat/KUBE-SVC-…`: where Leg.splits keeps a chain's split. */
export const splitKey = (table: string, chain: string): string => `${table}/${chain}`;

/** Finds a table's chains by name; each table's index is built when first asked for. */
function chainFinder(ruleset: Ruleset): (table: string, chain: string) => Chain | undefined {
  const tables = new Map<string, ReadonlyMap<string, Chain>>();
  return (table, chain) => {
    let byName = tables.get(table);
    if (!byName) {
      const found = ruleset.tables.find((t) => t.name === table);
      byName = new Map<string, Chain>(found?.chains.map((c) => [c.name, c]));
      tables.set(table, byName);
    }
    return byName.get(chain);
  };
}

/**
 * `legs`, each with the random split (split.ts) of every chain its packet went through that
 * jumps to an endpoint chain, endpoint addresses from those chains' DNAT. A chain that several
 * packets met is read once, and they share the one split.
 *
 * @example
 *   withSplits(seed, converse(compiled, model, script, choice))[0]?.splits;
 *   // { 'nat/KUBE-SVC-I64SNEMOLCWHJHS3': { chain: 'KUBE-SVC-…', branches: [3 of 1/3], … } }
 */
export function withSplits(ruleset: Ruleset, legs: readonly Leg[]): Leg[] {
  const chainOf = chainFinder(ruleset);
  const read = new Map<string, RandomSplit | undefined>();
  const splitAt = (table: string, name: string): RandomSplit | undefined => {
    const key = splitKey(table, name);
    if (read.has(key)) return read.get(key);
    const chain = chainOf(table, name);
    const address = (target: string) => {
      const endpoint = chainOf(table, target);
      return endpoint && dnatOf(endpoint);
    };
    const split = chain && splitOf(chain, address);
    read.set(key, split);
    return split;
  };
  return legs.map((leg) => {
    const splits: Record<string, RandomSplit> = {};
    for (const step of leg.outcome.steps) {
      if (step.kind === 'event') continue;
      const split = splitAt(step.table, step.chain);
      if (split) splits[splitKey(step.table, step.chain)] = split;
    }
    return { ...leg, splits };
  });
}

/**
 * The split of a chain, from whichever leg went through it: what NarrationContext.split takes.
 * Undefined for a chain no leg's splits hold (or legs without splits, as converse returns them).
 */
export function splitLookup(
  legs: readonly Leg[],
): (table: string, chain: string) => RandomSplit | undefined {
  return (table, chain) => {
    const key = splitKey(table, chain);
    for (const leg of legs) {
      const split = leg.splits?.[key];
      if (split) return split;
    }
    return undefined;
  };
}
