/**
 * The search box: which chains and rules mention an address, a port, a
 * name, a label or a comment.
 */
import type { Rule, Ruleset } from '../domain/model/ruleset.ts';
import { analyseRuleset } from './analysis.ts';
import { chainLabel } from './chain-labels.ts';
import { compareText } from './compare.ts';
import { nodeOfRule, ruleKey } from './ids.ts';
import { chainMatches, ruleMatches } from './search-match.ts';
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

/** A chain to search: its node id, words, and rules with their keys. */
interface Searchable {
  readonly id: NodeId;
  readonly name: string;
  readonly label?: string;
  readonly service?: string;
  readonly rules: Iterable<{ readonly key: string; readonly rule: Rule | undefined }>;
}

function* fromRuleset(ruleset: Ruleset): Generator<Searchable> {
  const { index, groups } = analyseRuleset(ruleset);
  const { groupOf } = groups;
  for (const entry of index.chains.values()) {
    const words = entry.builtin ? {} : chainLabel(entry, index, groupOf.get(entry.id));
    yield {
      id: entry.id,
      name: entry.builtin ? entry.id : entry.chain.name,
      ...words,
      rules: entry.chain.rules.map((rule, i) => ({
        key: ruleKey(entry.table.name, entry.chain.name, i + 1),
        rule,
      })),
    };
  }
}

function* fromGraph(graph: Graph): Generator<Searchable> {
  for (const node of graph.nodes) {
    if (node.kind === 'stage') continue;
    const rules = node.rules.map((line) => ({ key: line.key, rule: readRuleText(line.text) }));
    if (node.kind === 'hook') yield { id: node.id, name: node.id, rules };
    else yield { ...node, name: node.chain, rules };
  }
}

const byChainOrder = (a: string, b: string): number =>
  compareText(nodeOfRule(a), nodeOfRule(b)) ||
  Number(a.slice(a.lastIndexOf('#') + 1)) - Number(b.slice(b.lastIndexOf('#') + 1));

function search(chains: Iterable<Searchable>, query: SearchQuery): SearchMatches {
  const nodes = new Set<NodeId>();
  const rules: string[] = [];
  for (const chain of chains) {
    if (chainMatches(chain, query)) nodes.add(chain.id);
    for (const { key, rule } of chain.rules) {
      if (rule && ruleMatches(rule, query)) {
        rules.push(key);
        nodes.add(chain.id);
      }
    }
  }
  return { nodes: [...nodes].sort(compareText), rules: rules.sort(byChainOrder) };
}

/**
 * Chains and rules matching a query: an address or network (`10.244.1.5`
 * finds `-s 10.244.0.0/16`; `10.96.0.10:80` needs the port too), a port
 * (`80`, `:80`), or text (a chain's name, label or Service, a rule's
 * comment or target). Given a Ruleset it searches every chain, those a big
 * dump's graph hides too, so the view can reveal them; given a Graph, only
 * what the graph holds.
 *
 * @example
 *   searchGraph(ruleset, '172.17.0.3').rules;
 *   // ['nat/KUBE-SEP-GRLEVIWNO4P37GSQ#1', 'nat/KUBE-SEP-GRLEVIWNO4P37GSQ#2']
 */
export function searchGraph(source: Graph | Ruleset, query: string): SearchMatches {
  const parsed = parseQuery(query);
  if (!parsed) return NONE;
  return search('tables' in source ? fromRuleset(source) : fromGraph(source), parsed);
}
