/**
 * The search box: which chains and rules mention an address, a port, a
 * name, a label or a comment.
 */
import type { Ruleset } from '../domain/model/ruleset.ts';
import type { Analysis } from './analysis.ts';
import { analyseRuleset } from './analysis.ts';
import { chainLabel } from './chain-labels.ts';
import { compareText } from './compare.ts';
import { nodeOfRule, ruleIndexOf, ruleKeyOf } from './ids.ts';
import type { ChainFacts, RuleFacts } from './search-match.ts';
import { chainFacts, chainFactsMatch, factsMatch, ruleFacts } from './search-match.ts';
import type { SearchQuery } from './search-query.ts';
import { parseQuery } from './search-query.ts';
import { readRuleText } from './rule-text.ts';
import type { Graph, NodeId } from './types.ts';

export interface SearchMatches {
  /** Chains (and hook tables) that match by name or label, or hold a matching rule; sorted. */
  readonly nodes: readonly NodeId[];
  /** Matching rules' keys (`nat/KUBE-SERVICES#3`), by chain and then in chain order. */
  readonly rules: readonly string[];
}

const NONE: SearchMatches = { nodes: [], rules: [] };

/** A chain as a search reads it: its node id, its words, and its rules' facts. */
interface SearchableChain {
  readonly id: NodeId;
  readonly facts: ChainFacts;
  readonly rules: readonly RuleFacts[];
  /**
   * The rules' keys, where they are not simply the chain's rules in order
   * (a graph's long chain holds only some). Otherwise a key is made for a
   * hit only: one kept per rule of a 10,000-Service dump is memory and
   * indexing time spent for nothing.
   */
  readonly keys?: readonly string[];
}

type SearchIndex = readonly SearchableChain[];

/*
 * Working out a rule's addresses, ports and comment is most of a search's
 * cost: over a second for the 170,000 rules of a 10,000-Service dump. It
 * does not depend on the query, so it is done once per ruleset (per
 * analysis, which is itself kept per ruleset) or per graph, and each
 * keystroke only compares.
 */
const rulesetIndexes = new WeakMap<Analysis, SearchIndex>();
const graphIndexes = new WeakMap<Graph, SearchIndex>();

function indexAnalysis({ index, groups }: Analysis): SearchIndex {
  const chains: SearchableChain[] = [];
  for (const entry of index.chains) {
    const words = entry.builtin ? {} : chainLabel(entry, index, groups.groupOf[entry.slot]);
    chains.push({
      id: entry.id,
      facts: chainFacts({ name: entry.builtin ? entry.id : entry.chain.name, ...words }),
      rules: entry.chain.rules.map(ruleFacts),
    });
  }
  return chains;
}

function indexGraph(graph: Graph): SearchIndex {
  const chains: SearchableChain[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'stage') continue;
    const rules: RuleFacts[] = [];
    const keys: string[] = [];
    for (const line of node.rules) {
      const rule = readRuleText(line.text);
      if (!rule) continue;
      rules.push(ruleFacts(rule));
      keys.push(line.key);
    }
    const facts = chainFacts(
      node.kind === 'hook' ? { name: node.id } : { ...node, name: node.chain },
    );
    chains.push({ id: node.id, facts, rules, keys });
  }
  return chains;
}

function searchIndexOf(source: Graph | Ruleset): SearchIndex {
  if ('tables' in source) {
    const analysis = analyseRuleset(source);
    let index = rulesetIndexes.get(analysis);
    if (!index) rulesetIndexes.set(analysis, (index = indexAnalysis(analysis)));
    return index;
  }
  let index = graphIndexes.get(source);
  if (!index) graphIndexes.set(source, (index = indexGraph(source)));
  return index;
}

const byChainOrder = (a: string, b: string): number =>
  compareText(nodeOfRule(a), nodeOfRule(b)) || ruleIndexOf(a) - ruleIndexOf(b);

function search(chains: SearchIndex, query: SearchQuery): SearchMatches {
  const nodes = new Set<NodeId>();
  const rules: string[] = [];
  for (const chain of chains) {
    if (chainFactsMatch(chain.facts, query)) nodes.add(chain.id);
    chain.rules.forEach((facts, i) => {
      if (!factsMatch(facts, query)) return;
      rules.push(chain.keys?.[i] ?? ruleKeyOf(chain.id, i + 1));
      nodes.add(chain.id);
    });
  }
  return { nodes: [...nodes].sort(compareText), rules: rules.sort(byChainOrder) };
}

/**
 * Chains and rules matching a query: an address or network (`10.244.1.5`
 * finds `-s 10.244.0.0/16`, not `! -s 10.0.0.0/8`; `10.96.0.10:80` needs
 * the port too), a port (`80`, `:80`), or text (a chain's name, label or
 * Service, a rule's comment or target). Given a Ruleset it searches every
 * chain, those a big dump's graph hides too, so the view can reveal them;
 * given a Graph, only what the graph holds. The first search of a ruleset
 * or graph indexes it; later ones reuse that.
 *
 * @example
 *   searchGraph(ruleset, '172.17.0.3').rules;
 *   // ['nat/KUBE-SEP-GRLEVIWNO4P37GSQ#1', 'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#2']
 */
export function searchGraph(source: Graph | Ruleset, query: string): SearchMatches {
  const parsed = parseQuery(query);
  if (!parsed) return NONE;
  return search(searchIndexOf(source), parsed);
}
