import type { Ruleset } from '../domain/model/ruleset.ts';
import { serializeRule } from '../domain/parse/serialize-save.ts';
import { buildGraph, DEFAULT_MAX_NODES } from '../graph/build-graph.ts';
import { nodeOfRule } from '../graph/ids.ts';
import { HOOKS } from '../graph/pipeline.ts';
import { searchGraph, type SearchMatches } from '../graph/search.ts';
import { servicesOf, type ServiceEntry } from '../graph/services.ts';
import type { Graph, NodeId } from '../graph/types.ts';
import type { KpvizState } from './store.ts';

/**
 * The most nodes the view ever mounts, the pipeline's included: React Flow
 * stays responsive up to about this many.
 */
export const MAX_GRAPH_NODES = DEFAULT_MAX_NODES;

/**
 * Remembers the last result per argument list (compared by identity): the
 * store hands out new state objects on every change, and a selector that
 * rebuilt the graph each time would rebuild it on every keystroke anywhere.
 */
function memoLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args) => {
    if (last && last.args.every((arg, i) => Object.is(arg, args[i]))) return last.result;
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}

let previousGraph: Graph | undefined;

const graphOf = memoLast(
  (
    ruleset: Ruleset,
    focus: string | null,
    expanded: readonly NodeId[],
    collapsed: readonly NodeId[],
  ): Graph => {
    const graph = buildGraph(ruleset, {
      ...(focus === null ? {} : { focus }),
      expanded: new Set(expanded),
      collapsed: new Set(collapsed),
      maxNodes: MAX_GRAPH_NODES,
      // Chains already on screen keep their places when a chain is collapsed or shown.
      ...(previousGraph ? { previous: previousGraph } : {}),
    });
    previousGraph = graph;
    return graph;
  },
);

/**
 * The Graph of the loaded dump as the user has asked to see it: focused,
 * with chains expanded and collapsed. Rebuilt only when one of those changes.
 *
 * @example
 *   const graph = useKpvizStore(selectGraph);
 */
export const selectGraph = (state: KpvizState): Graph =>
  graphOf(state.parsed.ruleset, state.focus, state.expanded, state.collapsed);

const servicesOfRuleset = memoLast(servicesOf);

/** The Service ports the dump has chains for, for the focus picker. */
export const selectServices = (state: KpvizState): readonly ServiceEntry[] =>
  servicesOfRuleset(state.parsed.ruleset);

/** One search result: a chain that matched by name or label, or one of its rules. */
export interface SearchHit {
  readonly node: NodeId;
  readonly rule?: string;
  /** `KUBE-SVC-… #2`, `nat PREROUTING #1`, or the chain's name. */
  readonly title: string;
}

const NO_MATCHES: SearchMatches = { nodes: [], rules: [] };

// The ruleset, not the graph: a big dump's hidden chains are found too, and shown when picked.
const matchesOf = memoLast((ruleset: Ruleset, query: string): SearchMatches =>
  query.trim() === '' ? NO_MATCHES : searchGraph(ruleset, query),
);

/** What the search box found, as the builder's ids: chains and rules to highlight. */
export const selectSearchMatches = (state: KpvizState): SearchMatches =>
  matchesOf(state.parsed.ruleset, state.searchQuery);

/** `nat/KUBE-SERVICES` → table `nat`, chain `KUBE-SERVICES`. */
function splitNodeId(node: NodeId): { table: string; chain: string } {
  const slash = node.indexOf('/');
  return { table: node.slice(0, slash), chain: node.slice(slash + 1) };
}

/** How a chain is named in a list: built-in chains exist in several tables, so with theirs. */
function chainTitle(node: NodeId): string {
  const { table, chain } = splitNodeId(node);
  return (HOOKS as readonly string[]).includes(chain) ? `${table} ${chain}` : chain;
}

const hitsOf = memoLast((matches: SearchMatches): SearchHit[] => {
  const withRules = new Set(matches.rules.map(nodeOfRule));
  const chains = matches.nodes
    .filter((node) => !withRules.has(node))
    .map((node): SearchHit => ({ node, title: chainTitle(node) }));
  const rules = matches.rules.map((key): SearchHit => {
    const node = nodeOfRule(key);
    return { node, rule: key, title: `${chainTitle(node)} ${key.slice(key.lastIndexOf('#'))}` };
  });
  return [...chains, ...rules];
});

/**
 * The search's results in the order the results list shows them: chains that
 * matched by name or label alone, then matching rules in chain order.
 */
export const selectSearchHits = (state: KpvizState): readonly SearchHit[] =>
  hitsOf(selectSearchMatches(state));

/**
 * A rule by its key, as iptables-save writes it, from the dump itself (the
 * graph holds only the rules it draws).
 *
 * @example
 *   ruleText(ruleset, 'nat/KUBE-SERVICES#1'); // '-A KUBE-SERVICES -d 10.254.198.92/32 …'
 */
export function ruleText(ruleset: Ruleset, key: string): string | undefined {
  const { table, chain } = splitNodeId(nodeOfRule(key));
  const index = Number(key.slice(key.lastIndexOf('#') + 1));
  const rule = ruleset.tables
    .find((candidate) => candidate.name === table)
    ?.chains.find((candidate) => candidate.name === chain)?.rules[index - 1];
  return rule && serializeRule(rule, chain);
}
