/**
 * Placing nodes: a graph with new positions, and the overlap test both
 * layouts use.
 */
import type { Graph, GraphNode, NodeId, Position, Size } from './types.ts';

/**
 * The graph with each node at its position in `positions` (nodes it lacks
 * stay where they are). Nodes are copied, never changed.
 *
 * @example
 *   withPositions(graph, new Map([['nat/KUBE-SERVICES', { x: 0, y: 0 }]]));
 */
export function withPositions(graph: Graph, positions: ReadonlyMap<NodeId, Position>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((node): GraphNode => {
      const position = positions.get(node.id);
      return position ? { ...node, position } : node;
    }),
  };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const box = (position: Position, size: Size): Box => ({ ...position, ...size });

/** Whether two boxes come closer than `gap` to each other (horizontally overlapping ones only). */
export const crowds = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width &&
  b.x < a.x + a.width &&
  a.y < b.y + b.height + gap &&
  b.y < a.y + a.height + gap;

/**
 * The first y at or below `box.y` where `box` keeps `gap` from every placed
 * box: it moves straight down, past each box it would crowd.
 */
export function firstFreeY(target: Box, placed: readonly Box[], gap: number): number {
  let y = target.y;
  for (;;) {
    const at = { ...target, y };
    const blocker = placed.find((p) => crowds(at, p, gap));
    if (!blocker) return y;
    y = blocker.y + blocker.height + gap;
  }
}
