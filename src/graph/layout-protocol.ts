/**
 * What the main thread and the layout worker exchange: the graph's shape
 * only (ids, sizes, edges), never rule text or counters, so a message stays
 * small and cheap to copy; positions come back by id.
 */
import { withPositions } from './positions.ts';
import type { Graph, NodeId, Position } from './types.ts';

export interface LayoutRequest {
  /** Matches a response to its request: several may be in flight. */
  readonly id: number;
  /**
   * The nodes to place (chains), and the hook tables that jump to them, which
   * rank the chains but stay where the pipeline puts them (`fixed`).
   */
  readonly nodes: readonly {
    readonly id: NodeId;
    readonly width: number;
    readonly height: number;
    readonly fixed: boolean;
  }[];
  readonly edges: readonly { readonly source: NodeId; readonly target: NodeId }[];
}

export interface LayoutResponse {
  readonly id: number;
  /** Top-left corners of the nodes that moved. */
  readonly positions: readonly (readonly [NodeId, number, number])[];
}

/**
 * The request for a graph: its chain nodes and the jump edges among them
 * and from the hooks.
 *
 * @example
 *   layoutRequest(graph, 1).nodes.length; // the chains, plus the hook tables jumping to them
 */
export function layoutRequest(graph: Graph, id: number): LayoutRequest {
  const edges = graph.edges
    .filter((e) => e.kind !== 'flow')
    .map(({ source, target }) => ({ source, target }));
  const sources = new Set(edges.map((e) => e.source));
  const nodes = graph.nodes
    .filter((n) => n.kind === 'chain' || (n.kind === 'hook' && sources.has(n.id)))
    .map((n) => ({ id: n.id, ...n.size, fixed: n.kind !== 'chain' }));
  return { id, nodes, edges };
}

/** The graph with the positions a layout response gives. */
export function applyLayout(graph: Graph, response: LayoutResponse): Graph {
  return withPositions(
    graph,
    new Map<NodeId, Position>(response.positions.map(([id, x, y]) => [id, { x, y }])),
  );
}
