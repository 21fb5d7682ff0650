/**
 * Which column each chain node stands in, left to right in the order a
 * packet meets them. kube-proxy's chains have fixed places, from its chain
 * structure (KUBE-SERVICES → KUBE-FW → KUBE-EXT → KUBE-SVC/KUBE-SVL →
 * KUBE-SEP → KUBE-MARK-MASQ), so adding or removing a Service never moves
 * a column. Any other chain stands at its jump depth: one column right of
 * the deepest chain that jumps to it.
 */
import { isPerServiceChain } from './chain-role.ts';
import type { ChainNode, ChainRole, Graph, NodeId } from './types.ts';

const FIXED: Partial<Record<ChainRole, number>> = {
  services: 1,
  nodeports: 2,
  external: 4,
  service: 5,
  local: 5,
  endpoint: 6,
  mark: 7,
};
/** KUBE-FW-* sits between KUBE-SERVICES and the KUBE-EXT it lets packets into. */
const SERVICE_FIREWALL = 3;

function fixedRank(node: ChainNode): number | undefined {
  if (node.role === 'firewall') return isPerServiceChain(node.chain) ? SERVICE_FIREWALL : undefined;
  return FIXED[node.role];
}

/**
 * Each chain node's depth: its fixed rank, or one more than the deepest
 * chain node jumping to it (1 under a hook). Chains in a loop, which the
 * kernel would refuse, get one more than what leads into the loop.
 */
function depths(graph: Graph, chains: readonly ChainNode[]): Map<NodeId, number> {
  const depth = new Map<NodeId, number>();
  const pending = new Map<NodeId, number>();
  const preds = new Map<NodeId, NodeId[]>();
  const succs = new Map<NodeId, NodeId[]>();
  const isChain = new Set(chains.map((c) => c.id));
  for (const edge of graph.edges) {
    if (edge.kind === 'flow' || !isChain.has(edge.target) || !isChain.has(edge.source)) continue;
    if (edge.source === edge.target) continue;
    (preds.get(edge.target) ?? preds.set(edge.target, []).get(edge.target))?.push(edge.source);
    (succs.get(edge.source) ?? succs.set(edge.source, []).get(edge.source))?.push(edge.target);
  }
  const queue: NodeId[] = [];
  for (const chain of chains) {
    const count = preds.get(chain.id)?.length ?? 0;
    pending.set(chain.id, count);
    if (count === 0) queue.push(chain.id);
  }
  const settle = (node: ChainNode): void => {
    const fixed = fixedRank(node);
    const deepest = Math.max(0, ...(preds.get(node.id) ?? []).map((p) => depth.get(p) ?? 0));
    depth.set(node.id, fixed ?? deepest + 1);
  };
  const byId = new Map(chains.map((c) => [c.id, c]));
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as NodeId;
    settle(byId.get(id) as ChainNode);
    for (const next of succs.get(id) ?? []) {
      const left = (pending.get(next) ?? 0) - 1;
      pending.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  for (const chain of chains) if (!depth.has(chain.id)) settle(chain);
  return depth;
}

/**
 * The column of each chain node, counted from 0, with empty depths closed up.
 *
 * @example
 *   chainColumns(seedGraph).get('nat/KUBE-SEP-74XRUOWV76LDS3ID'); // 3
 */
export function chainColumns(graph: Graph): Map<NodeId, number> {
  const chains = graph.nodes.filter((n): n is ChainNode => n.kind === 'chain');
  const depth = depths(graph, chains);
  const used = [...new Set(depth.values())].sort((a, b) => a - b);
  const column = new Map(used.map((d, i) => [d, i]));
  return new Map([...depth].map(([id, d]) => [id, column.get(d) as number]));
}
