/**
 * The ids of the graph's nodes and rules. They are built from what a node
 * stands for (a table's chain, a stage of the pipeline), never from a
 * position in the dump, so the same chain keeps its id, and with it its place
 * on screen and its React Flow state, when the rules are regenerated.
 */
import type { Graph, NodeId, StageNode } from './types.ts';

/**
 * The node of a chain of a table, built-in or user: `nat/KUBE-SERVICES`,
 * `nat/PREROUTING`. Table names cannot contain `/`, so the id splits back.
 *
 * @example
 *   chainId('nat', 'KUBE-SERVICES'); // 'nat/KUBE-SERVICES'
 */
export const chainId = (table: string, chain: string): NodeId => `${table}/${chain}`;

/**
 * A rule as the simulator, the counters and `kpviz trace` name it: its
 * chain's id and its 1-based position in the chain.
 *
 * @example
 *   ruleKey('nat', 'KUBE-SERVICES', 1); // 'nat/KUBE-SERVICES#1'
 */
export const ruleKey = (table: string, chain: string, index: number): string =>
  ruleKeyOf(chainId(table, chain), index);

/**
 * The same key from the chain's node id.
 *
 * @example
 *   ruleKeyOf('nat/KUBE-SERVICES', 1); // 'nat/KUBE-SERVICES#1'
 */
export const ruleKeyOf = (node: NodeId, index: number): string => `${node}#${index}`;

/**
 * A stage of the pipeline. The `stage:` prefix cannot clash with a chain id,
 * whose table part is one of the five table names.
 *
 * @example
 *   stageId('routing-in'); // 'stage:routing-in'
 */
export const stageId = (stage: StageNode['stage']): NodeId => `stage:${stage}`;

/**
 * The id of a rule's node: the key without `#n`.
 *
 * @example
 *   nodeOfRule('nat/KUBE-SERVICES#12'); // 'nat/KUBE-SERVICES'
 */
export const nodeOfRule = (key: string): NodeId => key.slice(0, key.lastIndexOf('#'));

/**
 * A rule's 1-based position in its chain: the key's `#n` (NaN for a key without one).
 *
 * @example
 *   ruleIndexOf('nat/KUBE-SERVICES#12'); // 12
 */
export const ruleIndexOf = (key: string): number => {
  const hash = key.lastIndexOf('#');
  return hash < 0 ? NaN : Number(key.slice(hash + 1));
};

/**
 * An id or key as a CSS string, for an attribute selector (`[data-rule=…]`).
 *
 * @example
 *   `[data-id=${cssString('nat/KUBE-SERVICES')}]`; // '[data-id="nat/KUBE-SERVICES"]'
 */
export const cssString = (value: string): string => JSON.stringify(value);

/**
 * Whether the graph draws a node: a rule's target chain that it does not is
 * one of the chains it leaves out (Graph.hiddenCount), shown by expanding it.
 *
 * @example
 *   isDrawn(buildGraph(big), 'nat/KUBE-SVC-…'); // false: a per-Service chain, until expanded
 */
export function isDrawn(graph: Pick<Graph, 'nodes'>, id: NodeId): boolean {
  return graph.nodes.some((node) => node.id === id);
}
