/**
 * The layout for kube-proxy's rules: the pipeline on the left, drawn like
 * the netfilter diagram, and the chains to its right in columns by the order
 * a packet meets them and in lanes by Service. Every position follows from
 * what the chains are, never from the order of the dump, and it takes a
 * few milliseconds for a graph of 500 chains, so it can run on every edit.
 */
import { anchorPositions } from './anchor-layout.ts';
import { chainColumns } from './chain-columns.ts';
import { lanes } from './lanes.ts';
import { PIPELINE_WIDTH, pipelinePositions } from './pipeline-layout.ts';
import { withPositions } from './positions.ts';
import { LINE_HEIGHT, NODE_WIDTH } from './sizes.ts';
import type { ChainNode, Graph, NodeId, Position } from './types.ts';

/** Between the pipeline and the first chain column: the hooks' jump edges fan out here. */
const CHAIN_AREA_GAP = 200;
/** Between chain columns. */
const CHAIN_COLUMN_GAP = 160;
/** Between chain nodes of one lane and column. */
export const NODE_GAP = 16;
/** Between lanes. */
export const LANE_GAP = 40;
/**
 * Room left below each chain of no Service (KUBE-SERVICES, KUBE-NODEPORTS,
 * the filter chains): kube-proxy adds a rule or two to them for every
 * Service, and with this room they grow into empty space instead of pushing
 * the chains under them down (see anchorPositions).
 */
export const GROWTH_ROOM = 4 * LINE_HEIGHT;

/** Where the chain columns begin. */
export const CHAIN_AREA_X = PIPELINE_WIDTH + CHAIN_AREA_GAP;

/** x of a chain column. */
export const columnX = (column: number): number =>
  CHAIN_AREA_X + column * (NODE_WIDTH + CHAIN_COLUMN_GAP);

export interface DomainLayoutOptions {
  /**
   * The graph shown before this one (the rules before an edit, or before a
   * chain was collapsed): chains in both stay where they were.
   */
  readonly previous?: Graph;
}

/** Fresh positions of the chain nodes: lanes top to bottom, each a row of column stacks. */
function chainPositions(graph: Graph): Map<NodeId, Position> {
  const columns = chainColumns(graph);
  const chains = graph.nodes.filter((n): n is ChainNode => n.kind === 'chain');
  const out = new Map<NodeId, Position>();
  let top = 0;
  for (const lane of lanes(chains)) {
    const stack = new Map<number, number>();
    const room = lane.key === '' ? GROWTH_ROOM : 0;
    for (const node of lane.nodes) {
      const column = columns.get(node.id) ?? 0;
      const y = stack.get(column) ?? 0;
      out.set(node.id, { x: columnX(column), y: top + y });
      stack.set(column, y + node.size.height + room + NODE_GAP);
    }
    top += Math.max(0, ...stack.values()) - NODE_GAP + LANE_GAP;
  }
  return out;
}

/**
 * The graph with every node placed by the domain layout.
 *
 * @example
 *   const graph = layoutDomain(built);
 *   const next = layoutDomain(rebuiltAfterEdit, { previous: graph }); // unchanged chains stay put
 */
export function layoutDomain(graph: Graph, options: DomainLayoutOptions = {}): Graph {
  const positions = pipelinePositions(graph.nodes);
  const fresh = chainPositions(graph);
  const chains = options.previous
    ? anchorPositions(graph, fresh, options.previous, NODE_GAP, LANE_GAP)
    : fresh;
  for (const [id, position] of chains) positions.set(id, position);
  return withPositions(graph, positions);
}
